interface Props {
  total: number;
  limit: number;
  offset: number;
  onOffset: (offset: number) => void;
  label: string;
  /** The server stopped counting at `total`: there are at least that many. */
  capped?: boolean;
}

export function Pager({ total, limit, offset, onOffset, label, capped = false }: Props) {
  const first = total === 0 ? 0 : offset + 1;
  const last = Math.min(offset + limit, total);
  const page = Math.floor(offset / limit) + 1;
  const pages = Math.max(1, Math.ceil(total / limit));
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <p class="pager-status" aria-live="polite" data-testid="pager-status">
        {total === 0 ? 'No results' : `Showing ${first}–${last} of ${total.toLocaleString()}${capped ? '+' : ''}`}
      </p>
      <div class="pager-buttons">
        <button type="button" class="btn btn-secondary" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - limit))}>
          Previous
        </button>
        <span class="pager-page">
          Page {page} of {pages}
          {capped ? '+' : ''}
        </span>
        <button type="button" class="btn btn-secondary" disabled={last >= total} onClick={() => onOffset(offset + limit)}>
          Next
        </button>
      </div>
    </nav>
  );
}
