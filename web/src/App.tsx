import { useEffect, useState } from 'preact/hooks';
import { Forbidden, NotFound } from './components/ErrorPages';
import { Notice } from './components/Notice';
import { PublicLayout } from './components/PublicLayout';
import { Shell } from './components/Shell';
import { messageOf } from './lib/api';
import { loginUrl, restoreSession } from './lib/auth';
import { startIdleTimer } from './lib/idle';
import { navigate, useLocation } from './lib/router';
import { hasPermission, useAppState } from './lib/session';
import { AccountSecurityPage } from './pages/AccountSecurity';
import { AnonymousReportPage } from './pages/AnonymousReport';
import { AuditPage } from './pages/Audit';
import { CapaAgeingPage } from './pages/CapaAgeing';
import { CapaBoardPage } from './pages/CapaBoard';
import { CapaDetailPage } from './pages/CapaDetail';
import { CapaNewPage } from './pages/CapaNew';
import { DepartmentDashboardPage } from './pages/DepartmentDashboard';
import { ExecutiveDashboardPage } from './pages/ExecutiveDashboard';
import { FmeaListPage } from './pages/FmeaList';
import { FmeaWorksheetPage } from './pages/FmeaWorksheet';
import { FollowUpPage } from './pages/FollowUp';
import { HomePage } from './pages/Home';
import { ImportsPage } from './pages/Imports';
import { IncidentDetailPage } from './pages/IncidentDetail';
import { IncidentListPage } from './pages/IncidentList';
import { IncidentReportPage } from './pages/IncidentReport';
import { IndicatorCataloguePage } from './pages/IndicatorCatalogue';
import { IndicatorDetailPage } from './pages/IndicatorDetail';
import { IndicatorWorkbenchPage } from './pages/IndicatorWorkbench';
import { InvestigationPage } from './pages/Investigation';
import { InvestigationsPage } from './pages/Investigations';
import { LearningPage } from './pages/Learning';
import { LoginPage } from './pages/Login';
import { PasswordPage } from './pages/Password';
import { ReportingRulesPage } from './pages/ReportingRules';
import { SecuritySettingsPage } from './pages/SecuritySettings';
import { RiskDetailPage } from './pages/RiskDetail';
import { RiskNewPage } from './pages/RiskNew';
import { RiskRegisterPage } from './pages/RiskRegister';
import { UserDetailPage } from './pages/UserDetail';
import { UserNewPage } from './pages/UserNew';
import { UsersPage } from './pages/Users';

/** Pages open without signing in: anonymous reporting must not require an account. */
function PublicRoute({ path }: { path: string }) {
  if (path === '/report') return <AnonymousReportPage />;
  if (path === '/report/follow-up') return <FollowUpPage />;
  return null;
}

const isPublic = (path: string) => path === '/report' || path === '/report/follow-up';

function Route({ path }: { path: string }) {
  const { session } = useAppState();
  // A session that must enrol a second factor first can do nothing else (the server refuses it too).
  if (session?.mustEnrolSecondFactor || path === '/account/security') return <AccountSecurityPage />;
  if (path === '/') return <HomePage />;
  if (path === '/account/password') return <PasswordPage />;
  if (path === '/admin/security') return hasPermission(session, 'users.read') ? <SecuritySettingsPage /> : <Forbidden />;
  if (path === '/admin/users') return <UsersPage />;
  // Creating users needs no list data to fail on, so check the permission up front.
  if (path === '/admin/users/new') return hasPermission(session, 'users.manage') ? <UserNewPage /> : <Forbidden />;
  const userMatch = /^\/admin\/users\/(\d+)$/.exec(path);
  if (userMatch) return <UserDetailPage id={Number(userMatch[1])} />;
  if (path === '/admin/audit') return <AuditPage />;
  if (path === '/admin/reporting-rules')
    return hasPermission(session, 'incidents.configure') ? <ReportingRulesPage /> : <Forbidden />;
  if (isPublic(path)) return <PublicRoute path={path} />;
  if (path === '/incidents') return <IncidentListPage />;
  if (path === '/incidents/new') return <IncidentReportPage />;
  if (path === '/incidents/learning') return <LearningPage />;
  const incidentMatch = /^\/incidents\/(\d+)$/.exec(path);
  if (incidentMatch) return <IncidentDetailPage key={incidentMatch[1]} id={Number(incidentMatch[1])} />;
  if (path === '/investigations') return <InvestigationsPage />;
  const investigationMatch = /^\/investigations\/(\d+)$/.exec(path);
  if (investigationMatch) return <InvestigationPage key={investigationMatch[1]} id={Number(investigationMatch[1])} />;
  if (path === '/capa') return <CapaBoardPage />;
  if (path === '/capa/new') return <CapaNewPage />;
  if (path === '/capa/ageing') return <CapaAgeingPage />;
  const capaMatch = /^\/capa\/(\d+)$/.exec(path);
  if (capaMatch) return <CapaDetailPage key={capaMatch[1]} id={Number(capaMatch[1])} />;
  if (path === '/risks') return <RiskRegisterPage />;
  if (path === '/risks/new') return <RiskNewPage />;
  const riskMatch = /^\/risks\/(\d+)$/.exec(path);
  if (riskMatch) return <RiskDetailPage key={riskMatch[1]} id={Number(riskMatch[1])} />;
  if (path === '/fmea') return <FmeaListPage />;
  const fmeaMatch = /^\/fmea\/(\d+)$/.exec(path);
  if (fmeaMatch) return <FmeaWorksheetPage key={fmeaMatch[1]} id={Number(fmeaMatch[1])} />;
  if (path === '/dashboards/executive') return hasPermission(session, 'indicators.read') ? <ExecutiveDashboardPage /> : <Forbidden />;
  if (path === '/dashboards/department') return hasPermission(session, 'indicators.read') ? <DepartmentDashboardPage /> : <Forbidden />;
  if (path === '/indicators') return <IndicatorCataloguePage />;
  if (path === '/indicators/workbench') return hasPermission(session, 'indicators.read') ? <IndicatorWorkbenchPage /> : <Forbidden />;
  const indicatorMatch = /^\/indicators\/([a-z0-9_]+)$/.exec(path);
  if (indicatorMatch) return <IndicatorDetailPage key={indicatorMatch[1]} code={indicatorMatch[1]} />;
  if (path === '/imports') return hasPermission(session, 'data.import') ? <ImportsPage /> : <Forbidden />;
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
        if (!s && location.pathname !== '/login' && !isPublic(location.pathname)) navigate(loginUrl(expired ? 'expired' : undefined, here), { replace: true });
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
  if (!session && isPublic(path))
    return (
      <PublicLayout>
        <PublicRoute path={path} />
      </PublicLayout>
    );
  if (!session) return null;
  return (
    <Shell>
      <Route path={path} />
    </Shell>
  );
}
