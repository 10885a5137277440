// Quality indicators, their control charts, the dashboards and the data imports: the shapes of the v1 API
// (docs: the issue 6 API contract) and the labels the pages show for their codes.
import type { Organisation } from './types';

export type Domain = 'safe' | 'effective' | 'patient_centred' | 'timely' | 'efficient' | 'equitable';
export type IndicatorType = 'rate' | 'proportion' | 'mean' | 'median' | 'count';
export type Direction = 'higher_is_better' | 'lower_is_better';
export type PeriodUnit = 'week' | 'month' | 'quarter';
export type ChartType = 'run' | 'xmr' | 'p' | 'p_prime' | 'u' | 'u_prime' | 'c' | 'g' | 't' | 'xbar_s';
export type RuleSet = 'anhoej' | 'making_data_count';
export type Aggregate = 'count' | 'sum' | 'median';
// Point variation and assurance codes: the contract's words ("concern", "consistently_met") and core/spc's
// ("special_cause_concern", "consistent_pass") are both read, through pointReading and assuranceKind.
export type Variation = string;
export type Assurance = string;

/** How to read a point: concern (orange), improvement (blue), neutral (a special cause that is neither) or common. */
export function pointReading(variation: string | null | undefined): 'concern' | 'improvement' | 'neutral' | 'common' {
  const v = variation ?? '';
  if (v.includes('concern')) return 'concern';
  if (v.includes('improv')) return 'improvement';
  if (v.includes('neutral')) return 'neutral';
  return 'common';
}

/** The assurance icon's meaning, whichever spelling the server used. */
export function assuranceKind(assurance: string | null | undefined): 'pass' | 'fail' | 'hit_and_miss' | 'none' {
  switch (assurance) {
    case 'consistently_met':
    case 'consistent_pass':
      return 'pass';
    case 'consistently_failed':
    case 'consistent_fail':
      return 'fail';
    case 'hit_and_miss':
    case 'inconsistent':
      return 'hit_and_miss';
    default:
      return 'none';
  }
}

/** One filter of a measure; exactly one test key is present. */
export interface Condition {
  column: string;
  is?: boolean;
  in?: string[];
  notIn?: string[];
  startsWith?: string[];
  anyStartsWith?: string[];
  between?: [number | null, number | null];
}

export interface Measure {
  source: string;
  aggregate: Aggregate;
  column: string | null;
  where: Condition[];
}

export interface Indicator {
  code: string;
  name: string;
  description: string;
  domain: Domain;
  domainLabel: string;
  type: IndicatorType;
  per: number;
  unitLabel: string;
  numerator: Measure;
  denominator: Measure | null;
  direction: Direction;
  target: number | null;
  alertThreshold: number | null;
  period: PeriodUnit;
  strata: string[];
  chart: ChartType;
  rules: RuleSet;
  citation: string;
  builtIn: boolean;
  version: number;
  retired: boolean;
}

export interface ScopeRef {
  type: 'organisation' | 'site' | 'department';
  id: number | null;
  name: string;
}

export interface ChartSignal {
  rule: string;
  reading: string;
}

export interface ChartPoint {
  period: string;
  start: string;
  end: string;
  numerator: number;
  denominator: number | null;
  value: number | null;
  centre: number | null;
  lower: number | null;
  upper: number | null;
  lower2Sigma: number | null;
  upper2Sigma: number | null;
  phase: number;
  excluded: boolean;
  exclusionReason: string | null;
  inBaseline: boolean;
  signal: ChartSignal | null;
  variation: Variation;
}

export interface ChartPhase {
  begin: string;
  end: string;
  reason: string | null;
  longestRun: number;
  longestRunMax: number;
  crossings: number;
  crossingsMin: number;
  runsSignal: boolean;
}

export interface Annotation {
  id: number;
  kind: 'process_change' | 'exclusion' | 'baseline';
  period: string;
  reason: string;
  baselinePoints: number | null;
  scope: { type: string; id: number | null };
  createdBy: { id: number; displayName: string } | string | null;
  createdAt: string;
}

export interface IndicatorChart {
  indicator: { code: string; name: string; unitLabel: string; direction: Direction; target: number | null; type: IndicatorType; per: number };
  scope: ScopeRef;
  stratum: { dimension: string; value: string } | null;
  chart: ChartType;
  rules: RuleSet;
  periodUnit: string;
  points: ChartPoint[];
  phases: ChartPhase[];
  signals: ({ period: string } & ChartSignal)[];
  variation: string;
  variationLabel: string;
  assurance: Assurance;
  assuranceLabel: string;
  warnings: string[];
  annotations: Annotation[];
  strataAvailable: string[];
}

