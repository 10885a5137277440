import { useMemo, useRef } from 'preact/hooks';
import { formatDate } from '../lib/datetime';
import { bandLabel, type Bands, type RiskReview } from '../lib/risk';
import { cssVar, useLazyChart } from '../lib/useLazyChart';
import { bandColours } from './RiskHeatMap';

/** The residual score at each review, over the band areas; the review table beside it has the same numbers. */
export function RiskTrendChart({ reviews, bands }: { reviews: RiskReview[]; bands: Bands }) {
  const el = useRef<HTMLDivElement>(null);
  const data = useMemo(() => (reviews.length > 0 ? { reviews, bands } : null), [reviews, bands]);
  const failed = useLazyChart(el, data, (target, d) =>
    import('../charts/riskTrend').then(({ renderRiskTrend }) =>
      renderRiskTrend(
        target,
        { points: d.reviews.map((r) => ({ date: r.reviewedOn, score: r.residual.score, label: bandLabel(r.residual.band) })), bands: d.bands },
        { bands: bandColours(), line: cssVar('--text', '#1b2330'), text: cssVar('--muted', '#576170') },
      ),
    ),
  );
  if (reviews.length === 0) return <p class="muted">No reviews yet: the trend starts with the first review.</p>;
  const first = reviews[0];
  const last = reviews[reviews.length - 1];
  const summary = `Residual score ${first.residual.score} on ${formatDate(first.reviewedOn)}, ${last.residual.score} (${last.residual.band}) at the latest review on ${formatDate(last.reviewedOn)}.`;
  return failed ? (
    <p class="muted">The chart could not be drawn; the review history has the same numbers.</p>
  ) : (
    <div ref={el} class="chart trend-chart" role="img" aria-label={`Residual score over time. ${summary}`} data-testid="risk-trend-chart" />
  );
}
