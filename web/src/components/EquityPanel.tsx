import { useState } from 'preact/hooks';
import { query } from '../lib/api';
import { EQUITY_DIMENSIONS, formatCount, formatValue, type GroupComparison } from '../lib/indicators';
import { useApi } from '../lib/useApi';
import { SelectField } from './Field';
import { ProblemNotice } from './IndicatorProblem';

interface Props {
  code: string;
  scope: string;
  /** The indicator's stratification dimensions. */
  strata: string[];
}

/**
 * The IOM "equitable" aim: the indicator for each demographic group over the last year, the gap between the
 * best and the worst served group, and the groups too small to show without risking re-identification.
 */
export function EquityPanel({ code, scope, strata }: Props) {
  const dims = EQUITY_DIMENSIONS.filter((d) => strata.includes(d.value));
  const [by, setBy] = useState(dims[0]?.value ?? '');
  const cmp = useApi<GroupComparison>(by ? `/api/v1/indicators/${encodeURIComponent(code)}/comparison${query({ scope, by })}` : null);
  const data = cmp.data && cmp.data.by === by ? cmp.data : null;
  const shown = data ? data.groups.filter((g) => !g.suppressed && g.value !== null) : [];
  const max = Math.max(0, ...shown.map((g) => g.value ?? 0), data?.overall ?? 0);
  const unit = data?.indicator.unitLabel ?? '';
  const labelOfKey = (key: string | null) => data?.groups.find((g) => g.key === key)?.label ?? key ?? '';

  return (
    <section class="card indicator-section" aria-labelledby="equity-title" data-testid="equity-panel">
      <h2 id="equity-title">Equity</h2>
      {dims.length === 0 ? (
        <p class="muted">This indicator is not stratified by a demographic dimension.</p>
      ) : (
        <>
          <form class="filters" aria-label="Equity dimension" onSubmit={(e) => e.preventDefault()}>
            <SelectField id="equity-by" label="Compare by" value={by} onValue={setBy}>
              {dims.map((d) => (
                <option key={d.value} value={d.value}>
                  {d.label}
                </option>
              ))}
            </SelectField>
          </form>
          <ProblemNotice error={cmp.error} testId="equity-error" />
          {cmp.loading && !data && <p class="muted">Loading…</p>}
          {data && (
            <>
              <p data-testid="equity-gap">
                {data.gap === null || data.best === null || data.worst === null
                  ? 'Fewer than two groups can be shown, so there is no gap to report.'
                  : `Gap ${unit === '%' ? `${formatValue(data.gap)} percentage points` : formatValue(data.gap, unit)} between ${labelOfKey(data.best)} (best) and ${labelOfKey(data.worst)} (worst)${data.ratio !== null ? `, ratio ${data.ratio.toFixed(2)}` : ''}, ${data.periods.from} to ${data.periods.to}.`}
              </p>
              <div class="table-wrap">
                <table class="data-table equity-table" data-testid="equity-table">
                  <caption class="visually-hidden">
                    The indicator by {by.replace('_', ' ')}, {data.periods.from} to {data.periods.to}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">Group</th>
                      <th scope="col" class="num">
                        Numerator
                      </th>
                      <th scope="col" class="num">
                        Denominator
                      </th>
                      <th scope="col" class="num">
                        Value
                      </th>
                      <th scope="col" class="bar-col">
                        <span class="visually-hidden">Bar</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {data.groups.map((g) => (
                      <tr key={g.key} data-testid="equity-row" data-suppressed={g.suppressed ? 'true' : 'false'}>
                        <th scope="row">
                          {g.label}
                          {g.key === data.best && <span class="badge badge-ok">Best</span>}
                          {g.key === data.worst && <span class="badge badge-warn">Worst</span>}
                        </th>
                        {g.suppressed ? (
                          <td colSpan={4} class="muted" data-testid="equity-suppressed">
                            — (fewer than {data.suppressionThreshold})
                          </td>
                        ) : (
                          <>
                            <td class="num">{formatCount(g.numerator)}</td>
                            <td class="num">{formatCount(g.denominator)}</td>
                            <td class="num">{formatValue(g.value, unit)}</td>
                            <td class="bar-col" aria-hidden="true">
                              <span class="equity-bar" style={{ width: `${max > 0 ? Math.max(1, ((g.value ?? 0) / max) * 100) : 0}%` }} />
                            </td>
                          </>
                        )}
                      </tr>
                    ))}
                  </tbody>
                  <tfoot>
                    <tr>
                      <th scope="row">All groups</th>
                      <td colSpan={2} />
                      <td class="num">{formatValue(data.overall, unit)}</td>
                      <td />
                    </tr>
                  </tfoot>
                </table>
              </div>
            </>
          )}
        </>
      )}
    </section>
  );
}
