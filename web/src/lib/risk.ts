// Shapes of the risk register API, the 5×5 matrix arithmetic the forms preview before saving, and the
// editable copy the risk form works on.
import type { PersonRef } from './incidents';
import type { Organisation, ScopeType } from './types';

export type Band = 'low' | 'moderate' | 'high' | 'extreme';
export const BANDS: Band[] = ['low', 'moderate', 'high', 'extreme'];

export interface Bands {
  moderateFrom: number;
  highFrom: number;
  extremeFrom: number;
}

/** The organisation's defaults; used only until the settings have loaded. */
export const DEFAULT_BANDS: Bands = { moderateFrom: 4, highFrom: 8, extremeFrom: 15 };

export interface Rating {
  likelihood: number;
  consequence: number;
  likelihoodLabel: string;
  consequenceLabel: string;
  score: number;
  band: Band;
}

export interface RegisterRef {
  type: ScopeType;
  id: number;
  name: string;
}

export interface Level {
  level: number;
  id: string;
  label: string;
}

export interface Option {
  id: string;
  label: string;
}

export interface RiskSettings {
  bands: Bands;
  likelihoods: Level[];
  consequences: Level[];
  categories: Option[];
  treatments: Option[];
  controlEffectiveness: Option[];
}

export interface RiskControl {
  description: string;
  effectiveness: string;
}

export interface RiskReview {
  id: number;
  reviewedOn: string;
  reviewer: PersonRef | null;
  residual: Rating;
  note: string;
}

/** A CAPA raised for the risk, as the CAPA list shows it. */
export interface LinkedCapa {
  id: number;
  reference: string;
  title: string;
  state: string;
  stateLabel: string;
  nextDueOn: string | null;
  overdue: boolean;
}

export interface Risk {
  id: number;
  reference: string;
  title: string;
  description: string;
  cause: string;
  consequence: string;
  category: string;
  categoryLabel: string;
  owner: PersonRef | null;
  scope: RegisterRef;
  escalatedTo: RegisterRef | null;
  register: RegisterRef;
  controls: RiskControl[];
  inherent: Rating;
  residual: Rating;
  target: Rating;
  treatment: string;
  treatmentPlan: string;
  reviewDueOn: string | null;
  reviewOverdue: boolean;
  reviews: RiskReview[];
  actions: LinkedCapa[];
  status: 'open' | 'closed';
  createdAt: string;
  updatedAt: string;
  version: number;
  can: { edit: boolean; review: boolean; raiseCapa: boolean };
}

export interface RiskSummary {
  id: number;
  reference: string;
  title: string;
  category: string;
  categoryLabel: string;
  scope: RegisterRef;
  register: RegisterRef;
  owner: PersonRef | null;
  inherent: Rating;
  residual: Rating;
  target: Rating;
  treatment: string;
  reviewDueOn: string | null;
  reviewOverdue: boolean;
  escalated: boolean;
  status: 'open' | 'closed';
}

export interface HeatCell {
  likelihood: number;
  consequence: number;
  score: number;
  band: Band;
  count: number;
}

export interface HeatMap {
  cells: HeatCell[];
  bands: Bands;
  total: number;
}

// Fallback labels, so a form can be drawn before the settings arrive; the server's labels win.
export const LIKELIHOODS: Level[] = [
  { level: 1, id: 'rare', label: 'Rare' },
  { level: 2, id: 'unlikely', label: 'Unlikely' },
  { level: 3, id: 'possible', label: 'Possible' },
  { level: 4, id: 'likely', label: 'Likely' },
  { level: 5, id: 'almost_certain', label: 'Almost certain' },
];

export const CONSEQUENCES: Level[] = [
  { level: 1, id: 'negligible', label: 'Negligible' },
  { level: 2, id: 'minor', label: 'Minor' },
  { level: 3, id: 'moderate', label: 'Moderate' },
  { level: 4, id: 'major', label: 'Major' },
  { level: 5, id: 'catastrophic', label: 'Catastrophic' },
];

export function bandOf(score: number, bands: Bands): Band {
  if (score >= bands.extremeFrom) return 'extreme';
  if (score >= bands.highFrom) return 'high';
  if (score >= bands.moderateFrom) return 'moderate';
  return 'low';
}

export function bandLabel(band: Band): string {
  return band.charAt(0).toUpperCase() + band.slice(1);
}

export function levelLabel(levels: Level[], level: number): string {
  return levels.find((l) => l.level === level)?.label ?? String(level);
}