export interface GroupValue {
  key: string;
  label: string;
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  value: number | null;
  lower95: number | null;
  upper95: number | null;
  lower998: number | null;
  upper998: number | null;
  outside95: boolean;
  outside998: boolean;
}

export interface GroupComparison {
  indicator: { code: string; name: string; unitLabel: string; direction: Direction } & Record<string, unknown>;
  scope: ScopeRef;
  by: string;
  periods: { from: string; to: string };
  overall: number | null;
  best: string | null;
  worst: string | null;
  gap: number | null;
  ratio: number | null;
  suppressionThreshold: number;
  groups: GroupValue[];
}

export interface TileIndicator {
  code: string;
  name: string;
  unitLabel: string;
  type: IndicatorType;
  direction: Direction;
  target: number | null;
  current: { period: string; value: number | null; numerator: number; denominator: number | null } | null;
  variation: string;
  variationLabel: string;
  assurance: Assurance;
  assuranceLabel: string;
  alert: boolean;
  signal: ({ period: string } & ChartSignal) | null;
  sparkline: { period: string; value: number | null }[];
}

export interface DashboardDomain {
  domain: Domain;
  label: string;
  indicators: TileIndicator[];
}

export interface Dashboard {
  scope: ScopeRef;
  asOf: string;
  drill: { sites: { id: number; name: string }[]; departments: { id: number; name: string; siteId: number }[] };
  domains: DashboardDomain[];
  concerns?: string[];
}

export interface ImportProblem {
  file: string;
  line: number | null;
  recordId: string | null;
  field: string | null;
  message: string;
}

export interface ImportRun {
  id: number;
  kind: string;
  fileName: string;
  fileSha256: string;
  strict: boolean;
  outcome: 'completed' | 'rejected';
  recordsRead: number;
  recordsInserted: number;
  recordsUpdated: number;
  recordsUnchanged: number;
  recordsRejected: number;
  problems?: ImportProblem[];
  importedBy: { id: number; displayName: string } | string | null;
  startedAt: string;
  finishedAt: string;
}

export const DOMAINS: { value: Domain; label: string }[] = [
  { value: 'safe', label: 'Safe' },
  { value: 'effective', label: 'Effective' },
  { value: 'patient_centred', label: 'Patient-centred' },
  { value: 'timely', label: 'Timely' },
  { value: 'efficient', label: 'Efficient' },
  { value: 'equitable', label: 'Equitable' },
];

export const TYPES: { value: IndicatorType; label: string }[] = [
  { value: 'rate', label: 'Rate per N units' },
  { value: 'proportion', label: 'Proportion' },
  { value: 'mean', label: 'Mean' },
  { value: 'median', label: 'Median' },
  { value: 'count', label: 'Count' },
];

export const CHARTS: { value: ChartType; label: string }[] = [
  { value: 'run', label: 'Run chart' },
  { value: 'xmr', label: 'XmR (individuals)' },
  { value: 'p', label: 'p (proportion)' },
  { value: 'p_prime', label: 'p′ (Laney)' },
  { value: 'u', label: 'u (rate)' },
  { value: 'u_prime', label: 'u′ (Laney)' },
  { value: 'c', label: 'c (count)' },
  { value: 'g', label: 'g (units between events)' },
  { value: 't', label: 't (time between events)' },
  { value: 'xbar_s', label: 'Xbar-S' },
];

export const RULES: { value: RuleSet; label: string }[] = [
  { value: 'making_data_count', label: 'Making Data Count (NHS)' },
  { value: 'anhoej', label: 'Anhøj run rules' },
];

export const PERIODS: { value: PeriodUnit; label: string }[] = [
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'week', label: 'Week (ISO)' },
];

export const DIRECTIONS: { value: Direction; label: string }[] = [
  { value: 'lower_is_better', label: 'Lower is better' },
  { value: 'higher_is_better', label: 'Higher is better' },
];

/** The dimensions an indicator may be stratified by (sources.hpp stratum_dimensions). */
export const STRATA: { value: string; label: string }[] = [
  { value: 'site', label: 'Site' },
  { value: 'department', label: 'Department' },
  { value: 'age_band', label: 'Age band' },
  { value: 'sex', label: 'Sex' },
  { value: 'ethnicity', label: 'Ethnicity' },
  { value: 'payer', label: 'Payer' },
];

/** The demographic dimensions the equity panel compares. */
export const EQUITY_DIMENSIONS = STRATA.filter((s) => s.value !== 'site' && s.value !== 'department');

