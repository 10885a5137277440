import { useState } from 'preact/hooks';
import { LoadError } from '../components/ErrorPages';
import { ErrorSummary } from '../components/ErrorSummary';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { EscalatedMarker } from '../components/RiskBadges';
import { RiskCapaPanel } from '../components/RiskCapaPanel';
import { RiskFacts } from '../components/RiskFacts';
import { RiskForm } from '../components/RiskForm';
import { RiskReviewPanel } from '../components/RiskReviewPanel';
import { api } from '../lib/api';
import { formatDateTime } from '../lib/format';
import { editableRisk, escalationText, riskFieldId, riskFieldLabel, riskRequest, type Risk, type RiskEdit, type RiskSettings } from '../lib/risk';
import { Link, useLocation } from '../lib/router';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { useRecordEditor } from '../lib/useRecordEditor';

export function RiskDetailPage({ id }: { id: number }) {
  const { search } = useLocation();
  const loaded = useApi<Risk>(`/api/v1/risks/${id}`);
  const settings = useApi<RiskSettings>('/api/v1/risk-settings');
  const { record: risk, edit, dirty, adopt, change, discard } = useRecordEditor<Risk, RiskEdit>(loaded.data, editableRisk);
  const [attempt, setAttempt] = useState(0);
  const action = useAction();

  if (loaded.error && !risk) return <LoadError error={loaded.error} onRetry={loaded.reload} />;
  if (!risk || !edit) return <p class="muted">Loading the risk…</p>;

  const onSave = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(async () => adopt(await api.put<Risk>(`/api/v1/risks/${risk.id}`, riskRequest(edit, risk.version))), 'Saved.');
    if (!ok) setAttempt((n) => n + 1);
  };
  const confirmDiscard = () => !dirty || window.confirm('This discards your unsaved changes to the risk. Continue?');
  const reload = () => {
    if (!confirmDiscard()) return;
    action.reset();
    discard();
    loaded.reload();
  };
  const escalation = escalationText(risk);

  return (
    <Page
      title={`${risk.reference} · ${risk.title}`}
      testId="risk-detail-page"
      intro={
        <>
          <Link href="/risks">Back to the risk register</Link> · {risk.register.name} register ·{' '}
          <span class={`badge ${risk.status === 'open' ? 'badge-warn' : 'badge-muted'}`} data-testid="risk-status">
            {risk.status === 'open' ? 'Open' : 'Closed'}
          </span>
          {risk.escalatedTo && (
            <>
              {' '}
              <EscalatedMarker />
            </>
          )}
        </>
      }
    >
      {search.get('created') && <Notice kind="success" testId="risk-created">Risk {risk.reference} added to the register.</Notice>}
      {escalation && (
        <div class="notice notice-escalated" role="status" data-testid="escalation-banner">
          <strong>{escalation}.</strong> Its residual score reached the extreme band, so it is now held and watched one level up.
        </div>
      )}
      <RiskFacts risk={risk} settings={settings.data} full={!risk.can.edit} />

      {risk.can.edit && (
        <form onSubmit={(e) => void onSave(e)} noValidate data-testid="risk-form">
          {action.conflict ? (
            <Notice kind="error" testId="risk-conflict">
              <p>
                <strong>Not saved: this risk was changed by someone else.</strong> {action.error}
              </p>
              <button type="button" class="btn btn-secondary" onClick={reload}>
                Reload the latest version
              </button>
            </Notice>
          ) : (
            action.error && Object.keys(action.errors).length === 0 && <Notice kind="error">{action.error}</Notice>
          )}
          <ErrorSummary title="Please correct these before saving:" errors={action.errors} fieldId={riskFieldId} attempt={attempt} labels={riskFieldLabel} />
          {action.done && (
            <Notice kind="success" testId="risk-saved">
              {action.done}
            </Notice>
          )}
          <RiskForm edit={edit} onChange={change} errors={action.errors} settings={settings.data} existing />
          <div class="save-bar" role="region" aria-label="Save changes">
            <span class={dirty ? 'save-state unsaved' : 'save-state muted'} aria-live="polite" data-testid="save-state">
              {dirty ? 'You have unsaved changes.' : `All changes saved · last updated ${formatDateTime(risk.updatedAt)}`}
            </span>
            <button type="submit" class="btn btn-primary" disabled={action.busy || !dirty} data-testid="save-risk">
              {action.busy ? 'Saving…' : 'Save'}
            </button>
          </div>
        </form>
      )}

      <RiskReviewPanel key={risk.id} risk={risk} settings={settings.data} onReviewed={adopt} confirmDiscard={confirmDiscard} />
      <RiskCapaPanel risk={risk} />
    </Page>
  );
}
