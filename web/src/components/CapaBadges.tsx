import type { CapaState } from '../lib/capa';

/** The CAPA state as a badge: finished states read calm, waiting ones draw the eye. */
export function CapaStateBadge({ state, label, testId }: { state: CapaState; label: string; testId?: string }) {
  const tone = state === 'closed' ? 'badge-ok' : state === 'cancelled' ? 'badge-muted' : state === 'awaiting_verification' ? 'badge-warn' : 'badge-capa';
  return (
    <span class={`badge ${tone}`} data-testid={testId} data-state={state}>
      {label}
    </span>
  );
}

/** The RCA² warning icon for a plan of weaker actions only; the words are there for screen readers and on hover. */
export function WeakerOnlyIcon() {
  return (
    <span class="capa-weak-icon" title="Only weaker actions (RCA²)" data-testid="weaker-only">
      <span aria-hidden="true">⚠</span>
      <span class="visually-hidden">Only weaker actions</span>
    </span>
  );
}
