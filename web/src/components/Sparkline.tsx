import { useMemo, useRef } from 'preact/hooks';
import { cssVar, useLazyChart } from '../lib/useLazyChart';

interface Props {
  points: { period: string; value: number | null }[];
  /** Colour of the last point (its variation). */
  lastColour: string;
  label: string;
}

/** The small trend of a dashboard tile; the figure beside it carries the latest value in text. */
export function Sparkline({ points, lastColour, label }: Props) {
  const el = useRef<HTMLDivElement>(null);
  const values = useMemo(() => (points.length > 1 ? points.map((p) => p.value) : null), [points]);
  const failed = useLazyChart(el, values, (target, v) =>
    import('../charts/sparkline').then(({ renderSparkline }) => renderSparkline(target, v, cssVar('--muted', '#576170'), lastColour)),
  );
  if (points.length < 2 || failed) return <div class="sparkline sparkline-empty" aria-hidden="true" />;
  const first = points[0];
  const last = points[points.length - 1];
  return (
    <div
      ref={el}
      class="sparkline"
      role="img"
      aria-label={`${label}: trend over ${points.length} periods, ${first.period} to ${last.period}`}
      data-testid="sparkline"
      data-points={points.length}
    />
  );
}
