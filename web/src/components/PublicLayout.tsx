import type { ComponentChildren } from 'preact';
import { Link, useLocation } from '../lib/router';

/** Frame for the pages open without signing in (anonymous reporting and follow-up). */
export function PublicLayout({ children }: { children: ComponentChildren }) {
  const { path } = useLocation();
  return (
    <div class="shell public-shell">
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="topbar">
        <span class="brand">HQMS</span>
        <nav class="public-nav" aria-label="Anonymous reporting">
          <Link href="/report" aria-current={path === '/report' ? 'page' : undefined}>
            Report
          </Link>
          <Link href="/report/follow-up" aria-current={path === '/report/follow-up' ? 'page' : undefined}>
            Follow up
          </Link>
        </nav>
        <div class="topbar-user">
          <Link href="/login" class="btn btn-topbar" data-testid="public-sign-in">
            Sign in
          </Link>
        </div>
      </header>
      <main id="main" class="main public-main">
        {children}
      </main>
    </div>
  );
}
