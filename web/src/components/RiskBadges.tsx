import { bandLabel, type Band } from '../lib/risk';

/** A band as a coloured badge that also says the band and, when given, the score in words. */
export function BandBadge({ band, score, testId }: { band: Band; score?: number; testId?: string }) {
  return (
    <span class={`badge band-badge band-${band}`} data-band={band} data-testid={testId ?? 'band-badge'}>
      {score !== undefined && <span class="band-score">{score}</span>}
      {bandLabel(band)}
    </span>
  );
}

/** The risk has moved up to a broader register; marked with a word, not colour alone. */
export function EscalatedMarker() {
  return (
    <span class="badge badge-escalated" data-testid="escalated-marker">
      <span aria-hidden="true">▲ </span>
      Escalated
    </span>
  );
}

export function ReviewOverdueTag() {
  return (
    <span class="badge badge-danger" data-testid="review-overdue">
      <span aria-hidden="true">⚠ </span>
      Review overdue
    </span>
  );
}
