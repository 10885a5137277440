import { useCallback, useState } from 'preact/hooks';
import { ApiError, errorsByField, messageOf } from './api';

export interface ActionState {
  busy: boolean;
  /** A message for the whole form (role=alert). */
  error: string | null;
  /** Field errors by API field name. */
  errors: Record<string, string>;
  /** Success message. */
  done: string | null;
  /** The failure was a 409: someone else changed the record. */
  conflict: boolean;
}

const idle: ActionState = { busy: false, error: null, errors: {}, done: null, conflict: false };

export const CONFLICT_MESSAGE =
  'Someone else changed this record since you opened it, so your change was not saved. Reload to see the current version, then make your change again.';

/** Runs one save at a time and turns problems (422 field errors, 409 conflicts) into form state. */
export function useAction() {
  const [state, setState] = useState<ActionState>(idle);
  /** `versioned`: a 409 means a stale version (edits); otherwise the server's own explanation is shown. */
  const run = useCallback(async (fn: () => Promise<void>, done: string | null = null, versioned = true): Promise<boolean> => {
    setState({ ...idle, busy: true });
    try {
      await fn();
      setState({ ...idle, done });
      return true;
    } catch (err) {
      const errors = errorsByField(err);
      const conflict = versioned && err instanceof ApiError && err.status === 409;
      const invalid = err instanceof ApiError && err.status === 422 && Object.keys(errors).length > 0;
      setState({
        ...idle,
        errors,
        conflict,
        error: conflict ? `${CONFLICT_MESSAGE}${err instanceof ApiError && err.problem.detail ? ` (${err.problem.detail})` : ''}` : invalid ? 'Please correct the highlighted fields.' : messageOf(err),
      });
      return false;
    }
  }, []);
  const reset = useCallback(() => setState(idle), []);
  return { ...state, run, reset };
}
