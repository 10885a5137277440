import type { TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { CapaRecordForm } from '../components/CapaRecordForm';
import { DepartmentSelect } from '../components/DepartmentSelect';
import { Forbidden } from '../components/ErrorPages';
import { ErrorSummary } from '../components/ErrorSummary';
import { SelectField } from '../components/Field';
import { Notice } from '../components/Notice';
import { Page } from '../components/Page';
import { capaApi, capaFieldId, capaFieldLabel, CHOOSABLE_SOURCES, createRequest, SOURCE_LABELS, type CapaEdit, type CapaSource } from '../lib/capa';
import type { FormDepartment } from '../lib/incidents';
import { Link, navigate, useLocation } from '../lib/router';
import { hasPermission, useAppState } from '../lib/session';
import type { Role, Session } from '../lib/types';
import { useAction } from '../lib/useAction';
import { useApi } from '../lib/useApi';
import { useIncidentFormConfig } from '../lib/useIncidentFormConfig';

interface RiskHead {
  id: number;
  reference: string;
  title: string;
  description: string;
  scope: { type: string; id: number; name: string };
}

const blank = (): CapaEdit => ({
  title: '',
  kind: 'corrective',
  sourceReference: '',
  coordinatorId: null,
  coordinatorName: null,
  problemStatement: '',
  containment: '',
  rootCause: '',
  actions: [],
  effectivenessCriterion: '',
  effectivenessDueOn: '',
});

/** Departments where one of the user's grants carries capa.manage; all of them when the roles are unknown. */
function manageableDepartments(session: Session | null, roles: Role[] | undefined, all: FormDepartment[]): FormDepartment[] {
  if (!session || !roles) return all;
  const managing = new Set(roles.filter((r) => r.permissions.includes('capa.manage')).map((r) => r.role));
  const grants = session.user.grants.filter((g) => managing.has(g.role));
  return all.filter((d) =>
    grants.some((g) => g.scope.type === 'organisation' || (g.scope.type === 'site' && g.scope.id === d.siteId) || (g.scope.type === 'department' && g.scope.id === d.id)),
  );
}

export function CapaNewPage() {
  const { session } = useAppState();
  const { search } = useLocation();
  const riskId = Number(search.get('riskId')) || null;
  const { config } = useIncidentFormConfig();
  const roles = useApi<{ items: Role[] }>('/api/v1/roles');
  const risk = useApi<RiskHead>(riskId ? `/api/v1/risks/${riskId}` : null);
  // The person raising it coordinates it unless they name someone else.
  const [edit, setEdit] = useState<CapaEdit>(() => ({
    ...blank(),
    kind: riskId ? 'preventive' : 'corrective',
    coordinatorId: session?.user.id ?? null,
    coordinatorName: session?.user.displayName ?? null,
  }));
  const [source, setSource] = useState<CapaSource>(riskId ? 'risk_review' : 'manual');
  const [departmentId, setDepartmentId] = useState('');
  const [attempt, setAttempt] = useState(0);
  const action = useAction();

  const departments = manageableDepartments(session, roles.data?.items, config?.departments ?? []);
  // Start in the risk's department, else the user's own, when they may raise CAPAs there.
  useEffect(() => {
    if (departmentId) return;
    const preferred = risk.data?.scope.type === 'department' ? risk.data.scope.id : session?.user.homeDepartmentId;
    if (preferred && departments.some((d) => d.id === preferred)) setDepartmentId(String(preferred));
  }, [departments.length, risk.data]);
  useEffect(() => {
    if (!risk.data) return;
    setEdit((e) => ({ ...e, title: e.title || risk.data!.title, problemStatement: e.problemStatement || risk.data!.description, sourceReference: e.sourceReference || risk.data!.reference }));
  }, [risk.data]);

  if (!hasPermission(session, 'capa.manage')) return <Forbidden />;

  const submit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    const ok = await action.run(async () => {
      const created = await capaApi.create(createRequest(edit, { source, departmentId: departmentId ? Number(departmentId) : null, riskId }));
      navigate(`/capa/${created.id}?created=1`);
    });
    if (!ok) setAttempt((n) => n + 1);
  };

  return (
    <Page title="New CAPA" testId="capa-new-page" intro={<Link href="/capa">Back to CAPAs</Link>}>
      {action.error && Object.keys(action.errors).length === 0 && <Notice kind="error" testId="capa-create-error">{action.error}</Notice>}
      <ErrorSummary title="Please correct these before saving:" errors={action.errors} fieldId={capaFieldId} attempt={attempt} labels={capaFieldLabel} />
      <form onSubmit={(e) => void submit(e)} noValidate data-testid="capa-new-form">
        <section class="card capa-section" aria-labelledby="capa-form-origin">
          <h2 id="capa-form-origin">Where it comes from</h2>
          {riskId && (
            <p data-testid="capa-new-risk">
              For risk{' '}
              {risk.data ? (
                <Link href={`/risks/${riskId}`}>
                  {risk.data.reference} · {risk.data.title}
                </Link>
              ) : (
                <Link href={`/risks/${riskId}`}>#{riskId}</Link>
              )}
            </p>
          )}
          <div class="form-columns">
            <SelectField id={capaFieldId('source')} label="Source" value={source} onValue={(v) => setSource(v as CapaSource)} error={action.errors.source} disabled={!!riskId} hint="A CAPA from an incident investigation is raised from the investigation's action plan.">
              {CHOOSABLE_SOURCES.map((s) => (
                <option key={s} value={s}>
                  {SOURCE_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <DepartmentSelect id={capaFieldId('departmentId')} label="Department" departments={departments} value={departmentId} onValue={setDepartmentId} error={action.errors.departmentId} />
          </div>
        </section>
        <CapaRecordForm edit={edit} onChange={(patch) => setEdit((e) => ({ ...e, ...patch }))} errors={action.errors} withSourceReference />
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={action.busy} data-testid="capa-create">
            {action.busy ? 'Saving…' : 'Create CAPA'}
          </button>
          <Link href="/capa" class="btn btn-secondary">
            Cancel
          </Link>
        </div>
      </form>
    </Page>
  );
}
