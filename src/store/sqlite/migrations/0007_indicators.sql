-- Quality indicators: the data they count from (imported stays, survey answers, compliance observations,
-- complaints), the record of each import run, and what analysts keep about indicators (their own
-- definitions, the settings of catalogue indicators, chart annotations).

-- One row per run, rejected ones too. Imported rows point at the run that last changed them. problems is a
-- JSON array of {file, line, recordId, field, message}: what the person who exported the file needs to fix
-- it, never the rows themselves.
CREATE TABLE import_run (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('encounters_csv', 'encounters_fhir', 'survey_csv', 'observations_csv',
                                     'complaints_csv')),
  file_name TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  strict_mode INTEGER NOT NULL CHECK (strict_mode IN (0, 1)),
  outcome TEXT NOT NULL CHECK (outcome IN ('completed', 'rejected')),
  records_read INTEGER NOT NULL DEFAULT 0,
  records_inserted INTEGER NOT NULL DEFAULT 0,
  records_updated INTEGER NOT NULL DEFAULT 0,
  records_unchanged INTEGER NOT NULL DEFAULT 0,
  records_rejected INTEGER NOT NULL DEFAULT 0,
  problems TEXT NOT NULL DEFAULT '[]',
  imported_by INTEGER REFERENCES app_user(id),
  started_at TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE INDEX import_run_file ON import_run(kind, file_sha256, outcome);

-- Imported records are keyed by the source system's own id, so that a file imported again updates in
-- place. content_hash is a digest of every imported field (answers included): an equal record is found
-- unchanged without reading it back column by column.
CREATE TABLE encounter (
  id INTEGER PRIMARY KEY,
  encounter_key TEXT NOT NULL UNIQUE,
  patient_pseudonym TEXT NOT NULL,
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  encounter_class TEXT NOT NULL,
  admitted_at TEXT NOT NULL,
  discharged_at TEXT NOT NULL,
  age_band TEXT NOT NULL,
  sex TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  payer TEXT NOT NULL,
  primary_diagnosis TEXT NOT NULL,
  procedure_codes TEXT NOT NULL DEFAULT '',  -- '|'-separated
  disposition TEXT NOT NULL,
  patient_days REAL NOT NULL,
  central_line_days REAL NOT NULL,
  urinary_catheter_days REAL NOT NULL,
  medication_doses REAL NOT NULL,
  ed_minutes REAL,
  readmitted_30d INTEGER NOT NULL CHECK (readmitted_30d IN (0, 1)),
  clabsi INTEGER NOT NULL CHECK (clabsi IN (0, 1)),
  cauti INTEGER NOT NULL CHECK (cauti IN (0, 1)),
  surgical_site_infection INTEGER NOT NULL CHECK (surgical_site_infection IN (0, 1)),
  pressure_injury INTEGER NOT NULL CHECK (pressure_injury IN (0, 1)),
  content_hash TEXT NOT NULL,
  import_run_id INTEGER NOT NULL REFERENCES import_run(id)
);
CREATE INDEX encounter_department ON encounter(department_id);
CREATE INDEX encounter_import_run ON encounter(import_run_id);

CREATE TABLE survey_response (
  id INTEGER PRIMARY KEY,
  response_key TEXT NOT NULL UNIQUE,
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  visit_on TEXT NOT NULL,
  age_band TEXT NOT NULL,
  sex TEXT NOT NULL,
  ethnicity TEXT NOT NULL,
  payer TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  import_run_id INTEGER NOT NULL REFERENCES import_run(id)
);
CREATE INDEX survey_response_department ON survey_response(department_id);
CREATE INDEX survey_response_import_run ON survey_response(import_run_id);

-- top_box is kept as scored at import, with the item's scale of that time.
CREATE TABLE survey_answer (
  response_id INTEGER NOT NULL REFERENCES survey_response(id),
  item TEXT NOT NULL,
  answer INTEGER NOT NULL,
  top_box INTEGER NOT NULL CHECK (top_box IN (0, 1)),
  PRIMARY KEY (response_id, item)
);

CREATE TABLE unit_observation (
  id INTEGER PRIMARY KEY,
  observation_key TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  observed_on TEXT NOT NULL,
  moment TEXT NOT NULL DEFAULT '',
  compliant INTEGER NOT NULL CHECK (compliant IN (0, 1)),
  content_hash TEXT NOT NULL,
  import_run_id INTEGER NOT NULL REFERENCES import_run(id)
);
CREATE INDEX unit_observation_department ON unit_observation(department_id);
CREATE INDEX unit_observation_import_run ON unit_observation(import_run_id);

CREATE TABLE complaint_record (
  id INTEGER PRIMARY KEY,
  complaint_key TEXT NOT NULL UNIQUE,
  site_id INTEGER NOT NULL REFERENCES site(id),
  department_id INTEGER NOT NULL REFERENCES department(id),
  received_on TEXT NOT NULL,
  category TEXT NOT NULL,
  severity TEXT NOT NULL,
  content_hash TEXT NOT NULL,
  import_run_id INTEGER NOT NULL REFERENCES import_run(id)
);
CREATE INDEX complaint_record_department ON complaint_record(department_id);
CREATE INDEX complaint_record_import_run ON complaint_record(import_run_id);

-- The analysts' own indicators; definition is the IndicatorJson of core/indicators/definition_json.hpp.
-- Retired ones stay: charts and audit entries name them.
CREATE TABLE indicator_definition (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  definition TEXT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1,
  retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

-- An analyst's choices for an indicator (catalogue or own), over the shipped ones; NULL keeps the shipped.
CREATE TABLE indicator_setting (
  indicator_code TEXT PRIMARY KEY,
  target REAL,
  alert_threshold REAL,
  chart TEXT,
  rules TEXT,
  version INTEGER NOT NULL DEFAULT 1,
  updated_by INTEGER REFERENCES app_user(id),
  updated_at TEXT NOT NULL
);

-- Process changes, excluded periods and baselines on one indicator's chart at one scope, each with its
-- reason.
CREATE TABLE spc_annotation (
  id INTEGER PRIMARY KEY,
  indicator_code TEXT NOT NULL,
  scope_type TEXT NOT NULL CHECK (scope_type IN ('organisation', 'site', 'department')),
  scope_id INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('process_change', 'exclusion', 'baseline')),
  period TEXT NOT NULL,
  reason TEXT NOT NULL,
  baseline_points INTEGER,
  created_by INTEGER REFERENCES app_user(id),
  created_at TEXT NOT NULL
);
CREATE INDEX spc_annotation_chart ON spc_annotation(indicator_code, scope_type, scope_id);
