-- The risk register, FMEA studies, corrective and preventive actions (CAPA) with their evidence, and the
-- in-app notifications that carry the daily digest of overdue actions.

-- A risk sits on the register it was raised on (scope); site_id and department_id place it for the scope
-- filters (both NULL on the organisation register). Scores are stored beside their ratings so that lists
-- sort and filter by them; the CHECKs keep the two in step.
CREATE TABLE risk (
  id INTEGER PRIMARY KEY,
  reference TEXT UNIQUE,
  title TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  cause TEXT NOT NULL DEFAULT '',
  consequence TEXT NOT NULL DEFAULT '',
  category TEXT NOT NULL CHECK (category IN ('clinical', 'patient_safety', 'operational', 'financial',
                                             'compliance', 'information_security', 'reputational',
                                             'business_continuity')),
  owner_id INTEGER REFERENCES app_user(id),
  scope_type TEXT NOT NULL CHECK (scope_type IN ('organisation', 'site', 'department')),
  scope_id INTEGER NOT NULL,
  site_id INTEGER REFERENCES site(id),
  department_id INTEGER REFERENCES department(id),
  escalated_to_type TEXT CHECK (escalated_to_type IN ('organisation', 'site', 'department')),
  escalated_to_id INTEGER,
  inherent_likelihood INTEGER NOT NULL CHECK (inherent_likelihood BETWEEN 1 AND 5),
  inherent_consequence INTEGER NOT NULL CHECK (inherent_consequence BETWEEN 1 AND 5),
  inherent_score INTEGER NOT NULL,
  residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
  residual_consequence INTEGER NOT NULL CHECK (residual_consequence BETWEEN 1 AND 5),
  residual_score INTEGER NOT NULL,
  target_likelihood INTEGER NOT NULL CHECK (target_likelihood BETWEEN 1 AND 5),
  target_consequence INTEGER NOT NULL CHECK (target_consequence BETWEEN 1 AND 5),
  treatment TEXT NOT NULL CHECK (treatment IN ('accept', 'reduce', 'transfer', 'avoid')),
  treatment_plan TEXT NOT NULL DEFAULT '',
  review_due_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  CHECK (inherent_score = inherent_likelihood * inherent_consequence),
  CHECK (residual_score = residual_likelihood * residual_consequence),
  CHECK ((escalated_to_type IS NULL) = (escalated_to_id IS NULL)),
  CHECK (scope_type <> 'organisation' OR (site_id IS NULL AND department_id IS NULL)),
  CHECK (scope_type <> 'site' OR (site_id = scope_id AND department_id IS NULL)),
  CHECK (scope_type <> 'department' OR (department_id = scope_id AND site_id IS NOT NULL))
);
CREATE INDEX risk_status_residual ON risk(status, residual_score);
CREATE INDEX risk_site ON risk(site_id);
CREATE INDEX risk_department ON risk(department_id);
CREATE INDEX risk_owner ON risk(owner_id);
CREATE INDEX risk_review_due ON risk(review_due_on);
CREATE INDEX risk_updated ON risk(updated_at);

CREATE TABLE risk_control (
  risk_id INTEGER NOT NULL REFERENCES risk(id),
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  effectiveness TEXT NOT NULL CHECK (effectiveness IN ('effective', 'partially_effective', 'ineffective',
                                                       'not_assessed')),
  PRIMARY KEY (risk_id, position)
);

