import { useEffect, useState } from 'preact/hooks';
import { LoadError } from '../components/ErrorPages';
import { LiveRegion, Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { api } from '../lib/api';
import { Link } from '../lib/router';
import { useAppState } from '../lib/session';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';

interface SecuritySettings {
  requireSecondFactor: boolean;
}

/** The organisation's sign-in security; changing it takes an organisation-wide administrator. */
export function SecuritySettingsPage() {
  const { session } = useAppState();
  const loaded = useApi<SecuritySettings>('/api/v1/security-settings');
  const [required, setRequired] = useState(false);
  const action = useAction();
  useEffect(() => {
    if (loaded.data) setRequired(loaded.data.requireSecondFactor);
  }, [loaded.data]);
  if (loaded.error) return <LoadError error={loaded.error} />;
  const mayChange = !!session?.user.grants.some((g) => g.role === 'administrator' && g.scope.type === 'organisation');

  const save = () =>
    void action.run(async () => {
      const saved = await api.put<SecuritySettings>('/api/v1/security-settings', { requireSecondFactor: required });
      setRequired(saved.requireSecondFactor);
      loaded.reload();
    }, 'Saved.', false);

  return (
    <Page title="Sign-in security" testId="security-settings-page">
      <section class="card form" aria-labelledby="second-factor-setting">
        <h2 id="second-factor-setting">Second factor</h2>
        <p>
          When required, everyone holding an administrator role (at any scope) or any role for the whole organisation must set up an authenticator app.
          Until they do, signing in lets them do nothing but set it up. Others may set one up on their own <Link href="/account/security">Account security</Link>{' '}
          page.
        </p>
        <LiveRegion message={action.error} testId="security-settings-error" />
        {action.done && (
          <Notice kind="success" testId="security-settings-saved">
            {action.done}
          </Notice>
        )}
        <div class="field field-check">
          <input
            id="require-second-factor"
            type="checkbox"
            checked={required}
            disabled={!loaded.data || !mayChange}
            onChange={(e) => setRequired(e.currentTarget.checked)}
            data-testid="require-second-factor"
          />
          <label for="require-second-factor">Require a second factor for administrators and organisation-wide roles</label>
        </div>
        {mayChange ? (
          <div class="form-actions">
            <button type="button" class="btn btn-primary" onClick={save} disabled={action.busy || !loaded.data || required === loaded.data.requireSecondFactor}>
              Save
            </button>
          </div>
        ) : (
          <p class="muted">Only an administrator for the whole organisation can change this.</p>
        )}
      </section>
    </Page>
  );
}
