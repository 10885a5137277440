// Shapes of the CAPA API (corrective and preventive actions), their labels, the editable copy the pages work
// on, and the calls that change a CAPA.
import { api } from './api';
import type { ActionStrength, PersonRef } from './incidents';

export type CapaState = 'open' | 'planned' | 'in_progress' | 'awaiting_verification' | 'closed' | 'cancelled';
export type CapaKind = 'corrective' | 'preventive';
export type CapaSource =
  | 'incident_investigation'
  | 'audit_finding'
  | 'complaint'
  | 'risk_review'
  | 'indicator_signal'
  | 'management_review'
  | 'manual';
export type ActionStatus = 'not_started' | 'in_progress' | 'done' | 'cancelled';
export type EffectivenessResult = 'effective' | 'not_effective';

export interface LinkedRecord {
  id: number;
  reference: string;
  title: string;
}

export interface EvidenceFile {
  id: number;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  uploadedBy: PersonRef | null;
  uploadedAt: string;
}

export interface CapaAction {
  id: number;
  description: string;
  strength: ActionStrength;
  owner: PersonRef | null;
  ownerId: number | null;
  dueOn: string | null;
  status: ActionStatus;
  completionNote: string;
  completedAt: string | null;
  overdue: boolean;
  investigationActionId: number | null;
  failureModeId: number | null;
  evidence: EvidenceFile[];
  can: { progress: boolean };
}

export interface EffectivenessCheck {
  id: number;
  result: EffectivenessResult;
  criterion: string;
  evidence: string;
  checkedBy: PersonRef | null;
  checkedAt: string;
}

export interface Capa {
  id: number;
  reference: string;
  title: string;
  kind: CapaKind;
  source: CapaSource;
  sourceLabel: string;
  sourceReference: string;
  investigation: LinkedRecord | null;
  risk: LinkedRecord | null;
  fmeaStudy: LinkedRecord | null;
  siteId: number;
  departmentId: number;
  departmentName: string;
  coordinator: PersonRef | null;
  problemStatement: string;
  containment: string;
  rootCause: string;
  actions: CapaAction[];
  onlyWeakerActions: boolean;
  effectivenessCriterion: string;
  effectivenessDueOn: string | null;
  checks: EffectivenessCheck[];
  state: CapaState;
  stateLabel: string;
  cancelReason: string;
  overdue: boolean;
  ageDays: number;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  createdBy: PersonRef | null;
  version: number;
  nextStates: CapaState[];
  can: { edit: boolean; transition: boolean; verify: boolean };
}

export interface CapaListItem {
  id: number;
  reference: string;
  title: string;
  kind: CapaKind;
  source: CapaSource;
  state: CapaState;
  stateLabel: string;
  departmentName: string;
  coordinator: PersonRef | null;
  actionCount: number;
  openActionCount: number;
  nextDueOn: string | null;
  overdue: boolean;
  onlyWeakerActions: boolean;
  ageDays: number;
  updatedAt: string;
}

export interface BoardColumn {
  state: CapaState;
  label: string;
  count: number;
  items: CapaListItem[];
}

export interface CapaAgeing {
  bands: string[];
  rows: { departmentId: number; departmentName: string; counts: number[]; total: number; overdue: number; oldestDays: number }[];
  totals: number[];
  total: number;
  overdue: number;
  medianDays: number;
}

/** An overdue action (actionId 0: the CAPA's effectiveness check) on the home page and in digests. */
export interface OverdueItem {
  capaId: number;
  capaReference: string;
  capaTitle: string;
  actionId: number;
  description: string;
  dueOn: string;
  daysOverdue: number;
  owner: PersonRef | null;
  departmentName: string;
}

export interface AppNotification {
  id: number;
  kind: string;
  day: string;
  title: string;
  body: string;
  items: OverdueItem[];
  createdAt: string;
  readAt: string | null;
}

export const STATE_LABELS: Record<CapaState, string> = {
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  awaiting_verification: 'Awaiting verification',
  closed: 'Closed',
  cancelled: 'Cancelled',
};

/** The workflow in order, for the stepper; cancelled sits outside it. */
export const WORKFLOW: CapaState[] = ['open', 'planned', 'in_progress', 'awaiting_verification', 'closed'];

