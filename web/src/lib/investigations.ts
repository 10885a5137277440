// Shapes of the investigations API (root-cause analysis) and the editable copy the page works on.
import type { ActionStrength, PersonRef } from './incidents';

export interface InvestigationSummary {
  id: number;
  reference: string;
  title: string;
  state: 'in_progress' | 'completed';
  departmentName: string;
  /** A person; tolerated as a plain name too. */
  lead: PersonRef | string | null;
  incidentCount: number;
  updatedAt: string;
}

export interface TeamMember {
  userId: number | null;
  displayName?: string;
  role: string;
}

export interface TimelineFact {
  at: string;
  fact: string;
}

export interface WhyChain {
  problem: string;
  whys: string[];
}

export interface FishboneCause {
  category: string;
  text: string;
  contributing: boolean;
}

export interface PlannedAction {
  id: number | null;
  description: string;
  ownerId: number | null;
  ownerName?: string | null;
  dueOn: string | null;
  strength: ActionStrength;
  correctiveActionId?: number | null;
}

export interface Investigation {
  id: number;
  reference: string;
  title: string;
  state: 'in_progress' | 'completed';
  siteId: number;
  departmentId: number;
  departmentName: string;
  lead: PersonRef | null;
  incidents: { id: number; reference: string; categoryLabel: string; harmLabel: string }[];
  team: TeamMember[];
  timeline: TimelineFact[];
  whys: WhyChain[];
  fishboneCategories: string[];
  causes: FishboneCause[];
  rootCauses: string[];
  actions: PlannedAction[];
  onlyWeakerActions: boolean;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
  version: number;
  can: { edit: boolean };
}

export const MAX_WHYS = 10;

/** The parts of an investigation the page edits. */
export type InvestigationEdit = Pick<Investigation, 'title' | 'team' | 'timeline' | 'whys' | 'fishboneCategories' | 'causes' | 'rootCauses' | 'actions'> & {
  leadId: number | null;
  /** Shown in the lead picker; not sent. */
  leadName: string | null;
};

export function editableCopy(inv: Investigation): InvestigationEdit {
  return {
    title: inv.title,
    leadId: inv.lead?.id ?? null,
    leadName: inv.lead?.displayName ?? null,
    team: inv.team.map((m) => ({ ...m })),
    timeline: inv.timeline.map((t) => ({ ...t })),
    whys: inv.whys.map((w) => ({ problem: w.problem, whys: [...w.whys] })),
    fishboneCategories: [...inv.fishboneCategories],
    causes: inv.causes.map((c) => ({ ...c })),
    rootCauses: [...inv.rootCauses],
    actions: inv.actions.map((a) => ({ ...a })),
  };
}

/** The PUT body: the editable parts, the linked events and the version the edits were based on. */
export function toRequest(inv: Investigation, e: InvestigationEdit) {
  return {
    version: inv.version,
    title: e.title.trim(),
    leadId: e.leadId,
    incidentIds: inv.incidents.map((i) => i.id),
    team: e.team.map((m) => ({ userId: m.userId, role: m.role.trim() })),
    timeline: e.timeline.map((t) => ({ at: t.at, fact: t.fact.trim() })),
    whys: e.whys.map((w) => ({ problem: w.problem.trim(), whys: w.whys.map((x) => x.trim()) })),
    fishboneCategories: e.fishboneCategories.map((c) => c.trim()),
    causes: e.causes.map((c) => ({ category: c.category, text: c.text.trim(), contributing: c.contributing })),
    rootCauses: e.rootCauses.map((r) => r.trim()),
    actions: e.actions.map((a) => ({
      id: a.id,
      description: a.description.trim(),
      ownerId: a.ownerId,
      dueOn: a.dueOn || null,
      strength: a.strength,
    })),
  };
}

export function onlyWeaker(actions: PlannedAction[]): boolean {
  return actions.length > 0 && actions.every((a) => a.strength === 'weaker');
}

/** DOM id for an API field name such as "actions[1].description" -> "inv-actions-1-description". */
export function invFieldId(field: string): string {
  return `inv-${field.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}

export function replaceAt<T>(list: T[], i: number, value: T): T[] {
  return list.map((x, j) => (j === i ? value : x));
}

export function removeAt<T>(list: T[], i: number): T[] {
  return list.filter((_, j) => j !== i);
}

const PART_NAMES: Record<string, string> = {
  userId: 'person',
  role: 'role',
  at: 'time',
  fact: 'text',
  problem: 'problem',
  category: 'category',
  text: 'text',
  description: 'description',
  ownerId: 'owner',
  dueOn: 'due date',
  strength: 'strength',
};

/** A readable name for an investigation field name such as "actions[1].ownerId" ("Action 2 owner"). */
export function invFieldLabel(field: string): string | undefined {
  const simple: Record<string, string> = {
    title: 'Title',
    leadId: 'Lead',
    incidentIds: 'Events investigated',
    rootCauses: 'Root causes',
    actions: 'Action plan',
    version: 'Version',
  };
  if (simple[field]) return simple[field];
  const m = /^(\w+)\[(\d+)\](?:\.(\w+))?(?:\[(\d+)\])?$/.exec(field);
  if (!m) return undefined;
  const [, list, i, part, j] = m;
  const n = Number(i) + 1;
  const what: Record<string, string> = {
    team: `Team member ${n}`,
    timeline: `Timeline fact ${n}`,
    whys: `5-whys chain ${n}`,
    fishboneCategories: `Fishbone category ${n}`,
    causes: `Cause ${n}`,
    rootCauses: `Root cause ${n}`,
    actions: `Action ${n}`,
  };
  const base = what[list] ?? field;
  if (part === 'whys' && j !== undefined) return `${base}, why ${Number(j) + 1}`;
  return part ? `${base} ${PART_NAMES[part] ?? part}` : base;
}
