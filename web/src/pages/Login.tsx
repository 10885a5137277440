import type { TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { TextField } from '../components/Field';
import { LiveRegion, Notice } from '../components/Notice';
import { SecondFactorForm } from '../components/SecondFactorForm';
import { ApiError, errorsByField, messageOf } from '../lib/api';
import { signIn } from '../lib/auth';
import { Link, navigate, useLocation } from '../lib/router';
import { getSession } from '../lib/session';
import type { Session } from '../lib/types';

const reasons: Record<string, string> = {
  expired: 'You were signed out after a period of inactivity. Please sign in again.',
  signedout: 'You have signed out.',
  required: 'Please sign in to continue.',
};

/** Only same-site paths are accepted as a post-login destination. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/';
}

function lockoutMessage(err: ApiError): string {
  const secs = err.retryAfterSeconds;
  if (!secs) return 'Too many failed sign-in attempts. Please wait a while before trying again.';
  const until = new Date(Date.now() + secs * 1000).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
  const wait = secs < 90 ? `${secs} seconds` : `${Math.ceil(secs / 60)} minutes`;
  return `Too many failed sign-in attempts from this computer. Try again in ${wait} (at ${until}).`;
}

export function LoginPage() {
  const { search } = useLocation();
  const reason = search.get('reason');
  const next = safeNext(search.get('next'));
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [challenge, setChallenge] = useState<string | null>(null);

  /** A session that may only enrol a second factor goes straight to the page that does it. */
  const enter = (session: Session) => navigate(session.mustEnrolSecondFactor ? '/account/security' : next, { replace: true });

  useEffect(() => {
    document.title = 'Sign in · HQMS';
    if (getSession()) navigate(next, { replace: true });
  }, []);

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    setError(null);
    setFieldErrors({});
    if (!username.trim() || !password) {
      setError('Enter your username and password.');
      return;
    }
    setBusy(true);
    try {
      const answer = await signIn(username.trim(), password);
      setPassword('');
      if ('secondFactorRequired' in answer) setChallenge(answer.challengeToken);
      else enter(answer);
    } catch (err) {
      setPassword('');
      if (err instanceof ApiError && err.status === 401) setError('The username or password is incorrect.');
      else if (err instanceof ApiError && err.status === 429) setError(lockoutMessage(err));
      else if (err instanceof ApiError && err.status === 422) {
        setFieldErrors(errorsByField(err));
        setError('Please correct the highlighted fields.');
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main class="login-screen">
      <div class="login-card">
        <p class="brand brand-login">HQMS</p>
        <h1>Sign in</h1>
        <p class="muted">Healthcare Quality Management System</p>
        {reason && reasons[reason] && !error && (
          <Notice kind="info" testId="login-reason">
            {reasons[reason]}
          </Notice>
        )}
        <LiveRegion message={error} testId="login-error" />
        {challenge ? (
          <SecondFactorForm
            challengeToken={challenge}
            onSignedIn={enter}
            onRestart={(message) => {
              setChallenge(null);
              setError(message);
            }}
            lockoutMessage={lockoutMessage}
          />
        ) : (
        <form onSubmit={submit} noValidate data-testid="login-form">
          <TextField
            id="login-username"
            label="Username"
            value={username}
            onValue={setUsername}
            error={fieldErrors.username}
            autoComplete="username"
            autoCapitalize="none"
            spellcheck={false}
            required
            autoFocus
          />
          <TextField
            id="login-password"
            label="Password"
            type="password"
            value={password}
            onValue={setPassword}
            error={fieldErrors.password}
            autoComplete="current-password"
            required
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
        )}
        <p class="login-anonymous">
          Need to report a patient-safety event without an account?{' '}
          <Link href="/report" data-testid="report-anonymously">
            Report anonymously
          </Link>
        </p>
      </div>
    </main>
  );
}
