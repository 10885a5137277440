import { isPageError, LoadError } from '../components/ErrorPages';
import { IndicatorScopePicker } from '../components/IndicatorScopePicker';
import { IndicatorTiles } from '../components/IndicatorTiles';
import { Page } from '../components/Page';
import { query } from '../lib/api';
import { scopeParam, type Dashboard } from '../lib/indicators';
import { Link, navigate, useLocation } from '../lib/router';
import { useAppState } from '../lib/session';
import { useApi } from '../lib/useApi';

/** Organisation › site › department, each a link back up the drill-down. */
function Breadcrumb({ dashboard }: { dashboard: Dashboard }) {
  const { scope, drill } = dashboard;
  const crumbs: { label: string; scope: string | null }[] = [];
  if (scope.type !== 'organisation') crumbs.push({ label: 'Organisation', scope: 'organisation' });
  if (scope.type === 'department') {
    const site = drill.sites.find((s) => s.id === drill.departments.find((d) => d.id === scope.id)?.siteId);
    if (site) crumbs.push({ label: site.name, scope: `site:${site.id}` });
  }
  crumbs.push({ label: scope.name, scope: null });
  return (
    <nav aria-label="Drill-down" class="breadcrumb" data-testid="dashboard-breadcrumb">
      <ol>
        {crumbs.map((c) => (
          <li key={c.label}>
            {c.scope ? (
              <Link href={`/dashboards/executive?scope=${encodeURIComponent(c.scope)}`}>{c.label}</Link>
            ) : (
              <span aria-current="page">{c.label}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** The quality dashboard: every indicator by IOM aim for the chosen scope, drilled down through the picker. */
export function ExecutiveDashboardPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  const managesDepartment = !!session?.user.grants.some((g) => g.scope.type === 'department');
  const scope = search.get('scope') ?? '';
  const dash = useApi<Dashboard>(`/api/v1/dashboards/executive${query({ scope })}`);
  if (isPageError(dash.error) && !dash.data) return <LoadError error={dash.error} />;
  const data = dash.data;
  const current = data ? scopeParam(data.scope) : scope;
  const alerts = data ? data.domains.flatMap((d) => d.indicators).filter((t) => t.alert || t.variation.includes('concern')).length : 0;
  return (
    <Page
      title="Quality dashboard"
      testId="executive-dashboard-page"
      actions={
        managesDepartment && (
          <Link href="/dashboards/department" class="btn btn-secondary" data-testid="open-department-dashboard">
            My department
          </Link>
        )
      }
      intro={
        <>
          Every quality indicator by the six aims of the Institute of Medicine, read with statistical process control. <Link href="/indicators">Indicator catalogue</Link>
        </>
      }
    >
      <form class="filters filters-wide" aria-label="Dashboard scope" onSubmit={(e) => e.preventDefault()}>
        <IndicatorScopePicker
          id="dashboard-scope"
          label="Show"
          drill={data?.drill ?? null}
          value={scope || current}
          onValue={(v) => navigate(`/dashboards/executive${query({ scope: v })}`)}
        />
      </form>
      {dash.error ? <LoadError error={dash.error} onRetry={dash.reload} /> : null}
      {dash.loading && !data && <p class="muted">Loading the dashboard…</p>}
      {data && (
        <div aria-busy={dash.loading} data-testid="dashboard-body" data-scope={current}>
          <Breadcrumb dashboard={data} />
          <p class="dashboard-summary" data-testid="dashboard-summary">
            <strong data-testid="dashboard-scope-name">{data.scope.name}</strong>, latest complete period {data.asOf}.{' '}
            {alerts === 0 ? 'No indicator needs attention.' : `${alerts} indicator${alerts === 1 ? ' needs' : 's need'} attention.`}
          </p>
          <IndicatorTiles dashboard={data} scope={current} />
          <MdcKey />
        </div>
      )}
    </Page>
  );
}

/** What the icons mean, once per page. */
export function MdcKey() {
  return (
    <details class="mdc-key">
      <summary>How to read the icons</summary>
      <p class="small">
        The first icon reads the latest point with the special-cause rules: grey is common-cause variation, orange a special cause of concern, blue a
        special cause of improvement (H or L: high or low). The second says whether the target will be met: P consistently passes, F consistently fails,
        ? hits and misses at random. A red ring marks an indicator beyond its alert threshold or with a signal of concern.
      </p>
    </details>
  );
}
