import { useRef } from 'preact/hooks';
import type { CapaAgeing } from '../lib/capa';
import { useLazyChart } from '../lib/useLazyChart';

// Light to dark with age, so the oldest work stands out without relying on hue alone.
const COLOURS = ['#a9d6dc', '#6fb5bf', '#f0b44c', '#d9822b', '#b42318'];

/** Stacked bars of the ageing table; the table beside it carries the same numbers for screen readers. */
export function CapaAgeingChart({ ageing }: { ageing: CapaAgeing }) {
  const el = useRef<HTMLDivElement>(null);
  const failed = useLazyChart(el, ageing, (target, data) =>
    import('../charts/capaAgeing').then(({ renderAgeingChart }) =>
      renderAgeingChart(
        target,
        {
          departments: data.rows.map((r) => r.departmentName),
          bands: data.bands,
          counts: data.bands.map((_, i) => data.rows.map((r) => r.counts[i] ?? 0)),
        },
        COLOURS,
      ),
    ),
  );
  if (failed || ageing.rows.length === 0) return null;
  const height = Math.max(160, 60 + ageing.rows.length * 30);
  return (
    <figure class="card chart-card" data-testid="capa-ageing-chart">
      <figcaption>
        <h2>Open CAPAs by department and age</h2>
      </figcaption>
      <div ref={el} class="chart" style={{ height: `${height}px` }} role="img" aria-label={`Open CAPAs by age band in ${ageing.rows.length} departments; the table below gives the numbers.`} />
    </figure>
  );
}
