import type { IncidentFormConfig } from '../lib/incidents';
import type { FilterKey, Filters } from '../lib/incidentQueues';
import { DepartmentSelect } from './DepartmentSelect';
import { CheckField, SelectField, TextField } from './Field';

interface Props {
  idPrefix: string;
  config: IncidentFormConfig | null;
  filters: Filters;
  onFilter: (key: FilterKey, value: string) => void;
  /** Filters this page does not offer (e.g. the state on the learning page). */
  omit?: FilterKey[];
}

function Options({ items }: { items: { id: string; label: string }[] | undefined }) {
  return (
    <>
      {items?.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </>
  );
}

/** The incident list filters, shared by the list and the learning page. */
export function IncidentFilters({ idPrefix, config, filters, onFilter, omit = [] }: Props) {
  const show = (k: FilterKey) => !omit.includes(k);
  const id = (k: string) => `${idPrefix}-${k}`;
  return (
    <>
      {show('q') && (
        <TextField id={id('q')} label="Search" type="search" placeholder="Words in the narrative or fields" value={filters.q} onValue={(v) => onFilter('q', v)} />
      )}
      {show('state') && (
        <SelectField id={id('state')} label="State" value={filters.state} onValue={(v) => onFilter('state', v)}>
          <option value="">Any state</option>
          <Options items={config?.states} />
        </SelectField>
      )}
      {show('type') && (
        <SelectField id={id('type')} label="Type" value={filters.type} onValue={(v) => onFilter('type', v)}>
          <option value="">Any type</option>
          <Options items={config?.eventTypes} />
        </SelectField>
      )}
      {show('category') && (
        <SelectField id={id('category')} label="Category" value={filters.category} onValue={(v) => onFilter('category', v)}>
          <option value="">Any category</option>
          <Options items={config?.categories} />
        </SelectField>
      )}
      {show('harm') && (
        <SelectField id={id('harm')} label="Harm" value={filters.harm} onValue={(v) => onFilter('harm', v)}>
          <option value="">Any harm</option>
          <Options items={config?.harmLevels} />
        </SelectField>
      )}
      {show('severity') && (
        <SelectField id={id('severity')} label="Severity" value={filters.severity} onValue={(v) => onFilter('severity', v)}>
          <option value="">Any severity</option>
          <Options items={config?.severities} />
        </SelectField>
      )}
      {show('departmentId') && (
        <DepartmentSelect id={id('departmentId')} label="Department" departments={config?.departments ?? []} value={filters.departmentId} onValue={(v) => onFilter('departmentId', v)} emptyLabel="Any department" />
      )}
      {show('from') && <TextField id={id('from')} label="Occurred from" type="date" value={filters.from} onValue={(v) => onFilter('from', v)} max={filters.to || undefined} />}
      {show('to') && <TextField id={id('to')} label="Occurred to" type="date" value={filters.to} onValue={(v) => onFilter('to', v)} min={filters.from || undefined} />}
      {show('sentinel') && (
        <CheckField id={id('sentinel')} label="Sentinel events only" checked={filters.sentinel === 'true'} onChecked={(v) => onFilter('sentinel', v ? 'true' : '')} />
      )}
    </>
  );
}
