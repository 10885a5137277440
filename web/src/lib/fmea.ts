// Shapes of the FMEA API and the worksheet's columns, row drafts and checks.
import type { PersonRef } from './incidents';
import type { ParetoBar } from './incidents';

export type ActionPriority = 'high' | 'medium' | 'low';

export interface SodRevision {
  severity: number;
  occurrence: number;
  detection: number;
  rpn: number;
  actionPriority: ActionPriority;
}

export interface FailureModeRow {
  id: number;
  stepId: number;
  stepNumber: number;
  stepName: string;
  mode: string;
  effects: string;
  causes: string;
  preventionControls: string;
  detectionControls: string;
  severity: number;
  occurrence: number;
  detection: number;
  rpn: number;
  actionPriority: ActionPriority;
  recommendedAction: string;
  responsible: PersonRef | null;
  responsibleId: number | null;
  dueOn: string | null;
  correctiveActionId: number | null;
  correctiveActionReference: string | null;
  actionTaken: string;
  revised: SodRevision | null;
  rpnReduction: number | null;
  version: number;
}

export interface FmeaStep {
  id: number;
  number: number;
  name: string;
}

export interface FmeaSummaryNumbers {
  count: number;
  highPriority: number;
  totalRpn: number;
  totalRevisedRpn: number;
  reductionPercent: number;
}

export interface FmeaStudy {
  id: number;
  reference: string;
  title: string;
  process: string;
  siteId: number;
  departmentId: number;
  departmentName: string;
  lead: PersonRef | null;
  team: PersonRef[];
  state: 'in_progress' | 'completed';
  steps: FmeaStep[];
  failureModes: FailureModeRow[];
  pareto: ParetoBar[];
  summary: FmeaSummaryNumbers;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** raiseCapa: may also turn a recommended action into a CAPA (needs capa.manage at the department). */
  can: { edit: boolean; raiseCapa?: boolean };
}

export interface FmeaListItem {
  id: number;
  reference: string;
  title: string;
  process: string;
  departmentName: string;
  lead: PersonRef | null;
  state: 'in_progress' | 'completed';
  failureModeCount: number;
  maxRpn: number | null;
  highPriorityCount: number;
  updatedAt: string;
}

export const AP_LETTER: Record<ActionPriority, string> = { high: 'H', medium: 'M', low: 'L' };

/** Columns the worksheet lets a person type into, with the name the API gives the field. */
export type EditKey =
  | 'stepId'
  | 'mode'
  | 'effects'
  | 'causes'
  | 'preventionControls'
  | 'detectionControls'
  | 'severity'
  | 'occurrence'
  | 'detection'
  | 'recommendedAction'
  | 'responsibleId'
  | 'dueOn'
  | 'actionTaken'
  | 'revisedSeverity'
  | 'revisedOccurrence'
  | 'revisedDetection';

export type ColumnKey = EditKey | 'rpn' | 'ap' | 'capa' | 'revisedRpn' | 'reduction';

export interface Column {
  key: ColumnKey;
  /** Header text. */
  title: string;
  /** Spoken name: "Severity for <mode>". */
  label: string;
  editable: boolean;
  kind: 'text' | 'rating' | 'step' | 'person' | 'date' | 'computed';
}

export const COLUMNS: Column[] = [
  { key: 'stepId', title: 'Step', label: 'Step', editable: true, kind: 'step' },
  { key: 'mode', title: 'Failure mode', label: 'Failure mode', editable: true, kind: 'text' },
  { key: 'effects', title: 'Effects', label: 'Effects', editable: true, kind: 'text' },
  { key: 'causes', title: 'Causes', label: 'Causes', editable: true, kind: 'text' },
  { key: 'preventionControls', title: 'Prevention controls', label: 'Prevention controls', editable: true, kind: 'text' },
  { key: 'detectionControls', title: 'Detection controls', label: 'Detection controls', editable: true, kind: 'text' },
  { key: 'severity', title: 'S', label: 'Severity', editable: true, kind: 'rating' },
  { key: 'occurrence', title: 'O', label: 'Occurrence', editable: true, kind: 'rating' },
  { key: 'detection', title: 'D', label: 'Detection', editable: true, kind: 'rating' },
  { key: 'rpn', title: 'RPN', label: 'Risk priority number', editable: false, kind: 'computed' },
  { key: 'ap', title: 'AP', label: 'Action priority', editable: false, kind: 'computed' },
  { key: 'recommendedAction', title: 'Recommended action', label: 'Recommended action', editable: true, kind: 'text' },
  { key: 'responsibleId', title: 'Responsible', label: 'Responsible', editable: true, kind: 'person' },
  { key: 'dueOn', title: 'Due', label: 'Due date', editable: true, kind: 'date' },
  { key: 'capa', title: 'CAPA', label: 'CAPA', editable: false, kind: 'computed' },
  { key: 'actionTaken', title: 'Action taken', label: 'Action taken', editable: true, kind: 'text' },
  { key: 'revisedSeverity', title: 'S′', label: 'Revised severity', editable: true, kind: 'rating' },
  { key: 'revisedOccurrence', title: 'O′', label: 'Revised occurrence', editable: true, kind: 'rating' },
  { key: 'revisedDetection', title: 'D′', label: 'Revised detection', editable: true, kind: 'rating' },
  { key: 'revisedRpn', title: 'RPN′', label: 'Revised risk priority number', editable: false, kind: 'computed' },
  { key: 'reduction', title: 'Reduction', label: 'RPN reduction', editable: false, kind: 'computed' },
];