export function labelOf(list: { value: string; label: string }[], value: string | null | undefined): string {
  if (!value) return '—';
  return list.find((x) => x.value === value)?.label ?? value.replace(/_/g, ' ');
}

export const RULE_LABELS: Record<string, string> = {
  beyond_limits: 'Point beyond the process limits',
  shift: 'Shift (run on one side of the centre)',
  trend: 'Trend (consecutive rises or falls)',
  two_of_three: 'Two of three points close to a limit',
  long_run: 'Unusually long run',
  few_crossings: 'Too few crossings of the centre line',
};

export function ruleLabel(rule: string): string {
  return RULE_LABELS[rule] ?? rule.replace(/_/g, ' ');
}

// ---- sources and columns for the workbench: a static mirror of src/core/indicators/sources.hpp ----

export type ColumnKind = 'dimension' | 'code_list' | 'flag' | 'number' | 'day';

export interface SourceColumn {
  name: string;
  kind: ColumnKind;
  label: string;
}

export interface Source {
  source: string;
  label: string;
  columns: SourceColumn[];
}

const dim = (name: string, label: string): SourceColumn => ({ name, kind: 'dimension', label });
const flag = (name: string, label: string): SourceColumn => ({ name, kind: 'flag', label });
const num = (name: string, label: string): SourceColumn => ({ name, kind: 'number', label });
const day = (name: string, label: string): SourceColumn => ({ name, kind: 'day', label });
const demographics = [dim('age_band', 'Age band'), dim('sex', 'Sex'), dim('ethnicity', 'Ethnicity'), dim('payer', 'Payer')];
const unit = [dim('site', 'Site'), dim('department', 'Department')];

export const SOURCES: Source[] = [
  {
    source: 'encounters',
    label: 'Encounters (imported stays and ED visits)',
    columns: [
      ...unit,
      dim('encounter_class', 'Encounter class'),
      ...demographics,
      dim('primary_diagnosis', 'Primary diagnosis (ICD-10)'),
      dim('disposition', 'Discharge disposition'),
      { name: 'procedures', kind: 'code_list', label: 'Procedure codes' },
      day('admission_day', 'Admission day'),
      day('discharge_day', 'Discharge day'),
      num('patient_days', 'Patient-days'),
      num('central_line_days', 'Central-line days'),
      num('urinary_catheter_days', 'Urinary-catheter days'),
      num('medication_doses', 'Medication doses'),
      num('ed_minutes', 'ED minutes'),
      flag('readmitted_30d', 'Readmitted within 30 days'),
      flag('died', 'Died'),
      flag('left_without_being_seen', 'Left without being seen'),
      flag('clabsi', 'CLABSI'),
      flag('cauti', 'CAUTI'),
      flag('surgical_site_infection', 'Surgical site infection'),
      flag('pressure_injury', 'Pressure injury'),
      flag('surgical', 'Surgical (has a procedure)'),
    ],
  },
  {
    source: 'incidents',
    label: 'Incidents reported in HQMS',
    columns: [
      ...unit,
      dim('category', 'Category'),
      dim('event_type', 'Event type'),
      dim('harm', 'Harm'),
      dim('merp', 'NCC MERP category'),
      day('occurred_day', 'Day it occurred'),
      flag('reached_patient', 'Reached the patient'),
      flag('harmful', 'Harmful'),
      flag('medication_error_reached', 'Medication error reaching the patient'),
    ],
  },
  {
    source: 'capa',
    label: 'CAPAs in HQMS',
    columns: [...unit, dim('source', 'Source'), dim('state', 'State'), day('due_day', 'Due day'), flag('closed', 'Closed'), flag('closed_on_time', 'Closed on time')],
  },
  {
    source: 'survey',
    label: 'Patient experience survey answers',
    columns: [...unit, dim('item', 'Survey item'), ...demographics, day('visit_day', 'Visit day'), num('answer', 'Answer'), flag('top_box', 'Top-box answer')],
  },
  {
    source: 'observations',
    label: 'Compliance observations (hand hygiene…)',
    columns: [...unit, dim('kind', 'Kind'), dim('moment', 'Moment'), day('observed_day', 'Observed day'), flag('compliant', 'Compliant')],
  },
  {
    source: 'complaints',
    label: 'Complaints',
    columns: [...unit, dim('category', 'Category'), dim('severity', 'Severity'), day('received_day', 'Received day')],
  },
];

export function sourceOf(name: string): Source | undefined {
  return SOURCES.find((s) => s.source === name);
}

