interface Props {
  field: string;
  label: string;
  sort: string;
  onSort: (sort: string) => void;
}

/** Column header that toggles `field` / `-field`; aria-sort tells screen readers the current order. */
export function SortHeader({ field, label, sort, onSort }: Props) {
  const active = sort === field || sort === `-${field}`;
  const desc = sort === `-${field}`;
  const next = active && !desc ? `-${field}` : field;
  return (
    <th scope="col" aria-sort={active ? (desc ? 'descending' : 'ascending') : undefined}>
      <button type="button" class="sort-button" onClick={() => onSort(next)} data-testid={`sort-${field}`}>
        {label}
        <span class="sort-indicator" aria-hidden="true">
          {active ? (desc ? '▼' : '▲') : '↕'}
        </span>
      </button>
    </th>
  );
}
