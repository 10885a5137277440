import { scopeOptions, type Dashboard } from '../lib/indicators';
import { useAppState } from '../lib/session';
import { SelectField } from './Field';

interface Props {
  id: string;
  label?: string;
  /** What the caller may open, from the dashboard (`drill`). */
  drill: Dashboard['drill'] | null;
  value: string;
  onValue: (scope: string) => void;
  hint?: string;
}

/**
 * Organisation, sites and departments (grouped by site): choosing one drills the page down to it. The
 * organisation is offered to people with an organisation-wide grant; the server still decides (403 otherwise).
 */
export function IndicatorScopePicker({ id, label = 'Scope', drill, value, onValue, hint }: Props) {
  const { session, org } = useAppState();
  const orgWide = !!session?.user.grants.some((g) => g.scope.type === 'organisation');
  const options = scopeOptions(drill, org, orgWide || value === 'organisation');
  if (value && !options.some((o) => o.value === value)) options.unshift({ value, label: value, group: 'Current' });
  const groups = [...new Set(options.map((o) => o.group))];
  return (
    <SelectField id={id} label={label} value={value} onValue={onValue} hint={hint}>
      {groups.map((g) => (
        <optgroup key={g} label={g}>
          {options
            .filter((o) => o.group === g)
            .map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
