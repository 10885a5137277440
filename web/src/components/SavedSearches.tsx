import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api, errorsByField, messageOf } from '../lib/api';
import type { SavedSearch } from '../lib/incidents';
import { useApi } from '../lib/useApi';

interface Props {
  module: string;
  /** The current filters as a query string without "?" (what Save stores). */
  current: string;
  onApply: (query: string) => void;
}

/** Named filter sets: apply one, save the current filters under a name, or delete one. */
export function SavedSearches({ module, current, onApply }: Props) {
  const list = useApi<{ items: SavedSearch[] }>(`/api/v1/saved-searches?module=${encodeURIComponent(module)}`);
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState('');

  const save = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    if (!name.trim()) {
      setError('Give the search a name.');
      return;
    }
    try {
      await api.post('/api/v1/saved-searches', { name: name.trim(), module, query: current });
      setStatus(`Saved “${name.trim()}”.`);
      setName('');
      setNaming(false);
      list.reload();
    } catch (err) {
      const fields = errorsByField(err);
      setError(fields.name ?? fields.query ?? messageOf(err));
    }
  };
  const remove = async (s: SavedSearch) => {
    if (!window.confirm(`Delete the saved search “${s.name}”?`)) return;
    try {
      await api.del(`/api/v1/saved-searches/${s.id}`);
      setStatus(`Deleted “${s.name}”.`);
      list.reload();
    } catch (err) {
      setStatus(messageOf(err));
    }
  };
  const items = list.data?.items ?? [];

  return (
    <section class="saved-searches" aria-labelledby="saved-searches-title" data-testid="saved-searches">
      <h2 id="saved-searches-title" class="inline-heading">
        Saved searches
      </h2>
      {items.length === 0 && !list.loading && <span class="muted small">None yet.</span>}
      <ul class="chip-list">
        {items.map((s) => (
          <li key={s.id} class="chip">
            <button type="button" class="chip-apply" onClick={() => onApply(s.query)} title={s.query}>
              {s.name}
            </button>
            <button type="button" class="chip-remove" onClick={() => void remove(s)} aria-label={`Delete saved search ${s.name}`}>
              <span aria-hidden="true">×</span>
            </button>
          </li>
        ))}
      </ul>
      {naming ? (
        <form class="inline-form" onSubmit={save} noValidate>
          <label for="saved-search-name">Name</label>
          <input id="saved-search-name" value={name} onInput={(e) => setName(e.currentTarget.value)} aria-invalid={!!error || undefined} aria-describedby={error ? 'saved-search-error' : undefined} autoFocus />
          <button type="submit" class="btn btn-primary">
            Save
          </button>
          <button type="button" class="btn btn-secondary" onClick={() => setNaming(false)}>
            Cancel
          </button>
          {error && (
            <p class="field-error" id="saved-search-error">
              {error}
            </p>
          )}
        </form>
      ) : (
        <button type="button" class="btn btn-secondary" onClick={() => setNaming(true)} data-testid="save-search">
          Save these filters
        </button>
      )}
      <span class="visually-hidden" aria-live="polite">
        {status}
      </span>
    </section>
  );
}
