import { isPageError, LoadError } from '../components/ErrorPages';
import { Page } from '../components/Page';
import { CHARTS, DOMAINS, formatValue, labelOf, type Indicator } from '../lib/indicators';
import { Link } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import { useApi } from '../lib/useApi';

/** A citation is often a URL after the steward's name: make the URL a link. */
function Citation({ text }: { text: string }) {
  if (!text) return <span class="muted">—</span>;
  const m = /(https?:\/\/\S+)/.exec(text);
  if (!m) return <>{text}</>;
  const [before, after] = [text.slice(0, m.index), text.slice(m.index + m[1].length)];
  return (
    <>
      {before}
      <a href={m[1]} rel="noreferrer noopener" target="_blank">
        {m[1]}
      </a>
      {after}
    </>
  );
}

/** The indicator catalogue: the standard set and the analysts' own, by IOM aim, with where each definition comes from. */
export function IndicatorCataloguePage() {
  const { session } = useAppState();
  const list = useApi<{ items: Indicator[] }>('/api/v1/indicators');
  if (isPageError(list.error)) return <LoadError error={list.error} />;
  const items = list.data?.items ?? [];
  return (
    <Page
      title="Indicators"
      testId="indicator-catalogue-page"
      intro="The quality indicators HQMS computes, their definitions and the published sources they follow."
      actions={
        <>
          <Link href="/dashboards/executive" class="btn btn-secondary">
            Quality dashboard
          </Link>
          {hasPermission(session, 'indicators.read') && (
            <Link href="/indicators/workbench" class="btn btn-primary" data-testid="open-workbench">
              {hasPermission(session, 'indicators.manage') ? 'Define an indicator' : 'Try a definition'}
            </Link>
          )}
        </>
      }
    >
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      {list.loading && !list.data && <p class="muted">Loading the catalogue…</p>}
      {list.data &&
        DOMAINS.map((d) => {
          const rows = items.filter((i) => i.domain === d.value);
          return (
            <section key={d.value} class="catalogue-domain" aria-labelledby={`cat-${d.value}`}>
              <h2 id={`cat-${d.value}`}>{d.label}</h2>
              <div class="table-wrap">
                <table class="data-table catalogue-table" data-testid="catalogue-table" data-domain={d.value}>
                  <caption class="visually-hidden">{d.label} indicators</caption>
                  <thead>
                    <tr>
                      <th scope="col">Indicator</th>
                      <th scope="col">Unit</th>
                      <th scope="col">Better</th>
                      <th scope="col" class="num">
                        Target
                      </th>
                      <th scope="col">Chart</th>
                      <th scope="col">Definition source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((i) => (
                      <tr key={i.code} data-testid="catalogue-row" data-code={i.code}>
                        <th scope="row">
                          <Link href={`/indicators/${encodeURIComponent(i.code)}`}>{i.name}</Link>
                          {!i.builtIn && <span class="badge badge-muted">Custom</span>}
                          {i.description && <p class="small muted catalogue-description">{i.description}</p>}
                        </th>
                        <td>{i.unitLabel}</td>
                        <td>{i.direction === 'higher_is_better' ? 'Higher' : 'Lower'}</td>
                        <td class="num">{formatValue(i.target)}</td>
                        <td>{labelOf(CHARTS, i.chart)}</td>
                        <td class="small citation">
                          <Citation text={i.citation} />
                        </td>
                      </tr>
                    ))}
                    {rows.length === 0 && (
                      <tr>
                        <td colSpan={6} class="empty">
                          No indicators in this aim.
                        </td>
                      </tr>
                    )}
                  </tbody>
                </table>
              </div>
            </section>
          );
        })}
    </Page>
  );
}
