import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { LoadError } from '../components/ErrorPages';
import { TextField } from '../components/Field';
import { LiveRegion, Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { QrCode } from '../components/QrCode';
import { api } from '../lib/api';
import { restoreSession } from '../lib/auth';
import { formatDateTime } from '../lib/format';
import { navigate } from '../lib/router';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import type { SecondFactorStanding } from '../lib/types';

interface Enrolment {
  secret: string;
  otpauthUri: string;
  issuer: string;
  account: string;
}

/** The ten recovery codes, shown once: the server keeps only their hashes. */
function RecoveryCodes({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <section class="card" aria-labelledby="recovery-codes" data-testid="recovery-codes">
      <h2 id="recovery-codes">Your recovery codes</h2>
      <Notice kind="info">
        Save these codes somewhere safe, away from your phone (print them or keep them in a password manager). Each one signs you in once if you lose
        your authenticator app. They will not be shown again.
      </Notice>
      <ol class="recovery-code-list">
        {codes.map((c) => (
          <li key={c}>
            <code>{c}</code>
          </li>
        ))}
      </ol>
      <div class="form-actions">
        <button type="button" class="btn btn-primary" onClick={onDone} data-testid="recovery-codes-saved">
          I have saved my recovery codes
        </button>
      </div>
    </section>
  );
}

/** Setting up: the QR code and the secret, then the first code to prove the app has it. */
function EnrolmentForm({ onEnrolled }: { onEnrolled: (codes: string[]) => void }) {
  const [enrolment, setEnrolment] = useState<Enrolment | null>(null);
  const [code, setCode] = useState('');
  const action = useAction();

  const start = () =>
    void action.run(async () => {
      setEnrolment(await api.post<Enrolment>('/api/v1/auth/second-factor/enrolment', {}));
    }, null, false);

  const confirm = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void action.run(async () => {
      const answer = await api.post<{ recoveryCodes: string[] }>('/api/v1/auth/second-factor/enrolment/confirm', { code: code.replace(/\s/g, '') });
      setCode('');
      onEnrolled(answer.recoveryCodes);
    }, null, false);
  };

  if (!enrolment)
    return (
      <section class="card" aria-labelledby="enrol-heading">
        <h2 id="enrol-heading">Set up an authenticator app</h2>
        <p>
          Use an authenticator app on your phone (for example FreeOTP, Google Authenticator, Microsoft Authenticator or 1Password). After setting it
          up, signing in asks for the six-digit code the app shows, as well as your password.
        </p>
        <LiveRegion message={action.error} testId="enrol-error" />
        <div class="form-actions">
          <button type="button" class="btn btn-primary" onClick={start} disabled={action.busy} data-testid="enrol-start">
            Set up authenticator app
          </button>
        </div>
      </section>
    );
  return (
    <section class="card" aria-labelledby="enrol-heading">
      <h2 id="enrol-heading">Scan the code with your authenticator app</h2>
      <QrCode text={enrolment.otpauthUri} label={`QR code for ${enrolment.issuer}, account ${enrolment.account}`} testId="enrol-qr" />
      <p>
        Can't scan it? Add an account by hand with this key (time-based):{' '}
        <code class="secret-key" data-testid="enrol-secret">
          {enrolment.secret.replace(/(.{4})/g, '$1 ').trim()}
        </code>
      </p>
      <LiveRegion message={action.error} testId="enrol-error" />
      <form class="form form-narrow" onSubmit={confirm} noValidate data-testid="enrol-confirm-form">
        <TextField
          id="enrol-code"
          label="Code from the app"
          hint="Six digits; a new code appears every 30 seconds."
          value={code}
          onValue={setCode}
          error={action.errors.code}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={7}
          required
        />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy || !code.trim()}>
            Confirm
          </button>
        </div>
      </form>
    </section>
  );
}

/** A current code or the password, asked again before the second factor is changed. */
function ProofForm({ id, title, explain, submitLabel, onProof }: { id: string; title: string; explain: string; submitLabel: string; onProof: (proof: { code: string } | { password: string }) => Promise<void> }) {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const action = useAction();
  const submit = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void action.run(async () => {
      await onProof(code.trim() ? { code: code.replace(/\s/g, '') } : { password });
      setCode('');
      setPassword('');
    }, null, false);
  };
  return (
    <form class="card form" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`} data-testid={`${id}-form`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p>{explain}</p>
      <LiveRegion message={action.error} testId={`${id}-error`} />
      <TextField id={`${id}-code`} label="Code from your authenticator app" value={code} onValue={setCode} error={action.errors.code} inputMode="numeric" autoComplete="one-time-code" maxLength={7} />
      <TextField id={`${id}-password`} label="Or your password" type="password" value={password} onValue={setPassword} error={action.errors.password} autoComplete="current-password" />
      <div class="form-actions">
        <button type="submit" class="btn btn-secondary" disabled={action.busy || (!code.trim() && !password)}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

export function AccountSecurityPage() {
  const standing = useApi<SecondFactorStanding>('/api/v1/auth/second-factor');
  const [codes, setCodes] = useState<string[] | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (standing.error) return <LoadError error={standing.error} />;
  const s = standing.data;
  const enrolled = async (fresh: string[]) => {
    setCodes(fresh);
    setNotice(null);
    // A session restricted to enrolling is whole now: read its permissions again, staying on this page (it
    // may have been shown at another address) so that the recovery codes are seen.
    navigate('/account/security', { replace: true });
    await restoreSession();
    standing.reload();
  };

  return (
    <Page title="Account security" testId="account-security-page" intro="A second factor keeps your account safe even if someone learns your password.">
      {s?.required && !s.enrolled && (
        <Notice kind="info" testId="second-factor-required">
          Your organisation requires a second factor for your account. Set up an authenticator app below before you continue.
        </Notice>
      )}
      {notice && (
        <Notice kind="success" testId="security-notice">
          {notice}
        </Notice>
      )}
      {codes && <RecoveryCodes codes={codes} onDone={() => setCodes(null)} />}
      {s && !s.enrolled && !codes && <EnrolmentForm onEnrolled={(fresh) => void enrolled(fresh)} />}
      {s?.enrolled && !codes && (
        <>
          <section class="card" aria-labelledby="factor-heading" data-testid="second-factor-status">
            <h2 id="factor-heading">Authenticator app</h2>
            <dl class="details">
              <dt>Status</dt>
              <dd>On since {formatDateTime(s.confirmedAt)}</dd>
              <dt>Recovery codes left</dt>
              <dd data-testid="recovery-codes-left">{s.recoveryCodesLeft} of 10</dd>
            </dl>
          </section>
          <ProofForm
            id="regenerate"
            title="New recovery codes"
            explain="Replaces your recovery codes; the old ones stop working."
            submitLabel="Create new recovery codes"
            onProof={async (proof) => {
              const answer = await api.post<{ recoveryCodes: string[] }>('/api/v1/auth/second-factor/recovery-codes', proof);
              setCodes(answer.recoveryCodes);
              standing.reload();
            }}
          />
          <ProofForm
            id="disable"
            title="Switch off the second factor"
            explain={s.required ? 'Your organisation requires a second factor: after switching it off you must set up a new one before you can continue.' : 'Signing in will ask for your password only.'}
            submitLabel="Switch off"
            onProof={async (proof) => {
              await api.post<void>('/api/v1/auth/second-factor/disable', proof);
              setNotice('Your second factor is switched off.');
              await restoreSession();
              standing.reload();
            }}
          />
        </>
      )}
    </Page>
  );
}
