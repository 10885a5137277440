import { ApiError, messageOf } from '../lib/api';
import { Link } from '../lib/router';
import { Notice } from './Notice';
import { Page } from './Page';

export function Forbidden() {
  return (
    <Page title="You do not have access to this page" testId="forbidden-page">
      <p>Your roles do not include permission to view this information. If you need access, ask your HQMS administrator.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </Page>
  );
}

export function NotFound() {
  return (
    <Page title="Page not found" testId="not-found-page">
      <p>The page you asked for does not exist or has been moved.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </Page>
  );
}

/** Renders the right page for a failed load: 403 and 404 get full pages, anything else an inline error. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && error.status === 403) return <Forbidden />;
  if (error instanceof ApiError && error.status === 404) return <NotFound />;
  // 401 is handled globally by a redirect to the sign-in page.
  if (error instanceof ApiError && error.status === 401) return null;
  return (
    <Notice kind="error" testId="load-error">
      <p>{messageOf(error)}</p>
      {onRetry && (
        <button type="button" class="btn btn-secondary" onClick={onRetry}>
          Try again
        </button>
      )}
    </Notice>
  );
}

export function isPageError(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 403 || error.status === 404);
}
