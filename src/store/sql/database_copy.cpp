#include "store/sql/database_copy.hpp"

#include "store/audit/chain_verification.hpp"

namespace hqms::store {
namespace {

struct TableSpec {
  const char* name;
  const char* columns;
  const char* order;
  bool has_identity;
};

constexpr TableSpec kTables[] = {
    {"organisation", "id, name, created_at", "id", true},
    {"site", "id, organisation_id, code, name", "id", true},
    {"department", "id, site_id, code, name", "id", true},
    {"app_user",
     "id, username, display_name, email, password_hash, home_department_id, active, created_at, "
     "last_login_at",
     "id", true},
    {"role_grant", "user_id, role, scope_type, scope_id", "user_id, role, scope_type, scope_id", false},
    {"user_session", "token_hash, user_id, csrf_token, created_at, last_seen_at", "token_hash", false},
    {"login_throttle", "throttle_key, failures, window_start, locked_until", "throttle_key", false},
    // Issue 12: the second factor (migration 0009).
    {"second_factor", "user_id, secret, created_at, confirmed_at, last_step", "user_id", false},
    {"recovery_code", "user_id, code_hash, used_at", "user_id, code_hash", false},
    {"sign_in_challenge", "token_hash, user_id, expires_at, failures", "token_hash", false},
    {"security_setting", "setting_key, value", "setting_key", false},
    {"audit_log",
     "seq, at, actor_id, actor_username, action, entity_type, entity_id, summary, before_json, after_json, "
     "site_id, "
     "department_id, prev_hash, hash",
     "seq", false},
    {"audit_checkpoint", "seq, key_id, hash, at, signature", "seq, key_id", false},
    {"incident_setting", "setting_key, value", "setting_key", false},
    {"holiday", "day, name", "day", false},
    {"investigation",
     "id, reference, title, site_id, department_id, lead_id, state, body, created_at, updated_at, "
     "completed_at, "
     "version",
     "id", true},
    {"investigation_member", "investigation_id, user_id, role", "investigation_id, user_id", false},
    {"investigation_cause", "investigation_id, position, category, text, contributing",
     "investigation_id, position", false},
    {"investigation_action",
     "id, investigation_id, position, description, owner_id, due_on, strength, corrective_action_id", "id",
     true},
    {"external_reporting_rule",
     "id, name, agency, min_harm, sentinel_only, category, due_days, business_days, active", "id", true},
    {"incident",
     "id, reference, event_type, category, harm, harm_duration, merp_category, details, site_id, "
     "department_id, "
     "location, occurred_at, patient_identifier, patient_name, people_involved, description, "
     "immediate_actions, "
     "anonymous, reporter_id, submission_key, submitted_at, state, state_reason, merged_into, severity, "
     "handler_id, investigator_id, sentinel, related_to_natural_course, sentinel_flagged_on, analysis_due, "
     "investigation_id, disclosed_at, disclosed_to, disclosure_method, disclosure_notes, "
     "disclosure_recorded_by, updated_at, version, patient_index",
     "id", true},
    {"anonymous_follow_up", "code_hash, incident_id", "code_hash", false},
    {"id_sequence", "table_name, next_id, block_day", "table_name", false},
    {"anonymous_id_slot", "table_name, id", "table_name, id", false},
    {"held_audit_event", "hold_key, day, event_json", "hold_key", false},
    {"incident_comment", "id, incident_id, author_id, from_reporter, to_reporter, body, created_at", "id",
     true},
    {"incident_attachment",
     "id, incident_id, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at", "id",
     true},
    {"incident_external_report", "id, incident_id, rule_id, reported_at, reported_to, reference, recorded_by",
     "id", true},
    {"incident_draft", "user_id, draft_key, form, updated_at", "user_id, draft_key", false},
    {"saved_search", "id, user_id, module, name, query, created_at", "id", true},
    // Issue 5, in foreign-key order: a CAPA may point at a risk and an FMEA study, a failure mode at its
    // CAPA, and a CAPA action at the failure mode it came from.
    {"risk",
     "id, reference, title, description, cause, consequence, category, owner_id, scope_type, scope_id, "
     "site_id, department_id, escalated_to_type, escalated_to_id, inherent_likelihood, "
     "inherent_consequence, inherent_score, residual_likelihood, residual_consequence, residual_score, "
     "target_likelihood, target_consequence, treatment, treatment_plan, review_due_on, status, created_at, "
     "updated_at, version",
     "id", true},
    {"risk_control", "risk_id, position, description, effectiveness", "risk_id, position", false},
    {"risk_review", "id, risk_id, reviewed_on, reviewer_id, residual_likelihood, residual_consequence, note",
     "id", true},
    {"risk_setting", "id, moderate_from, high_from, extreme_from", "id", false},
    {"fmea_study",
     "id, reference, title, process, site_id, department_id, lead_id, state, created_at, updated_at, "
     "version",
     "id", true},
    {"fmea_team_member", "study_id, user_id", "study_id, user_id", false},
    {"fmea_step", "id, study_id, number, name", "id", true},
    {"capa",
     "id, reference, title, kind, source, source_reference, investigation_id, risk_id, fmea_study_id, "
     "site_id, department_id, coordinator_id, created_by, problem_statement, containment, root_cause, "
     "effectiveness_criterion, effectiveness_due_on, state, cancel_reason, created_at, updated_at, "
     "closed_at, version",
     "id", true},
    {"fmea_failure_mode",
     "id, study_id, step_id, mode, effects, causes, prevention_controls, detection_controls, severity, "
     "occurrence, detection, recommended_action, responsible_id, due_on, corrective_action_id, "
     "action_taken, revised_severity, revised_occurrence, revised_detection, version",
     "id", true},
    {"capa_action",
     "id, capa_id, position, description, strength, owner_id, due_on, status, completion_note, "
     "completed_at, investigation_action_id, failure_mode_id",
     "id", true},
    {"capa_effectiveness_check", "id, capa_id, result, criterion, evidence, checked_by, checked_at", "id",
     true},
    {"capa_evidence",
     "id, capa_id, action_id, file_name, media_type, size_bytes, sha256, content, uploaded_by, uploaded_at",
     "id", true},
    {"notification", "id, user_id, kind, day, title, body, payload, created_at, read_at", "id", true},
    {"job_run", "kind, day, ran_at", "kind, day", false},
    // Issue 6: the runs before the rows that point at them, responses before their answers.
    {"import_run",
     "id, kind, file_name, file_sha256, strict_mode, outcome, records_read, records_inserted, "
     "records_updated, records_unchanged, records_rejected, problems, imported_by, started_at, finished_at",
     "id", true},
    {"encounter",
     "id, encounter_key, patient_pseudonym, site_id, department_id, encounter_class, admitted_at, "
     "discharged_at, age_band, sex, ethnicity, payer, primary_diagnosis, procedure_codes, disposition, "
     "patient_days, central_line_days, urinary_catheter_days, medication_doses, ed_minutes, readmitted_30d, "
     "clabsi, cauti, surgical_site_infection, pressure_injury, content_hash, import_run_id",
     "id", true},
    {"survey_response",
     "id, response_key, site_id, department_id, visit_on, age_band, sex, ethnicity, payer, content_hash, "
     "import_run_id",
     "id", true},
    {"survey_answer", "response_id, item, answer, top_box", "response_id, item", false},
    {"unit_observation",
     "id, observation_key, kind, site_id, department_id, observed_on, moment, compliant, content_hash, "
     "import_run_id",
     "id", true},
    {"complaint_record",
     "id, complaint_key, site_id, department_id, received_on, category, severity, content_hash, "
     "import_run_id",
     "id", true},
    {"indicator_definition", "id, code, definition, version, retired, created_by, created_at, updated_at",
     "id", true},
    {"indicator_setting",
     "indicator_code, target, alert_threshold, chart, rules, version, updated_by, updated_at",
     "indicator_code", false},
    {"spc_annotation",
     "id, indicator_code, scope_type, scope_id, kind, period, reason, baseline_points, created_by, "
     "created_at",
     "id", true},
    // Issue 12: the keys that seal patient identifiers (the sealed values travel as they are).
    {"identifier_key", "key_id, added_at, retired_at", "key_id", false},
};

constexpr const char* kKeyTable = "identifier_key";

int column_count(const char* columns) {
  int n = 1;
  for (const char* c = columns; *c; ++c) n += *c == ',';
  return n;
}

Result<std::int64_t> count_rows(sql::Connection& c, const std::string& table) {
  auto st = c.prepare("SELECT COUNT(*) FROM " + table);
  if (!st) return st.error();
  if (auto row = st->step(); !row) return row.error();
  return st->int64(0);
}

// Copies one table's rows as text: both databases convert text to the column's type on insert, and text keeps
// every value (and every audit byte) exactly.
Result<std::int64_t> copy_table(sql::Connection& src, sql::Connection& dst, const TableSpec& t) {
  const int n = column_count(t.columns);
  std::string placeholders;
  for (int i = 1; i <= n; ++i) placeholders += (i > 1 ? ", ?" : "?") + std::to_string(i);
  auto read = src.prepare(std::string("SELECT ") + t.columns + " FROM " + t.name + " ORDER BY " + t.order);
  if (!read) return read.error();
  std::int64_t rows = 0;
  for (auto row = read->step();; row = read->step()) {
    if (!row) return row.error();
    if (!*row) break;
    auto write = dst.prepare(std::string("INSERT INTO ") + t.name + "(" + t.columns + ") VALUES (" +
                             placeholders + ")");
    if (!write) return write.error();
    for (int col = 0; col < n; ++col) write->bind(col + 1, read->opt_text(col));
    if (auto r = write->run(); !r) return r.error();
    ++rows;
  }
  if (t.has_identity)
    if (const auto sql = sql::after_copy_with_ids(dst.dialect(), t.name); !sql.empty())
      if (auto r = dst.exec(sql); !r) return r.error();
  return rows;
}

}  // namespace

const std::vector<std::string>& copied_tables() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto& t : kTables) out.emplace_back(t.name);
    return out;
  }();
  return names;
}

