import { useEffect, useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { ExportLinks } from '../components/ExportLinks';
import { IncidentFilters } from '../components/IncidentFilters';
import { IncidentTable } from '../components/IncidentTable';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { QueueTabs } from '../components/QueueTabs';
import { SavedSearches } from '../components/SavedSearches';
import { query } from '../lib/api';
import { DEFAULT_SORT, defaultQueue, queuesFor, readFilters, type FilterKey, type Filters } from '../lib/incidentQueues';
import type { IncidentSummary } from '../lib/incidents';
import type { Page as ListPage } from '../lib/types';
import { Link, replaceQuery, useLocation } from '../lib/router';
import { useAppState } from '../lib/session';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

const LIMIT = 25;

export function IncidentListPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  const { config } = useIncidentFormConfig();
  const queues = queuesFor(session);
  const initialQueue = search.get('queue') ?? '';
  const [queue, setQueue] = useState(queues.some((q) => q.id === initialQueue) ? initialQueue : defaultQueue(session));
  const [filters, setFilters] = useState<Filters>(() => readFilters(search));
  const [sort, setSort] = useState(search.get('sort') ?? DEFAULT_SORT);
  const [offset, setOffset] = useState(Number(search.get('offset')) || 0);
  const q = useDebounced(filters.q.trim(), 300);

  // Everything but paging: what a saved search stores and the export applies.
  const listQuery = query({ queue, ...filters, q, sort: sort === DEFAULT_SORT ? undefined : sort });
  const urlQuery = query({ queue, ...filters, q, sort: sort === DEFAULT_SORT ? undefined : sort, offset: offset || undefined });
  useEffect(() => replaceQuery(urlQuery), [urlQuery]);
  const list = useApi<ListPage<IncidentSummary>>(`/api/v1/incidents${query({ queue, ...filters, q, sort, limit: LIMIT, offset: offset || undefined })}`);

  const onFilter = (key: FilterKey, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const apply = (saved: string) => {
    const s = new URLSearchParams(saved.replace(/^\?/, ''));
    const savedQueue = s.get('queue');
    if (savedQueue && queues.some((x) => x.id === savedQueue)) setQueue(savedQueue);
    setFilters(readFilters(s));
    setSort(s.get('sort') ?? DEFAULT_SORT);
    setOffset(0);
  };

  if (isPageError(list.error)) return <LoadError error={list.error} />;
  const selectedTab = queues.find((x) => x.id === queue);

  return (
    <Page
      title="Incidents"
      testId="incident-list-page"
      intro="Reported patient-safety events, by queue."
      actions={
        <Link href="/incidents/new" class="btn btn-primary" data-testid="new-report">
          Report an event
        </Link>
      }
    >
      <QueueTabs
        queues={queues}
        value={queue}
        onValue={(v) => {
          setQueue(v);
          setOffset(0);
        }}
        controls="incident-results"
      />
      <div id="incident-results" role="tabpanel" aria-labelledby={selectedTab ? `queue-tab-${selectedTab.id}` : undefined}>
        <form class="filters" role="search" aria-label="Filter events" onSubmit={(e) => e.preventDefault()}>
          <IncidentFilters idPrefix="incidents" config={config} filters={filters} onFilter={onFilter} />
        </form>
        <div class="list-toolbar">
          <SavedSearches module="incidents" current={listQuery.replace(/^\?/, '')} onApply={apply} />
          <ExportLinks path="/api/v1/incidents/export" query={listQuery} />
        </div>
        {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
        <IncidentTable
          items={list.data?.items}
          sort={sort}
          onSort={(s) => {
            setSort(s);
            setOffset(0);
          }}
          busy={list.loading}
        />
        {list.data && <Pager label="Events" total={list.data.total} capped={list.data.totalCapped} limit={LIMIT} offset={offset} onOffset={setOffset} />}
      </div>
    </Page>
  );
}
