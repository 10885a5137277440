import { useState } from 'preact/hooks';
import { api, messageOf } from '../lib/api';
import { pluralise } from '../lib/format';
import type { VerifyResult } from '../lib/types';
import { Notice } from './Notice';

/** Re-checks the audit hash chain on the server and reports the first broken link, if any. */
export function VerifyChain() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.get<VerifyResult>('/api/v1/audit/verify'));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="verify">
      <button type="button" class="btn btn-secondary" onClick={run} disabled={busy} data-testid="verify-chain">
        {busy ? 'Verifying…' : 'Verify chain'}
      </button>
      <div aria-live="polite" data-testid="verify-result">
        {error && <Notice kind="error">Verification failed: {error}</Notice>}
        {result &&
          (result.ok ? (
            <Notice kind="success">Audit chain intact: {pluralise(result.checked, 'entry', 'entries')} checked.</Notice>
          ) : (
            <Notice kind="error">
              Audit chain broken at entry #{result.firstBrokenSeq ?? '?'} ({result.reason ?? 'no reason given'}).{' '}
              {pluralise(result.checked, 'entry', 'entries')} checked.
            </Notice>
          ))}
      </div>
    </div>
  );
}
