import { useEffect, useState } from 'preact/hooks';
import { CapaCard } from '../components/CapaCard';
import { CapaFilters, readCapaFilters, type CapaFilterKey, type CapaFilterValues } from '../components/CapaFilters';
import { CapaTable } from '../components/CapaTable';
import { isPageError, LoadError } from '../components/ErrorPages';
import { ExportLinks } from '../components/ExportLinks';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { query } from '../lib/api';
import type { BoardColumn, CapaListItem } from '../lib/capa';
import { Link, replaceQuery, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Page as ListPage } from '../lib/types';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

const LIMIT = 25;
const DEFAULT_SORT = '-updatedAt';
type View = 'board' | 'list';

// A column opens with this many cards; the rest are a click away, so the board fits on a screen or two.
const FIRST_CARDS = 12;

function Board({ columns, busy }: { columns: BoardColumn[] | undefined; busy: boolean }) {
  const [expanded, setExpanded] = useState<Set<string>>(new Set());
  if (!columns) return null;
  return (
    <div class="capa-board" aria-busy={busy} data-testid="capa-board">
      {columns.map((col) => (
        <section key={col.state} class="capa-column" aria-labelledby={`capa-col-${col.state}`} data-testid={`capa-column-${col.state}`}>
          <h2 id={`capa-col-${col.state}`} class="capa-column-title">
            {col.label}{' '}
            <span class="count" data-testid="capa-column-count">
              {col.count.toLocaleString()}
            </span>
          </h2>
          {col.items.length === 0 ? (
            <p class="muted small">None.</p>
          ) : (
            <ul class="capa-cards">
              {(expanded.has(col.state) ? col.items : col.items.slice(0, FIRST_CARDS)).map((i) => (
                <CapaCard key={i.id} item={i} />
              ))}
            </ul>
          )}
          {col.items.length > FIRST_CARDS && !expanded.has(col.state) && (
            <button type="button" class="btn btn-quiet capa-show-more" onClick={() => setExpanded(new Set(expanded).add(col.state))} data-testid="capa-column-more">
              Show {col.items.length - FIRST_CARDS} more<span class="visually-hidden"> in {col.label}</span>
            </button>
          )}
          {expanded.has(col.state) && col.count > col.items.length && (
            <p class="muted small">
              Showing the newest {col.items.length} of {col.count.toLocaleString()}; use the list to see them all.
            </p>
          )}
        </section>
      ))}
    </div>
  );
}

export function CapaBoardPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  const { config } = useIncidentFormConfig();
  const [view, setView] = useState<View>(search.get('view') === 'list' ? 'list' : 'board');
  const [filters, setFilters] = useState<CapaFilterValues>(() => readCapaFilters(search));
  const [sort, setSort] = useState(search.get('sort') ?? DEFAULT_SORT);
  const [offset, setOffset] = useState(Number(search.get('offset')) || 0);
  const q = useDebounced(filters.q.trim(), 300);

  const { state, ...boardFilters } = { ...filters, q };
  const listFilters = { ...boardFilters, state };
  const listQuery = query({ ...listFilters, sort: sort === DEFAULT_SORT ? undefined : sort });
  const urlQuery = query({ view: view === 'list' ? 'list' : undefined, ...(view === 'list' ? listFilters : boardFilters), sort: view === 'list' && sort !== DEFAULT_SORT ? sort : undefined, offset: view === 'list' && offset ? offset : undefined });
  useEffect(() => replaceQuery(urlQuery), [urlQuery]);

  const board = useApi<{ columns: BoardColumn[] }>(view === 'board' ? `/api/v1/capa/board${query(boardFilters)}` : null);
  const list = useApi<ListPage<CapaListItem>>(view === 'list' ? `/api/v1/capa${query({ ...listFilters, sort, limit: LIMIT, offset: offset || undefined })}` : null);
  const loaded = view === 'board' ? board : list;

  const onFilter = (key: CapaFilterKey, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };

  if (isPageError(loaded.error)) return <LoadError error={loaded.error} />;

  return (
    <Page
      title="Corrective and preventive actions"
      testId="capa-board-page"
      intro="CAPAs by state: what is being planned, worked on and waiting for its effectiveness check."
      actions={
        <>
          <Link href="/capa/ageing" class="btn btn-secondary" data-testid="capa-ageing-link">
            Ageing report
          </Link>
          {hasPermission(session, 'capa.manage') && (
            <Link href="/capa/new" class="btn btn-primary" data-testid="new-capa">
              New CAPA
            </Link>
          )}
        </>
      }
    >
      <div class="capa-view-toggle" role="group" aria-label="Show as">
        {(['board', 'list'] as View[]).map((v) => (
          <button key={v} type="button" class={`btn ${view === v ? 'btn-primary' : 'btn-secondary'}`} aria-pressed={view === v} onClick={() => setView(v)} data-testid={`capa-view-${v}`}>
            {v === 'board' ? 'Board' : 'List'}
          </button>
        ))}
      </div>
      <CapaFilters filters={filters} onFilter={onFilter} departments={config?.departments ?? []} withState={view === 'list'} />
      {loaded.error ? <LoadError error={loaded.error} onRetry={loaded.reload} /> : null}
      {view === 'board' ? (
        <>
          {board.loading && !board.data && <p class="muted">Loading the board…</p>}
          <Board columns={board.data?.columns} busy={board.loading} />
        </>
      ) : (
        <>
          <div class="list-toolbar">
            <span />
            <ExportLinks path="/api/v1/capa/export" query={listQuery} />
          </div>
          <CapaTable
            items={list.data?.items}
            sort={sort}
            onSort={(s) => {
              setSort(s);
              setOffset(0);
            }}
            busy={list.loading}
          />
          {list.data && <Pager label="CAPAs" total={list.data.total} capped={list.data.totalCapped} limit={LIMIT} offset={offset} onOffset={setOffset} />}
        </>
      )}
    </Page>
  );
}
