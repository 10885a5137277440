/** Sentinel event marker: text, not colour alone. */
export function SentinelBadge() {
  return (
    <span class="badge badge-sentinel" data-testid="sentinel-badge">
      Sentinel
    </span>
  );
}

/** Overdue marker with an icon and the word, so it is not conveyed by colour only. */
export function OverdueTag({ what }: { what?: string }) {
  return (
    <span class="badge badge-danger" data-testid="overdue-tag">
      <span aria-hidden="true">⚠ </span>
      Overdue{what ? `: ${what}` : ''}
    </span>
  );
}
