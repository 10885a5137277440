import { useMemo, useState } from 'preact/hooks';
import { AnnotationsPanel } from '../components/AnnotationsPanel';
import { EquityPanel } from '../components/EquityPanel';
import { isPageError, LoadError } from '../components/ErrorPages';
import { CheckField, SelectField } from '../components/Field';
import { FunnelChart } from '../components/FunnelChart';
import { IndicatorExports } from '../components/IndicatorExports';
import { ProblemNotice } from '../components/IndicatorProblem';
import { IndicatorScopePicker } from '../components/IndicatorScopePicker';
import { IndicatorSettingsPanel } from '../components/IndicatorSettingsPanel';
import { IndicatorStratumPicker } from '../components/IndicatorStratumPicker';
import { AssuranceIcon, VariationIcon } from '../components/MdcIcons';
import { Page } from '../components/Page';
import { SpcChart } from '../components/SpcChart';
import { SpcSignalsTable } from '../components/SpcSignalsTable';
import { query } from '../lib/api';
import { CHARTS, drillFromGrants, formatValue, RULES, scopeParam, type Indicator, type IndicatorChart } from '../lib/indicators';
import { Link, navigate, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import { useApi } from '../lib/useApi';

/** The chart's reading in words: the tile icons, larger, with their labels written out. */
function Reading({ chart }: { chart: IndicatorChart }) {
  const variation = chart.variation || 'common_cause';
  return (
    <div class="indicator-reading" data-testid="indicator-reading">
      <VariationIcon variation={variation} label={chart.variationLabel || 'Common cause variation'} size={40} showLabel testId="detail-variation-icon" />
      <AssuranceIcon assurance={chart.assurance} label={chart.assuranceLabel || 'No target to assure'} size={40} showLabel testId="detail-assurance-icon" />
    </div>
  );
}

/** One indicator in depth: its control chart with the controls, signals, equity, unit comparison and annotations. */
export function IndicatorDetailPage({ code }: { code: string }) {
  const { session, org } = useAppState();
  const { search } = useLocation();
  const scope = search.get('scope') ?? '';
  const stratum = search.get('stratum') ?? '';
  const chartType = search.get('chart') ?? '';
  const rules = search.get('rules') ?? '';
  const [twoSigma, setTwoSigma] = useState(false);
  const [saved, setSaved] = useState<Indicator | null>(null);

  const base = `/api/v1/indicators/${encodeURIComponent(code)}`;
  const indicator = useApi<Indicator>(base);
  // A stratum without its value yet ("age_band:") is not asked for.
  const askedStratum = stratum.endsWith(':') ? '' : stratum;
  const chart = useApi<IndicatorChart>(`${base}/chart${query({ scope, stratum: askedStratum, chart: chartType, rules })}`);
  const drill = useMemo(() => drillFromGrants(org, session?.user.grants ?? []), [org, session]);

  const setParam = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key === 'scope') next.delete('stratum');
    const q = next.toString();
    navigate(`/indicators/${encodeURIComponent(code)}${q ? `?${q}` : ''}`, { replace: true });
  };

  if (isPageError(indicator.error)) return <LoadError error={indicator.error} />;
  const ind = saved ?? indicator.data;
  const data = chart.data;
  const currentScope = data ? scopeParam(data.scope) : scope || 'organisation';
  const lastPeriod = data && data.points.length > 0 ? data.points[data.points.length - 1].period : null;
  const canManage = hasPermission(session, 'indicators.manage');
  // Settings are organisation-wide, so only an organisation-wide grant may change them (the server checks).
  const orgWide = !!session?.user.grants.some((g) => g.scope.type === 'organisation');
  // A department is compared with the other departments of its site.
  const deptSite = currentScope.startsWith('department:') ? org?.sites.find((s) => s.departments.some((d) => `department:${d.id}` === currentScope)) : undefined;
  const funnelScope = deptSite ? `site:${deptSite.id}` : currentScope;
  const funnelScopeName = deptSite?.name ?? data?.scope.name ?? '';
  const last = data && data.points.length > 0 ? data.points[data.points.length - 1] : null;

  return (
    <Page
      title={ind?.name ?? 'Indicator'}
      testId="indicator-detail-page"
      intro={
        ind ? (
          <>
            {ind.domainLabel} · {ind.unitLabel} · {ind.direction === 'higher_is_better' ? 'higher is better' : 'lower is better'}. <Link href={`/dashboards/executive?scope=${encodeURIComponent(currentScope)}`}>Back to the dashboard</Link>
          </>
        ) : undefined
      }
      actions={ind && <IndicatorExports code={code} scope={currentScope} stratum={askedStratum} period={lastPeriod} />}
    >
      <ProblemNotice error={indicator.error} testId="indicator-load-error" />
      {ind?.description && <p class="indicator-description">{ind.description}</p>}
      {ind?.citation && <p class="small muted">Definition: {ind.citation}</p>}

      <form class="filters filters-wide" aria-label="Chart controls" onSubmit={(e) => e.preventDefault()} data-testid="chart-controls">
        <IndicatorScopePicker id="indicator-scope" drill={drill} value={scope || currentScope} onValue={(v) => setParam('scope', v)} />
        {ind && ind.strata.length > 0 && <IndicatorStratumPicker code={code} scope={currentScope} dimensions={ind.strata} value={stratum} onValue={(v) => setParam('stratum', v)} />}
        <SelectField id="indicator-chart-type" label="Chart" value={chartType} onValue={(v) => setParam('chart', v)}>
          <option value="">Indicator's own{ind ? ` (${CHARTS.find((c) => c.value === ind.chart)?.label ?? ind.chart})` : ''}</option>
          {CHARTS.map((c) => (
            <option key={c.value} value={c.value}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <SelectField id="indicator-rules" label="Rules" value={rules} onValue={(v) => setParam('rules', v)}>
          <option value="">Indicator's own</option>
          {RULES.map((r) => (
            <option key={r.value} value={r.value}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <CheckField id="indicator-two-sigma" label="Show 2-sigma lines" checked={twoSigma} onChecked={setTwoSigma} />
      </form>

      <ProblemNotice error={chart.error} testId="chart-error" />
      {chart.loading && !data && <p class="muted">Computing the chart…</p>}
      {data && (
        <div aria-busy={chart.loading}>
          <section class="card indicator-section" aria-labelledby="chart-title">
            <div class="section-title-row">
              <h2 id="chart-title">
                {data.scope.name}
                {data.stratum ? ` · ${data.stratum.dimension.replace('_', ' ')} ${data.stratum.value}` : ''}
              </h2>
              <Reading chart={data} />
            </div>
            {last && (
              <p class="indicator-latest" data-testid="indicator-latest">
                Latest ({last.period}): <strong>{formatValue(last.value, data.indicator.unitLabel)}</strong>
                {data.indicator.target !== null ? ` · target ${formatValue(data.indicator.target, data.indicator.unitLabel)}` : ''}
              </p>
            )}
            <SpcChart chart={data} showTwoSigma={twoSigma} pngName={`${code}-${currentScope.replace(':', '-')}.png`} />
          </section>
          <SpcSignalsTable code={code} chart={data} scope={currentScope} canOpenCapa={hasPermission(session, 'capa.manage')} />
        </div>
      )}
      {ind && (
        <div class="indicator-panels">
          <EquityPanel code={code} scope={currentScope} strata={ind.strata} />
          <FunnelChart code={code} scope={funnelScope} scopeName={funnelScopeName} />
        </div>
      )}
      {data && (
        <AnnotationsPanel code={code} scope={currentScope} periods={data.points.map((p) => p.period)} canManage={canManage} onChanged={chart.reload} />
      )}
      {ind && canManage && orgWide && (
        <IndicatorSettingsPanel
          indicator={ind}
          onSaved={(next) => {
            setSaved(next);
            chart.reload();
          }}
        />
      )}
    </Page>
  );
}
