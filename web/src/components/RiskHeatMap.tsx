import { useMemo, useRef } from 'preact/hooks';
import { pluralise } from '../lib/format';
import { BANDS, bandLabel, bandScoreRange, CONSEQUENCES, LIKELIHOODS, levelLabel, type HeatMap, type Level } from '../lib/risk';
import { cssVar, useLazyChart } from '../lib/useLazyChart';

export interface Cell {
  likelihood: number;
  consequence: number;
}

interface Props {
  heat: HeatMap | null;
  likelihoods?: Level[];
  consequences?: Level[];
  selected: Cell | null;
  onCell: (cell: Cell | null) => void;
}

export function bandColours(): [string, string, string, string] {
  return [cssVar('--band-low', '#bfe3c8'), cssVar('--band-moderate', '#fde89a'), cssVar('--band-high', '#f7b77a'), cssVar('--band-extreme', '#ee8a80')];
}

/**
 * The register's 5×5 heat map of residual ratings: a chart for the eye and the same matrix as a table of
 * buttons for the keyboard. Choosing a cell (again: un-choosing it) filters the list below.
 */
export function RiskHeatMap({ heat, likelihoods = LIKELIHOODS, consequences = CONSEQUENCES, selected, onCell }: Props) {
  const el = useRef<HTMLDivElement>(null);
  // The chart's click handler is bound once per drawing; it reads the latest callback through this ref.
  const pick = useRef(onCell);
  pick.current = onCell;
  const choose = (cell: Cell) =>
    pick.current(selected && selected.likelihood === cell.likelihood && selected.consequence === cell.consequence ? null : cell);
  const chosen = useRef(choose);
  chosen.current = choose;

  // A new object only when what is drawn changes: the chart is redrawn whenever this changes.
  const chartData = useMemo(() => (heat ? { heat, selected } : null), [heat, selected?.likelihood, selected?.consequence]);
  const chartError = useLazyChart(el, chartData, (target, data) =>
    import('../charts/heatmap').then(({ renderHeatMap }) =>
      renderHeatMap(
        target,
        {
          likelihoodLabels: [1, 2, 3, 4, 5].map((l) => levelLabel(likelihoods, l)),
          consequenceLabels: [1, 2, 3, 4, 5].map((c) => levelLabel(consequences, c)),
          cells: data.heat.cells.map((c) => ({ ...c, bandIndex: BANDS.indexOf(c.band), bandLabel: bandLabel(c.band) })),
          selected: data.selected,
        },
        { bands: bandColours(), text: cssVar('--muted', '#576170'), selected: cssVar('--text', '#1b2330') },
        (likelihood, consequence) => chosen.current({ likelihood, consequence }),
      ),
    ),
  );

  const cellOf = (l: number, c: number) => heat?.cells.find((x) => x.likelihood === l && x.consequence === c);
  const summary = heat ? `${pluralise(heat.total, 'risk')} on this view, by residual rating.` : 'Loading…';

  return (
    <figure class="card chart-card heat-card" data-testid="risk-heat-map">
      <figcaption>
        <h2>Heat map</h2>
        <span class="muted">{summary}</span>
      </figcaption>
      <div class="heat-layout">
        {!chartError && heat && <div ref={el} class="chart heat-chart" role="img" aria-label={`Risk heat map. ${summary} The table next to it has the same numbers.`} data-testid="heat-chart" />}
        <div class="heat-matrix-wrap">
          <table class="heat-matrix" data-testid="heat-matrix">
            <caption class="visually-hidden">Risks by likelihood (rows) and consequence (columns); choose a cell to list its risks</caption>
            <thead>
              <tr>
                <td class="heat-corner">
                  <span class="muted small">Likelihood / consequence</span>
                </td>
                {[1, 2, 3, 4, 5].map((c) => (
                  <th key={c} scope="col">
                    {levelLabel(consequences, c)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {[5, 4, 3, 2, 1].map((l) => (
                <tr key={l}>
                  <th scope="row">{levelLabel(likelihoods, l)}</th>
                  {[1, 2, 3, 4, 5].map((c) => {
                    const cell = cellOf(l, c);
                    const count = cell?.count ?? 0;
                    const pressed = !!selected && selected.likelihood === l && selected.consequence === c;
                    return (
                      <td key={c}>
                        <button
                          type="button"
                          class={`heat-cell band-${cell?.band ?? 'low'}${count === 0 ? ' heat-empty' : ''}`}
                          aria-pressed={pressed}
                          aria-label={`${levelLabel(likelihoods, l)} likelihood, ${levelLabel(consequences, c)} consequence: ${pluralise(count, 'risk')}, score ${cell?.score ?? l * c}${cell ? `, ${cell.band}` : ''}`}
                          data-testid={`heat-cell-${l}-${c}`}
                          data-count={count}
                          data-band={cell?.band}
                          onClick={() => choose({ likelihood: l, consequence: c })}
                          disabled={!heat}
                        >
                          {count}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
          {heat && (
            <ul class="band-legend" aria-label="Bands">
              {BANDS.map((b) => {
                const range = bandScoreRange(b, heat.bands);
                if (!range) return null;
                const [from, to] = range;
                return (
                  <li key={b}>
                    <span class={`legend-swatch band-${b}`} aria-hidden="true" />
                    {bandLabel(b)} {from === to ? from : `${from}–${to}`}
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      </div>
      {chartError && <p class="muted">The chart could not be drawn; the table has the same numbers.</p>}
    </figure>
  );
}
