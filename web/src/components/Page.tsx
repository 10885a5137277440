import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  /** Shown to the right of the heading (primary actions). */
  actions?: ComponentChildren;
  intro?: ComponentChildren;
  children?: ComponentChildren;
  testId?: string;
}

/** Page heading that also sets the document title and takes focus after navigation, for screen readers. */
export function Page({ title, actions, intro, children, testId }: Props) {
  const h1 = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · HQMS`;
    // Only steal focus when a route change left it on the body or a nav link.
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('nav')) h1.current?.focus({ preventScroll: true });
  }, [title]);
  return (
    <section class="page" data-testid={testId} aria-labelledby="page-title">
      <header class="page-header">
        <div>
          <h1 id="page-title" ref={h1} tabIndex={-1}>
            {title}
          </h1>
          {intro && <p class="page-intro">{intro}</p>}
        </div>
        {actions && <div class="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}
