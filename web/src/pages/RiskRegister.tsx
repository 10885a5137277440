import { useEffect, useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { ExportLinks } from '../components/ExportLinks';
import { CheckField, SelectField, TextField } from '../components/Field';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { RiskBandSettings } from '../components/RiskBandSettings';
import { RiskHeatMap, type Cell } from '../components/RiskHeatMap';
import { RiskTable } from '../components/RiskTable';
import { query } from '../lib/api';
import { BANDS, bandLabel, CONSEQUENCES, LIKELIHOODS, levelLabel, registerOptions, type HeatMap, type RiskSettings, type RiskSummary } from '../lib/risk';
import { Link, replaceQuery, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Page as ListPage } from '../lib/types';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';

const LIMIT = 25;
const DEFAULT_SORT = '-residualScore';

interface Filters {
  register: string;
  category: string;
  band: string;
  reviewOverdue: string;
  status: string;
  q: string;
}

function readFilters(s: URLSearchParams): Filters {
  return {
    register: s.get('register') ?? '',
    category: s.get('category') ?? '',
    band: s.get('band') ?? '',
    reviewOverdue: s.get('reviewOverdue') === 'true' ? 'true' : '',
    status: s.get('status') ?? 'open',
    q: s.get('q') ?? '',
  };
}

function readCell(s: URLSearchParams): Cell | null {
  const likelihood = Number(s.get('likelihood'));
  const consequence = Number(s.get('consequence'));
  return likelihood >= 1 && likelihood <= 5 && consequence >= 1 && consequence <= 5 ? { likelihood, consequence } : null;
}

/** The risk register: the heat map of residual ratings over the list, both under the same filters. */
export function RiskRegisterPage() {
  const { session, org } = useAppState();
  const { search } = useLocation();
  const settings = useApi<RiskSettings>('/api/v1/risk-settings');
  const [filters, setFilters] = useState<Filters>(() => readFilters(search));
  const [cell, setCell] = useState<Cell | null>(() => readCell(search));
  const [sort, setSort] = useState(search.get('sort') ?? DEFAULT_SORT);
  const [offset, setOffset] = useState(Number(search.get('offset')) || 0);
  const q = useDebounced(filters.q.trim(), 300);

  const shared = { ...filters, q, status: filters.status === 'open' ? undefined : filters.status };
  const cellParams = cell ? { likelihood: cell.likelihood, consequence: cell.consequence } : {};
  const listQuery = query({ ...shared, ...cellParams, sort: sort === DEFAULT_SORT ? undefined : sort });
  const urlQuery = query({ ...shared, ...cellParams, sort: sort === DEFAULT_SORT ? undefined : sort, offset: offset || undefined });
  useEffect(() => replaceQuery(urlQuery), [urlQuery]);
  const list = useApi<ListPage<RiskSummary>>(`/api/v1/risks${query({ ...shared, ...cellParams, sort, limit: LIMIT, offset: offset || undefined })}`);
  const heat = useApi<HeatMap>(`/api/v1/risks/heat-map${query(shared)}`);

  const onFilter = (key: keyof Filters, value: string) => {
    setFilters((f) => ({ ...f, [key]: value }));
    setOffset(0);
  };
  const onCell = (next: Cell | null) => {
    setCell(next);
    setOffset(0);
  };
  const likelihoods = settings.data?.likelihoods?.length ? settings.data.likelihoods : LIKELIHOODS;
  const consequences = settings.data?.consequences?.length ? settings.data.consequences : CONSEQUENCES;
  const registers = registerOptions(org);
  const groups = [...new Set(registers.map((r) => r.group))];

  if (isPageError(list.error)) return <LoadError error={list.error} />;

  return (
    <Page
      title="Risk register"
      testId="risk-register-page"
      intro="The organisation’s risks by register, rated by likelihood and consequence."
      actions={
        hasPermission(session, 'risks.manage') && (
          <Link href="/risks/new" class="btn btn-primary" data-testid="new-risk">
            New risk
          </Link>
        )
      }
    >
      <form class="filters" role="search" aria-label="Filter risks" onSubmit={(e) => e.preventDefault()}>
        <TextField id="risks-q" label="Search" type="search" placeholder="Title or description" value={filters.q} onValue={(v) => onFilter('q', v)} />
        <SelectField id="risks-register" label="Register" value={filters.register} onValue={(v) => onFilter('register', v)}>
          <option value="">Every register</option>
          {groups.map((g) => (
            <optgroup key={g} label={g}>
              {registers
                .filter((r) => r.group === g)
                .map((r) => (
                  <option key={r.key} value={r.key}>
                    {r.label}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <SelectField id="risks-category" label="Category" value={filters.category} onValue={(v) => onFilter('category', v)}>
          <option value="">Any category</option>
          {settings.data?.categories.map((c) => (
            <option key={c.id} value={c.id}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <SelectField id="risks-band" label="Residual band" value={filters.band} onValue={(v) => onFilter('band', v)}>
          <option value="">Any band</option>
          {BANDS.map((b) => (
            <option key={b} value={b}>
              {bandLabel(b)}
            </option>
          ))}
        </SelectField>
        <SelectField id="risks-status" label="Status" value={filters.status} onValue={(v) => onFilter('status', v)}>
          <option value="open">Open</option>
          <option value="closed">Closed</option>
          <option value="all">Open and closed</option>
        </SelectField>
        <CheckField id="risks-reviewOverdue" label="Review overdue only" checked={filters.reviewOverdue === 'true'} onChecked={(v) => onFilter('reviewOverdue', v ? 'true' : '')} />
      </form>

      {heat.error ? <LoadError error={heat.error} onRetry={heat.reload} /> : null}
      <RiskHeatMap heat={heat.data} likelihoods={likelihoods} consequences={consequences} selected={cell} onCell={onCell} />

      {hasPermission(session, 'risks.configure') && (
        <RiskBandSettings
          bands={settings.data?.bands ?? null}
          onSaved={() => {
            settings.reload();
            heat.reload();
            list.reload();
          }}
        />
      )}

      <div class="list-toolbar">
        <div class="chip-row" aria-live="polite">
          {cell && (
            <ul class="chip-list" aria-label="Heat-map cell">
              <li class="chip" data-testid="cell-chip">
                <span class="chip-text">
                  {levelLabel(likelihoods, cell.likelihood)} × {levelLabel(consequences, cell.consequence)}
                </span>
                <button type="button" class="chip-remove" onClick={() => onCell(null)} data-testid="clear-cell" aria-label="Clear cell: show every cell">
                  Clear cell ✕
                </button>
              </li>
            </ul>
          )}
        </div>
        <ExportLinks path="/api/v1/risks/export" query={listQuery} />
      </div>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <RiskTable
        items={list.data?.items}
        sort={sort}
        onSort={(s) => {
          setSort(s);
          setOffset(0);
        }}
        busy={list.loading}
      />
      {list.data && <Pager label="Risks" total={list.data.total} capped={list.data.totalCapped} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </Page>
  );
}
