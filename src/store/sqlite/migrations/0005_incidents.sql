-- Patient-safety events, their threads, attachments, external reporting, drafts, saved searches and the
-- root-cause investigations that follow them.
-- Settings an organisation may change; a missing key means the default in core.
CREATE TABLE incident_setting (
  setting_key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Days that do not count towards business-day clocks.
CREATE TABLE holiday (
  day TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE investigation (
  id INTEGER PRIMARY KEY,
  reference TEXT UNIQUE,
  title TEXT NOT NULL,
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  lead_id INTEGER REFERENCES app_user(id),
  state TEXT NOT NULL,
  body TEXT NOT NULL,  -- JSON: timeline, whys, fishbone categories, root causes
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  completed_at TEXT,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX investigation_department ON investigation(department_id);

-- The team as rows, so that members can be found by person (what each person may open).
CREATE TABLE investigation_member (
  investigation_id INTEGER NOT NULL REFERENCES investigation(id),
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  role TEXT NOT NULL,
  PRIMARY KEY (investigation_id, user_id)
);
CREATE INDEX investigation_member_user ON investigation_member(user_id);

-- Fishbone causes as rows, so that contributing factors can be counted (Pareto).
CREATE TABLE investigation_cause (
  investigation_id INTEGER NOT NULL REFERENCES investigation(id),
  position INTEGER NOT NULL,
  category TEXT NOT NULL,
  text TEXT NOT NULL,
  contributing INTEGER NOT NULL CHECK (contributing IN (0, 1)),
  PRIMARY KEY (investigation_id, position)
);

-- Action-plan items keep their ids across edits: the CAPA module links corrective actions to them.
CREATE TABLE investigation_action (
  id INTEGER PRIMARY KEY,
  investigation_id INTEGER NOT NULL REFERENCES investigation(id),
  position INTEGER NOT NULL,
  description TEXT NOT NULL,
  owner_id INTEGER REFERENCES app_user(id),
  due_on TEXT,
  strength TEXT NOT NULL,
  corrective_action_id INTEGER
);
CREATE INDEX investigation_action_investigation ON investigation_action(investigation_id);

CREATE TABLE incident (
  id INTEGER PRIMARY KEY,
  reference TEXT UNIQUE,
  event_type TEXT NOT NULL,
  category TEXT NOT NULL,
  harm TEXT NOT NULL,
  harm_duration TEXT NOT NULL,
  merp_category TEXT,
  details TEXT NOT NULL,  -- JSON object of the category's own answers
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  location TEXT NOT NULL,
  occurred_at TEXT NOT NULL,
  patient_identifier TEXT,
  patient_name TEXT,
  people_involved TEXT NOT NULL,
  description TEXT NOT NULL,
  immediate_actions TEXT NOT NULL,
  anonymous INTEGER NOT NULL CHECK (anonymous IN (0, 1)),
  reporter_id INTEGER REFERENCES app_user(id),
  submission_key TEXT,
  submitted_at TEXT NOT NULL,
  state TEXT NOT NULL,
  state_reason TEXT NOT NULL DEFAULT '',
  merged_into INTEGER REFERENCES incident(id),
  severity TEXT,
  handler_id INTEGER REFERENCES app_user(id),
  investigator_id INTEGER REFERENCES app_user(id),
  sentinel INTEGER NOT NULL DEFAULT 0 CHECK (sentinel IN (0, 1)),
  related_to_natural_course INTEGER NOT NULL DEFAULT 0 CHECK (related_to_natural_course IN (0, 1)),
  sentinel_flagged_on TEXT,
  analysis_due TEXT,
  investigation_id INTEGER REFERENCES investigation(id),
  disclosed_at TEXT,
  disclosed_to TEXT,
  disclosure_method TEXT,
  disclosure_notes TEXT,
  disclosure_recorded_by INTEGER REFERENCES app_user(id),
  updated_at TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  -- An anonymous report can never point back at a person.
  CHECK (anonymous = 0 OR reporter_id IS NULL)
);
-- A retried submission finds the report the first attempt created.
CREATE UNIQUE INDEX incident_submission ON incident(COALESCE(reporter_id, 0), submission_key);
CREATE INDEX incident_department ON incident(department_id, submitted_at);
CREATE INDEX incident_site ON incident(site_id, submitted_at);
CREATE INDEX incident_state ON incident(state);
CREATE INDEX incident_reporter ON incident(reporter_id);
CREATE INDEX incident_submitted ON incident(submitted_at);
CREATE INDEX incident_occurred ON incident(occurred_at);
CREATE INDEX incident_investigation ON incident(investigation_id);

-- Follow-up codes of anonymous reporters, kept only as SHA-256 (a code has 80 random bits).
CREATE TABLE anonymous_follow_up (
  code_hash TEXT PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id)
);

CREATE TABLE incident_comment (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  author_id INTEGER REFERENCES app_user(id),
  from_reporter INTEGER NOT NULL CHECK (from_reporter IN (0, 1)),
  to_reporter INTEGER NOT NULL CHECK (to_reporter IN (0, 1)),
  body TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX incident_comment_incident ON incident_comment(incident_id, id);

CREATE TABLE incident_attachment (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  file_name TEXT NOT NULL,
  media_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  content TEXT NOT NULL,  -- base64: both databases keep it as plain text, and a copy moves it unchanged
  uploaded_by INTEGER REFERENCES app_user(id),
  uploaded_at TEXT NOT NULL
);
CREATE INDEX incident_attachment_incident ON incident_attachment(incident_id);

CREATE TABLE external_reporting_rule (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  agency TEXT NOT NULL,
  min_harm TEXT NOT NULL,
  sentinel_only INTEGER NOT NULL CHECK (sentinel_only IN (0, 1)),
  category TEXT,
  due_days INTEGER NOT NULL,
  business_days INTEGER NOT NULL CHECK (business_days IN (0, 1)),
  active INTEGER NOT NULL CHECK (active IN (0, 1))
);

CREATE TABLE incident_external_report (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER NOT NULL REFERENCES incident(id),
  rule_id INTEGER NOT NULL REFERENCES external_reporting_rule(id),
  reported_at TEXT NOT NULL,
  reported_to TEXT NOT NULL,
  reference TEXT NOT NULL,
  recorded_by INTEGER NOT NULL REFERENCES app_user(id),
  UNIQUE (incident_id, rule_id)
);

CREATE TABLE incident_draft (
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  draft_key TEXT NOT NULL,
  form TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (user_id, draft_key)
);

CREATE TABLE saved_search (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES app_user(id),
  module TEXT NOT NULL,
  name TEXT NOT NULL,
  query TEXT NOT NULL,
  created_at TEXT NOT NULL,
  UNIQUE (user_id, module, name)
);

-- Word search over what was reported (never the patient's identifiers, so that a search cannot reveal
-- them to someone not allowed to see them). Porter stemming so that "falls" finds "fall".
CREATE VIRTUAL TABLE incident_search USING fts5(
  reference, category, location, people_involved, description, immediate_actions, details,
  content = 'incident', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER incident_search_insert AFTER INSERT ON incident
BEGIN
  INSERT INTO incident_search(rowid, reference, category, location, people_involved, description,
                              immediate_actions, details)
    VALUES (new.id, new.reference, new.category, new.location, new.people_involved, new.description,
            new.immediate_actions, new.details);
END;
CREATE TRIGGER incident_search_update AFTER UPDATE OF reference, category, location, people_involved,
  description, immediate_actions, details ON incident
BEGIN
  INSERT INTO incident_search(incident_search, rowid, reference, category, location, people_involved,
                              description, immediate_actions, details)
    VALUES ('delete', old.id, old.reference, old.category, old.location, old.people_involved,
            old.description, old.immediate_actions, old.details);
  INSERT INTO incident_search(rowid, reference, category, location, people_involved, description,
                              immediate_actions, details)
    VALUES (new.id, new.reference, new.category, new.location, new.people_involved, new.description,
            new.immediate_actions, new.details);
END;
