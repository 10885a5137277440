import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import type { SecondFactorStanding } from '../lib/types';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { LiveRegion, Notice } from './Notice';

/**
 * A person's second factor as an administrator sees it, with the reset for a lost authenticator (the server
 * refuses it unless every grant of the person lies inside the administrator's own scope).
 */
export function UserSecondFactorPanel({ userId, canReset }: { userId: number; canReset: boolean }) {
  const standing = useApi<SecondFactorStanding>(`/api/v1/users/${userId}/second-factor`);
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const s = standing.data;
  if (!s) return null;

  const reset = () =>
    void action.run(async () => {
      await api.del<void>(`/api/v1/users/${userId}/second-factor`);
      setConfirming(false);
      standing.reload();
    }, 'Second factor reset. The person was signed out and can set up a new authenticator app when they next sign in.', false);

  return (
    <section class="card" aria-labelledby="user-second-factor" data-testid="user-second-factor">
      <h2 id="user-second-factor">Second factor</h2>
      <LiveRegion message={action.error} testId="user-second-factor-error" />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      <p data-testid="user-second-factor-status">
        {s.enrolled
          ? `Authenticator app on since ${formatDateTime(s.confirmedAt)}; ${s.recoveryCodesLeft} of 10 recovery codes left.`
          : s.required
            ? 'None set up. The organisation requires one: this person can only set it up when they sign in.'
            : 'None set up.'}
      </p>
      {canReset && s.enrolled && (
        <div class="form-actions">
          {confirming ? (
            <>
              <button type="button" class="btn btn-primary" onClick={reset} disabled={action.busy} data-testid="user-second-factor-confirm-reset">
                Yes, reset it
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setConfirming(false)}>
                Cancel
              </button>
            </>
          ) : (
            <button type="button" class="btn btn-secondary" onClick={() => setConfirming(true)} data-testid="user-second-factor-reset">
              Reset second factor (lost authenticator)
            </button>
          )}
        </div>
      )}
    </section>
  );
}