/** What a row being edited holds: every value as typed, the responsible person's name for the picker. */
export type RowDraft = Record<EditKey, string> & { responsibleName: string | null };

const num = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function draftOf(row: FailureModeRow): RowDraft {
  return {
    stepId: String(row.stepId),
    mode: row.mode,
    effects: row.effects,
    causes: row.causes,
    preventionControls: row.preventionControls,
    detectionControls: row.detectionControls,
    severity: num(row.severity),
    occurrence: num(row.occurrence),
    detection: num(row.detection),
    recommendedAction: row.recommendedAction,
    responsibleId: num(row.responsibleId ?? row.responsible?.id),
    responsibleName: row.responsible?.displayName ?? null,
    dueOn: row.dueOn ?? '',
    actionTaken: row.actionTaken,
    revisedSeverity: num(row.revised?.severity),
    revisedOccurrence: num(row.revised?.occurrence),
    revisedDetection: num(row.revised?.detection),
  };
}

/** The API's field name for a column (`revised.severity` for S′), for matching 422 field errors to cells. */
export function apiField(key: EditKey): string {
  if (key === 'revisedSeverity') return 'revised.severity';
  if (key === 'revisedOccurrence') return 'revised.occurrence';
  if (key === 'revisedDetection') return 'revised.detection';
  return key;
}

/** Field errors keyed by column, from the server's field names. */
export function errorsByColumn(errors: Record<string, string>): Partial<Record<EditKey, string>> {
  const out: Partial<Record<EditKey, string>> = {};
  for (const c of COLUMNS) {
    if (!c.editable) continue;
    const key = c.key as EditKey;
    const message = errors[apiField(key)] ?? (key === 'responsibleId' ? errors.responsible : undefined) ?? (key === 'stepId' ? errors.step : undefined);
    if (message) out[key] = message;
  }
  // A message about the revised rating as a whole is shown on S′.
  if (errors.revised && !out.revisedSeverity) out.revisedSeverity = errors.revised;
  return out;
}

export const RATING_MESSAGE = 'Enter a whole number from 1 to 10.';

export function isRating(v: string): boolean {
  return /^\d{1,2}$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 10;
}

/** The checks the browser can make before sending: ratings 1–10, a mode, a complete revised rating. */
export function checkDraft(d: RowDraft): Partial<Record<EditKey, string>> {
  const out: Partial<Record<EditKey, string>> = {};
  if (!d.mode.trim()) out.mode = 'Describe how the step fails.';
  if (!d.stepId) out.stepId = 'Choose the step.';
  for (const k of ['severity', 'occurrence', 'detection'] as const) if (!isRating(d[k])) out[k] = RATING_MESSAGE;
  const revised = [d.revisedSeverity, d.revisedOccurrence, d.revisedDetection];
  if (revised.some((v) => v.trim() !== '')) {
    for (const k of ['revisedSeverity', 'revisedOccurrence', 'revisedDetection'] as const) if (!isRating(d[k])) out[k] = RATING_MESSAGE;
  }
  return out;
}

/** The row fields the API takes, from a draft; `version` for an update. */
export function rowRequest(d: RowDraft, version?: number) {
  const revised = [d.revisedSeverity, d.revisedOccurrence, d.revisedDetection].some((v) => v.trim() !== '')
    ? { severity: Number(d.revisedSeverity), occurrence: Number(d.revisedOccurrence), detection: Number(d.revisedDetection) }
    : null;
  return {
    ...(version === undefined ? {} : { version }),
    stepId: Number(d.stepId),
    mode: d.mode.trim(),
    effects: d.effects.trim(),
    causes: d.causes.trim(),
    preventionControls: d.preventionControls.trim(),
    detectionControls: d.detectionControls.trim(),
    severity: Number(d.severity),
    occurrence: Number(d.occurrence),
    detection: Number(d.detection),
    recommendedAction: d.recommendedAction.trim(),
    responsibleId: d.responsibleId ? Number(d.responsibleId) : null,
    dueOn: d.dueOn || null,
    actionTaken: d.actionTaken.trim(),
    revised,
  };
}

export function sameDraft(a: RowDraft, b: RowDraft): boolean {
  return (Object.keys(a) as (keyof RowDraft)[]).every((k) => k === 'responsibleName' || a[k] === b[k]);
}

export function apLabel(ap: ActionPriority): string {
  return ap === 'high' ? 'High' : ap === 'medium' ? 'Medium' : 'Low';
}