export const SOURCE_LABELS: Record<CapaSource, string> = {
  incident_investigation: 'Incident investigation',
  audit_finding: 'Audit finding',
  complaint: 'Complaint',
  risk_review: 'Risk review',
  indicator_signal: 'Indicator signal',
  management_review: 'Management review',
  manual: 'Other (manual)',
};

/** Sources a person may choose: an investigation's CAPA is raised from the investigation's action plan. */
export const CHOOSABLE_SOURCES: CapaSource[] = ['audit_finding', 'complaint', 'risk_review', 'indicator_signal', 'management_review', 'manual'];

export const KIND_OPTIONS: { id: CapaKind; label: string; meaning: string }[] = [
  { id: 'corrective', label: 'Corrective', meaning: 'Removes the cause of a problem that has happened.' },
  { id: 'preventive', label: 'Preventive', meaning: 'Removes the cause of a problem that could happen.' },
];

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

/** The VA/IHI RCA² action hierarchy, with what each strength means. */
export const STRENGTH_OPTIONS: { id: ActionStrength; label: string; meaning: string }[] = [
  { id: 'stronger', label: 'Stronger', meaning: 'Changes the system: forcing functions, simplification, standardised equipment, physical changes.' },
  { id: 'intermediate', label: 'Intermediate', meaning: 'Supports people: checklists, redundancy, software enhancements, staffing changes.' },
  { id: 'weaker', label: 'Weaker', meaning: 'Relies on people remembering: training, a new policy, warnings, double checks.' },
];

export const strengthLabel = (s: string) => STRENGTH_OPTIONS.find((o) => o.id === s)?.label ?? s;

export const isFinished = (s: CapaState) => s === 'closed' || s === 'cancelled';

/** Which way a move goes, for the transition button's wording. */
export function transitionLabel(to: CapaState): string {
  switch (to) {
    case 'planned':
      return 'Mark as planned';
    case 'in_progress':
      return 'Start work';
    case 'awaiting_verification':
      return 'Send for verification';
    case 'cancelled':
      return 'Cancel this CAPA';
    default:
      return `Move to ${STATE_LABELS[to].toLowerCase()}`;
  }
}

// ---- the editable copy -------------------------------------------------------------------------------------

export interface ActionEdit {
  /** null for an action not saved yet. */
  id: number | null;
  description: string;
  strength: ActionStrength;
  ownerId: number | null;
  /** Shown in the picker; not sent. */
  ownerName: string | null;
  dueOn: string;
}

export interface CapaEdit {
  title: string;
  kind: CapaKind;
  sourceReference: string;
  coordinatorId: number | null;
  coordinatorName: string | null;
  problemStatement: string;
  containment: string;
  rootCause: string;
  actions: ActionEdit[];
  effectivenessCriterion: string;
  effectivenessDueOn: string;
}

export const blankAction = (): ActionEdit => ({ id: null, description: '', strength: 'intermediate', ownerId: null, ownerName: null, dueOn: '' });

export function editableCopy(c: Capa): CapaEdit {
  return {
    title: c.title,
    kind: c.kind,
    sourceReference: c.sourceReference,
    coordinatorId: c.coordinator?.id ?? null,
    coordinatorName: c.coordinator?.displayName ?? null,
    problemStatement: c.problemStatement,
    containment: c.containment,
    rootCause: c.rootCause,
    actions: c.actions.map((a) => ({
      id: a.id,
      description: a.description,
      strength: a.strength,
      ownerId: a.owner?.id ?? a.ownerId ?? null,
      ownerName: a.owner?.displayName ?? null,
      dueOn: a.dueOn ?? '',
    })),
    effectivenessCriterion: c.effectivenessCriterion,
    effectivenessDueOn: c.effectivenessDueOn ?? '',
  };
}

/** The fields create and update share. */
function common(e: CapaEdit) {
  return {
    title: e.title.trim(),
    kind: e.kind,
    sourceReference: e.sourceReference.trim(),
    coordinatorId: e.coordinatorId,
    problemStatement: e.problemStatement.trim(),
    containment: e.containment.trim(),
    rootCause: e.rootCause.trim(),
    effectivenessCriterion: e.effectivenessCriterion.trim(),
    effectivenessDueOn: e.effectivenessDueOn || null,
  };
}

export const actionBody = (a: ActionEdit) => ({ description: a.description.trim(), strength: a.strength, ownerId: a.ownerId, dueOn: a.dueOn || null });

