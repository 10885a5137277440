import { useMemo, useRef, useState } from 'preact/hooks';
import { query } from '../lib/api';
import { formatCount, formatValue, type GroupComparison } from '../lib/indicators';
import { useApi } from '../lib/useApi';
import { cssVar, useLazyChart } from '../lib/useLazyChart';
import { SelectField } from './Field';
import { ProblemNotice } from './IndicatorProblem';
import { MDC_COLOURS } from './MdcIcons';

/** Units compared at one point in time on a funnel plot, with the numbers in a table beneath. */
export function FunnelChart({ code, scope, scopeName }: { code: string; scope: string; scopeName: string }) {
  const [by, setBy] = useState(scope === 'organisation' ? 'site' : 'department');
  const cmp = useApi<GroupComparison>(`/api/v1/indicators/${encodeURIComponent(code)}/comparison${query({ scope, by })}`);
  const data = cmp.data && cmp.data.by === by ? cmp.data : null;
  const el = useRef<HTMLDivElement>(null);
  const groups = useMemo(
    () =>
      data
        ? data.groups
            .filter((g) => !g.suppressed && g.value !== null && g.denominator !== null)
            .map((g) => ({
              label: g.label,
              denominator: g.denominator ?? 0,
              value: g.value ?? 0,
              lower95: g.lower95,
              upper95: g.upper95,
              lower998: g.lower998,
              upper998: g.upper998,
              outside95: g.outside95,
              outside998: g.outside998,
            }))
        : null,
    [data],
  );
  const drawable = useMemo(() => (groups && groups.length > 0 && data ? { groups, overall: data.overall, unit: data.indicator.unitLabel } : null), [groups]);
  const failed = useLazyChart(el, drawable, (target, d) =>
    import('../charts/funnel').then(({ renderFunnel }) =>
      renderFunnel(target, d.groups, d.overall, d.unit, {
        point: cssVar('--text', '#1b2330'),
        outside: MDC_COLOURS.concern,
        limit95: cssVar('--muted', '#576170'),
        limit998: '#b42318',
        overall: cssVar('--accent', '#0f6b78'),
        text: cssVar('--muted', '#576170'),
      }),
    ),
  );
  const unit = data?.indicator.unitLabel ?? '';
  return (
    <section class="card indicator-section" aria-labelledby="funnel-title" data-testid="funnel-panel">
      <h2 id="funnel-title">Unit comparison</h2>
      <form class="filters" aria-label="Compare units" onSubmit={(e) => e.preventDefault()}>
        <SelectField id="funnel-by" label="Compare" value={by} onValue={setBy}>
          <option value="department">Departments</option>
          <option value="site">Sites</option>
        </SelectField>
      </form>
      <ProblemNotice error={cmp.error} testId="funnel-error" />
      {data && (
        <>
          <p class="small muted">
            {by === 'site' ? 'Sites' : 'Departments'} of {data.scope.name || scopeName}, {data.periods.from} to {data.periods.to}. Units outside the 99.8% limits differ by more than chance; orange points lie outside a limit.
          </p>
          {drawable && !failed && (
            <div ref={el} class="chart funnel-chart" role="img" aria-label={`Funnel plot of ${groups?.length ?? 0} units; the table below gives the numbers.`} data-testid="funnel-chart" />
          )}
          <details class="spc-data">
            <summary>Data</summary>
            <div class="table-wrap">
              <table class="data-table" data-testid="funnel-table">
                <caption class="visually-hidden">Each unit's value with its funnel limits</caption>
                <thead>
                  <tr>
                    <th scope="col">Unit</th>
                    <th scope="col" class="num">
                      Denominator
                    </th>
                    <th scope="col" class="num">
                      Value
                    </th>
                    <th scope="col" class="num">
                      95% limits
                    </th>
                    <th scope="col" class="num">
                      99.8% limits
                    </th>
                    <th scope="col">Reading</th>
                  </tr>
                </thead>
                <tbody>
                  {data.groups.map((g) => (
                    <tr key={g.key}>
                      <th scope="row">{g.label}</th>
                      {g.suppressed ? (
                        <td colSpan={5} class="muted">
                          — (fewer than {data.suppressionThreshold})
                        </td>
                      ) : (
                        <>
                          <td class="num">{formatCount(g.denominator)}</td>
                          <td class="num">{formatValue(g.value, unit)}</td>
                          <td class="num">
                            {formatValue(g.lower95)} – {formatValue(g.upper95)}
                          </td>
                          <td class="num">
                            {formatValue(g.lower998)} – {formatValue(g.upper998)}
                          </td>
                          <td>{g.outside998 ? 'Outside 99.8%' : g.outside95 ? 'Outside 95%' : 'Within limits'}</td>
                        </>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
    </section>
  );
}
