import type { TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { DepartmentOptions } from '../components/DepartmentOptions';
import { LoadError } from '../components/ErrorPages';
import { SelectField, TextField } from '../components/Field';
import { GrantsEditor, grantsForRequest } from '../components/GrantsEditor';
import { LiveRegion, Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { UserSecondFactorPanel } from '../components/UserSecondFactorPanel';
import { api, ApiError, errorsByField, messageOf } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Grant, Organisation, Role, User } from '../lib/types';
import { useApi } from '../lib/useApi';

interface FormState {
  busy: boolean;
  errors: Record<string, string>;
  error: string | null;
  done: string | null;
}
const idle: FormState = { busy: false, errors: {}, error: null, done: null };

/** Runs a save, translating 422 field errors and other failures into form state. */
async function save(set: (s: FormState) => void, done: string, fn: () => Promise<void>): Promise<void> {
  set({ ...idle, busy: true });
  try {
    await fn();
    set({ ...idle, done });
  } catch (err) {
    const fieldErrors = errorsByField(err);
    const invalid = err instanceof ApiError && err.status === 422;
    set({ ...idle, errors: fieldErrors, error: invalid ? 'Please correct the highlighted fields.' : messageOf(err) });
  }
}

function Details({ user }: { user: User }) {
  const locked = user.lockedUntil && new Date(user.lockedUntil) > new Date();
  return (
    <dl class="details" data-testid="user-details">
      <dt>Username</dt>
      <dd>{user.username}</dd>
      <dt>Status</dt>
      <dd>{user.active ? (locked ? `Active; after repeated failed sign-ins, addresses that failed wait until ${formatDateTime(user.lockedUntil)}` : 'Active') : 'Inactive'}</dd>
      <dt>Home department</dt>
      <dd>{user.homeDepartmentName ?? '—'}</dd>
      <dt>Created</dt>
      <dd>{formatDateTime(user.createdAt)}</dd>
      <dt>Last sign-in</dt>
      <dd>{formatDateTime(user.lastLoginAt)}</dd>
    </dl>
  );
}

export function UserDetailPage({ id }: { id: number }) {
  const { session } = useAppState();
  const { search } = useLocation();
  const loaded = useApi<User>(`/api/v1/users/${id}`);
  const org = useApi<Organisation>('/api/v1/org');
  const roles = useApi<{ items: Role[] }>('/api/v1/roles');
  const [user, setUser] = useState<User | null>(null);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [homeDepartmentId, setHomeDepartmentId] = useState('');
  const [active, setActive] = useState(true);
  const [grants, setGrants] = useState<Grant[]>([]);
  const [newPassword, setNewPassword] = useState('');
  const [profile, setProfile] = useState<FormState>(idle);
  const [grantState, setGrantState] = useState<FormState>(idle);
  const [pw, setPw] = useState<FormState>(idle);

  const adopt = (u: User) => {
    setUser(u);
    setDisplayName(u.displayName);
    setEmail(u.email ?? '');
    setHomeDepartmentId(u.homeDepartmentId === null ? '' : String(u.homeDepartmentId));
    setActive(u.active);
    setGrants(u.grants);
  };
  useEffect(() => {
    if (loaded.data) adopt(loaded.data);
  }, [loaded.data]);

  if (loaded.error) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!user) return <p class="muted">Loading user…</p>;
  const canManage = hasPermission(session, 'users.manage') && user.youMayManage !== false;
  const beyondScope = hasPermission(session, 'users.manage') && user.youMayManage === false;

  const saveProfile = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(setProfile, 'Details saved.', async () => {
      adopt(
        await api.patch<User>(`/api/v1/users/${id}`, {
          displayName: displayName.trim(),
          email: email.trim(),
          homeDepartmentId: homeDepartmentId ? Number(homeDepartmentId) : null,
          active,
        }),
      );
    });
  };
  const saveGrants = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(setGrantState, 'Roles saved.', async () => {
      adopt(await api.put<User>(`/api/v1/users/${id}/grants`, { grants: grantsForRequest(grants) }));
    });
  };
  const resetPassword = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void save(setPw, 'Password reset. Any lockout has been cleared. Give the new password to the user securely.', async () => {
      await api.post<void>(`/api/v1/users/${id}/password`, { newPassword });
      setNewPassword('');
      loaded.reload();
    });
  };

  return (
    <Page
      title={user.displayName}
      testId="user-detail-page"
      intro={
        <>
          <Link href="/admin/users">Back to users</Link>
          {hasPermission(session, 'audit.read') && (
            <>
              {' · '}
              <Link href={`/admin/audit?entityType=user&entityId=${user.id}`}>Audit history</Link>
            </>
          )}
        </>
      }
    >
      {search.get('created') && <Notice kind="success" testId="user-created">User {user.username} was created.</Notice>}
      <section class="card" aria-labelledby="user-summary">
        <h2 id="user-summary">Summary</h2>
        <Details user={user} />
      </section>
      <UserSecondFactorPanel userId={user.id} canReset={canManage && user.id !== session?.user.id} />

      {beyondScope && (
        <Notice kind="info" testId="user-beyond-scope">
          {user.displayName} holds a role beyond your own scope, so an administrator whose scope covers all of their roles
          manages this account.
        </Notice>
      )}
      {canManage && (
        <>
          <form class="card form" onSubmit={saveProfile} noValidate aria-labelledby="edit-details" data-testid="user-edit-form">
            <h2 id="edit-details">Details</h2>
            <LiveRegion message={profile.error} />
            {profile.done && <Notice kind="success">{profile.done}</Notice>}
            <div class="form-grid">
              <TextField id="edit-displayName" label="Display name" value={displayName} onValue={setDisplayName} error={profile.errors.displayName} />
              <TextField id="edit-email" label="Email" type="email" value={email} onValue={setEmail} error={profile.errors.email} />
              <SelectField id="edit-homeDepartmentId" label="Home department" value={homeDepartmentId} onValue={setHomeDepartmentId} error={profile.errors.homeDepartmentId}>
                <option value="">No home department</option>
                <DepartmentOptions org={org.data} />
              </SelectField>
              <div class="field field-check">
                <input id="edit-active" type="checkbox" checked={active} onChange={(e) => setActive(e.currentTarget.checked)} />
                <label for="edit-active">Account is active (inactive users cannot sign in)</label>
              </div>
            </div>
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={profile.busy}>
                Save details
              </button>
            </div>
          </form>

          <form class="card form" onSubmit={saveGrants} noValidate aria-label="Roles" data-testid="user-grants-form">
            <LiveRegion message={grantState.error} />
            {grantState.done && <Notice kind="success">{grantState.done}</Notice>}
            <GrantsEditor idPrefix="edit" grants={grants} roles={roles.data?.items ?? null} org={org.data} onChange={setGrants} errors={grantState.errors} />
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={grantState.busy} data-testid="save-grants">
                Save roles
              </button>
            </div>
          </form>

          <form class="card form" onSubmit={resetPassword} noValidate aria-labelledby="reset-password" data-testid="user-password-form">
            <h2 id="reset-password">Reset password</h2>
            <LiveRegion message={pw.error} />
            {pw.done && <Notice kind="success">{pw.done}</Notice>}
            <div class="form-grid">
            <TextField
              id="reset-newPassword"
              label="New password"
              type="password"
              hint="12–128 characters, not containing the username and not a common password."
              value={newPassword}
              onValue={setNewPassword}
              error={pw.errors.newPassword}
              autoComplete="new-password"
            />
            </div>
            <div class="form-actions">
              <button type="submit" class="btn btn-secondary" disabled={pw.busy || !newPassword}>
                Reset password
              </button>
            </div>
          </form>
        </>
      )}
    </Page>
  );
}
