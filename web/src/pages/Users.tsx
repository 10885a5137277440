import { useEffect, useState } from 'preact/hooks';
import { DepartmentOptions } from '../components/DepartmentOptions';
import { isPageError, LoadError } from '../components/ErrorPages';
import { SelectField, TextField } from '../components/Field';
import { Page } from '../components/Page';
import { Pager } from '../components/Pager';
import { SortHeader } from '../components/SortHeader';
import { query } from '../lib/api';
import { formatDateTime, roleLabel, scopeLabel } from '../lib/format';
import { Link, replaceQuery, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Organisation, Page as ListPage, Role, User } from '../lib/types';
import { useApi } from '../lib/useApi';
import { useDebounced } from '../lib/useDebounced';

const LIMIT = 25;

function status(u: User): { label: string; cls: string } {
  if (!u.active) return { label: 'Inactive', cls: 'badge-muted' };
  if (u.lockedUntil && new Date(u.lockedUntil) > new Date()) return { label: 'Sign-ins slowed', cls: 'badge-warn' };
  return { label: 'Active', cls: 'badge-ok' };
}

export function UsersPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  // Filter state is mirrored in the URL so reload and back-navigation keep it.
  const [q, setQ] = useState(search.get('q') ?? '');
  const [role, setRole] = useState(search.get('role') ?? '');
  const [siteId, setSiteId] = useState(search.get('siteId') ?? '');
  const [departmentId, setDepartmentId] = useState(search.get('departmentId') ?? '');
  const [active, setActive] = useState(search.get('active') ?? '');
  const [sort, setSort] = useState(search.get('sort') ?? 'username');
  const [offset, setOffset] = useState(Number(search.get('offset')) || 0);
  const debouncedQ = useDebounced(q.trim(), 300);

  const params = { q: debouncedQ, role, siteId, departmentId, active, sort, offset: offset || undefined };
  const qs = query(params);
  useEffect(() => replaceQuery(qs), [qs]);

  const users = useApi<ListPage<User>>(`/api/v1/users${query({ ...params, limit: LIMIT })}`);
  const org = useApi<Organisation>('/api/v1/org');
  const roles = useApi<{ items: Role[] }>('/api/v1/roles');

  const resetOffset = <T,>(setter: (v: T) => void) => (v: T) => {
    setter(v);
    setOffset(0);
  };

  if (isPageError(users.error)) return <LoadError error={users.error} />;
  const sites = org.data?.sites ?? [];
  const filteredOrg = org.data && siteId ? { ...org.data, sites: sites.filter((s) => String(s.id) === siteId) } : org.data;

  return (
    <Page
      title="Users"
      testId="users-page"
      intro="People who can sign in to HQMS, their home department and their roles."
      actions={
        hasPermission(session, 'users.manage') && (
          <Link href="/admin/users/new" class="btn btn-primary" data-testid="new-user">
            New user
          </Link>
        )
      }
    >
      <form class="filters" role="search" aria-label="Filter users" onSubmit={(e) => e.preventDefault()}>
        <TextField id="users-q" label="Search" type="search" value={q} onValue={resetOffset(setQ)} placeholder="Name, username or email" />
        <SelectField id="users-role" label="Role" value={role} onValue={resetOffset(setRole)}>
          <option value="">Any role</option>
          {roles.data?.items.map((r) => (
            <option key={r.role} value={r.role}>
              {r.label}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="users-site"
          label="Site"
          value={siteId}
          onValue={(v) => {
            resetOffset(setSiteId)(v);
            setDepartmentId('');
          }}
        >
          <option value="">Any site</option>
          {sites.map((s) => (
            <option key={s.id} value={String(s.id)}>
              {s.name}
            </option>
          ))}
        </SelectField>
        <SelectField id="users-department" label="Department" value={departmentId} onValue={resetOffset(setDepartmentId)}>
          <option value="">Any department</option>
          <DepartmentOptions org={filteredOrg} />
        </SelectField>
        <SelectField id="users-active" label="Status" value={active} onValue={resetOffset(setActive)}>
          <option value="">Active and inactive</option>
          <option value="true">Active only</option>
          <option value="false">Inactive only</option>
        </SelectField>
      </form>

      {users.error ? <LoadError error={users.error} onRetry={users.reload} /> : null}
      <div class="table-wrap" aria-busy={users.loading}>
        <table class="data-table" data-testid="users-table">
          <caption class="visually-hidden">Users, sortable by username, name, creation and last sign-in</caption>
          <thead>
            <tr>
              <SortHeader field="username" label="Username" sort={sort} onSort={resetOffset(setSort)} />
              <SortHeader field="displayName" label="Name" sort={sort} onSort={resetOffset(setSort)} />
              <th scope="col">Home department</th>
              <th scope="col">Roles</th>
              <th scope="col">Status</th>
              <SortHeader field="lastLoginAt" label="Last sign-in" sort={sort} onSort={resetOffset(setSort)} />
            </tr>
          </thead>
          <tbody>
            {users.data?.items.map((u) => {
              const st = status(u);
              return (
                <tr key={u.id} data-testid="user-row">
                  <th scope="row">
                    <Link href={`/admin/users/${u.id}`}>{u.username}</Link>
                  </th>
                  <td>
                    {u.displayName}
                    <div class="muted small">{u.email}</div>
                  </td>
                  <td>{u.homeDepartmentName ?? '—'}</td>
                  <td>
                    {u.grants.length === 0
                      ? '—'
                      : u.grants.map((g, i) => (
                          <div key={i} class="small">
                            {roleLabel(g.role, roles.data?.items)} <span class="muted">· {scopeLabel(g.scope, org.data)}</span>
                          </div>
                        ))}
                  </td>
                  <td>
                    <span class={`badge ${st.cls}`}>{st.label}</span>
                  </td>
                  <td class="nowrap">{formatDateTime(u.lastLoginAt)}</td>
                </tr>
              );
            })}
            {users.data && users.data.items.length === 0 && (
              <tr>
                <td colSpan={6} class="empty">
                  No users match these filters.
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {users.data && <Pager label="Users" total={users.data.total} limit={LIMIT} offset={offset} onOffset={setOffset} />}
    </Page>
  );
}
