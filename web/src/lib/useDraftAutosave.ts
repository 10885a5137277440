import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api';
import { clearLocalDraft, readLocalDraft, sessionDraftKey, setSessionDraftKey, writeLocalDraft } from './drafts';

export type DraftStatus =
  | { kind: 'idle' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** Kept in this browser only: on purpose (anonymous) or because the server could not be reached. */
  | { kind: 'local'; at: Date; serverFailed: boolean };

const DEBOUNCE_MS = 1500;

interface Options {
  /** sessionStorage owner: the user id, or "anonymous". */
  owner: string;
  /** Also save to the server (signed-in form). */
  server: boolean;
}

/**
 * Saves `form` while it is written: at once to sessionStorage, and to the server 1.5 s after the last change
 * or when flush() is called (on blur). Only changes made after `changed()` count, so an untouched form is
 * never saved.
 */
export function useDraftAutosave<F>(form: F, { owner, server }: Options) {
  const key = useRef(server ? sessionDraftKey() : 'local');
  const latest = useRef(form);
  latest.current = form;
  const [status, setStatus] = useState<DraftStatus>({ kind: 'idle' });
  const [revision, setRevision] = useState(0);
  const pending = useRef(false);
  const inFlight = useRef<Promise<unknown> | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const flush = useCallback(async (): Promise<void> => {
    window.clearTimeout(timer.current);
    if (!server || !pending.current || inFlight.current) return;
    pending.current = false;
    setStatus({ kind: 'saving' });
    let ok = false;
    try {
      const saving = api.put<{ key: string; updatedAt: string } | undefined>(
        `/api/v1/incident-drafts/${encodeURIComponent(key.current)}`,
        { form: latest.current },
      );
      inFlight.current = saving;
      const res = await saving;
      ok = true;
      setStatus({ kind: 'saved', at: res?.updatedAt ? new Date(res.updatedAt) : new Date() });
    } catch {
      pending.current = true; // retried on the next change or blur
      setStatus({ kind: 'local', at: new Date(), serverFailed: true });
    } finally {
      inFlight.current = null;
      if (ok && pending.current) timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
    }
  }, [server]);

  // Mirror every change to this browser at once; debounce the server save.
  useEffect(() => {
    if (revision === 0) return;
    const at = new Date();
    writeLocalDraft(owner, { key: key.current, form: latest.current, savedAt: at.toISOString() });
    if (!server) {
      setStatus({ kind: 'local', at, serverFailed: false });
      return;
    }
    pending.current = true;
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [revision]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return {
    status,
    /** Call after every user edit. */
    changed: useCallback(() => setRevision((n) => n + 1), []),
    flush,
    /** Continue an existing draft: later saves overwrite it. */
    adoptKey: useCallback((k: string) => {
      key.current = k;
      if (server) setSessionDraftKey(k);
    }, [server]),
    /** Forget the draft everywhere (after submission, or when the user discards it). */
    forget: useCallback(async (k: string = key.current) => {
      window.clearTimeout(timer.current);
      const current = k === key.current;
      if (current) pending.current = false;
      if (current || readLocalDraft(owner)?.key === k) clearLocalDraft(owner);
      if (server) {
        // A save still on its way must not land after the delete and bring the draft back.
        if (current && inFlight.current) await inFlight.current.catch(() => undefined);
        if (current) {
          setSessionDraftKey(null);
          key.current = sessionDraftKey();
        }
        await api.del(`/api/v1/incident-drafts/${encodeURIComponent(k)}`).catch(() => undefined);
      }
      if (current) setStatus({ kind: 'idle' });
    }, [owner, server]),
  };
}
