import { useEffect, useState } from 'preact/hooks';
import { Forbidden, NotFound } from './components/ErrorPages';
import { Notice } from './components/Notice';
import { Shell } from './components/Shell';
import { messageOf } from './lib/api';
import { loginUrl, restoreSession } from './lib/auth';
import { startIdleTimer } from './lib/idle';
import { navigate, useLocation } from './lib/router';
import { hasPermission, useAppState } from './lib/session';
import { AuditPage } from './pages/Audit';
import { HomePage } from './pages/Home';
import { LoginPage } from './pages/Login';
import { PasswordPage } from './pages/Password';
import { UserDetailPage } from './pages/UserDetail';
import { UserNewPage } from './pages/UserNew';
import { UsersPage } from './pages/Users';

function Route({ path }: { path: string }) {
  const { session } = useAppState();
  if (path === '/') return <HomePage />;
  if (path === '/account/password') return <PasswordPage />;
  if (path === '/admin/users') return <UsersPage />;
  // Creating users needs no list data to fail on, so check the permission up front.
  if (path === '/admin/users/new') return hasPermission(session, 'users.manage') ? <UserNewPage /> : <Forbidden />;
  const userMatch = /^\/admin\/users\/(\d+)$/.exec(path);
  if (userMatch) return <UserDetailPage id={Number(userMatch[1])} />;
  if (path === '/admin/audit') return <AuditPage />;
  return <NotFound />;
}

export function App() {
  const { path } = useLocation();
  const { session } = useAppState();
  const [booted, setBooted] = useState(false);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => {
    restoreSession()
      .then(({ session: s, expired }) => {
        const here = location.pathname + location.search;
        if (!s && location.pathname !== '/login') navigate(loginUrl(expired ? 'expired' : undefined, here), { replace: true });
        setBooted(true);
      })
      .catch((err: unknown) => setBootError(messageOf(err)));
  }, []);

  const userId = session?.user.id;
  const idleSeconds = session?.idleTimeoutSeconds;
  useEffect(() => {
    if (userId === undefined || !idleSeconds) return undefined;
    return startIdleTimer(idleSeconds);
  }, [userId, idleSeconds]);

  if (bootError)
    return (
      <main class="boot">
        <Notice kind="error">HQMS could not start: {bootError}</Notice>
      </main>
    );
  if (!booted) return <p class="boot muted">Loading…</p>;
  if (path === '/login') return <LoginPage />;
  if (!session) return null;
  return (
    <Shell>
      <Route path={path} />
    </Shell>
  );
}
