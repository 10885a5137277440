import { useEffect } from 'preact/hooks';
import { ApiError, query } from './api';
import { getSession } from './session';
import { Subscribers } from './subscription';
import { useApi } from './useApi';
import { useDebounced } from './useDebounced';

/** An entry of the people directory (GET /api/v1/people): enough to tell two people apart, nothing more. */
export interface Person {
  id: number;
  displayName: string;
  departmentName: string;
}

// The directory answers 403 to people who neither triage nor manage investigations. Remembered for the
// signed-in user, so every picker on the page switches to typing a user id after the first refusal.
let refusedFor: number | null = null;
const refusals = new Subscribers();

/** Debounced search of the people directory; `refused` once the server has said no to this user. */
export function usePeopleSearch(term: string) {
  refusals.use();
  const userId = getSession()?.user.id ?? null;
  const q = useDebounced(term.trim(), 250);
  const known = userId !== null && refusedFor === userId;
  const found = useApi<{ items: Person[] }>(!known && q ? `/api/v1/people${query({ q, limit: 10 })}` : null);
  const denied = found.error instanceof ApiError && found.error.status === 403;
  useEffect(() => {
    if (!denied || refusedFor === userId) return;
    refusedFor = userId;
    refusals.notify();
  }, [denied, userId]);
  const typed = term.trim() !== '';
  // While the next search runs the last answer stays up, so the list does not flicker at each keystroke.
  return {
    refused: known || denied,
    items: typed && !found.error ? (found.data?.items ?? []) : [],
    searching: typed && (q !== term.trim() || found.loading),
    error: typed && !denied ? found.error : null,
  };
}