export function optionLabel(options: Option[] | undefined, id: string): string {
  return options?.find((o) => o.id === id)?.label ?? id.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** Every register of the organisation, broadest first, for the register filter and the scope picker. */
export function registerOptions(org: Organisation | null): { key: string; label: string; group: string }[] {
  if (!org) return [];
  const out = [{ key: `organisation:${org.id}`, label: org.name, group: 'Organisation' }];
  for (const site of org.sites) out.push({ key: `site:${site.id}`, label: site.name, group: 'Sites' });
  for (const site of org.sites)
    for (const d of site.departments) out.push({ key: `department:${d.id}`, label: d.name, group: site.name });
  return out;
}

/** What the forms edit: levels as numbers, dates as input values, the owner with a name for the picker. */
export interface RatingEdit {
  likelihood: number;
  consequence: number;
}

export interface RiskEdit {
  title: string;
  description: string;
  cause: string;
  consequence: string;
  category: string;
  ownerId: number | null;
  ownerName: string | null;
  scopeType: ScopeType;
  scopeId: string;
  controls: RiskControl[];
  inherent: RatingEdit;
  residual: RatingEdit;
  target: RatingEdit;
  treatment: string;
  treatmentPlan: string;
  reviewDueOn: string;
  status: 'open' | 'closed';
}

export function blankRisk(scopeType: ScopeType = 'department', scopeId = ''): RiskEdit {
  return {
    title: '',
    description: '',
    cause: '',
    consequence: '',
    category: '',
    ownerId: null,
    ownerName: null,
    scopeType,
    scopeId,
    controls: [],
    inherent: { likelihood: 3, consequence: 3 },
    residual: { likelihood: 3, consequence: 3 },
    target: { likelihood: 2, consequence: 3 },
    treatment: 'reduce',
    treatmentPlan: '',
    reviewDueOn: '',
    status: 'open',
  };
}

const rate = (r: Rating): RatingEdit => ({ likelihood: r.likelihood, consequence: r.consequence });

export function editableRisk(r: Risk): RiskEdit {
  return {
    title: r.title,
    description: r.description,
    cause: r.cause,
    consequence: r.consequence,
    category: r.category,
    ownerId: r.owner?.id ?? null,
    ownerName: r.owner?.displayName ?? null,
    scopeType: r.scope.type,
    scopeId: String(r.scope.id),
    controls: r.controls.map((c) => ({ ...c })),
    inherent: rate(r.inherent),
    residual: rate(r.residual),
    target: rate(r.target),
    treatment: r.treatment,
    treatmentPlan: r.treatmentPlan,
    reviewDueOn: r.reviewDueOn ?? '',
    status: r.status,
  };
}

/** The POST/PUT body; `version` only for an update. */
export function riskRequest(e: RiskEdit, version?: number) {
  return {
    ...(version === undefined ? {} : { version, status: e.status }),
    title: e.title.trim(),
    description: e.description.trim(),
    cause: e.cause.trim(),
    consequence: e.consequence.trim(),
    category: e.category,
    ownerId: e.ownerId,
    scope: { type: e.scopeType, id: e.scopeId ? Number(e.scopeId) : null },
    controls: e.controls.map((c) => ({ description: c.description.trim(), effectiveness: c.effectiveness })),
    inherent: e.inherent,
    residual: e.residual,
    target: e.target,
    treatment: e.treatment,
    treatmentPlan: e.treatmentPlan.trim(),
    reviewDueOn: e.reviewDueOn || null,
  };
}

/** DOM id for an API field name: "controls[1].description" -> "risk-controls-1-description". */
export function riskFieldId(field: string): string {
  // A whole rating, or one of its parts, is reached through its likelihood select.
  const rating = /^(inherent|residual|target)(?:\.(likelihood|consequence))?$/.exec(field);
  if (rating) return `risk-${rating[1]}-${rating[2] ?? 'likelihood'}`;
  if (field === 'scope' || field.startsWith('scope.')) return 'risk-scope-id';
  return `risk-${field.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}

export function riskFieldLabel(field: string): string | undefined {
  const simple: Record<string, string> = {
    title: 'Title',
    description: 'Description',
    cause: 'Cause',
    consequence: 'Consequence',
    category: 'Category',
    ownerId: 'Owner',
    scope: 'Register',
    controls: 'Controls',
    inherent: 'Inherent rating',
    residual: 'Residual rating',
    target: 'Target rating',
    treatment: 'Treatment',
    treatmentPlan: 'Treatment plan',
    reviewDueOn: 'Review date',
    nextReviewOn: 'Next review date',
    note: 'Note',
    status: 'Status',
    version: 'Version',
  };
  if (simple[field]) return simple[field];
  const rating = /^(inherent|residual|target)\.(likelihood|consequence)$/.exec(field);
  if (rating) return `${simple[rating[1]]} ${rating[2]}`;
  const control = /^controls\[(\d+)\](?:\.(\w+))?$/.exec(field);
  if (control) return `Control ${Number(control[1]) + 1}${control[2] ? ` ${control[2]}` : ''}`;
  return undefined;
}

/** "Escalated from Emergency Department to the Main Campus register". */
export function escalationText(r: Pick<Risk, 'scope' | 'escalatedTo'>): string | null {
  if (!r.escalatedTo) return null;
  return `Escalated from ${r.scope.name} to the ${r.escalatedTo.name} register`;
}

// The scores a 5×5 matrix can give (likelihood × consequence): 7, 11, 13, 14 and 17–19 never occur.
const MATRIX_SCORES = [...new Set(LIKELIHOODS.flatMap((l) => CONSEQUENCES.map((c) => l.level * c.level)))].sort((a, b) => a - b);

/** The lowest and highest score a band can hold (low 1–3, moderate 4–6, high 8–12, extreme 15–25 by default), or null when no cell falls in it. */
export function bandScoreRange(band: Band, bands: Bands): [number, number] | null {
  const edges = [1, bands.moderateFrom, bands.highFrom, bands.extremeFrom, 26];
  const i = BANDS.indexOf(band);
  const scores = MATRIX_SCORES.filter((s) => s >= edges[i] && s < edges[i + 1]);
  return scores.length ? [scores[0], scores[scores.length - 1]] : null;
}
