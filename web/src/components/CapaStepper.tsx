import { STATE_LABELS, WORKFLOW, type CapaState } from '../lib/capa';

const HELP: Record<CapaState, string> = {
  open: 'Raised; the problem is being described.',
  planned: 'Root cause, actions with owners and due dates, and the effectiveness check are set.',
  in_progress: 'The action owners are doing the work.',
  awaiting_verification: 'Every action is finished; someone who owns no action checks that it worked.',
  closed: 'Verified effective.',
  cancelled: 'Stopped with a reason.',
};

/** Where the CAPA stands in its workflow; an ordered list so screen readers hear "step 3 of 5". */
export function CapaStepper({ state }: { state: CapaState }) {
  const at = WORKFLOW.indexOf(state);
  return (
    <nav class="capa-stepper-wrap" aria-label="Workflow">
      <ol class={`capa-stepper${state === 'cancelled' ? ' capa-stepper-cancelled' : ''}`} data-testid="capa-stepper">
        {WORKFLOW.map((s, i) => {
          const status = state === 'cancelled' ? 'todo' : i < at ? 'done' : i === at ? 'current' : 'todo';
          return (
            <li key={s} class={`capa-step capa-step-${status}`} aria-current={status === 'current' ? 'step' : undefined} title={HELP[s]}>
              <span class="capa-step-dot" aria-hidden="true">
                {status === 'done' || (status === 'current' && s === 'closed') ? '✓' : i + 1}
              </span>
              <span class="capa-step-label">
                {STATE_LABELS[s]}
                {status === 'done' && <span class="visually-hidden"> (done)</span>}
              </span>
            </li>
          );
        })}
      </ol>
      <p class="muted small" data-testid="capa-step-help">
        {state === 'cancelled' ? HELP.cancelled : HELP[state]}
      </p>
    </nav>
  );
}
