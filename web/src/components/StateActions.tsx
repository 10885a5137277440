import type { TargetedEvent } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { api } from '../lib/api';
import { FINAL_WITH_REASON, labelOf, type Incident, type IncidentFormConfig } from '../lib/incidents';
import { Link } from '../lib/router';
import { useAction } from '../lib/useAction';
import { TextAreaField, TextField } from './Field';
import { LiveRegion, Notice } from './Notice';

interface Props {
  incident: Incident;
  config: IncidentFormConfig | null;
  onChange: (i: Incident) => void;
}

/** The next states as buttons; rejecting, marking duplicate and merging ask for a reason first. */
export function StateActions({ incident, config, onChange }: Props) {
  const action = useAction();
  const [target, setTarget] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [mergedInto, setMergedInto] = useState('');
  const reasonBox = useRef<HTMLDivElement>(null);
  const label = (s: string) => labelOf(config?.states, s);

  const move = (to: string) =>
    action.run(
      async () => {
        const body: Record<string, unknown> = { to };
        if (FINAL_WITH_REASON.includes(to)) body.reason = reason.trim();
        if (to === 'merged' || to === 'duplicate') body.mergedInto = Number(mergedInto);
        onChange(await api.post<Incident>(`/api/v1/incidents/${incident.id}/transitions`, body));
        setTarget(null);
        setReason('');
        setMergedInto('');
      },
      `Moved to ${label(to)}.`,
      false,
    );

  const choose = (to: string) => {
    if (!FINAL_WITH_REASON.includes(to)) {
      void move(to);
      return;
    }
    action.reset();
    setTarget(to);
    setTimeout(() => reasonBox.current?.querySelector<HTMLElement>('textarea, input')?.focus(), 0);
  };

  const submitReason = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (!target) return;
    void move(target);
  };

  const localErrors: Record<string, string> = { ...action.errors };
  return (
    <section class="card state-card" aria-labelledby="state-title" data-testid="state-actions">
      <h2 id="state-title">
        State: <span data-testid="incident-state">{incident.stateLabel}</span>
      </h2>
      {incident.stateReason && <p class="muted">Reason: {incident.stateReason}</p>}
      {incident.mergedInto && (
        <p class="muted">
          Merged into <Link href={`/incidents/${incident.mergedInto}`}>report #{incident.mergedInto}</Link>
        </p>
      )}
      <LiveRegion message={action.error} />
      {action.done && <Notice kind="success">{action.done}</Notice>}
      {incident.can.transition && incident.nextStates.length > 0 && (
        <div class="state-buttons" role="group" aria-label="Change state">
          {incident.nextStates.map((s) => (
            <button
              key={s}
              type="button"
              class={`btn ${FINAL_WITH_REASON.includes(s) ? 'btn-secondary' : 'btn-primary'}`}
              disabled={action.busy}
              aria-expanded={FINAL_WITH_REASON.includes(s) ? target === s : undefined}
              onClick={() => choose(s)}
              data-testid={`move-${s}`}
            >
              Move to {label(s)}
            </button>
          ))}
        </div>
      )}
      {target && (
        <div ref={reasonBox}>
          <form class="reason-form" onSubmit={submitReason} noValidate>
            <TextAreaField id="transition-reason" label={`Why is this report ${label(target).toLowerCase()}?`} value={reason} onValue={setReason} error={localErrors.reason} rows={2} required />
            {(target === 'merged' || target === 'duplicate') && (
              <TextField
                id="transition-mergedInto"
                label="Merge into report number"
                hint="The number at the end of the other report's address, e.g. 42 for /incidents/42."
                inputMode="numeric"
                value={mergedInto}
                onValue={(v) => setMergedInto(v.replace(/[^0-9]/g, ''))}
                error={localErrors.mergedInto}
                required
              />
            )}
            <div class="form-actions">
              <button type="submit" class="btn btn-primary" disabled={action.busy || !reason.trim() || ((target === 'merged' || target === 'duplicate') && !mergedInto.trim())}>
                Confirm: {label(target)}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => setTarget(null)}>
                Cancel
              </button>
            </div>
          </form>
        </div>
      )}
    </section>
  );
}
