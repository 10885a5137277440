import { Fragment } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ActivityChart } from '../components/ActivityChart';
import { AuditCheckpoint } from '../components/AuditCheckpoint';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField, TextField } from '../components/Field';
import { JsonDiff } from '../components/JsonDiff';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { SortHeader } from '../components/SortHeader';
import { VerifyChain } from '../components/VerifyChain';
import { query } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { replaceQuery, useLocation } from '../lib/router';
import { canVerifyAuditChain, hasPermission, useAppState } from '../lib/session';
import type { AuditEntry, Page as ListPage, User } from '../lib/types';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';

const LIMIT = 50;
const ACTIONS = ['create', 'update', 'delete', 'login', 'logout', 'login_failed', 'permission_denied', 'password_change'];
const ENTITY_TYPES = ['user', 'session', 'organisation', 'site', 'department'];

function actionLabel(a: string): string {
  return a.replace(/_/g, ' ');
}

function AuditRow({ entry }: { entry: AuditEntry }) {
  const [open, setOpen] = useState(false);
  const detailId = `audit-detail-${entry.seq}`;
  return (
    <Fragment>
      <tr data-testid="audit-row" data-action={entry.action} class={open ? 'expanded' : undefined}>
        <td class="expand-cell">
          <button type="button" class="expand-button" aria-expanded={open} aria-controls={detailId} onClick={() => setOpen(!open)}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span>
            <span class="visually-hidden">Details of entry {entry.seq}</span>
          </button>
        </td>
        <td class="nowrap">
          <time dateTime={entry.at}>{formatDateTime(entry.at, true)}</time>
        </td>
        <td>{entry.actor ? entry.actor.username : <span class="muted">system</span>}</td>
        <td>
          <span class={`badge badge-action action-${entry.action}`}>{actionLabel(entry.action)}</span>
        </td>
        <td class="entity-cell">
          {entry.entityType}
          {entry.entityId && <span class="muted"> {/^\d+$/.test(entry.entityId) ? `#${entry.entityId}` : entry.entityId}</span>}
        </td>
        <th scope="row" class="summary-cell">
          {entry.summary}
        </th>
      </tr>
      <tr id={detailId} class="detail-row" hidden={!open}>
        <td colSpan={6}>
          {open && (
            <>
              <JsonDiff before={entry.before} after={entry.after} />
              <p class="hash small muted">
                Entry #{entry.seq} · hash <code>{entry.hash}</code> · previous <code>{entry.prevHash}</code>
              </p>
            </>
          )}
        </td>
      </tr>
    </Fragment>
  );
}

export function AuditPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  const [q, setQ] = useState(search.get('q') ?? '');
  const [actorId, setActorId] = useState(search.get('actorId') ?? '');
  const [entityType, setEntityType] = useState(search.get('entityType') ?? '');
  const [entityId, setEntityId] = useState(search.get('entityId') ?? '');
  const [action, setAction] = useState(search.get('action') ?? '');
  const [from, setFrom] = useState(search.get('from') ?? '');
  const [to, setTo] = useState(search.get('to') ?? '');
  const [sort, setSort] = useState(search.get('sort') ?? '-seq');
  const [offset, setOffset] = useState(Number(search.get('offset')) || 0);
  // Debounce a string, not an object: a fresh object each render would never settle.
  const typedKey = useDebounced(JSON.stringify({ q: q.trim(), actorId: actorId.trim(), entityType: entityType.trim(), entityId: entityId.trim() }), 300);
  const typed = JSON.parse(typedKey) as Record<string, string>;

  const params = { ...typed, action, from, to, sort: sort === '-seq' ? undefined : sort, offset: offset || undefined };
  const qs = query(params);
  useEffect(() => replaceQuery(qs), [qs]);
  const entries = useApi<ListPage<AuditEntry>>(`/api/v1/audit${query({ ...params, sort, limit: LIMIT })}`);
  // Auditors may read the audit trail without being allowed to list users; they type an id instead.
  const canListUsers = hasPermission(session, 'users.read');
  const users = useApi<ListPage<User>>(canListUsers ? '/api/v1/users?sort=username&limit=200' : null);

  const withReset = (setter: (v: string) => void) => (v: string) => {
    setter(v);
    setOffset(0);
  };

  if (isPageError(entries.error)) return <LoadError error={entries.error} />;

  return (
    <Page
      title="Audit trail"
      testId="audit-page"
      intro="Every change and security event, in a tamper-evident hash chain."
      actions={canVerifyAuditChain(session) && <VerifyChain />}
    >
      {canVerifyAuditChain(session) && <AuditCheckpoint />}
      <ActivityChart />
      <form class="filters" role="search" aria-label="Filter audit entries" onSubmit={(e) => e.preventDefault()}>
        <TextField id="audit-q" label="Search" type="search" placeholder="Words in the summary, record or actor" value={q} onValue={withReset(setQ)} />
        {/* Keys stop preact from reusing the Action <select> for the Actor when the user list arrives. */}
        {canListUsers && users.data ? (
          <SelectField key="actor-select" id="audit-actor" label="Actor" value={actorId} onValue={withReset(setActorId)}>
            <option value="">Anyone</option>
            {users.data.items.map((u) => (
              <option key={u.id} value={String(u.id)}>
                {u.username} — {u.displayName}
              </option>
            ))}
          </SelectField>
        ) : (
          <TextField key="actor-id" id="audit-actor" label="Actor user ID" inputMode="numeric" value={actorId} onValue={withReset(setActorId)} />
        )}
        <TextField id="audit-entityType" label="Entity type" list="audit-entity-types" value={entityType} onValue={withReset(setEntityType)} />
        <datalist id="audit-entity-types">
          {ENTITY_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <TextField id="audit-entityId" label="Entity ID" value={entityId} onValue={withReset(setEntityId)} />
        <SelectField key="action" id="audit-action" label="Action" value={action} onValue={withReset(setAction)}>
          <option value="">Any action</option>
          {ACTIONS.map((a) => (
            <option key={a} value={a}>
              {actionLabel(a)}
            </option>
          ))}
        </SelectField>
        <TextField id="audit-from" label="From" type="date" value={from} onValue={withReset(setFrom)} max={to || undefined} />
        <TextField id="audit-to" label="To" type="date" value={to} onValue={withReset(setTo)} min={from || undefined} />
      </form>

      {entries.error ? <LoadError error={entries.error} onRetry={entries.reload} /> : null}
      <div class="table-wrap" aria-busy={entries.loading}>
        <table class="data-table audit-table" data-testid="audit-table">
          <caption class="visually-hidden">Audit entries; expand a row to see the data before and after the change</caption>
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">Details</span>
              </th>
              <SortHeader field="seq" label="Time" sort={sort} onSort={withReset(setSort)} />
              <th scope="col">Actor</th>
              <th scope="col">Action</th>
              <th scope="col">Entity</th>
              <th scope="col">Summary</th>
            </tr>
          </thead>
          <tbody>
            {entries.data?.items.map((e) => <AuditRow key={e.seq} entry={e} />)}
            {entries.data && entries.data.items.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  No audit entries match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {entries.data && <Pager label="Audit entries" total={entries.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </Page>
  );
}
