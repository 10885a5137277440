import { query } from '../lib/api';
import { labelOf, STRATA, type GroupComparison } from '../lib/indicators';
import { useApi } from '../lib/useApi';
import { SelectField } from './Field';

interface Props {
  code: string;
  scope: string;
  /** Dimensions the indicator may be stratified by. */
  dimensions: string[];
  /** "dimension:value" or "" for the whole population. */
  value: string;
  onValue: (stratum: string) => void;
}

/** A stratum is a dimension and one of its values; the values come from the groups the server can show. */
export function IndicatorStratumPicker({ code, scope, dimensions, value, onValue }: Props) {
  const cut = value.indexOf(':');
  const dimension = cut > 0 ? value.slice(0, cut) : '';
  const chosen = cut > 0 ? value.slice(cut + 1) : '';
  const groups = useApi<GroupComparison>(dimension ? `/api/v1/indicators/${encodeURIComponent(code)}/comparison${query({ scope, by: dimension })}` : null);
  const values = groups.data && groups.data.by === dimension ? groups.data.groups.filter((g) => !g.suppressed) : [];
  return (
    <>
      <SelectField
        id="indicator-stratum-dimension"
        label="Stratify by"
        value={dimension}
        onValue={(d) => onValue(d ? `${d}:` : '')}
      >
        <option value="">Whole population</option>
        {dimensions.map((d) => (
          <option key={d} value={d}>
            {labelOf(STRATA, d)}
          </option>
        ))}
      </SelectField>
      {dimension && (
        <SelectField id="indicator-stratum-value" label={labelOf(STRATA, dimension)} value={chosen} onValue={(v) => onValue(`${dimension}:${v}`)}>
          <option value="">Choose…</option>
          {values.map((g) => (
            <option key={g.key} value={g.key}>
              {g.label}
            </option>
          ))}
        </SelectField>
      )}
    </>
  );
}
