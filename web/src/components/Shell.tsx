import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { signOut } from '../lib/auth';
import { Link, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';

interface NavItem {
  href: string;
  label: string;
  testId: string;
  permission?: string;
}

const navItems: NavItem[] = [
  { href: '/', label: 'Home', testId: 'nav-home' },
  { href: '/admin/users', label: 'Users', testId: 'nav-users', permission: 'users.read' },
  { href: '/admin/audit', label: 'Audit trail', testId: 'nav-audit', permission: 'audit.read' },
];

function isCurrent(href: string, path: string): boolean {
  return href === '/' ? path === '/' : path === href || path.startsWith(`${href}/`);
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
  const items = navItems.filter((i) => !i.permission || hasPermission(session, i.permission));

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
                <Link href={i.href} data-testid={i.testId} aria-current={isCurrent(i.href, path) ? 'page' : undefined}>
                  {i.label}
                </Link>
              </li>
            ))}
          </ul>
          <p class="sidenav-heading">Account</p>
          <ul>
            <li>
              <Link href="/account/password" data-testid="nav-password" aria-current={path === '/account/password' ? 'page' : undefined}>
                Change password
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
