// Shapes of the HQMS v1 API (see the API contract); only what the front end reads.

export type ScopeType = 'organisation' | 'site' | 'department';

export interface Scope {
  type: ScopeType;
  id: number;
  name?: string;
}

export interface Grant {
  role: string;
  scope: Scope;
}

export interface User {
  id: number;
  username: string;
  displayName: string;
  email: string;
  homeDepartmentId: number | null;
  homeDepartmentName: string | null;
  active: boolean;
  lockedUntil: string | null;
  createdAt: string;
  lastLoginAt: string | null;
  grants: Grant[];
  /** Only on GET /users/{id}: whether the caller may change this person (every role of theirs in the caller's scope). */
  youMayManage?: boolean;
}

export interface Session {
  user: User;
  permissions: string[];
  csrfToken: string;
  idleTimeoutSeconds: number;
  /** The organisation requires a second factor of this person and they have none: the session may only enrol one. */
  mustEnrolSecondFactor?: boolean;
}

/** The answer to a correct password of someone with a second factor: no session yet. */
export interface SecondFactorChallenge {
  secondFactorRequired: true;
  challengeToken: string;
  expiresInSeconds: number;
}

/** A person's second factor (GET /auth/second-factor and /users/{id}/second-factor). */
export interface SecondFactorStanding {
  enrolled: boolean;
  pending: boolean;
  confirmedAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** Present and true when the server stopped counting at `total` (there are at least that many). */
  totalCapped?: boolean;
  limit: number;
  offset: number;
}

export interface Department {
  id: number;
  code: string;
  name: string;
  siteId: number;
}

export interface Site {
  id: number;
  code: string;
  name: string;
  departments: Department[];
}

export interface Organisation {
  id: number;
  name: string;
  sites: Site[];
}

export interface Role {
  role: string;
  label: string;
  description: string;
  permissions: string[];
}

export interface WorkItem {
  id: string;
  title: string;
  subtitle?: string;
  dueAt: string | null;
  overdue: boolean;
  href: string;
}

export interface WorkSection {
  key: string;
  title: string;
  emptyText: string;
  items: WorkItem[];
}

export interface AuditEntry {
  seq: number;
  at: string;
  actor: { id: number; username: string } | null;
  action: string;
  entityType: string;
  entityId: string;
  summary: string;
  before: unknown;
  after: unknown;
  siteId: number | null;
  departmentId: number | null;
  hash: string;
  prevHash: string;
}

export interface ActivityDay {
  date: string;
  count: number;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  reason: string | null;
}

export interface AuditCheckpointStatus {
  enabled: boolean;
  keyId: string | null;
  headSeq: number;
  checkpoint: {
    seq: number;
    hash: string;
    at: string;
    keyId: string;
    verified: boolean | null;
    problem: string | null;
  } | null;
}

export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
}
