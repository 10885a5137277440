// Shapes of the incidents and investigations API (see the incidents contract); only what the front end reads.

export type EventType = 'incident' | 'near_miss' | 'unsafe_condition';
export type HarmLevel = 'death' | 'severe' | 'moderate' | 'mild' | 'no_harm' | 'unknown';
export type HarmDuration = 'permanent' | 'temporary' | 'unknown';
export type Severity = 'minor' | 'moderate' | 'major' | 'catastrophic';
export type ActionStrength = 'stronger' | 'intermediate' | 'weaker';

export interface Option {
  id: string;
  label: string;
}

export interface MeaningOption extends Option {
  meaning: string;
}

export interface DetailField {
  name: string;
  label: string;
  kind: 'text' | 'choice';
  choices: Option[];
  required: boolean;
  help?: string;
}

export interface CategoryOption extends Option {
  fields: DetailField[];
}

export interface FormDepartment {
  id: number;
  code: string;
  name: string;
  siteId: number;
  siteName: string;
}

/** GET /api/v1/incident-form: everything the report form and the filters are drawn from. */
export interface IncidentFormConfig {
  eventTypes: MeaningOption[];
  categories: CategoryOption[];
  harmLevels: MeaningOption[];
  harmDurations: Option[];
  merpCategories: MeaningOption[];
  severities: Option[];
  states: (Option & { final: boolean })[];
  departments: FormDepartment[];
  fishboneCategories: string[];
  actionStrengths: Option[];
}

export interface PersonRef {
  id: number;
  displayName: string;
}

export interface PatientRef {
  identifier: string;
  name: string;
}

/** The body of POST /incidents and POST /anonymous-reports. */
export interface Submission {
  submissionKey: string;
  type: string;
  category: string;
  harm: string;
  harmDuration: string;
  merpCategory: string | null;
  details: Record<string, string>;
  departmentId: number | null;
  location: string;
  occurredAt: string;
  patient: PatientRef | null;
  peopleInvolved: string;
  description: string;
  immediateActions: string;
}

export interface IncidentSummary {
  id: number;
  reference: string;
  type: EventType;
  category: string;
  categoryLabel: string;
  harm: HarmLevel;
  harmLabel: string;
  severity: Severity | null;
  siteName: string;
  departmentId: number;
  departmentName: string;
  occurredAt: string;
  submittedAt: string;
  state: string;
  stateLabel: string;
  sentinel: boolean;
  analysisDue: string | null;
  overdue: boolean;
  anonymous: boolean;
  handler: PersonRef | null;
  summary: string;
}

export interface Disclosure {
  disclosedAt: string;
  disclosedTo: string;
  method: string;
  notes: string;
}

export interface Obligation {
  ruleId: number;
  ruleName: string;
  agency: string;
  dueOn: string;
  overdue: boolean;
  made: { id: number; reportedAt: string; reportedTo: string; reference: string } | null;
}

export interface Attachment {
  id: number;
  fileName: string;
  mediaType: string;
  size: number;
  uploadedAt?: string;
}

export interface Incident extends IncidentSummary {
  harmDuration: HarmDuration;
  merpCategory: string | null;
  details: Record<string, string>;
  siteId: number;
  location: string;
  patient: PatientRef | null;
  patientMasked: boolean;
  peopleInvolved: string;
  description: string;
  immediateActions: string;
  reporter: PersonRef | null;
  stateReason: string;
  mergedInto: number | null;
  investigator: PersonRef | null;
  relatedToNaturalCourse: boolean;
  sentinelFlaggedOn: string | null;
  investigationId: number | null;
  disclosure: Disclosure | null;
  disclosureRequired: boolean;
  overdueReasons: { analysis: boolean; disclosure: boolean; externalReporting: boolean };
  obligations: Obligation[];
  attachments: Attachment[];
  nextStates: string[];
  can: { triage: boolean; transition: boolean; comment: boolean; viewPatient: boolean; investigate: boolean };
  updatedAt: string;
  version: number;
}

export interface IncidentComment {
  id: number;
  author: PersonRef | null;
  fromReporter: boolean;
  toReporter: boolean;
  body: string;
  at: string;
}

export interface AnonymousReceipt {
  reference: string;
  followUpCode: string;
  state: string;
}

export interface FollowUpMessage {
  id: number;
  from: 'reporter' | 'safety_team';
  body: string;
  on: string;
}

export interface FollowUp {
  reference: string;
  state: string;
  stateLabel: string;
  submittedOn: string;
  messages: FollowUpMessage[];
}

export interface ServerDraft {
  key: string;
  form: unknown;
  updatedAt: string;
}

export interface SavedSearch {
  id: number;
  name: string;
  module: string;
  query: string;
}

export interface ReportingRule {
  id: number;
  name: string;
  agency: string;
  minHarm: HarmLevel;
  sentinelOnly: boolean;
  category: string | null;
  dueDays: number;
  businessDays: boolean;
  active: boolean;
}

export interface ParetoBar {
  key: string;
  label: string;
  count: number;
  percent: number;
  cumulativePercent: number;
  vitalFew: boolean;
}

export interface ParetoResult {
  by: string;
  total: number;
  bars: ParetoBar[];
}

export interface MonthlyCounts {
  months: string[];
  departments: { id: number; name: string; siteName: string; counts: number[]; total: number }[];
  totals: number[];
}

/** The `incidents` object of GET /api/v1/me/work. */
export interface IncidentWork {
  myReports: number;
  triageQueue: number;
  myInvestigations: number;
  overdue: number;
}

export const FINAL_WITH_REASON = ['rejected', 'duplicate', 'merged'];

/** The label the form config gives an id, or the id made readable. */
export function labelOf(options: Option[] | undefined, id: string | null | undefined): string {
  if (!id) return '—';
  const found = options?.find((o) => o.id === id);
  if (found) return found.label;
  const words = id.replace(/_/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Death, permanent harm, or severe temporary harm, not from the natural course of the illness. */
export function meetsSentinelDefinition(harm: string, duration: string, naturalCourse: boolean): boolean {
  if (naturalCourse) return false;
  if (harm === 'death' || harm === 'severe') return true;
  return (harm === 'mild' || harm === 'moderate') && duration === 'permanent';
}
