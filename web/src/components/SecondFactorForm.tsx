import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { ApiError, messageOf } from '../lib/api';
import { completeSecondFactor } from '../lib/auth';
import type { Session } from '../lib/types';
import { TextField } from './Field';
import { LiveRegion } from './Notice';

interface Props {
  challengeToken: string;
  onSignedIn: (session: Session) => void;
  /** The challenge expired or was used up: back to the password. */
  onRestart: (message: string) => void;
  lockoutMessage: (err: ApiError) => string;
}

/** The second sign-in step: the six digits the authenticator app shows, or one of the recovery codes. */
export function SecondFactorForm({ challengeToken, onSignedIn, onRestart, lockoutMessage }: Props) {
  const [recovery, setRecovery] = useState(false);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    const typed = code.trim();
    if (!typed) {
      setError(recovery ? 'Enter one of your recovery codes.' : 'Enter the code your authenticator app shows.');
      return;
    }
    setBusy(true);
    try {
      onSignedIn(await completeSecondFactor(challengeToken, recovery ? { recoveryCode: typed } : { code: typed.replace(/\s/g, '') }));
    } catch (err) {
      setCode('');
      if (err instanceof ApiError && err.type === '/problems/unauthenticated') onRestart('This sign-in has expired. Please enter your password again.');
      else if (err instanceof ApiError && err.status === 401)
        setError(recovery ? 'That recovery code is not correct or has been used.' : 'The code is not correct. Enter the code your app shows now.');
      else if (err instanceof ApiError && err.status === 429) setError(lockoutMessage(err));
      else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p class="muted" data-testid="second-factor-intro">
        {recovery ? 'Enter one of the recovery codes you saved when you set up your authenticator app. Each works once.' : 'Open your authenticator app and enter the six-digit code it shows for HQMS.'}
      </p>
      <LiveRegion message={error} testId="second-factor-error" />
      <form onSubmit={submit} noValidate data-testid="second-factor-form">
        {recovery ? (
          <TextField key="recovery-code" id="login-recovery-code" label="Recovery code" value={code} onValue={setCode} autoComplete="off" autoCapitalize="none" spellcheck={false} required autoFocus />
        ) : (
          <TextField key="authenticator-code" id="login-code" label="Authenticator code" value={code} onValue={setCode} inputMode="numeric" autoComplete="one-time-code" maxLength={7} required autoFocus />
        )}
        <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
          {busy ? 'Checking…' : 'Verify'}
        </button>
      </form>
      <p class="login-anonymous">
        <button
          type="button"
          class="btn btn-quiet"
          data-testid="second-factor-switch"
          onClick={() => {
            setRecovery(!recovery);
            setCode('');
            setError(null);
          }}
        >
          {recovery ? 'Use the authenticator app instead' : 'Lost your authenticator? Use a recovery code'}
        </button>
      </p>
    </>
  );
}
