import { useState } from 'preact/hooks';
import { messageOf } from '../lib/api';
import { capaApi } from '../lib/capa';
import type { PlannedAction } from '../lib/investigations';
import { Link, navigate } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';

// The investigation API names the CAPA an item became; the investigation types predate CAPAs.
type PlanItem = PlannedAction & { correctiveActionReference?: string | null };

interface Props {
  investigationId: number | undefined;
  action: PlanItem;
  /** 1-based, for the button's accessible name. */
  number: number;
  /** The investigation has unsaved edits: creating a CAPA changes its version, so save first. */
  dirty?: boolean;
}

/** On an investigation's action plan item: its CAPA, or a button that raises one from it. */
export function CapaPlanLink({ investigationId, action, number, dirty = false }: Props) {
  const { session } = useAppState();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  if (action.correctiveActionId)
    return (
      <span class="capa-plan-link" data-testid="inv-action-capa">
        <span class="muted small">CAPA </span>
        <Link href={`/capa/${action.correctiveActionId}`}>{action.correctiveActionReference || `CAPA #${action.correctiveActionId}`}</Link>
      </span>
    );
  if (!investigationId || action.id === null || !hasPermission(session, 'capa.manage')) return null;
  const actionId = action.id;

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const capa = await capaApi.fromInvestigationAction(investigationId, actionId);
      navigate(`/capa/${capa.id}?created=1`);
    } catch (err) {
      setError(messageOf(err));
      setBusy(false);
    }
  };
  return (
    <span class="capa-plan-link screen-only">
      <button type="button" class="btn btn-secondary" disabled={busy || dirty} onClick={() => void create()} data-testid="inv-action-create-capa" aria-describedby={dirty ? `capa-plan-hint-${actionId}` : undefined}>
        {busy ? 'Creating…' : 'Create CAPA'}
        <span class="visually-hidden"> from action {number}</span>
      </button>
      {dirty && (
        <span class="muted small" id={`capa-plan-hint-${actionId}`}>
          {' '}
          Save the investigation first.
        </span>
      )}
      {error && (
        <span class="field-error" role="alert" data-testid="inv-action-capa-error">
          {error}
        </span>
      )}
    </span>
  );
}
