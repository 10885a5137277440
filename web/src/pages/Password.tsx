import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { TextField } from '../components/Field';
import { LiveRegion, Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { api, ApiError, errorsByField, messageOf } from '../lib/api';

export function PasswordPage() {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setDone(false);
    setError(null);
    if (newPassword !== confirm) {
      setErrors({ confirm: 'The two new passwords do not match.' });
      setError('Please correct the highlighted fields.');
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      await api.put<void>('/api/v1/auth/password', { currentPassword, newPassword });
      setCurrent('');
      setNew('');
      setConfirm('');
      setDone(true);
    } catch (err) {
      setErrors(errorsByField(err));
      setError(err instanceof ApiError && err.status === 422 ? 'Please correct the highlighted fields.' : messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Page title="Change password" testId="password-page">
      <LiveRegion message={error} testId="password-error" />
      {done && (
        <Notice kind="success" testId="password-changed">
          Your password has been changed.
        </Notice>
      )}
      <form class="card form form-narrow" onSubmit={submit} noValidate>
        <TextField
          id="pw-current"
          label="Current password"
          type="password"
          value={currentPassword}
          onValue={setCurrent}
          error={errors.currentPassword}
          autoComplete="current-password"
          required
        />
        <TextField
          id="pw-new"
          label="New password"
          type="password"
          hint="12–128 characters, not containing your username and not a common password."
          value={newPassword}
          onValue={setNew}
          error={errors.newPassword}
          autoComplete="new-password"
          required
        />
        <TextField
          id="pw-confirm"
          label="Confirm new password"
          type="password"
          value={confirm}
          onValue={setConfirm}
          error={errors.confirm}
          autoComplete="new-password"
          required
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Change password'}
          </button>
        </div>
      </form>
    </Page>
  );
}
