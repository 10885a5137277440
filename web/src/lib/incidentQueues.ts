import type { Session } from './types';
import { hasPermission } from './session';

export interface Queue {
  id: string;
  label: string;
  /** Shown when the user holds any of these; none = everyone signed in (anyone may report). */
  anyOf?: string[];
}

export const QUEUES: Queue[] = [
  { id: 'mine', label: 'My reports' },
  { id: 'department', label: 'My department', anyOf: ['incidents.read'] },
  { id: 'triage', label: 'Triage', anyOf: ['incidents.triage'] },
  // Reports the caller handles or investigates: anyone can be assigned one.
  { id: 'investigations', label: 'Assigned to me' },
  { id: 'overdue', label: 'Overdue', anyOf: ['incidents.read', 'incidents.triage'] },
  { id: 'all', label: 'All', anyOf: ['incidents.read'] },
];

export function queuesFor(session: Session | null): Queue[] {
  return QUEUES.filter((q) => !q.anyOf || q.anyOf.some((p) => hasPermission(session, p)));
}

/** Where each user starts: the triage queue for safety officers, everything for readers, else their own. */
export function defaultQueue(session: Session | null): string {
  if (hasPermission(session, 'incidents.triage')) return 'triage';
  if (hasPermission(session, 'incidents.read')) return 'all';
  return 'mine';
}

/** List filters carried in the URL, saved searches and export links. */
export const FILTER_KEYS = ['state', 'type', 'category', 'harm', 'severity', 'departmentId', 'from', 'to', 'sentinel', 'q'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export function readFilters(search: URLSearchParams): Filters {
  const f = {} as Filters;
  for (const k of FILTER_KEYS) f[k] = search.get(k) ?? '';
  return f;
}

export const DEFAULT_SORT = '-submittedAt';
