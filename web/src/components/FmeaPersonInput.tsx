import { useState } from 'preact/hooks';
import { usePeopleSearch, type Person } from '../lib/people';

interface Props {
  id: string;
  label: string;
  /** User id as text; '' = nobody. */
  value: string;
  name: string | null;
  onValue: (id: string, name: string | null) => void;
  invalid: boolean;
  describedBy?: string;
  dataInput: string;
}

/**
 * The responsible person inside a worksheet cell: a compact combobox over the people directory (or the
 * user id typed, when the directory is refused). While its list is open it keeps Enter, Escape and the
 * arrow keys to itself, so they choose a person instead of saving or leaving the row.
 */
export function FmeaPersonInput({ id, label, value, name, onValue, invalid, describedBy, dataInput }: Props) {
  const [term, setTerm] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const found = usePeopleSearch(term ?? '');
  const items = term === null ? [] : found.items;
  const at = Math.min(active, items.length - 1);
  const listId = `${id}-list`;

  if (found.refused)
    return (
      <input
        id={id}
        class="cell-input"
        inputMode="numeric"
        aria-label={`${label} (user id)`}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        value={value}
        data-input={dataInput}
        onInput={(e) => onValue(e.currentTarget.value.replace(/[^0-9]/g, ''), null)}
      />
    );

  const choose = (p: Person) => {
    onValue(String(p.id), p.displayName);
    setTerm(null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (term === null) return;
    if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && items.length) {
      e.preventDefault();
      e.stopPropagation();
      setActive((at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter' && items[at]) {
      e.preventDefault();
      e.stopPropagation();
      choose(items[at]);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      setTerm(null);
    }
  };

  return (
    <div class="cell-picker">
      <input
        id={id}
        class="cell-input"
        type="text"
        role="combobox"
        autoComplete="off"
        aria-label={label}
        aria-autocomplete="list"
        aria-expanded={items.length > 0}
        aria-controls={listId}
        aria-activedescendant={items[at] ? `${id}-person-${items[at].id}` : undefined}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        placeholder="Nobody"
        value={term ?? name ?? (value ? `User #${value}` : '')}
        data-input={dataInput}
        onInput={(e) => {
          const text = e.currentTarget.value;
          setTerm(text);
          setActive(0);
          if (!text.trim()) onValue('', null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTerm(null)}
      />
      <ul id={listId} role="listbox" aria-label={label} class="picker-list" hidden={items.length === 0}>
        {items.map((p, i) => (
          <li key={p.id} id={`${id}-person-${p.id}`} role="option" aria-selected={i === at} class={i === at ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(p)}>
            {p.displayName}
            {p.departmentName && <span class="muted small"> · {p.departmentName}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
