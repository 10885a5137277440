import { useState } from 'preact/hooks';
import { Forbidden } from '../components/ErrorPages';
import { ErrorSummary } from '../components/ErrorSummary';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { RiskForm } from '../components/RiskForm';
import { api } from '../lib/api';
import { blankRisk, riskFieldId, riskFieldLabel, riskRequest, type Risk, type RiskEdit, type RiskSettings } from '../lib/risk';
import { Link, navigate } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Session } from '../lib/types';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';

/** A new risk starts on the register closest to its author: their department, else the scope of their grant. */
function defaultScope(session: Session | null): Pick<RiskEdit, 'scopeType' | 'scopeId'> {
  if (session?.user.homeDepartmentId) return { scopeType: 'department', scopeId: String(session.user.homeDepartmentId) };
  const grant = session?.user.grants[0];
  if (grant) return { scopeType: grant.scope.type, scopeId: String(grant.scope.id) };
  return { scopeType: 'department', scopeId: '' };
}

export function RiskNewPage() {
  const { session } = useAppState();
  const settings = useApi<RiskSettings>('/api/v1/risk-settings');
  const [edit, setEdit] = useState<RiskEdit>(() => {
    const s = defaultScope(session);
    return blankRisk(s.scopeType, s.scopeId);
  });
  const [attempt, setAttempt] = useState(0);
  const action = useAction();

  if (!hasPermission(session, 'risks.manage')) return <Forbidden />;
  const change = (patch: Partial<RiskEdit>) => setEdit((e) => ({ ...e, ...patch }));
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      const created = await api.post<Risk>('/api/v1/risks', riskRequest(edit));
      navigate(`/risks/${created.id}?created=1`);
    }, null, false);
    if (!ok) setAttempt((n) => n + 1);
  };

  return (
    <Page title="New risk" testId="risk-new-page" intro={<Link href="/risks">Back to the risk register</Link>}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate data-testid="risk-form">
        {action.error && Object.keys(action.errors).length === 0 && <Notice kind="error">{action.error}</Notice>}
        <ErrorSummary title="Please correct these before saving:" errors={action.errors} fieldId={riskFieldId} attempt={attempt} labels={riskFieldLabel} />
        <RiskForm edit={edit} onChange={change} errors={action.errors} settings={settings.data} />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="save-risk">
            {action.busy ? 'Saving…' : 'Add risk'}
          </button>
          <Link href="/risks" class="btn btn-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}
