import { useMemo } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField } from '../components/Field';
import { IndicatorTiles } from '../components/IndicatorTiles';
import { Page } from '../components/Page';
import { query } from '../lib/api';
import { drillFromGrants, type Dashboard } from '../lib/indicators';
import { Link, navigate, useLocation } from '../lib/router';
import { useAppState } from '../lib/session';
import { useApi } from '../lib/useApi';

/** The department the manager most likely means: the one named in the URL, else their first department grant. */
function defaultDepartment(search: URLSearchParams, grants: { scope: { type: string; id: number } }[], home: number | null): number | null {
  const asked = Number(search.get('departmentId'));
  if (asked > 0) return asked;
  const granted = grants.find((g) => g.scope.type === 'department');
  if (granted) return granted.scope.id;
  return home;
}

/** A department manager's view: the same tiles for one department, with what needs attention listed first. */
export function DepartmentDashboardPage() {
  const { session, org } = useAppState();
  const { search } = useLocation();
  const drill = useMemo(() => drillFromGrants(org, session?.user.grants ?? []), [org, session]);
  const departments = drill.departments;
  const chosen = defaultDepartment(search, session?.user.grants ?? [], session?.user.homeDepartmentId ?? null) ?? departments[0]?.id ?? null;
  const dash = useApi<Dashboard>(chosen ? `/api/v1/dashboards/department/${chosen}` : null);
  if (isPageError(dash.error) && !dash.data) return <LoadError error={dash.error} />;
  const data = dash.data;
  const scope = chosen ? `department:${chosen}` : '';
  const tiles = data ? data.domains.flatMap((d) => d.indicators) : [];
  const concerns = (data?.concerns ?? []).map((code) => tiles.find((t) => t.code === code)).filter((t) => t !== undefined);
  const sites = org?.sites ?? [];

  return (
    <Page title={data ? `${data.scope.name} dashboard` : 'Department dashboard'} testId="department-dashboard-page" intro="Your department’s quality indicators, read with statistical process control.">
      {departments.length > 1 && (
        <form class="filters filters-wide" aria-label="Department" onSubmit={(e) => e.preventDefault()}>
          <SelectField id="department-dashboard-department" label="Department" value={chosen ? String(chosen) : ''} onValue={(v) => navigate(`/dashboards/department${query({ departmentId: v })}`)}>
            {sites.filter((s) => departments.some((d) => d.siteId === s.id)).map((s) => (
              <optgroup key={s.id} label={s.name}>
                {departments
                  .filter((d) => d.siteId === s.id)
                  .map((d) => (
                    <option key={d.id} value={String(d.id)}>
                      {d.name}
                    </option>
                  ))}
              </optgroup>
            ))}
          </SelectField>
        </form>
      )}
      {!chosen && org && <p class="muted">You manage no department, so there is no department dashboard to show.</p>}
      {dash.error ? <LoadError error={dash.error} onRetry={dash.reload} /> : null}
      {dash.loading && !data && <p class="muted">Loading the dashboard…</p>}
      {data && (
        <div aria-busy={dash.loading} data-testid="dashboard-body" data-scope={scope}>
          <section class="card concerns" aria-labelledby="concerns-title" data-testid="department-concerns">
            <h2 id="concerns-title">Concerns</h2>
            {concerns.length === 0 ? (
              <p class="muted">No indicator shows a special cause of concern or is beyond its alert threshold.</p>
            ) : (
              <ul>
                {concerns.map((t) => (
                  <li key={t.code} data-testid="concern-item">
                    <Link href={`/indicators/${encodeURIComponent(t.code)}?scope=${encodeURIComponent(scope)}`}>{t.name}</Link>{' '}
                    <span class="muted small">· {t.variationLabel}{t.current ? ` · ${t.current.period}` : ''}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <IndicatorTiles dashboard={data} scope={scope} />
        </div>
      )}
    </Page>
  );
}
