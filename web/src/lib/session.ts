import { api, setCsrfToken } from './api';
import type { Organisation, Session } from './types';
import { Subscribers } from './subscription';

// App-wide signed-in state; a tiny observable store instead of a state library.
interface State {
  session: Session | null;
  org: Organisation | null;
}

let state: State = { session: null, org: null };
const subscribers = new Subscribers();

function set(next: Partial<State>): void {
  state = { ...state, ...next };
  subscribers.notify();
}

export function getSession(): Session | null {
  return state.session;
}

export function setSession(session: Session | null): void {
  setCsrfToken(session?.csrfToken ?? null);
  set({ session, org: session ? state.org : null });
  if (session && !state.org) void loadOrg();
}

async function loadOrg(): Promise<void> {
  try {
    set({ org: await api.get<Organisation>('/api/v1/org') });
  } catch {
    // The org name is decoration in the top bar; pages that need the org load it themselves.
  }
}

export function useAppState(): State {
  subscribers.use();
  return state;
}

export function hasPermission(session: Session | null, perm: string): boolean {
  return !!session && session.permissions.includes(perm);
}

/** The chain verification endpoint requires an organisation-wide administrator or auditor grant. */
export function canVerifyAuditChain(session: Session | null): boolean {
  return (
    !!session &&
    session.user.grants.some((g) => g.scope.type === 'organisation' && (g.role === 'administrator' || g.role === 'auditor'))
  );
}
