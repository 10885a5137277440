// One way for a record page to hold what was loaded and the copy being edited: answers from the server are
// adopted (or, while edits are in hand, only refresh the record so a half-written change is not thrown away),
// and closing the tab with unsaved edits asks first.
import { useEffect, useState } from 'preact/hooks';

export interface RecordEditor<R, E> {
  record: R | null;
  edit: E | null;
  dirty: boolean;
  /** Takes the server's answer as both the record and a fresh editable copy. */
  adopt(next: R): void;
  /** Takes the server's answer as the record; the editable copy follows only when nothing is unsaved. */
  refresh(next: R): void;
  change(patch: Partial<E>): void;
  /** Forgets unsaved edits, so the next load is adopted. */
  discard(): void;
}

export function useRecordEditor<R, E>(loaded: R | null | undefined, toEdit: (record: R) => E): RecordEditor<R, E> {
  const [record, setRecord] = useState<R | null>(null);
  const [edit, setEdit] = useState<E | null>(null);
  const [dirty, setDirty] = useState(false);

  const adopt = (next: R) => {
    setRecord(next);
    setEdit(toEdit(next));
    setDirty(false);
  };
  const refresh = (next: R) => {
    setRecord(next);
    if (!dirty) setEdit(toEdit(next));
  };
  useEffect(() => {
    if (loaded) (dirty ? refresh : adopt)(loaded);
  }, [loaded]);

  useEffect(() => {
    if (!dirty) return undefined;
    const onLeave = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', onLeave);
    return () => window.removeEventListener('beforeunload', onLeave);
  }, [dirty]);

  return {
    record,
    edit,
    dirty,
    adopt,
    refresh,
    change: (patch) => {
      setEdit((current) => (current ? { ...current, ...patch } : current));
      setDirty(true);
    },
    discard: () => setDirty(false),
  };
}
