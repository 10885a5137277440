import { useState } from 'preact/hooks';
import { messageOf } from '../lib/api';
import { usePeopleSearch, type Person } from '../lib/people';

interface Props {
  id: string;
  label: string;
  /** User id as text; '' = nobody. */
  value: string;
  /** The chosen user id ('' = nobody) and, when picked from the directory, the person's name. */
  onValue: (id: string, name: string | null) => void;
  /** Name of the user currently chosen, when known. */
  currentName?: string | null;
  error?: string;
  emptyLabel?: string;
}

/**
 * Chooses a person: a combobox searching the people directory by name. If the server refuses the directory
 * to this user (403), the user id is typed instead.
 */
export function UserPicker({ id, label, value, onValue, currentName, error, emptyLabel = 'Nobody' }: Props) {
  // null = not searching: the box shows the chosen person.
  const [term, setTerm] = useState<string | null>(null);
  const [active, setActive] = useState(0);
  const found = usePeopleSearch(term ?? '');
  const byId = found.refused;
  const items = term === null ? [] : found.items;
  const at = Math.min(active, items.length - 1);
  const listId = `${id}-list`;
  const optionId = (p: Person) => `${id}-person-${p.id}`;

  const choose = (p: Person) => {
    onValue(String(p.id), p.displayName);
    setTerm(null);
  };
  const type = (text: string) => {
    setTerm(text);
    setActive(0);
    if (!text.trim() && value) onValue('', null);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (items.length) setActive((at + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length);
    } else if (e.key === 'Enter' && term !== null) {
      // Mid-search, Enter picks the highlighted person; it never sends the form with a half-typed name.
      e.preventDefault();
      if (items[at]) choose(items[at]);
    } else if (e.key === 'Escape' && term !== null) {
      e.preventDefault();
      setTerm(null);
    }
  };

  const chosen = currentName ?? (value ? `User #${value}` : '');
  const hint = (() => {
    if (byId) return currentName ? `Currently ${currentName}. Enter another user id, or clear it for nobody.` : 'Enter the user id number, or leave empty for nobody.';
    if (found.error) return messageOf(found.error);
    if (found.searching) return 'Searching…';
    if (!term?.trim()) return `Type a name to search${value ? '; clear it for nobody' : ''}.`;
    return items.length ? `${items.length} found: use the arrow keys and Enter, or click a name.` : 'Nobody found by that name.';
  })();
  const describedBy = `${id}-hint${error ? ` ${id}-error` : ''}`;

  return (
    <div class={`field user-picker${error ? ' field-invalid' : ''}`}>
      <label for={id}>{byId ? `${label} (user id)` : label}</label>
      <div class="picker-box">
        {byId ? (
          <input id={id} name={id} inputMode="numeric" value={value} onInput={(e) => onValue(e.currentTarget.value.replace(/[^0-9]/g, ''), null)} aria-describedby={describedBy} aria-invalid={!!error || undefined} />
        ) : (
          <input
            id={id}
            name={id}
            type="text"
            role="combobox"
            autoComplete="off"
            aria-autocomplete="list"
            aria-expanded={items.length > 0}
            aria-controls={listId}
            aria-activedescendant={items[at] ? optionId(items[at]) : undefined}
            aria-describedby={describedBy}
            aria-invalid={!!error || undefined}
            placeholder={emptyLabel}
            value={term ?? chosen}
            onInput={(e) => type(e.currentTarget.value)}
            onKeyDown={onKeyDown}
            onBlur={() => setTerm(null)}
          />
        )}
        <ul id={listId} role="listbox" aria-label={label} class="picker-list" hidden={items.length === 0}>
          {items.map((p, i) => (
            // mousedown would blur the box (and close the list) before the click lands.
            <li key={p.id} id={optionId(p)} role="option" aria-selected={i === at} class={i === at ? 'active' : undefined} onMouseDown={(e) => e.preventDefault()} onClick={() => choose(p)}>
              {p.displayName}
              {p.departmentName && <span class="muted small"> · {p.departmentName}</span>}
            </li>
          ))}
        </ul>
      </div>
      <p class="field-hint" id={`${id}-hint`} aria-live="polite">
        {hint}
      </p>
      {error && (
        <p class="field-error" id={`${id}-error`} data-testid={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}
