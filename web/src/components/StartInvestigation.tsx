import type { TargetedEvent } from 'preact';
import { useState } from 'preact/hooks';
import { api } from '../lib/api';
import type { Incident } from '../lib/incidents';
import { Link, navigate } from '../lib/router';
import { useAction } from '../lib/useAction';
import { TextField } from './Field';
import { LiveRegion } from './Notice';

/** Link to the investigation of this event, or start one (the user names it, then lands on it). */
export function StartInvestigation({ incident }: { incident: Incident }) {
  const action = useAction();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState(`${incident.categoryLabel} — ${incident.reference}`);
  if (incident.investigationId)
    return (
      <Link href={`/investigations/${incident.investigationId}`} class="btn btn-secondary" data-testid="open-investigation">
        Open investigation
      </Link>
    );
  if (!incident.can.investigate) return null;

  const start = (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    void action.run(async () => {
      const inv = await api.post<{ id: number }>('/api/v1/investigations', { title: title.trim(), incidentIds: [incident.id] });
      navigate(`/investigations/${inv.id}?started=1`);
    });
  };

  if (!open)
    return (
      <button type="button" class="btn btn-secondary" onClick={() => setOpen(true)} aria-expanded="false" data-testid="start-investigation">
        Start investigation
      </button>
    );
  return (
    <form class="inline-form start-investigation" onSubmit={start} noValidate>
      <LiveRegion message={action.error} />
      <TextField id="investigation-title" label="Investigation title" value={title} onValue={setTitle} error={action.errors.title} autoFocus />
      <button type="submit" class="btn btn-primary" disabled={action.busy || !title.trim()} data-testid="confirm-start-investigation">
        Start
      </button>
      <button type="button" class="btn btn-secondary" onClick={() => setOpen(false)}>
        Cancel
      </button>
    </form>
  );
}
