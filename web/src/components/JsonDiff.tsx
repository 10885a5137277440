type Flat = Map<string, string>;

/** Flattens nested objects to dotted paths so nested changes are highlighted precisely. */
function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, JSON.stringify(value));
  } else if (value !== null && value !== undefined) {
    out.set('(value)', JSON.stringify(value));
  }
  return out;
}

interface Props {
  before: unknown;
  after: unknown;
}

export function JsonDiff({ before, after }: Props) {
  const b = flatten(before);
  const a = flatten(after);
  const keys = [...new Set([...b.keys(), ...a.keys()])];
  if (keys.length === 0) return <p class="muted">This entry records no data changes.</p>;
  const changedCount = keys.filter((k) => b.get(k) !== a.get(k)).length;

  return (
    <div class="json-diff" data-testid="json-diff">
      <table class="diff-table">
        <caption>
          Before and after{before != null && after != null ? ` — ${changedCount} changed` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">Field</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
          </tr>
        </thead>
        <tbody>
          {keys.map((k) => {
            const changed = b.get(k) !== a.get(k);
            return (
              <tr key={k} class={changed ? 'changed' : undefined} data-changed={changed || undefined}>
                <th scope="row">
                  <code>{k}</code>
                  {changed && <span class="visually-hidden"> (changed)</span>}
                </th>
                <td>{b.has(k) ? <code>{b.get(k)}</code> : <span class="muted">—</span>}</td>
                <td>{a.has(k) ? <code>{a.get(k)}</code> : <span class="muted">—</span>}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details class="raw-json">
        <summary>Raw JSON</summary>
        <div class="raw-json-panes">
          <pre aria-label="Before (JSON)">{JSON.stringify(before, null, 2)}</pre>
          <pre aria-label="After (JSON)">{JSON.stringify(after, null, 2)}</pre>
        </div>
      </details>
    </div>
  );
}
