import type { AnchorHTMLAttributes, ComponentChildren, TargetedMouseEvent } from 'preact';
import { Subscribers } from './subscription';

// Minimal history-API router: the server falls back to index.html for unknown paths.
const subscribers = new Subscribers();

function notify(): void {
  subscribers.notify();
}

window.addEventListener('popstate', notify);

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  const current = location.pathname + location.search;
  if (to === current && !opts.replace) return;
  if (opts.replace) history.replaceState(null, '', to);
  else history.pushState(null, '', to);
  notify();
}

/** Updates the query string without a new history entry or a re-route (filter state). */
export function replaceQuery(search: string): void {
  history.replaceState(null, '', location.pathname + search);
}

export function useLocation(): { path: string; search: URLSearchParams } {
  subscribers.use();
  return { path: location.pathname, search: new URLSearchParams(location.search) };
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { href: string; children?: ComponentChildren };

export function Link({ href, onClick, ...rest }: LinkProps) {
  const handle = (e: TargetedMouseEvent<HTMLAnchorElement>) => {
    if (typeof onClick === 'function') onClick(e);
    // Let the browser handle new-tab/window clicks.
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={handle} {...rest} />;
}