/** The tests a condition on a column of this kind may use (check_indicator enforces the same). */
export function testsFor(kind: ColumnKind | undefined): { value: ConditionTest; label: string }[] {
  switch (kind) {
    case 'flag':
      return [{ value: 'is', label: 'is' }];
    case 'dimension':
      return [
        { value: 'in', label: 'is one of' },
        { value: 'notIn', label: 'is none of' },
        { value: 'startsWith', label: 'starts with' },
      ];
    case 'code_list':
      return [{ value: 'anyStartsWith', label: 'any code starts with' }];
    case 'number':
    case 'day':
      return [{ value: 'between', label: 'is between' }];
    default:
      return [];
  }
}

export type ConditionTest = 'is' | 'in' | 'notIn' | 'startsWith' | 'anyStartsWith' | 'between';

export function testOf(c: Condition): ConditionTest {
  if (c.is !== undefined) return 'is';
  if (c.in) return 'in';
  if (c.notIn) return 'notIn';
  if (c.startsWith) return 'startsWith';
  if (c.anyStartsWith) return 'anyStartsWith';
  return 'between';
}

// ---- scopes ----

/** The `scope` query value of a dashboard scope. */
export function scopeParam(s: ScopeRef | { type: string; id: number | null }): string {
  return s.type === 'organisation' || s.id === null ? 'organisation' : `${s.type}:${s.id}`;
}

export interface ScopeOption {
  value: string;
  label: string;
  group: string;
}

/** Organisation, then each site with its departments, limited to what the dashboard says may be opened. */
export function scopeOptions(drill: Dashboard['drill'] | null, org: Organisation | null, includeOrganisation: boolean): ScopeOption[] {
  const out: ScopeOption[] = [];
  if (includeOrganisation) out.push({ value: 'organisation', label: org?.name ?? 'Whole organisation', group: 'Organisation' });
  if (!drill) return out;
  for (const s of drill.sites) out.push({ value: `site:${s.id}`, label: s.name, group: 'Sites' });
  for (const d of drill.departments) {
    const site = drill.sites.find((s) => s.id === d.siteId)?.name ?? org?.sites.find((s) => s.id === d.siteId)?.name ?? 'Departments';
    out.push({ value: `department:${d.id}`, label: d.name, group: site });
  }
  return out;
}

// ---- numbers ----

/** A value in the indicator's units: fewer decimals for large numbers. */
export function formatValue(v: number | null | undefined, unitLabel?: string): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  const abs = Math.abs(v);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  const text = v.toLocaleString(undefined, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
  if (!unitLabel) return text;
  return unitLabel === '%' ? `${text}%` : `${text} ${unitLabel}`;
}

export function formatCount(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—';
  return v.toLocaleString(undefined, { maximumFractionDigits: 1 });
}

export const IMPORT_KINDS: { value: string; label: string; accept: string }[] = [
  { value: 'encounters_csv', label: 'Encounters (CSV)', accept: '.csv,text/csv' },
  { value: 'encounters_fhir', label: 'Encounters (FHIR R4 bulk NDJSON)', accept: '.ndjson,.json,application/x-ndjson' },
  { value: 'survey_csv', label: 'Patient experience survey (CSV)', accept: '.csv,text/csv' },
  { value: 'observations_csv', label: 'Compliance observations (CSV)', accept: '.csv,text/csv' },
  { value: 'complaints_csv', label: 'Complaints (CSV)', accept: '.csv,text/csv' },
];

export function personName(p: { displayName: string } | string | null | undefined): string {
  if (!p) return '—';
  return typeof p === 'string' ? p : p.displayName;
}

/**
 * The sites and departments a person may open, from the organisation tree and their grants: everything with an
 * organisation-wide grant, a site with its departments, or single departments. The server decides in the end.
 */
export function drillFromGrants(org: Organisation | null, grants: { scope: { type: string; id: number } }[]): Dashboard['drill'] {
  const sites: { id: number; name: string }[] = [];
  const departments: { id: number; name: string; siteId: number }[] = [];
  if (!org) return { sites, departments };
  const orgWide = grants.some((g) => g.scope.type === 'organisation');
  for (const s of org.sites) {
    const siteGrant = orgWide || grants.some((g) => g.scope.type === 'site' && g.scope.id === s.id);
    if (siteGrant) sites.push({ id: s.id, name: s.name });
    for (const d of s.departments) {
      if (siteGrant || grants.some((g) => g.scope.type === 'department' && g.scope.id === d.id)) departments.push({ id: d.id, name: d.name, siteId: s.id });
    }
  }
  return { sites, departments };
}
