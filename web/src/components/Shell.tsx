import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signOut } from '../lib/auth';
import { Link, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';

interface NavItem {
  href: string;
  label: string;
  testId: string;
  /** Shown when the user holds any of these; none = everyone signed in. */
  anyOf?: string[];
}

const navItems: NavItem[] = [
  { href: '/', label: 'Home', testId: 'nav-home' },
  { href: '/incidents/new', label: 'Report an event', testId: 'nav-report' },
  { href: '/incidents', label: 'Incidents', testId: 'nav-incidents', anyOf: ['incidents.report', 'incidents.read', 'incidents.triage'] },
  { href: '/investigations', label: 'Investigations', testId: 'nav-investigations', anyOf: ['investigations.read', 'investigations.manage'] },
  { href: '/incidents/learning', label: 'Learning', testId: 'nav-learning', anyOf: ['incidents.read'] },
  { href: '/capa', label: 'CAPA', testId: 'nav-capa', anyOf: ['capa.read', 'capa.manage'] },
  { href: '/risks', label: 'Risk register', testId: 'nav-risks', anyOf: ['risks.read', 'risks.manage'] },
  { href: '/fmea', label: 'FMEA', testId: 'nav-fmea', anyOf: ['risks.read', 'risks.manage'] },
  { href: '/dashboards/executive', label: 'Quality dashboard', testId: 'nav-quality-dashboard', anyOf: ['indicators.read'] },
  { href: '/indicators', label: 'Indicators', testId: 'nav-indicators', anyOf: ['indicators.read'] },
  { href: '/imports', label: 'Imports', testId: 'nav-imports', anyOf: ['data.import'] },
  { href: '/admin/users', label: 'Users', testId: 'nav-users', anyOf: ['users.read'] },
  { href: '/admin/audit', label: 'Audit trail', testId: 'nav-audit', anyOf: ['audit.read'] },
  { href: '/admin/security', label: 'Sign-in security', testId: 'nav-security-settings', anyOf: ['users.manage'] },
  { href: '/admin/reporting-rules', label: 'Reporting rules', testId: 'nav-reporting-rules', anyOf: ['incidents.configure'] },
];

function matches(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
}

/** The most specific item matching the path: /incidents/new is "Report an event", not "Incidents". */
function currentHref(items: NavItem[], path: string): string | undefined {
  return items
    .filter((i) => matches(i.href, path))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
}

export function Shell({ children }: { children: ComponentChildren }) {
  const { session, org } = useAppState();
  const { path } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);
  if (!session) return null;
  // A session restricted to enrolling a second factor is offered nothing else.
  const items = session.mustEnrolSecondFactor ? [] : navItems.filter((i) => !i.anyOf || i.anyOf.some((p) => hasPermission(session, p)));
  const current = currentHref(items, path);

  return (
    <div class="shell">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="topbar">
        <button
          type="button"
          class="menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="primary-nav"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          <span class="menu-icon" aria-hidden="true" />
          <span class="visually-hidden">Menu</span>
        </button>
        <Link href="/" class="brand">
          HQMS
        </Link>
        {org && (
          <span class="org-name" data-testid="org-name">
            {org.name}
          </span>
        )}
        <div class="topbar-user">
          <span class="user-name" data-testid="signed-in-user">
            <span class="visually-hidden">Signed in as </span>
            {session.user.displayName}
          </span>
          <button type="button" class="btn btn-topbar" onClick={() => void signOut()} data-testid="sign-out">
            Sign out
          </button>
        </div>
      </header>
      <div class="shell-body">
        <nav id="primary-nav" class={`sidenav${menuOpen ? ' open' : ''}`} aria-label="Main">
          <ul>
            {items.map((i) => (
              <li key={i.href}>
                <Link href={i.href} data-testid={i.testId} aria-current={i.href === current ? 'page' : undefined}>
                  {i.label}
                </Link>
              </li>
            ))}
          </ul>
          <p class="sidenav-heading">Account</p>
          <ul>
            {!session.mustEnrolSecondFactor && (
              <li>
                <Link href="/account/password" data-testid="nav-password" aria-current={path === '/account/password' ? 'page' : undefined}>
                  Change password
                </Link>
              </li>
            )}
            <li>
              <Link href="/account/security" data-testid="nav-account-security" aria-current={path === '/account/security' ? 'page' : undefined}>
                Account security
              </Link>
            </li>
          </ul>
        </nav>
        <main id="main" class="main">
          {children}
        </main>
      </div>
    </div>
  );
}
