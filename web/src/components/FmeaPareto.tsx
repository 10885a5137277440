import { useMemo, useRef } from 'preact/hooks';
import type { ParetoBar } from '../lib/incidents';
import { cssVar, useLazyChart } from '../lib/useLazyChart';

/** Which failure modes carry most of the study's risk: RPN per mode with the cumulative share (the shared Pareto chart). */
export function FmeaPareto({ bars }: { bars: ParetoBar[] }) {
  const el = useRef<HTMLDivElement>(null);
  const data = useMemo(() => (bars.length > 0 ? bars : null), [bars]);
  const failed = useLazyChart(el, data, (target, d) =>
    import('../charts/pareto').then(({ renderParetoChart }) =>
      renderParetoChart(
        target,
        {
          labels: d.map((b) => b.label),
          counts: d.map((b) => b.count),
          cumulative: d.map((b) => Math.round(b.cumulativePercent * 10) / 10),
          vitalFew: d.map((b) => b.vitalFew),
        },
        { vital: cssVar('--accent', '#0f6b78'), other: '#a9b4c2', line: cssVar('--warn', '#8a5a00'), cut: cssVar('--danger', '#b42318') },
        { bars: 'RPN', line: 'Cumulative %' },
      ),
    ),
  );
  const vital = bars.filter((b) => b.vitalFew);
  const summary =
    bars.length === 0
      ? 'No failure modes yet.'
      : `${vital.length} of ${bars.length} failure modes carry ${vital.length ? vital[vital.length - 1].cumulativePercent.toFixed(0) : 0}% of the total RPN.`;
  return (
    <figure class="card chart-card pareto-card" data-testid="fmea-pareto">
      <figcaption>
        <h2>RPN by failure mode</h2>
        <span class="muted">{summary}</span>
      </figcaption>
      {!failed && bars.length > 0 && <div ref={el} class="chart chart-tall" role="img" aria-label={`Pareto chart of RPN by failure mode. ${summary}`} />}
      {failed && <p class="muted">The chart could not be drawn; the worksheet has the same numbers.</p>}
      {bars.length > 0 && (
        <details class="pareto-numbers">
          <summary>Numbers</summary>
          <div class="table-wrap">
            <table class="data-table" data-testid="fmea-pareto-table">
              <caption class="visually-hidden">RPN by failure mode, share and cumulative share</caption>
              <thead>
                <tr>
                  <th scope="col">Failure mode</th>
                  <th scope="col">RPN</th>
                  <th scope="col">Share</th>
                  <th scope="col">Cumulative</th>
                </tr>
              </thead>
              <tbody>
                {bars.map((b) => (
                  <tr key={b.key} class={b.vitalFew ? 'row-vital' : undefined}>
                    <th scope="row">{b.label}</th>
                    <td>{b.count}</td>
                    <td>{b.percent.toFixed(1)}%</td>
                    <td>{b.cumulativePercent.toFixed(1)}%</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </figure>
  );
}
