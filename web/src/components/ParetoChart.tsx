import { useRef } from 'preact/hooks';
import { pluralise } from '../lib/format';
import type { ParetoResult } from '../lib/incidents';
import { cssVar, useLazyChart } from '../lib/useLazyChart';

/** Pareto chart plus the same numbers as a table; ECharts is fetched only when this mounts. */
export function ParetoChart({ result, title }: { result: ParetoResult | null; title: string }) {
  const el = useRef<HTMLDivElement>(null);
  const bars = result?.bars;

  const chartError = useLazyChart(el, bars && bars.length > 0 ? bars : null, (target, data) =>
    import('../charts/pareto').then(({ renderParetoChart }) =>
      renderParetoChart(
        target,
        {
          labels: data.map((b) => b.label),
          counts: data.map((b) => b.count),
          cumulative: data.map((b) => Math.round(b.cumulativePercent * 10) / 10),
          vitalFew: data.map((b) => b.vitalFew),
        },
        { vital: cssVar('--accent', '#0f6b78'), other: '#a9b4c2', line: cssVar('--warn', '#8a5a00'), cut: cssVar('--danger', '#b42318') },
      ),
    ),
  );

  const vital = bars?.filter((b) => b.vitalFew) ?? [];
  const summary = bars
    ? bars.length === 0
      ? 'No events in this period.'
      : `${pluralise(result!.total, 'event')}. The vital few — ${vital.map((b) => b.label).join(', ')} — account for ${vital.length ? vital[vital.length - 1].cumulativePercent.toFixed(0) : 0}% of them.`
    : 'Loading…';

  return (
    <figure class="card chart-card pareto-card" data-testid="pareto-chart">
      <figcaption>
        <h2>{title}</h2>
        <span class="muted">{summary}</span>
      </figcaption>
      {!chartError && bars && bars.length > 0 && <div ref={el} class="chart chart-tall" role="img" aria-label={`Pareto chart. ${summary}`} />}
      {chartError && <p class="muted">The chart could not be drawn; the table below has the same numbers.</p>}
      {bars && bars.length > 0 && (
        <div class="table-wrap">
          <table class="data-table" data-testid="pareto-table">
            <caption class="visually-hidden">{title}: counts, share and cumulative share</caption>
            <thead>
              <tr>
                <th scope="col">{title.replace(/^Events by /, '').replace(/^./, (c) => c.toUpperCase())}</th>
                <th scope="col">Events</th>
                <th scope="col">Share</th>
                <th scope="col">Cumulative</th>
                <th scope="col">Vital few</th>
              </tr>
            </thead>
            <tbody>
              {bars.map((b) => (
                <tr key={b.key} class={b.vitalFew ? 'row-vital' : undefined}>
                  <th scope="row">{b.label}</th>
                  <td>{b.count.toLocaleString()}</td>
                  <td>{b.percent.toFixed(1)}%</td>
                  <td>{b.cumulativePercent.toFixed(1)}%</td>
                  <td>{b.vitalFew ? 'Yes' : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </figure>
  );
}
