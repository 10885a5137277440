import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { DepartmentOptions } from '../components/DepartmentOptions';
import { SelectField, TextField } from '../components/Field';
import { GrantsEditor, grantsForRequest } from '../components/GrantsEditor';
import { LiveRegion } from '../components/Notice';
import { Page } from '../components/Page';
import { api, ApiError, errorsByField, messageOf } from '../lib/api';
import { Link, navigate } from '../lib/router';
import type { Grant, Organisation, Role, User } from '../lib/types';
import { useApi } from '../lib/useApi';

export function UserNewPage() {
  const org = useApi<Organisation>('/api/v1/org');
  const roles = useApi<{ items: Role[] }>('/api/v1/roles');
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [homeDepartmentId, setHomeDepartmentId] = useState('');
  const [grants, setGrants] = useState<Grant[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [summary, setSummary] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setSummary(null);
    try {
      const user = await api.post<User>('/api/v1/users', {
        username: username.trim(),
        displayName: displayName.trim(),
        email: email.trim(),
        password,
        homeDepartmentId: homeDepartmentId ? Number(homeDepartmentId) : null,
        grants: grantsForRequest(grants),
      });
      navigate(`/admin/users/${user.id}?created=1`);
    } catch (err) {
      if (err instanceof ApiError && err.status === 409) {
        setErrors({ username: 'This username is already taken. Choose another one.' });
        setSummary('The user could not be created: the username is already taken.');
      } else if (err instanceof ApiError && err.status === 422) {
        setErrors(errorsByField(err));
        setSummary('The user could not be created. Please correct the highlighted fields.');
      } else setSummary(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="New user" testId="user-new-page" intro={<Link href="/admin/users">Back to users</Link>}>
      <LiveRegion message={summary} testId="user-form-error" />
      <form class="card form" onSubmit={submit} noValidate data-testid="user-form">
        <div class="form-grid">
          <TextField
            id="new-username"
            label="Username"
            hint="3–64 characters: lower-case letters, digits, dot, dash or underscore."
            value={username}
            onValue={setUsername}
            error={errors.username}
            autoComplete="off"
            autoCapitalize="none"
            spellcheck={false}
            required
          />
          <TextField id="new-displayName" label="Display name" value={displayName} onValue={setDisplayName} error={errors.displayName} required />
          <TextField id="new-email" label="Email" type="email" value={email} onValue={setEmail} error={errors.email} autoComplete="off" />
          <TextField
            id="new-password"
            label="Initial password"
            type="password"
            hint="12–128 characters, not containing the username and not a common password."
            value={password}
            onValue={setPassword}
            error={errors.password}
            autoComplete="new-password"
            required
          />
          <SelectField
            id="new-homeDepartmentId"
            label="Home department"
            value={homeDepartmentId}
            onValue={setHomeDepartmentId}
            error={errors.homeDepartmentId}
          >
            <option value="">No home department</option>
            <DepartmentOptions org={org.data} />
          </SelectField>
        </div>
        <GrantsEditor idPrefix="new" grants={grants} roles={roles.data?.items ?? null} org={org.data} onChange={setGrants} errors={errors} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="create-user">
            {busy ? 'Creating…' : 'Create user'}
          </button>
          <Link href="/admin/users" class="btn btn-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}
