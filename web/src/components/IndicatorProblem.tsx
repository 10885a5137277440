import { useCallback, useState } from 'preact/hooks';
import { ApiError, messageOf } from '../lib/api';
import { Notice } from './Notice';

/** A failed call as the server explained it: the problem's title, its detail and each field error. */
export function ProblemNotice({ error, testId }: { error: unknown; testId?: string }) {
  if (!error) return null;
  if (!(error instanceof ApiError))
    return (
      <Notice kind="error" testId={testId}>
        <p>{messageOf(error)}</p>
      </Notice>
    );
  const { title, detail } = error.problem;
  return (
    <Notice kind="error" testId={testId}>
      <p>
        <strong>{title}</strong>
        {detail && detail !== title ? `: ${detail}` : ''}
      </p>
      {error.fieldErrors.length > 0 && (
        <ul data-testid={testId ? `${testId}-fields` : undefined}>
          {error.fieldErrors.map((e) => (
            <li key={`${e.field}-${e.message}`}>
              {e.field && <code>{e.field}</code>} {e.message}
            </li>
          ))}
        </ul>
      )}
    </Notice>
  );
}

/** One call at a time, keeping the whole problem document of a failure for ProblemNotice. */
export function useProblemAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<unknown>(null);
  const run = useCallback(async (fn: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setProblem(null);
    try {
      await fn();
      return true;
    } catch (err) {
      setProblem(err);
      return false;
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, problem, run, clear: () => setProblem(null) };
}