-- Append-only: the residual rating found at each review is the risk's score over time.
CREATE TABLE risk_review (
  id INTEGER PRIMARY KEY,
  risk_id INTEGER NOT NULL REFERENCES risk(id),
  reviewed_on TEXT NOT NULL,
  reviewer_id INTEGER NOT NULL REFERENCES app_user(id),
  residual_likelihood INTEGER NOT NULL CHECK (residual_likelihood BETWEEN 1 AND 5),
  residual_consequence INTEGER NOT NULL CHECK (residual_consequence BETWEEN 1 AND 5),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX risk_review_risk ON risk_review(risk_id, reviewed_on);

-- The organisation's band edges: one row at most; none means the defaults in core.
CREATE TABLE risk_setting (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  moderate_from INTEGER NOT NULL,
  high_from INTEGER NOT NULL,
  extreme_from INTEGER NOT NULL,
  CHECK (2 <= moderate_from AND moderate_from < high_from AND high_from < extreme_from AND extreme_from <= 25)
);

CREATE TABLE fmea_study (
  id INTEGER PRIMARY KEY,
  reference TEXT UNIQUE,
  title TEXT NOT NULL,
  process TEXT NOT NULL,
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  lead_id INTEGER REFERENCES app_user(id),
  state TEXT NOT NULL CHECK (state IN ('in_progress', 'completed')),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX fmea_study_department ON fmea_study(department_id);
CREATE INDEX fmea_study_lead ON fmea_study(lead_id);
CREATE INDEX fmea_study_updated ON fmea_study(updated_at);

-- The team as rows, so that a person's studies can be found (what each person may open and edit).
CREATE TABLE fmea_team_member (
  study_id INTEGER NOT NULL REFERENCES fmea_study(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  PRIMARY KEY (study_id, user_id)
);
CREATE INDEX fmea_team_member_user ON fmea_team_member(user_id);

-- Steps keep their ids across renumbering: failure modes point at them.
CREATE TABLE fmea_step (
  id INTEGER PRIMARY KEY,
  study_id INTEGER NOT NULL REFERENCES fmea_study(id),
  number INTEGER NOT NULL CHECK (number >= 1),
  name TEXT NOT NULL
);
CREATE INDEX fmea_step_study ON fmea_step(study_id, number);

CREATE TABLE capa (
  id INTEGER PRIMARY KEY,
  reference TEXT UNIQUE,
  title TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('corrective', 'preventive')),
  source TEXT NOT NULL CHECK (source IN ('incident_investigation', 'audit_finding', 'complaint', 'risk_review',
                                         'indicator_signal', 'management_review', 'manual')),
  source_reference TEXT NOT NULL DEFAULT '',
  investigation_id INTEGER REFERENCES investigation(id),
  risk_id INTEGER REFERENCES risk(id),
  fmea_study_id INTEGER REFERENCES fmea_study(id),
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  coordinator_id INTEGER REFERENCES app_user(id),
  created_by INTEGER REFERENCES app_user(id),
  problem_statement TEXT NOT NULL,
  containment TEXT NOT NULL DEFAULT '',
  root_cause TEXT NOT NULL DEFAULT '',
  effectiveness_criterion TEXT NOT NULL DEFAULT '',
  effectiveness_due_on TEXT,
  state TEXT NOT NULL CHECK (state IN ('open', 'planned', 'in_progress', 'awaiting_verification', 'closed',
                                       'cancelled')),
  cancel_reason TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX capa_department ON capa(department_id, updated_at);
CREATE INDEX capa_site ON capa(site_id, updated_at);
CREATE INDEX capa_state ON capa(state, updated_at);
CREATE INDEX capa_updated ON capa(updated_at);
CREATE INDEX capa_created ON capa(created_at);
CREATE INDEX capa_coordinator ON capa(coordinator_id);
CREATE INDEX capa_investigation ON capa(investigation_id);
CREATE INDEX capa_risk ON capa(risk_id);
CREATE INDEX capa_fmea_study ON capa(fmea_study_id);
-- The effectiveness checks that fall due (escalation, the overdue filter).
CREATE INDEX capa_effectiveness_due ON capa(effectiveness_due_on);

-- Worksheet rows: each carries its own version, so that two people can fill in different rows at once.
CREATE TABLE fmea_failure_mode (
  id INTEGER PRIMARY KEY,
  study_id INTEGER NOT NULL REFERENCES fmea_study(id),
  step_id INTEGER NOT NULL REFERENCES fmea_step(id),
  mode TEXT NOT NULL,
  effects TEXT NOT NULL DEFAULT '',
  causes TEXT NOT NULL DEFAULT '',
  prevention_controls TEXT NOT NULL DEFAULT '',
  detection_controls TEXT NOT NULL DEFAULT '',
  severity INTEGER NOT NULL CHECK (severity BETWEEN 1 AND 10),
  occurrence INTEGER NOT NULL CHECK (occurrence BETWEEN 1 AND 10),
  detection INTEGER NOT NULL CHECK (detection BETWEEN 1 AND 10),
  recommended_action TEXT NOT NULL DEFAULT '',
  responsible_id INTEGER REFERENCES app_user(id),
  due_on TEXT,
  corrective_action_id INTEGER REFERENCES capa(id),
  action_taken TEXT NOT NULL DEFAULT '',
  revised_severity INTEGER CHECK (revised_severity BETWEEN 1 AND 10),
  revised_occurrence INTEGER CHECK (revised_occurrence BETWEEN 1 AND 10),
  revised_detection INTEGER CHECK (revised_detection BETWEEN 1 AND 10),
  version INTEGER NOT NULL DEFAULT 1,
  -- A re-score is all three ratings or none.
  CHECK ((revised_severity IS NULL) = (revised_occurrence IS NULL) AND
         (revised_severity IS NULL) = (revised_detection IS NULL))
);
CREATE INDEX fmea_failure_mode_study ON fmea_failure_mode(study_id);
CREATE INDEX fmea_failure_mode_step ON fmea_failure_mode(step_id);
CREATE INDEX fmea_failure_mode_capa ON fmea_failure_mode(corrective_action_id);

-- Actions keep their ids across edits: evidence, the investigation plan and FMEA rows point at them. An
-- investigation plan item or failure mode removed later leaves the action standing, unlinked.
CREATE TABLE capa_action (
  id INTEGER PRIMARY KEY,
  capa_id INTEGER NOT NULL REFERENCES capa(id),
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  strength TEXT NOT NULL CHECK (strength IN ('stronger', 'intermediate', 'weaker')),
  owner_id INTEGER REFERENCES app_user(id),
  due_on TEXT,
  status TEXT NOT NULL CHECK (status IN ('not_started', 'in_progress', 'done', 'cancelled')),
  completion_note TEXT NOT NULL DEFAULT '',
  completed_at TEXT,
  investigation_action_id INTEGER REFERENCES investigation_action(id) ON DELETE SET NULL,
  failure_mode_id INTEGER REFERENCES fmea_failure_mode(id) ON DELETE SET NULL
);
CREATE INDEX capa_action_capa ON capa_action(capa_id, position);
CREATE INDEX capa_action_owner ON capa_action(owner_id);
CREATE INDEX capa_action_due ON capa_action(due_on);
CREATE INDEX capa_action_investigation_action ON capa_action(investigation_action_id);
CREATE INDEX capa_action_failure_mode ON capa_action(failure_mode_id);

-- Append-only: each check as it was recorded, with the criterion as it stood then.
CREATE TABLE capa_effectiveness_check (
  id INTEGER PRIMARY KEY,
  capa_id INTEGER NOT NULL REFERENCES capa(id),
  result TEXT NOT NULL CHECK (result IN ('effective', 'not_effective')),
  criterion TEXT NOT NULL,
  evidence TEXT NOT NULL,
  checked_by INTEGER NOT NULL REFERENCES app_user(id),
  checked_at TEXT NOT NULL
);
CREATE INDEX capa_effectiveness_check_capa ON capa_effectiveness_check(capa_id, id);

CREATE TABLE capa_evidence (
  id INTEGER PRIMARY KEY,
  capa_id INTEGER NOT NULL REFERENCES capa(id),
  action_id INTEGER NOT NULL REFERENCES capa_action(id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,  -- base64: both databases keep it as plain text, and a copy moves it unchanged
  uploaded_by INTEGER NOT NULL REFERENCES app_user(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX capa_evidence_capa ON capa_evidence(capa_id, action_id);
CREATE INDEX capa_evidence_action ON capa_evidence(action_id);

-- One notification per user, kind and day: generating a day's digests again replaces them.
CREATE TABLE notification (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  title TEXT NOT NULL,
  body TEXT NOT NULL,
  payload TEXT NOT NULL,  -- JSON the page draws from
  created_at TEXT NOT NULL,
  read_at TEXT,
  UNIQUE (user_id, kind, day)
);
CREATE INDEX notification_user ON notification(user_id, created_at);
CREATE INDEX notification_kind_day ON notification(kind, day);

-- Daily jobs that ran, so that a restart on the same day does not run them again.
CREATE TABLE job_run (
  kind TEXT NOT NULL,
  day TEXT NOT NULL,
  ran_at TEXT NOT NULL,
  PRIMARY KEY (kind, day)
);
