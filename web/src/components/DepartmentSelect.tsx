import type { FormDepartment } from '../lib/incidents';
import { SelectField } from './Field';

interface Props {
  id: string;
  label: string;
  departments: FormDepartment[];
  value: string;
  onValue: (v: string) => void;
  error?: string;
  /** Text of the empty option, e.g. "Any department"; omitted = a choice is required. */
  emptyLabel?: string;
  hint?: string;
}

/** Departments from the incident form, grouped by site. */
export function DepartmentSelect({ id, label, departments, value, onValue, error, emptyLabel, hint }: Props) {
  const sites = [...new Map(departments.map((d) => [d.siteId, d.siteName])).entries()];
  return (
    <SelectField id={id} label={label} value={value} onValue={onValue} error={error} hint={hint}>
      <option value="">{emptyLabel ?? 'Choose a department…'}</option>
      {sites.map(([siteId, siteName]) => (
        <optgroup key={siteId} label={siteName}>
          {departments
            .filter((d) => d.siteId === siteId)
            .map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.name}
              </option>
            ))}
        </optgroup>
      ))}
    </SelectField>
  );
}