export interface NewCapaExtras {
  source: CapaSource;
  departmentId: number | null;
  riskId: number | null;
}

export function createRequest(e: CapaEdit, x: NewCapaExtras) {
  return {
    ...common(e),
    source: x.source,
    departmentId: x.departmentId,
    ...(x.riskId ? { riskId: x.riskId } : {}),
    actions: e.actions.map(actionBody),
  };
}

/** PUT body: existing actions keep their id, so their status, note and evidence stay with them. */
export function updateRequest(c: Capa, e: CapaEdit) {
  return {
    ...common(e),
    version: c.version,
    actions: e.actions.map((a) => (a.id ? { id: a.id, ...actionBody(a) } : actionBody(a))),
  };
}

export function onlyWeaker(actions: { strength: string }[]): boolean {
  return actions.length > 0 && actions.every((a) => a.strength === 'weaker');
}

// ---- calls -------------------------------------------------------------------------------------------------

export const capaApi = {
  create: (body: unknown) => api.post<Capa>('/api/v1/capa', body),
  update: (c: Capa, e: CapaEdit) => api.put<Capa>(`/api/v1/capa/${c.id}`, updateRequest(c, e)),
  transition: (id: number, to: CapaState, reason?: string) => api.post<Capa>(`/api/v1/capa/${id}/transition`, reason ? { to, reason } : { to }),
  progress: (id: number, actionId: number, status: ActionStatus, completionNote: string) =>
    api.post<unknown>(`/api/v1/capa/${id}/actions/${actionId}/progress`, { status, completionNote }),
  uploadEvidence: (id: number, actionId: number, file: File) =>
    api.upload<EvidenceFile>(`/api/v1/capa/${id}/actions/${actionId}/evidence?name=${encodeURIComponent(file.name)}`, file),
  effectiveness: (id: number, body: { result: EffectivenessResult; evidence: string; newAction?: ReturnType<typeof actionBody> }) =>
    api.post<Capa>(`/api/v1/capa/${id}/effectiveness`, body),
  fromInvestigationAction: (investigationId: number, actionId: number) =>
    api.post<Capa>(`/api/v1/investigations/${investigationId}/actions/${actionId}/capa`, {}),
  markRead: (notificationId: number) => api.post<void>(`/api/v1/me/notifications/${notificationId}/read`, {}),
};

export const evidenceHref = (capaId: number, fileId: number) => `/api/v1/capa/${capaId}/evidence/${fileId}`;

// ---- field names -------------------------------------------------------------------------------------------

/** DOM id for an API field name such as "actions[1].ownerId" -> "capa-actions-1-ownerId". */
export function capaFieldId(field: string): string {
  return `capa-${field.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}

const SIMPLE_LABELS: Record<string, string> = {
  title: 'Title',
  kind: 'Kind',
  source: 'Source',
  sourceReference: 'Source reference',
  departmentId: 'Department',
  coordinatorId: 'Coordinator',
  problemStatement: 'Problem statement',
  containment: 'Containment',
  rootCause: 'Root cause',
  actions: 'Actions',
  effectivenessCriterion: 'Effectiveness criterion',
  effectivenessDueOn: 'Effectiveness check date',
  riskId: 'Risk',
  state: 'State',
  to: 'State',
  reason: 'Reason',
  result: 'Result',
  evidence: 'Evidence',
  version: 'Version',
  status: 'Status',
  completionNote: 'Completion note',
};

const PART_LABELS: Record<string, string> = {
  description: 'description',
  strength: 'strength',
  ownerId: 'owner',
  dueOn: 'due date',
  status: 'status',
  completionNote: 'completion note',
};

/** A readable name for "actions[1].ownerId" ("Action 2 owner") or "newAction.dueOn" ("New action due date"). */
export function capaFieldLabel(field: string): string | undefined {
  if (SIMPLE_LABELS[field]) return SIMPLE_LABELS[field];
  const listed = /^actions\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (listed) return `Action ${Number(listed[1]) + 1}${listed[2] ? ` ${PART_LABELS[listed[2]] ?? listed[2]}` : ''}`;
  const added = /^newAction\.(\w+)$/.exec(field);
  if (added) return `New action ${PART_LABELS[added[1]] ?? added[1]}`;
  return undefined;
}