bool is_search_index_table(const std::string& table) {
  return table.starts_with("audit_search") || table.starts_with("incident_search");
}

Result<CopyReport> copy_database(const std::string& from, const std::string& to,
                                 const std::string& key_file) {
  // Opening both through the store applies their migrations, so both schemas are current. The destination
  // stays open for the verification at the end. Both open with the one key file: sealed patient identifiers
  // are copied as they are, bound to their row ids, which the copy keeps.
  auto options = single_connection();
  options.key_file = key_file;
  if (auto source = open_database(from, options); !source) return source.error();
  auto destination = open_database(to, options);
  if (!destination) return destination.error();
  auto src = connect(from);
  if (!src) return src.error();
  auto dst = connect(to);
  if (!dst) return dst.error();
  for (const auto& t : kTables) {
    if (std::string_view(t.name) == kKeyTable) continue;  // opening registered the key; the copy replaces it
    auto rows = count_rows(**dst, t.name);
    if (!rows) return rows.error();
    if (*rows > 0)
      return Error::conflict("the destination is not empty (" + std::string(t.name) + " has " +
                             std::to_string(*rows) + " rows); copy into a new database");
  }

  CopyReport report;
  if (auto r = (*src)->begin(TxMode::read); !r) return r.error();
  if (auto r = (*dst)->begin(TxMode::write); !r) return r.error();
  if (auto r = (*dst)->exec(std::string("DELETE FROM ") + kKeyTable); !r) {
    (*dst)->rollback();
    (*src)->rollback();
    return r.error();
  }
  for (const auto& t : kTables) {
    auto rows = copy_table(**src, **dst, t);
    if (!rows) {
      (*dst)->rollback();
      (*src)->rollback();
      return Error::internal("copying " + std::string(t.name) + " failed: " + rows.error().message);
    }
    report.tables.push_back({t.name, *rows});
  }
  if (auto r = (*dst)->commit(); !r) return r.error();
  (*src)->rollback();

  for (const auto& t : report.tables) {
    auto rows = count_rows(**dst, t.table);
    if (!rows) return rows.error();
    if (*rows != t.rows)
      return Error::internal(t.table + ": copied " + std::to_string(t.rows) +
                             " rows but the destination has " + std::to_string(*rows));
  }
  auto verdict = verify_audit_chain(**destination);
  if (!verdict) return verdict.error();
  if (!verdict->ok)
    return Error::internal("the copied audit trail does not verify: entry " +
                           std::to_string(*verdict->first_broken_seq) + ": " + verdict->reason);
  report.audit_entries_verified = verdict->checked;
  return report;
}

}  // namespace hqms::store
