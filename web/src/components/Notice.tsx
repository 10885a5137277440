import type { ComponentChildren } from 'preact';

interface Props {
  kind: 'error' | 'success' | 'info';
  children?: ComponentChildren;
  testId?: string;
}

/** Message box; errors use role=alert so assistive tech announces them immediately. */
export function Notice({ kind, children, testId }: Props) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </div>
  );
}

/** Always-present live region: content changes inside it are announced even if it was empty before. */
export function LiveRegion({ message, testId }: { message: string | null; testId?: string }) {
  return (
    <div aria-live="assertive" aria-atomic="true" data-testid={testId}>
      {message && (
        <div class="notice notice-error">
          {message}
        </div>
      )}
    </div>
  );
}
