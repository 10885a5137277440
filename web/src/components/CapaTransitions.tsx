import type { TargetedEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { capaApi, capaFieldId, capaFieldLabel, STATE_LABELS, transitionLabel, type Capa, type CapaState } from '../lib/capa';
import { useAction } from '../lib/useAction';
import { ErrorSummary } from './ErrorSummary';
import { TextAreaField } from './Field';
import { Notice } from './Notice';

interface Props {
  capa: Capa;
  onChange: (c: Capa) => void;
  /** Unsaved edits would be lost or contradicted by a move: the page asks to save first. */
  dirty: boolean;
}

const RULES: Partial<Record<CapaState, string>> = {
  planned: 'Needs a problem statement, a root cause, at least one action, an owner and a due date on every open action, and an effectiveness criterion with its date.',
  in_progress: 'The owners start work. Recording progress on an action also starts it.',
  awaiting_verification: 'Every action must be done (with a note of what was done) or cancelled, and at least one done.',
  cancelled: 'Only before verification, and with a reason.',
};

/** The moves the caller may make now, each with the rule that gates it; a refused move lists what is missing. */
export function CapaTransitions({ capa, onChange, dirty }: Props) {
  const action = useAction();
  const [attempt, setAttempt] = useState(0);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const reasonBox = useRef<HTMLDivElement>(null);
  const moves = capa.nextStates;

  const move = async (to: CapaState) => {
    const ok = await action.run(
      async () => {
        onChange(await capaApi.transition(capa.id, to, to === 'cancelled' ? reason.trim() : undefined));
        setCancelling(false);
        setReason('');
      },
      `Moved to ${STATE_LABELS[to].toLowerCase()}.`,
      false,
    );
    if (!ok) setAttempt((n) => n + 1);
  };
  const choose = (to: CapaState) => {
    if (to !== 'cancelled') return void move(to);
    action.reset();
    setCancelling(true);
    setTimeout(() => reasonBox.current?.querySelector('textarea')?.focus(), 0);
  };
  const submitCancel = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void move('cancelled');
  };

  const fieldErrors = Object.keys(action.errors).length > 0;
  return (
    <section class="card capa-section screen-only" aria-labelledby="capa-transition-title" data-testid="capa-transitions">
      <h2 id="capa-transition-title">Next step</h2>
      {dirty && <p class="notice notice-warn">Save your changes before moving the CAPA on.</p>}
      <ErrorSummary title="This move is not possible yet:" errors={action.errors} fieldId={capaFieldId} attempt={attempt} labels={capaFieldLabel} />
      {action.error && !fieldErrors && <Notice kind="error" testId="capa-transition-error">{action.error}</Notice>}
      {action.done && <Notice kind="success" testId="capa-transition-done">{action.done}</Notice>}
      <ul class="capa-moves">
        {moves.map((to) => (
          <li key={to}>
            <button
              type="button"
              class={`btn ${to === 'cancelled' ? 'btn-secondary' : 'btn-primary'}`}
              disabled={action.busy || dirty}
              aria-expanded={to === 'cancelled' ? cancelling : undefined}
              aria-describedby={RULES[to] ? `capa-rule-${to}` : undefined}
              onClick={() => choose(to)}
              data-testid={`capa-move-${to}`}
            >
              {transitionLabel(to)}
            </button>
            {RULES[to] && (
              <span class="muted small" id={`capa-rule-${to}`}>
                {' '}
                {RULES[to]}
              </span>
            )}
          </li>
        ))}
      </ul>
      {cancelling && (
        <div ref={reasonBox}>
          <form class="reason-form" onSubmit={submitCancel} noValidate data-testid="capa-cancel-form">
            <TextAreaField id={capaFieldId('reason')} label="Why is this CAPA cancelled?" hint="For example: raised in error, or merged into another CAPA (give its reference)." value={reason} onValue={setReason} error={action.errors.reason} rows={2} required />
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={action.busy || !reason.trim()} data-testid="capa-confirm-cancel">
                Cancel the CAPA
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setCancelling(false)}>
                Keep it
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}
