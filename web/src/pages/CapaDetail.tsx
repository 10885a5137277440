import { useState } from 'preact/hooks';
import { CapaActionsPanel } from '../components/CapaActionsPanel';
import { CapaStateBadge } from '../components/CapaBadges';
import { CapaChecks } from '../components/CapaChecks';
import { CapaEffectivenessPanel } from '../components/CapaEffectivenessPanel';
import { CapaReadView } from '../components/CapaReadView';
import { CapaRecordForm } from '../components/CapaRecordForm';
import { CapaSourcePanel } from '../components/CapaSourcePanel';
import { CapaStepper } from '../components/CapaStepper';
import { CapaTransitions } from '../components/CapaTransitions';
import { LoadError } from '../components/ErrorPages';
import { ErrorSummary } from '../components/ErrorSummary';
import { OverdueTag } from '../components/IncidentBadges';
import { WeakActionsWarning } from '../components/InvActionPlanEditor';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { capaApi, capaFieldId, capaFieldLabel, editableCopy, isFinished, type Capa, type CapaEdit } from '../lib/capa';
import { formatDateTime } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { useRecordEditor } from '../lib/useRecordEditor';

export function CapaDetailPage({ id }: { id: number }) {
  const { search } = useLocation();
  const loaded = useApi<Capa>(`/api/v1/capa/${id}`);
  // Progress, uploads and moves answer with the current record; edits in hand stay (the next save sends them
  // with the new version), so recording progress never throws away a half-written plan: hence `refresh`.
  const { record: capa, edit, dirty, adopt, refresh, change, discard } = useRecordEditor<Capa, CapaEdit>(loaded.data, editableCopy);
  const [attempt, setAttempt] = useState(0);
  const [editorOpen, setEditorOpen] = useState(false);
  const save = useAction();


  if (loaded.error && !capa) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!capa || !edit) return <p class="muted">Loading the CAPA…</p>;
  const editable = capa.can.edit && !isFinished(capa.state);
  // While the check is being made the record is read, not written: the editor opens on request.
  const showEditor = editable && (capa.state !== 'awaiting_verification' || editorOpen);
  // Saved actions with progress or evidence stay on the plan: the server keeps their history.
  const locked = new Set(capa.actions.filter((a) => a.status !== 'not_started' || a.evidence.length > 0).map((a) => a.id));

  const onSave = async () => {
    const ok = await save.run(async () => adopt(await capaApi.update(capa, edit)), 'Saved.');
    if (!ok) setAttempt((n) => n + 1);
  };
  const reload = () => {
    if (dirty && !window.confirm('Reloading discards your unsaved changes. Continue?')) return;
    save.reset();
    discard();
    loaded.reload();
  };
  const showVerify = capa.state === 'awaiting_verification' && (capa.can.verify || capa.can.edit);

  return (
    <Page
      title={`${capa.reference} · ${capa.title}`}
      testId="capa-detail-page"
      intro={
        <>
          <span class="print-hide">
            <Link href="/capa">Back to CAPAs</Link> ·{' '}
          </span>
          {capa.departmentName} · Coordinator: {capa.coordinator?.displayName ?? 'not set'} · <CapaStateBadge state={capa.state} label={capa.stateLabel} testId="capa-state" />
          {capa.overdue && (
            <>
              {' '}
              <OverdueTag />
            </>
          )}
        </>
      }
      actions={
        <>
          <button type="button" class="btn btn-secondary" onClick={() => window.print()} data-testid="print">
            Print
          </button>
          {editable && (
            <button type="button" class="btn btn-primary" onClick={() => void onSave()} disabled={save.busy || !dirty} data-testid="capa-save">
              {save.busy ? 'Saving…' : 'Save'}
            </button>
          )}
        </>
      }
    >
      {search.get('created') && <Notice kind="success" testId="capa-created">CAPA {capa.reference} created.</Notice>}
      <div class="screen-only">
        {save.conflict ? (
          <Notice kind="error" testId="capa-conflict">
            <p>
              <strong>Not saved: this CAPA was changed by someone else.</strong> {save.error}
            </p>
            <button type="button" class="btn btn-secondary" onClick={reload} data-testid="capa-reload">
              Reload the latest version
            </button>
          </Notice>
        ) : (
          save.error && Object.keys(save.errors).length === 0 && <Notice kind="error">{save.error}</Notice>
        )}
        <ErrorSummary title="Please correct these before saving:" errors={save.errors} fieldId={capaFieldId} attempt={attempt} labels={capaFieldLabel} />
        {save.done && (
          <Notice kind="success" testId="capa-saved">
            {save.done}
          </Notice>
        )}
      </div>
      <CapaStepper state={capa.state} />
      {capa.state === 'cancelled' && (
        <div class="notice notice-info" role="status" data-testid="capa-cancel-reason">
          <p>
            <strong>Cancelled.</strong> {capa.cancelReason}
          </p>
        </div>
      )}
      <WeakActionsWarning show={capa.onlyWeakerActions && !isFinished(capa.state)} />

      {capa.can.transition && capa.nextStates.length > 0 && <CapaTransitions capa={capa} onChange={adopt} dirty={dirty} />}
      {showVerify && <CapaEffectivenessPanel capa={capa} onChange={adopt} />}
      <CapaActionsPanel capa={capa} onChange={refresh} onReload={loaded.reload} />
      <CapaSourcePanel capa={capa} />
      {editable && !showEditor && (
        <p class="screen-only">
          <button type="button" class="btn btn-secondary" onClick={() => setEditorOpen(true)} data-testid="capa-open-editor">
            Edit the record
          </button>
        </p>
      )}
      {showEditor && (
        <div class="screen-only" data-testid="capa-edit">
          <CapaRecordForm edit={edit} onChange={change} errors={save.errors} locked={locked} withSourceReference={!capa.investigation && !capa.risk && !capa.fmeaStudy} />
        </div>
      )}
      <CapaReadView capa={capa} onScreen={!showEditor} />
      <CapaChecks checks={capa.checks} />

      {showEditor && (
        <div class="save-bar screen-only" role="region" aria-label="Save changes">
          <span class={dirty ? 'save-state unsaved' : 'save-state muted'} aria-live="polite" data-testid="capa-save-state">
            {dirty ? 'You have unsaved changes.' : `All changes saved · last updated ${formatDateTime(capa.updatedAt)}`}
          </span>
          <button type="button" class="btn btn-primary" onClick={() => void onSave()} disabled={save.busy || !dirty}>
            Save
          </button>
        </div>
      )}
    </Page>
  );
}
