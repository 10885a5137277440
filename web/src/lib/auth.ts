import { api, ApiError, onUnauthorized } from './api';
import { navigate } from './router';
import { getSession, setSession } from './session';
import type { SecondFactorChallenge, Session } from './types';

export type SignedOutReason = 'expired' | 'signedout' | 'required';

function currentPath(): string {
  return location.pathname + location.search;
}

export function loginUrl(reason?: SignedOutReason, next?: string): string {
  const q = new URLSearchParams();
  if (reason) q.set('reason', reason);
  if (next && next !== '/' && !next.startsWith('/login')) q.set('next', next);
  const s = q.toString();
  return s ? `/login?${s}` : '/login';
}

/** Reads the session on page load; null when not signed in. */
export async function restoreSession(): Promise<{ session: Session | null; expired: boolean }> {
  try {
    const session = await api.get<Session>('/api/v1/auth/session', { quiet401: true });
    setSession(session);
    return { session, expired: false };
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      setSession(null);
      return { session: null, expired: err.type === '/problems/session-expired' };
    }
    throw err;
  }
}

/** The password step: a session, or a challenge for the second factor when the person has one. */
export async function signIn(username: string, password: string): Promise<Session | SecondFactorChallenge> {
  const answer = await api.post<Session | SecondFactorChallenge>('/api/v1/auth/login', { username, password }, { quiet401: true });
  if ('secondFactorRequired' in answer) return answer;
  setSession(answer);
  return answer;
}

/** The second step: the challenge with an authenticator code or a recovery code. */
export async function completeSecondFactor(challengeToken: string, proof: { code: string } | { recoveryCode: string }): Promise<Session> {
  const session = await api.post<Session>('/api/v1/auth/login/second-factor', { challengeToken, ...proof }, { quiet401: true });
  setSession(session);
  return session;
}

export async function signOut(reason: SignedOutReason = 'signedout'): Promise<void> {
  try {
    await api.post<void>('/api/v1/auth/logout', undefined, { quiet401: true });
  } catch {
    // Already gone server-side; clearing local state is what matters.
  }
  setSession(null);
  navigate(loginUrl(reason), { replace: true });
}

onUnauthorized((err) => {
  if (!getSession()) return;
  setSession(null);
  const reason: SignedOutReason = err.type === '/problems/session-expired' ? 'expired' : 'required';
  navigate(loginUrl(reason, currentPath()), { replace: true });
});
