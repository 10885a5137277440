import { useEffect, useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField, TextField } from '../components/Field';
import { FmeaNewForm } from '../components/FmeaNewForm';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { query } from '../lib/api';
import { formatDate } from '../lib/datetime';
import type { FmeaListItem } from '../lib/fmea';
import { Link, replaceQuery, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Page as ListPage } from '../lib/types';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';

const LIMIT = 25;

/** FMEA studies: each a care process taken apart step by step, with its worst failure mode's RPN. */
export function FmeaListPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  const [state, setState] = useState(search.get('state') ?? '');
  const [q, setQ] = useState(search.get('q') ?? '');
  const [offset, setOffset] = useState(0);
  const [creating, setCreating] = useState(false);
  const term = useDebounced(q.trim(), 300);
  const qs = query({ state, q: term });
  useEffect(() => replaceQuery(qs), [qs]);
  const list = useApi<ListPage<FmeaListItem>>(`/api/v1/fmea${query({ state, q: term, limit: LIMIT, offset: offset || undefined })}`);
  const canCreate = hasPermission(session, 'risks.manage');

  if (isPageError(list.error)) return <LoadError error={list.error} />;
  return (
    <Page
      title="FMEA studies"
      testId="fmea-list-page"
      intro="Failure mode and effects analyses of care processes, worst risk priority first within each study."
      actions={
        canCreate &&
        !creating && (
          <button type="button" class="btn btn-primary" onClick={() => setCreating(true)} data-testid="new-fmea">
            New FMEA
          </button>
        )
      }
    >
      {creating && <FmeaNewForm onCancel={() => setCreating(false)} />}
      <form class="filters" role="search" aria-label="Filter studies" onSubmit={(e) => e.preventDefault()}>
        <TextField id="fmea-q" label="Search" type="search" value={q} onValue={(v) => { setQ(v); setOffset(0); }} />
        <SelectField id="fmea-state-filter" label="State" value={state} onValue={(v) => { setState(v); setOffset(0); }}>
          <option value="">Any state</option>
          <option value="in_progress">In progress</option>
          <option value="completed">Completed</option>
        </SelectField>
      </form>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <div class="table-wrap" aria-busy={list.loading}>
        <table class="data-table" data-testid="fmea-table">
          <caption class="visually-hidden">FMEA studies</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Study</th>
              <th scope="col">Department</th>
              <th scope="col">Lead</th>
              <th scope="col">State</th>
              <th scope="col">Failure modes</th>
              <th scope="col">Max RPN</th>
              <th scope="col">High priority</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((s) => (
              <tr key={s.id} data-testid="fmea-row" data-reference={s.reference}>
                <th scope="row" class="nowrap">
                  <Link href={`/fmea/${s.id}`}>{s.reference}</Link>
                </th>
                <td>
                  {s.title}
                  {s.process && <div class="muted small clamp-2">{s.process}</div>}
                </td>
                <td>{s.departmentName}</td>
                <td>{s.lead?.displayName ?? '—'}</td>
                <td>
                  <span class={`badge ${s.state === 'completed' ? 'badge-ok' : 'badge-warn'}`}>{s.state === 'completed' ? 'Completed' : 'In progress'}</span>
                </td>
                <td class="num">{s.failureModeCount}</td>
                <td class="num" data-testid="max-rpn">
                  {s.maxRpn ?? '—'}
                </td>
                <td class="num">{s.highPriorityCount > 0 ? <span class="badge ap-badge ap-high">{s.highPriorityCount}</span> : 0}</td>
                <td class="nowrap">{formatDate(s.updatedAt)}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 && (
              <tr>
                <td colSpan={9} class="empty">
                  No studies match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data && <Pager label="Studies" total={list.data.total} capped={list.data.totalCapped} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </Page>
  );
}
