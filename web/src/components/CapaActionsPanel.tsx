import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { ACTION_STATUS_LABELS, capaApi, evidenceHref, isFinished, strengthLabel, type ActionStatus, type Capa, type CapaAction } from '../lib/capa';
import { fileSize } from '../lib/uploads';
import { formatDate } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import { useAction } from '../lib/useAction';
import { CapaEvidenceUpload } from './CapaEvidenceUpload';
import { SelectField, TextAreaField } from './Field';
import { OverdueTag } from './IncidentBadges';
import { Notice } from './Notice';

interface Props {
  capa: Capa;
  /** The server answered with the whole CAPA. */
  onChange: (c: Capa) => void;
  /** Something changed that only a fresh read shows (an upload). */
  onReload: () => void;
}

const STATUSES = Object.keys(ACTION_STATUS_LABELS) as ActionStatus[];

function ProgressForm({ capa, action, number, onChange, onReload }: { capa: Capa; action: CapaAction; number: number } & Omit<Props, 'capa'>) {
  const [status, setStatus] = useState<ActionStatus>(action.status);
  const [note, setNote] = useState(action.completionNote);
  const run = useAction();
  const id = (f: string) => `capa-progress-${action.id}-${f}`;

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    await run.run(
      async () => {
        const answer = await capaApi.progress(capa.id, action.id, status, note.trim());
        if (answer && typeof answer === 'object' && 'actions' in answer) onChange(answer as Capa);
        else onReload();
      },
      'Progress saved.',
      false,
    );
  };

  return (
    <form class="capa-progress-form" onSubmit={(e) => void submit(e)} noValidate data-testid="capa-progress-form">
      <div class="form-columns">
        <SelectField id={id('status')} label={`Status of action ${number}`} value={status} onValue={(v) => setStatus(v as ActionStatus)} error={run.errors.status}>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {ACTION_STATUS_LABELS[s]}
            </option>
          ))}
        </SelectField>
      </div>
      <TextAreaField
        id={id('completionNote')}
        label="What was done"
        hint={status === 'done' ? 'Needed to mark the action done.' : 'Optional until the action is done.'}
        value={note}
        onValue={setNote}
        error={run.errors.completionNote ?? Object.entries(run.errors).find(([k]) => k.endsWith('completionNote'))?.[1]}
        rows={2}
      />
      {run.error && <Notice kind="error" testId="capa-progress-error">{run.error}</Notice>}
      {run.done && <Notice kind="success" testId="capa-progress-saved">{run.done}</Notice>}
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={run.busy} data-testid="capa-progress-save">
          {run.busy ? 'Saving…' : 'Save progress'}
        </button>
      </div>
    </form>
  );
}

/** The actions with their owners, due dates and progress; owners record progress and evidence here. */
export function CapaActionsPanel({ capa, onChange, onReload }: Props) {
  const [open, setOpen] = useState<number | null>(null);
  const working = capa.state === 'planned' || capa.state === 'in_progress';
  return (
    <section class="card capa-section" aria-labelledby="capa-actions-title" data-testid="capa-actions">
      <h2 id="capa-actions-title">Actions and progress</h2>
      {!working && capa.actions.some((a) => a.can.progress) && (
        <p class="muted small screen-only">Progress can be recorded while the CAPA is planned or in progress.</p>
      )}
      {capa.actions.length === 0 ? (
        <p class="muted">No actions yet.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table capa-actions-table print-table">
            <caption class="visually-hidden">Actions; overdue rows are marked “Overdue”</caption>
            <thead>
              <tr>
                <th scope="col">Action</th>
                <th scope="col">Owner</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
                <th scope="col">Evidence</th>
                <th scope="col" class="screen-only">
                  <span class="visually-hidden">Update</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {capa.actions.map((a, i) => {
                const expanded = open === a.id;
                // A finished CAPA leaves nothing to chase, even an action never completed.
                const overdue = a.overdue && !isFinished(capa.state);
                const canUpdate = a.can.progress && working;
                return [
                  <tr key={a.id} class={overdue ? 'row-overdue' : undefined} data-testid="capa-action" data-action-id={a.id} data-status={a.status} data-overdue={overdue || undefined}>
                    <th scope="row" class="capa-action-cell">
                      <span class="capa-action-number">{i + 1}.</span> {a.description}
                      <div class="badge-row">
                        <span class={`badge capa-strength capa-strength-${a.strength}`}>{strengthLabel(a.strength)}</span>
                        {overdue && <OverdueTag />}
                      </div>
                    </th>
                    <td>{a.owner?.displayName ?? <span class="muted">No owner</span>}</td>
                    <td class={`nowrap${overdue ? ' text-danger' : ''}`}>{formatDate(a.dueOn)}</td>
                    <td>
                      <span data-testid="capa-action-status">{ACTION_STATUS_LABELS[a.status] ?? a.status}</span>
                      {a.completedAt && <div class="muted small">{formatDateTime(a.completedAt)}</div>}
                      {a.completionNote && <div class="small prewrap" data-testid="capa-action-note">{a.completionNote}</div>}
                    </td>
                    <td>
                      {a.evidence.length === 0 ? (
                        <span class="muted">None</span>
                      ) : (
                        <ul class="attachment-list" data-testid="capa-evidence-list">
                          {a.evidence.map((f) => (
                            <li key={f.id}>
                              <a href={evidenceHref(capa.id, f.id)} download={f.fileName}>
                                {f.fileName}
                              </a>
                              <span class="muted small"> · {fileSize(f.sizeBytes)}</span>
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td class="screen-only">
                      {canUpdate && (
                        <button
                          type="button"
                          class="btn btn-secondary"
                          aria-expanded={expanded}
                          aria-controls={`capa-progress-${a.id}`}
                          onClick={() => setOpen(expanded ? null : a.id)}
                          data-testid="capa-action-update"
                        >
                          {expanded ? 'Close' : 'Update'}
                          <span class="visually-hidden"> action {i + 1}</span>
                        </button>
                      )}
                    </td>
                  </tr>,
                  expanded && canUpdate ? (
                    <tr key={`${a.id}-progress`} id={`capa-progress-${a.id}`} class="capa-progress-row screen-only">
                      <td colSpan={6}>
                        <ProgressForm capa={capa} action={a} number={i + 1} onChange={onChange} onReload={onReload} />
                        <CapaEvidenceUpload capaId={capa.id} actionId={a.id} actionNumber={i + 1} onAdded={onReload} />
                      </td>
                    </tr>
                  ) : null,
                ];
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
