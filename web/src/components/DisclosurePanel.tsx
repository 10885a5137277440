import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import { isoToLocalInput, localInputToIso, toLocalInput } from '../lib/datetime';
import { formatDateTime } from '../lib/format';
import type { Incident } from '../lib/incidents';
import { useAction } from '../lib/useAction';
import { SelectField, TextAreaField, TextField } from './Field';
import { OverdueTag } from './IncidentBadges';
import { LiveRegion, Notice } from './Notice';

interface Props {
  incident: Incident;
  canRecord: boolean;
  onChange: (i: Incident) => void;
}

const METHODS = ['In person', 'Telephone', 'Letter', 'Video call'];

/** Duty of candour: telling the patient or family what happened, and when that was done. */
export function DisclosurePanel({ incident, canRecord, onChange }: Props) {
  const d = incident.disclosure;
  const action = useAction();
  const [disclosedAt, setDisclosedAt] = useState(d ? isoToLocalInput(d.disclosedAt) : toLocalInput(new Date()));
  const [disclosedTo, setDisclosedTo] = useState(d?.disclosedTo ?? '');
  const [method, setMethod] = useState(d?.method ?? METHODS[0]);
  const [notes, setNotes] = useState(d?.notes ?? '');
  const [editing, setEditing] = useState(false);
  if (!incident.disclosureRequired && !d) return null;

  const save = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void action.run(async () => {
      onChange(
        await api.put<Incident>(`/api/v1/incidents/${incident.id}/disclosure`, {
          disclosedAt: localInputToIso(disclosedAt),
          disclosedTo: disclosedTo.trim(),
          method,
          notes: notes.trim(),
        }),
      );
      setEditing(false);
    }, 'Disclosure recorded.');
  };
  const showForm = canRecord && (!d || editing);

  return (
    <section class="card" aria-labelledby="disclosure-title" data-testid="disclosure">
      <h2 id="disclosure-title">Duty of candour</h2>
      {action.done && <Notice kind="success">{action.done}</Notice>}
      {d ? (
        <dl class="details">
          <dt>Disclosed</dt>
          <dd>{formatDateTime(d.disclosedAt)}</dd>
          <dt>To</dt>
          <dd>{d.disclosedTo}</dd>
          <dt>How</dt>
          <dd>{d.method}</dd>
          {d.notes && (
            <>
              <dt>Notes</dt>
              <dd class="prewrap">{d.notes}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>
          The patient or their family must be told about this event.{' '}
          {incident.overdueReasons?.disclosure ? <OverdueTag what="disclosure" /> : <span class="badge badge-warn">Not yet disclosed</span>}
        </p>
      )}
      {canRecord && d && !editing && (
        <button type="button" class="btn btn-secondary" onClick={() => setEditing(true)}>
          Correct the record
        </button>
      )}
      {showForm && (
        <form class="form subform" onSubmit={save} noValidate aria-label="Record the disclosure">
          <LiveRegion message={action.error} />
          <div class="form-columns">
            <TextField id="disclosure-at" label="When" type="datetime-local" value={disclosedAt} onValue={setDisclosedAt} error={action.errors.disclosedAt} />
            <TextField id="disclosure-to" label="Told to" hint="e.g. “patient”, “daughter (next of kin)”." value={disclosedTo} onValue={setDisclosedTo} error={action.errors.disclosedTo} />
            <SelectField id="disclosure-method" label="How" value={method} onValue={setMethod} error={action.errors.method}>
              {[...new Set([...METHODS, method])].map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </SelectField>
          </div>
          <TextAreaField id="disclosure-notes" label="Notes (optional)" value={notes} onValue={setNotes} error={action.errors.notes} rows={3} />
          <div class="form-actions">
            <button type="submit" class="btn btn-primary" disabled={action.busy}>
              Record disclosure
            </button>
            {editing && (
              <button type="button" class="btn btn-secondary" onClick={() => setEditing(false)}>
                Cancel
              </button>
            )}
          </div>
        </form>
      )}
    </section>
  );
}
