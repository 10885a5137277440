import type { TargetedEvent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError, errorsByField, messageOf } from '../lib/api';
import { readLocalDraft } from '../lib/drafts';
import type { IncidentFormConfig, ServerDraft, Submission } from '../lib/incidents';
import { labelOf } from '../lib/incidents';
import { checkReportForm, hasContent, newReportForm, reportFieldId, restoreReportForm, toSubmission, type ReportForm } from '../lib/reportForm';
import { useDraftAutosave } from '../lib/useDraftAutosave';
import { DraftResume, DraftStatusText, type DraftCandidate } from './DraftNotices';
import { ErrorSummary } from './ErrorSummary';
import { LiveRegion } from './Notice';
import { ReportClassification } from './ReportClassification';
import { ReportEventFields } from './ReportEventFields';

interface Props<T> {
  config: IncidentFormConfig;
  /** Anonymous: no server drafts, and the reporter is told what stays private. */
  anonymous: boolean;
  /** Whose drafts in this browser: the user id, or "anonymous". */
  owner: string;
  homeDepartmentId: number | null;
  submit: (s: Submission) => Promise<T>;
  onDone: (result: T) => void;
  submitLabel: string;
}

function describe(config: IncidentFormConfig, f: ReportForm): string {
  const what = f.category ? labelOf(config.categories, f.category) : 'Report';
  const text = f.description.trim();
  return text ? `${what}: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}` : what;
}

/** Error summary labels for the API's field names. */
function fieldLabels(config: IncidentFormConfig): Record<string, string> {
  const labels: Record<string, string> = {
    type: 'Type of event',
    category: 'Category',
    harm: 'Harm',
    harmDuration: 'Harm duration',
    merpCategory: 'NCC MERP category',
    departmentId: 'Department',
    location: 'Location',
    occurredAt: 'When it happened',
    patient: 'Patient',
    'patient.identifier': 'Patient identifier',
    'patient.name': 'Patient name',
    peopleInvolved: 'Staff involved',
    description: 'What happened',
    immediateActions: 'Immediate actions',
  };
  for (const c of config.categories) for (const f of c.fields) labels[`details.${f.name}`] = f.label;
  return labels;
}

const FIELD_OF: Partial<Record<keyof ReportForm, string[]>> = {
  patientIdentifier: ['patient.identifier', 'patient'],
  patientName: ['patient.name', 'patient'],
};

export function IncidentReportForm<T>({ config, anonymous, owner, homeDepartmentId, submit, onDone, submitLabel }: Props<T>) {
  const [form, setForm] = useState<ReportForm>(() => newReportForm(homeDepartmentId));
  const autosave = useDraftAutosave(form, { owner, server: !anonymous });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [drafts, setDrafts] = useState<DraftCandidate[]>([]);

  useEffect(() => {
    let live = true;
    const local = readLocalDraft(owner);
    const fromServer: Promise<ServerDraft[]> = anonymous
      ? Promise.resolve([])
      : api.get<{ items: ServerDraft[] }>('/api/v1/incident-drafts').then((r) => r.items ?? [], () => []);
    void fromServer.then((items) => {
      if (!live) return;
      const found = items.map((i) => ({ key: i.key, form: i.form, savedAt: i.updatedAt, deviceOnly: false, summary: '' }));
      if (local) {
        const same = found.find((d) => d.key === local.key);
        if (!same) found.push({ key: local.key, form: local.form, savedAt: local.savedAt, deviceOnly: true, summary: '' });
        else if (local.savedAt > same.savedAt) Object.assign(same, { form: local.form, savedAt: local.savedAt });
      }
      const usable: DraftCandidate[] = [];
      for (const d of found) {
        const f = restoreReportForm(d.form, homeDepartmentId);
        if (f && hasContent(f)) usable.push({ ...d, summary: describe(config, f) });
      }
      usable.sort((a, b) => (a.savedAt < b.savedAt ? 1 : -1));
      setDrafts(usable);
    });
    return () => {
      live = false;
    };
  }, []);

  const set = (patch: Partial<ReportForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    autosave.changed();
    setErrors((errs) => {
      const next = { ...errs };
      for (const k of Object.keys(patch) as (keyof ReportForm)[]) for (const field of FIELD_OF[k] ?? [k]) delete next[field];
      if (patch.details) for (const name of Object.keys(patch.details)) if (patch.details[name] !== form.details[name]) delete next[`details.${name}`];
      return next;
    });
  };

  const resume = (d: DraftCandidate) => {
    const f = restoreReportForm(d.form, homeDepartmentId);
    if (!f) return;
    setForm(f);
    autosave.adoptKey(d.key);
    autosave.changed();
    setDrafts([]);
    setErrors({});
  };
  const discard = (d: DraftCandidate) => {
    void autosave.forget(d.key);
    setDrafts((list) => list.filter((x) => x.key !== d.key));
  };

  const onSubmit = async (e: TargetedEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (busy) return;
    setFailure(null);
    const quick = checkReportForm(form, config);
    if (Object.keys(quick).length > 0) {
      setErrors(quick);
      setAttempt((n) => n + 1);
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const result = await submit(toSubmission(form, config));
      void autosave.forget();
      onDone(result);
    } catch (err) {
      const fieldErrors = errorsByField(err);
      if (err instanceof ApiError && err.status === 422 && Object.keys(fieldErrors).length > 0) {
        setErrors(fieldErrors);
        setAttempt((n) => n + 1);
      } else {
        setFailure(`${messageOf(err)} Your report has not been lost: it is kept as a draft. Please try again.`);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <DraftResume drafts={drafts} onResume={resume} onDiscard={discard} />
      <form class="report-form" onSubmit={onSubmit} onFocusOut={() => void autosave.flush()} noValidate data-testid="incident-report-form">
        <LiveRegion message={failure} testId="report-error" />
        <ErrorSummary title="The report could not be sent yet. Please check:" errors={errors} fieldId={reportFieldId} attempt={attempt} labels={fieldLabels(config)} />
        <ReportClassification config={config} form={form} set={set} errors={errors} fieldId={reportFieldId} />
        <ReportEventFields config={config} form={form} set={set} errors={errors} fieldId={reportFieldId} anonymous={anonymous} />
        <div class="form-actions report-actions">
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="submit-report">
            {busy ? 'Sending…' : submitLabel}
          </button>
          <DraftStatusText status={autosave.status} />
        </div>
      </form>
    </>
  );
}
