// The report form's own state (what drafts store) and its conversion to the API's Submission.
import { localInputToIso, toLocalInput } from './datetime';
import { randomId } from './ids';
import type { IncidentFormConfig, Submission } from './incidents';

export interface ReportForm {
  v: 1;
  /** Generated once per form and reused on every retry, so a repeated POST creates one report. */
  submissionKey: string;
  type: string;
  category: string;
  details: Record<string, string>;
  harm: string;
  harmDuration: string;
  merpCategory: string;
  departmentId: string;
  location: string;
  /** datetime-local value, local time. */
  occurredAt: string;
  patientIdentifier: string;
  patientName: string;
  peopleInvolved: string;
  description: string;
  immediateActions: string;
}

export function newReportForm(departmentId: number | null | undefined): ReportForm {
  return {
    v: 1,
    submissionKey: randomId(),
    type: 'incident',
    category: '',
    details: {},
    harm: '',
    harmDuration: 'unknown',
    merpCategory: '',
    departmentId: departmentId ? String(departmentId) : '',
    location: '',
    occurredAt: toLocalInput(new Date()),
    patientIdentifier: '',
    patientName: '',
    peopleInvolved: '',
    description: '',
    immediateActions: '',
  };
}

/** Accepts a draft saved by any earlier version of the form, filling what it lacks. */
export function restoreReportForm(saved: unknown, departmentId: number | null | undefined): ReportForm | null {
  if (!saved || typeof saved !== 'object') return null;
  const base = newReportForm(departmentId);
  const s = saved as Partial<ReportForm>;
  const text = (v: unknown, d: string) => (typeof v === 'string' ? v : d);
  const details: Record<string, string> = {};
  if (s.details && typeof s.details === 'object')
    for (const [k, v] of Object.entries(s.details)) if (typeof v === 'string') details[k] = v;
  return {
    v: 1,
    submissionKey: text(s.submissionKey, base.submissionKey) || base.submissionKey,
    type: text(s.type, base.type),
    category: text(s.category, ''),
    details,
    harm: text(s.harm, ''),
    harmDuration: text(s.harmDuration, base.harmDuration),
    merpCategory: text(s.merpCategory, ''),
    departmentId: text(s.departmentId, base.departmentId),
    location: text(s.location, ''),
    occurredAt: text(s.occurredAt, base.occurredAt),
    patientIdentifier: text(s.patientIdentifier, ''),
    patientName: text(s.patientName, ''),
    peopleInvolved: text(s.peopleInvolved, ''),
    description: text(s.description, ''),
    immediateActions: text(s.immediateActions, ''),
  };
}

/** Whether the user has typed anything worth keeping (the defaults alone are not a draft). */
export function hasContent(f: ReportForm): boolean {
  return !!(
    f.category ||
    f.harm ||
    f.location.trim() ||
    f.patientIdentifier.trim() ||
    f.patientName.trim() ||
    f.peopleInvolved.trim() ||
    f.description.trim() ||
    f.immediateActions.trim() ||
    Object.values(f.details).some((v) => v.trim())
  );
}

/** Harm is asked only for events that reached a patient; a near miss or unsafe condition harmed no one. */
export const asksHarm = (f: ReportForm) => f.type === 'incident';
/** How long the harm lasts matters only when there was harm. */
export const asksDuration = (f: ReportForm) => asksHarm(f) && ['death', 'severe', 'moderate', 'mild'].includes(f.harm);
export const asksMerp = (f: ReportForm) => f.category === 'medication';
/** An unsafe condition involves no patient. */
export const asksPatient = (f: ReportForm) => f.type !== 'unsafe_condition';

export function toSubmission(f: ReportForm, config: IncidentFormConfig): Submission {
  const fields = config.categories.find((c) => c.id === f.category)?.fields ?? [];
  const details: Record<string, string> = {};
  for (const field of fields) {
    const v = (f.details[field.name] ?? '').trim();
    if (v) details[field.name] = v;
  }
  const harm = asksHarm(f) ? f.harm : 'no_harm';
  const identifier = f.patientIdentifier.trim();
  const name = f.patientName.trim();
  return {
    submissionKey: f.submissionKey,
    type: f.type,
    category: f.category,
    harm,
    harmDuration: asksDuration(f) ? f.harmDuration || 'unknown' : 'unknown',
    merpCategory: asksMerp(f) ? f.merpCategory || null : null,
    details,
    departmentId: f.departmentId ? Number(f.departmentId) : null,
    location: f.location.trim(),
    occurredAt: localInputToIso(f.occurredAt),
    patient: asksPatient(f) && (identifier || name) ? { identifier, name } : null,
    peopleInvolved: f.peopleInvolved.trim(),
    description: f.description.trim(),
    immediateActions: f.immediateActions.trim(),
  };
}

/** Quick checks before the round trip; the server re-checks everything and has the last word. */
export function checkReportForm(f: ReportForm, config: IncidentFormConfig): Record<string, string> {
  const e: Record<string, string> = {};
  if (!f.category) e.category = 'Choose the kind of event.';
  if (asksHarm(f) && !f.harm) e.harm = 'Choose the harm to the patient (Unknown if you cannot tell yet).';
  if (asksMerp(f) && !f.merpCategory) e.merpCategory = 'Choose the NCC MERP category (A to I).';
  if (!f.departmentId) e.departmentId = 'Choose the department where it happened.';
  const when = localInputToIso(f.occurredAt);
  if (!when) e.occurredAt = 'Enter the date and time it happened.';
  else if (new Date(when).getTime() > Date.now() + 5 * 60_000) e.occurredAt = 'This is in the future.';
  if (!f.description.trim()) e.description = 'Describe what happened.';
  for (const field of config.categories.find((c) => c.id === f.category)?.fields ?? [])
    if (field.required && !(f.details[field.name] ?? '').trim()) e[`details.${field.name}`] = `Answer “${field.label}”.`;
  return e;
}

/** DOM id of the control for an API field name ("details.drug" -> "inc-details-drug"). */
export function reportFieldId(field: string): string {
  return `inc-${field.replace(/[^A-Za-z0-9_-]+/g, '-')}`;
}
