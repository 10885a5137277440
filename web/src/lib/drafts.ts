// Where unfinished reports are kept: the server (signed in) and this tab's sessionStorage too, so a dropped
// connection or a reload loses nothing. Never localStorage: a report holds patient details and, when
// anonymous, must not be offered to the next person at a shared workstation; sessionStorage ends with the tab.
import { randomId } from './ids';

const SESSION_KEY = 'hqms.incidentDraftKey';
/** Drafts older than this in the tab are ignored and removed. */
const maxAgeMs = (owner: string) => (owner === 'anonymous' ? 12 : 7 * 24) * 3600_000;

export interface LocalDraft {
  key: string;
  form: unknown;
  savedAt: string;
}

function storageKey(owner: string): string {
  return `hqms.incidentDraft.${owner}`;
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch {
    return fallback; // storage disabled or full: drafts are a convenience
  }
}

export function readLocalDraft(owner: string): LocalDraft | null {
  return safely(() => {
    const raw = sessionStorage.getItem(storageKey(owner));
    if (!raw) return null;
    const d = JSON.parse(raw) as LocalDraft;
    if (!d || typeof d.key !== 'string' || Date.now() - new Date(d.savedAt).getTime() > maxAgeMs(owner)) {
      sessionStorage.removeItem(storageKey(owner));
      return null;
    }
    return d;
  }, null);
}

export function writeLocalDraft(owner: string, draft: LocalDraft): void {
  safely(() => sessionStorage.setItem(storageKey(owner), JSON.stringify(draft)), undefined);
}

export function clearLocalDraft(owner: string): void {
  safely(() => sessionStorage.removeItem(storageKey(owner)), undefined);
}

/** The draft key of this tab's form, created on first use. */
export function sessionDraftKey(): string {
  return safely(() => {
    let key = sessionStorage.getItem(SESSION_KEY);
    if (!key) {
      key = randomId();
      sessionStorage.setItem(SESSION_KEY, key);
    }
    return key;
  }, randomId());
}

export function setSessionDraftKey(key: string | null): void {
  safely(() => (key ? sessionStorage.setItem(SESSION_KEY, key) : sessionStorage.removeItem(SESSION_KEY)), undefined);
}
