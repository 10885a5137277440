import { useEffect, useState } from 'preact/hooks';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField, TextField } from '../components/Field';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { InvestigationSummary } from '../lib/investigations';
import { Link, replaceQuery, useLocation } from '../lib/router';
import type { Page as ListPage } from '../lib/types';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';

const LIMIT = 25;

export function InvestigationsPage() {
  const { search } = useLocation();
  const [state, setState] = useState(search.get('state') ?? '');
  const [text, setText] = useState(search.get('q') ?? '');
  const [offset, setOffset] = useState(Number(search.get('offset')) || 0);
  const q = useDebounced(text.trim(), 300);
  const params = { state, q, offset: offset || undefined };
  const qs = query(params);
  useEffect(() => replaceQuery(qs), [qs]);
  const list = useApi<ListPage<InvestigationSummary>>(`/api/v1/investigations${query({ ...params, limit: LIMIT })}`);

  if (isPageError(list.error)) return <LoadError error={list.error} />;
  return (
    <Page title="Investigations" testId="investigations-page" intro="Root-cause analyses and their action plans. Start one from an incident.">
      <form class="filters" role="search" aria-label="Filter investigations" onSubmit={(e) => e.preventDefault()}>
        <TextField id="inv-list-q" label="Search" type="search" placeholder="Title or reference" value={text} onValue={(v) => { setText(v); setOffset(0); }} />
        <SelectField id="inv-list-state" label="State" value={state} onValue={(v) => { setState(v); setOffset(0); }}>
          <option value="">Any state</option>
          <option value="in_progress">In progress</option>
          <option value="completed">Completed</option>
        </SelectField>
      </form>
      {list.error ? <LoadError error={list.error} onRetry={list.reload} /> : null}
      <div class="table-wrap" aria-busy={list.loading}>
        <table class="data-table" data-testid="investigations-table">
          <caption class="visually-hidden">Investigations</caption>
          <thead>
            <tr>
              <th scope="col">Reference</th>
              <th scope="col">Title</th>
              <th scope="col">State</th>
              <th scope="col">Department</th>
              <th scope="col">Lead</th>
              <th scope="col">Events</th>
              <th scope="col">Updated</th>
            </tr>
          </thead>
          <tbody>
            {list.data?.items.map((i) => (
              <tr key={i.id} data-testid="investigation-row">
                <th scope="row">
                  <Link href={`/investigations/${i.id}`}>{i.reference}</Link>
                </th>
                <td>{i.title}</td>
                <td>
                  <span class={`badge ${i.state === 'completed' ? 'badge-ok' : 'badge-warn'}`}>{i.state === 'completed' ? 'Completed' : 'In progress'}</span>
                </td>
                <td>{i.departmentName}</td>
                <td>{(typeof i.lead === 'string' ? i.lead : i.lead?.displayName) || '—'}</td>
                <td>{i.incidentCount}</td>
                <td class="nowrap">{formatDateTime(i.updatedAt)}</td>
              </tr>
            ))}
            {list.data && list.data.items.length === 0 && (
              <tr>
                <td colSpan={7} class="empty">
                  No investigations match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {list.data && <Pager label="Investigations" total={list.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </Page>
  );
}
