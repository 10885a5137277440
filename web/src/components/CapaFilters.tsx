import { CHOOSABLE_SOURCES, SOURCE_LABELS, STATE_LABELS, type CapaSource, type CapaState } from '../lib/capa';
import type { FormDepartment } from '../lib/incidents';
import { DepartmentSelect } from './DepartmentSelect';
import { CheckField, SelectField, TextField } from './Field';

export interface CapaFilterValues {
  q: string;
  state: string;
  source: string;
  departmentId: string;
  overdue: string;
}

export type CapaFilterKey = keyof CapaFilterValues;

export const FILTER_KEYS: CapaFilterKey[] = ['q', 'state', 'source', 'departmentId', 'overdue'];

export function readCapaFilters(search: URLSearchParams): CapaFilterValues {
  return {
    q: search.get('q') ?? '',
    state: search.get('state') ?? '',
    source: search.get('source') ?? '',
    departmentId: search.get('departmentId') ?? '',
    overdue: search.get('overdue') === 'true' ? 'true' : '',
  };
}

interface Props {
  filters: CapaFilterValues;
  onFilter: (key: CapaFilterKey, value: string) => void;
  departments: FormDepartment[];
  /** The board shows every state as a column, so it has no state filter. */
  withState: boolean;
}

const ALL_SOURCES: CapaSource[] = ['incident_investigation', ...CHOOSABLE_SOURCES];
const ALL_STATES = Object.keys(STATE_LABELS) as CapaState[];

export function CapaFilters({ filters, onFilter, departments, withState }: Props) {
  return (
    <form class="filters" role="search" aria-label="Filter CAPAs" onSubmit={(e) => e.preventDefault()}>
      <TextField id="capa-filter-q" label="Search" type="search" placeholder="Reference or words in the title" value={filters.q} onValue={(v) => onFilter('q', v)} />
      {withState && (
        <SelectField id="capa-filter-state" label="State" value={filters.state} onValue={(v) => onFilter('state', v)}>
          <option value="">Any state</option>
          {ALL_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s]}
            </option>
          ))}
        </SelectField>
      )}
      <SelectField id="capa-filter-source" label="Source" value={filters.source} onValue={(v) => onFilter('source', v)}>
        <option value="">Any source</option>
        {ALL_SOURCES.map((s) => (
          <option key={s} value={s}>
            {SOURCE_LABELS[s]}
          </option>
        ))}
      </SelectField>
      <DepartmentSelect id="capa-filter-departmentId" label="Department" departments={departments} value={filters.departmentId} onValue={(v) => onFilter('departmentId', v)} emptyLabel="Any department" />
      <CheckField id="capa-filter-overdue" label="Overdue only" checked={filters.overdue === 'true'} onChecked={(v) => onFilter('overdue', v ? 'true' : '')} />
    </form>
  );
}
