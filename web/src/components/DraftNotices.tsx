import { formatDateTime } from '../lib/format';
import { formatTime } from '../lib/datetime';
import type { DraftStatus } from '../lib/useDraftAutosave';

export interface DraftCandidate {
  key: string;
  form: unknown;
  savedAt: string;
  /** Only in this browser (not on the server). */
  deviceOnly: boolean;
  summary: string;
}

/** Offers to continue unfinished reports found on the server or in this browser. */
export function DraftResume({ drafts, onResume, onDiscard }: { drafts: DraftCandidate[]; onResume: (d: DraftCandidate) => void; onDiscard: (d: DraftCandidate) => void }) {
  if (drafts.length === 0) return null;
  return (
    <section class="notice notice-info draft-resume" aria-labelledby="draft-resume-title" data-testid="draft-resume">
      <h2 id="draft-resume-title">{drafts.length === 1 ? 'You have an unfinished report' : `You have ${drafts.length} unfinished reports`}</h2>
      <ul class="draft-list">
        {drafts.map((d) => (
          <li key={d.key}>
            <span>
              <strong>{d.summary}</strong>
              <span class="muted small">
                {' '}
                · last saved {formatDateTime(d.savedAt)}
                {d.deviceOnly ? ' on this device' : ''}
              </span>
            </span>
            <span class="draft-actions">
              <button type="button" class="btn btn-primary" onClick={() => onResume(d)}>
                Resume
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => onDiscard(d)}>
                Discard
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** "Draft saved 14:32", kept in a polite live region next to the submit button. */
export function DraftStatusText({ status }: { status: DraftStatus }) {
  let text = '';
  if (status.kind === 'saving') text = 'Saving draft…';
  else if (status.kind === 'saved') text = `Draft saved ${formatTime(status.at)}`;
  else if (status.kind === 'local')
    text = status.serverFailed
      ? `Draft kept on this device ${formatTime(status.at)} (the server could not be reached; it will be saved when the connection returns)`
      : `Draft kept on this device ${formatTime(status.at)}`;
  return (
    <p class={`draft-status small${status.kind === 'local' && status.serverFailed ? ' draft-offline' : ' muted'}`} aria-live="polite" data-testid="draft-status">
      {text}
    </p>
  );
}
