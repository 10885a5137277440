import { useState } from 'preact/hooks';
import { ErrorSummary } from '../components/ErrorSummary';
import { LoadError } from '../components/ErrorPages';
import { TextField } from '../components/Field';
import { InvActionPlanEditor, WeakActionsWarning } from '../components/InvActionPlanEditor';
import { InvestigationReadView } from '../components/InvestigationReadView';
import { InvFishboneEditor } from '../components/InvFishboneEditor';
import { InvRootCausesEditor } from '../components/InvRootCausesEditor';
import { InvTeamEditor } from '../components/InvTeamEditor';
import { InvTimelineEditor } from '../components/InvTimelineEditor';
import { InvWhysEditor } from '../components/InvWhysEditor';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { UserPicker } from '../components/UserPicker';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { editableCopy, invFieldId, invFieldLabel, onlyWeaker, toRequest, type Investigation, type InvestigationEdit } from '../lib/investigations';
import { Link, useLocation } from '../lib/router';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { useRecordEditor } from '../lib/useRecordEditor';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

export function InvestigationPage({ id }: { id: number }) {
  const { search } = useLocation();
  const loaded = useApi<Investigation>(`/api/v1/investigations/${id}`);
  const { config } = useIncidentFormConfig();
  const { record: inv, edit, dirty, adopt, change, discard } = useRecordEditor<Investigation, InvestigationEdit>(loaded.data, editableCopy);
  const [attempt, setAttempt] = useState(0);
  const action = useAction();

  if (loaded.error && !inv) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!inv || !edit) return <p class="muted">Loading the investigation…</p>;
  const readOnly = !inv.can.edit || inv.state === 'completed';
  const strengths = config?.actionStrengths ?? [];

  const save = async () => adopt(await api.put<Investigation>(`/api/v1/investigations/${inv.id}`, toRequest(inv, edit)));
  const onSave = async () => {
    if (!(await action.run(save, 'Saved.'))) setAttempt((n) => n + 1);
  };
  const onComplete = async () => {
    if (!window.confirm('Complete this investigation? It can no longer be edited afterwards.')) return;
    const ok = await action.run(async () => {
      if (dirty) await save();
      // No body is needed, but an empty JSON object keeps the request a JSON POST like every other change.
      adopt(await api.post<Investigation>(`/api/v1/investigations/${inv.id}/complete`, {}));
    }, 'The investigation is complete.');
    if (!ok) setAttempt((n) => n + 1);
  };
  const reload = () => {
    if (dirty && !window.confirm('Reloading discards your unsaved changes. Continue?')) return;
    action.reset();
    discard();
    loaded.reload();
  };

  return (
    <Page
      title={`${inv.reference} · ${inv.title}`}
      testId="investigation-page"
      intro={
        <>
          <span class="print-hide">
            <Link href="/investigations">Back to investigations</Link> ·{' '}
          </span>{inv.departmentName} · Lead: {inv.lead?.displayName ?? 'not set'} ·{' '}
          <span class={`badge ${inv.state === 'completed' ? 'badge-ok' : 'badge-warn'}`} data-testid="investigation-state">
            {inv.state === 'completed' ? `Completed ${formatDateTime(inv.completedAt)}` : 'In progress'}
          </span>
        </>
      }
      actions={
        <>
          <button type="button" class="btn btn-secondary" onClick={() => window.print()} data-testid="print">
            Print
          </button>
          {!readOnly && (
            <>
              <button type="button" class="btn btn-primary" onClick={() => void onSave()} disabled={action.busy || !dirty} data-testid="save-investigation">
                {action.busy ? 'Saving…' : 'Save'}
              </button>
              <button type="button" class="btn btn-secondary" onClick={() => void onComplete()} disabled={action.busy} data-testid="complete-investigation">
                Complete
              </button>
            </>
          )}
        </>
      }
    >
      {search.get('started') && <Notice kind="success">Investigation {inv.reference} started.</Notice>}
      <div class="screen-only">
        {action.conflict ? (
          <Notice kind="error" testId="investigation-conflict">
            <p>
              <strong>Not saved: this investigation was changed by someone else.</strong> {action.error}
            </p>
            <button type="button" class="btn btn-secondary" onClick={reload}>
              Reload the latest version
            </button>
          </Notice>
        ) : (
          action.error && Object.keys(action.errors).length === 0 && <Notice kind="error">{action.error}</Notice>
        )}
        <ErrorSummary title="Please correct these before saving or completing:" errors={action.errors} fieldId={invFieldId} attempt={attempt} labels={invFieldLabel} />
        {action.done && (
          <Notice kind="success" testId="investigation-saved">
            {action.done}
          </Notice>
        )}
      </div>
      <WeakActionsWarning show={inv.onlyWeakerActions || onlyWeaker(edit.actions)} />

      <section class="card inv-section" aria-labelledby="inv-events-title">
        <h2 id="inv-events-title">Events investigated</h2>
        <ul class="inline-list">
          {inv.incidents.map((i) => (
            <li key={i.id}>
              <Link href={`/incidents/${i.id}`}>{i.reference}</Link> <span class="muted small">{i.categoryLabel} · {i.harmLabel}</span>
            </li>
          ))}
        </ul>
        {!readOnly && (
          <div class="form-columns screen-only">
            <TextField id={invFieldId('title')} label="Title" value={edit.title} onValue={(title) => change({ title })} error={action.errors.title} />
            <UserPicker id={invFieldId('leadId')} label="Lead" value={edit.leadId === null ? '' : String(edit.leadId)} onValue={(v, leadName) => change({ leadId: v ? Number(v) : null, leadName })} currentName={edit.leadName} error={action.errors.leadId} emptyLabel="No lead" />
          </div>
        )}
      </section>

      {!readOnly && (
        <>
          <InvTeamEditor team={edit.team} onChange={(team) => change({ team })} errors={action.errors} />
          <InvTimelineEditor timeline={edit.timeline} onChange={(timeline) => change({ timeline })} errors={action.errors} />
          <InvWhysEditor whys={edit.whys} onChange={(whys) => change({ whys })} errors={action.errors} />
        </>
      )}
      <InvFishboneEditor problem={edit.title} categories={edit.fishboneCategories} causes={edit.causes} onChange={change} errors={action.errors} readOnly={readOnly} />
      {!readOnly && (
        <>
          <InvRootCausesEditor rootCauses={edit.rootCauses} onChange={(rootCauses) => change({ rootCauses })} errors={action.errors} />
          <InvActionPlanEditor actions={edit.actions} strengths={strengths} onChange={(actions) => change({ actions })} errors={action.errors} investigationId={inv.id} dirty={dirty} />
        </>
      )}
      <InvestigationReadView edit={edit} strengths={strengths} onScreen={readOnly} investigationId={inv.id} />

      {!readOnly && (
        <div class="save-bar screen-only" role="region" aria-label="Save changes">
          <span class={dirty ? 'save-state unsaved' : 'save-state muted'} aria-live="polite" data-testid="save-state">
            {dirty ? 'You have unsaved changes.' : `All changes saved · last updated ${formatDateTime(inv.updatedAt)}`}
          </span>
          <button type="button" class="btn btn-primary" onClick={() => void onSave()} disabled={action.busy || !dirty}>
            Save
          </button>
        </div>
      )}
    </Page>
  );
}
