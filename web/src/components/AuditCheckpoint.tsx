import { formatDateTime } from '../lib/format';
import type { AuditCheckpointStatus } from '../lib/types';
import { useApi } from '../lib/useApi';
import { Notice } from './Notice';

/**
 * The audit trail's last signed checkpoint: which entry it anchors, when, with which key, and whether it still
 * holds. Entries after it are not yet anchored; `hqms verify-audit --checkpoints` checks every checkpoint
 * against the file kept outside the database.
 */
export function AuditCheckpoint() {
  const status = useApi<AuditCheckpointStatus>('/api/v1/audit/checkpoint');
  const s = status.data;
  if (status.error) return <Notice kind="error" testId="audit-checkpoint">The last checkpoint could not be loaded.</Notice>;
  if (!s) return null;
  const c = s.checkpoint;
  if (!c) {
    return (
      <Notice kind={s.enabled ? 'info' : 'error'} testId="audit-checkpoint">
        {s.enabled
          ? 'No checkpoint of the audit trail has been signed yet.'
          : 'Audit checkpoints are off on this server (it has no audit key): a removed or rewritten tail of the trail cannot be detected.'}
      </Notice>
    );
  }
  const later = s.headSeq - c.seq;
  return (
    <Notice kind={c.verified === false ? 'error' : c.verified ? 'success' : 'info'} testId="audit-checkpoint">
      Last checkpoint: entry #{c.seq}, signed <time dateTime={c.at}>{formatDateTime(c.at, true)}</time> with key{' '}
      <code>{c.keyId}</code>
      {c.verified === true && ' — verified.'}
      {c.verified === false && ` — does not verify: ${c.problem ?? 'no reason given'}.`}
      {c.verified === null && ` — not checked: ${c.problem ?? 'this server has no audit key'}.`}
      {later > 0 && ` ${later.toLocaleString()} later ${later === 1 ? 'entry is' : 'entries are'} not yet anchored.`}
    </Notice>
  );
}
