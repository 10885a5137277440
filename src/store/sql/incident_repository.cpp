#include <nlohmann/json.hpp>

#include "store/sql/anonymous_ids.hpp"
#include "store/sql/patient_columns.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kColumns =
    "i.id, i.reference, i.event_type, i.category, i.harm, i.harm_duration, i.merp_category, i.details, "
    "i.site_id, i.department_id, i.location, i.occurred_at, i.patient_identifier, i.patient_name, "
    "i.people_involved, i.description, i.immediate_actions, i.anonymous, i.reporter_id, i.submitted_at, "
    "i.state, i.state_reason, i.merged_into, i.severity, i.handler_id, i.investigator_id, i.sentinel, "
    "i.related_to_natural_course, i.sentinel_flagged_on, i.analysis_due, i.investigation_id, i.disclosed_at, "
    "i.disclosed_to, i.disclosure_method, i.disclosure_notes, i.disclosure_recorded_by, i.updated_at, "
    "i.version";

// States in which a report still needs work.
constexpr const char* kOpenStates = "('submitted', 'in_triage', 'under_investigation', 'action_planning')";
constexpr const char* kDisclosedHarm = "('moderate', 'severe', 'death')";
// Reports that were not events after all, or repeat another: no disclosure is owed on them.
constexpr const char* kEndedStates = "('rejected', 'duplicate', 'merged')";

std::string details_to_db(const EventDetails& details) {
  return nlohmann::json(details).dump();
}

EventDetails details_from_db(const std::string& text) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  EventDetails out;
  if (!j.is_object()) return out;
  for (const auto& [k, v] : j.items())
    if (v.is_string()) out[k] = v.get<std::string>();
  return out;
}

// The row as stored: the patient columns still sealed, in `patient` (see reveal_patient).
IncidentReport read_incident(const Statement& st) {
  IncidentReport r;
  auto& e = r.event;
  r.id = st.int64(0);
  r.reference = st.opt_text(1).value_or("");
  e.type = event_type_from_string(st.text(2)).value_or(EventType::incident);
  e.category = event_category_from_string(st.text(3)).value_or(EventCategory::other);
  e.harm = harm_level_from_string(st.text(4)).value_or(HarmLevel::unknown);
  e.harm_duration = harm_duration_from_string(st.text(5)).value_or(HarmDuration::unknown);
  if (auto m = st.opt_text(6)) e.merp = merp_category_from_string(*m);
  e.details = details_from_db(st.text(7));
  r.site_id = st.int64(8);
  e.department_id = st.int64(9);
  e.location = st.text(10);
  e.occurred_at = timestamp_from_db(st.text(11));
  if (auto id = st.opt_text(12)) e.patient = PatientInvolved{*id, st.opt_text(13).value_or("")};
  e.people_involved = st.text(14);
  e.description = st.text(15);
  e.immediate_actions = st.text(16);
  r.anonymous = st.int64(17) != 0;
  r.reporter_id = st.opt_int64(18);
  r.submitted_at = timestamp_from_db(st.text(19));
  r.state = incident_state_from_string(st.text(20)).value_or(IncidentState::submitted);
  r.state_reason = st.text(21);
  r.merged_into = st.opt_int64(22);
  if (auto s = st.opt_text(23)) r.severity = severity_from_string(*s);
  r.handler_id = st.opt_int64(24);
  r.investigator_id = st.opt_int64(25);
  r.sentinel = st.int64(26) != 0;
  r.related_to_natural_course = st.int64(27) != 0;
  r.sentinel_flagged_on = date_from_db(st.opt_text(28));
  r.analysis_due = date_from_db(st.opt_text(29));
  r.investigation_id = st.opt_int64(30);
  if (auto at = st.opt_text(31))
    r.disclosure =
        Disclosure{timestamp_from_db(*at), st.opt_text(32).value_or(""), st.opt_text(33).value_or(""),
                   st.opt_text(34).value_or(""), st.opt_int64(35).value_or(0)};
  r.updated_at = timestamp_from_db(st.text(36));
  r.version = static_cast<int>(st.int64(37));
  return r;
}

std::optional<std::string> opt_name(const auto& value) {
  if (!value) return std::nullopt;
  return std::string(to_string(*value));
}

std::string_view queue_name(IncidentQueue q) {
  switch (q) {
    case IncidentQueue::all:
      return "all";
    case IncidentQueue::mine:
      return "mine";
    case IncidentQueue::department:
      return "department";
    case IncidentQueue::triage:
      return "triage";
    case IncidentQueue::investigations:
      return "investigations";
    case IncidentQueue::overdue:
      return "overdue";
  }
  return "all";
}

constexpr int kFilterParams = 26;

// Lists count their matches up to here: exact counting of a million reports costs half a second, and
// nobody pages past ten thousand.
constexpr std::int64_t kCountCap = 10000;

// The filters every incident query shares: the words searched, what the caller may see, the queue and the
// list filters. Only the word search differs in text (it is left out when nothing searchable was typed).
std::string from_where(Dialect d, bool with_text) {
  return (with_text ? incident_text_from(d, 22) : std::string(" FROM incident i WHERE ?22 = '' AND ")) +
         "(?1 = 1 OR " + in_id_list(d, "i.site_id", 2) + " OR " + in_id_list(d, "i.department_id", 3) +
         " OR i.reporter_id = ?4 OR i.handler_id = ?4 OR i.investigator_id = ?4)"
         " AND (?5 <> 'mine' OR i.reporter_id = ?4)"
         " AND (?5 <> 'department' OR " +
         in_id_list(d, "i.department_id", 6) +
         ")"
         " AND (?5 <> 'triage' OR (i.state IN ('submitted', 'in_triage') AND (?7 = 1 OR " +
         in_id_list(d, "i.site_id", 8) + " OR " + in_id_list(d, "i.department_id", 9) +
         ")))"
         " AND (?5 <> 'investigations' OR ((i.handler_id = ?4 OR i.investigator_id = ?4) AND i.state IN " +
         kOpenStates +
         "))"
         " AND (?5 <> 'overdue' OR (i.state IN " +
         kOpenStates + " AND i.sentinel = 1 AND i.analysis_due < ?10) OR (i.state NOT IN " + kEndedStates +
         " AND i.harm IN " + kDisclosedHarm +
         " AND i.disclosed_at IS NULL AND i.submitted_at < ?11))"
         " AND (i.state = ?12 OR ?12 IS NULL) AND (i.event_type = ?13 OR ?13 IS NULL)"
         " AND (i.category = ?14 OR ?14 IS NULL) AND (i.harm = ?15 OR ?15 IS NULL)"
         " AND (i.severity = ?16 OR ?16 IS NULL) AND (i.site_id = ?17 OR ?17 IS NULL)"
         " AND (i.department_id = ?18 OR ?18 IS NULL) AND (i.occurred_at >= ?19 OR ?19 IS NULL)"
         " AND (i.occurred_at < ?20 OR ?20 IS NULL) AND (?21 = 0 OR i.sentinel = 1)"
         // A patient is looked up by blind index only in reports whose patient the caller may see, so the
         // filter says nothing about the others.
         " AND (?23 = '[]' OR (" +
         in_text_list(d, "i.patient_index", 23) + " AND (?24 = 1 OR " + in_id_list(d, "i.site_id", 25) +
         " OR " + in_id_list(d, "i.department_id", 26) +
         " OR i.reporter_id = ?4 OR i.handler_id = ?4 OR i.investigator_id = ?4)))";
}

// The JSON array of the looked-up patient's blind index under every key ("[]": no lookup).
std::string patient_indexes(const IdentifierCipher* cipher, const std::optional<std::string>& identifier) {
  if (!identifier || !cipher) return "[]";
  return nlohmann::json(cipher->blind_indexes(*identifier)).dump();
}

void bind_filters(Statement& st, Dialect d, const IncidentQuery& q, const IdentifierCipher* cipher) {
  st.bind_all(q.visible.everything, id_list(q.visible.site_ids), id_list(q.visible.department_ids),
              q.caller_id, queue_name(q.queue), id_list(q.department_ids), q.triage_scope.everything,
              id_list(q.triage_scope.site_ids), id_list(q.triage_scope.department_ids), to_db(q.today),
              to_db(q.disclosure_cutoff), opt_name(q.state), opt_name(q.type), opt_name(q.category),
              opt_name(q.harm), opt_name(q.severity), q.site_id, q.department_id, to_db(q.occurred_from),
              to_db(q.occurred_until), q.sentinel_only, text_query(d, q.text),
              patient_indexes(cipher, q.patient_identifier), q.patient_visible.everything,
              id_list(q.patient_visible.site_ids), id_list(q.patient_visible.department_ids));
}

// A word search in order of arrival streams from the index on SQLite (incident_text_order).
std::string order_of(const PageRequest& page, Dialect d, bool with_text) {
  if (with_text && page.sort_field == "submittedAt")
    if (auto streamed = incident_text_order(d, page.descending); !streamed.empty()) return streamed;
  return order_clause(
      page,
      {{"submittedAt", "i.submitted_at"},
       {"occurredAt", "i.occurred_at"},
       {"reference", "i.id"},
       {"harm",
        "CASE i.harm WHEN 'death' THEN 5 WHEN 'severe' THEN 4 WHEN 'moderate' THEN 3 WHEN 'mild' "
        "THEN 2 WHEN 'no_harm' THEN 1 ELSE 0 END"},
       {"state", "i.state"},
       {"analysisDue", "COALESCE(i.analysis_due, '9999-12-31')"}},
      "i.id");
}

// The readable reference people quote: PSE-<year submitted>-<id, six digits at least>.
std::string reference_for(Id id, Timestamp submitted_at) {
  std::string number = std::to_string(id);
  if (number.size() < 6) number.insert(0, 6 - number.size(), '0');
  return "PSE-" + format_date(submitted_at).substr(0, 4) + "-" + number;
}

}  // namespace

Result<Id> SqlIncidentRepository::create(const IncidentReport& r, const std::string& submission_key) {
  const auto& e = r.event;
  // Ids come from id_sequence, an anonymous report's from the day's block (anonymous_ids.hpp).
  auto id = next_record_id(c_, "incident", r.anonymous, r.submitted_at);
  if (!id) return id.error();
  // The patient is sealed for this row's id; in clear it is never written. With a patient but no key this
  // fails, and the transaction writes nothing.
  auto patient = seal_patient(cipher_, *id, e.patient);
  if (!patient) return patient.error();
  auto inserted = c_.execute(
      "INSERT INTO incident(event_type, category, harm, harm_duration, merp_category, details, site_id, "
      "department_id, location, occurred_at, people_involved, description, immediate_actions, anonymous, "
      "reporter_id, submission_key, submitted_at, state, updated_at, id, reference, patient_identifier, "
      "patient_name, patient_index) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
      "?21, "
      "?22, ?23, ?24)",
      to_string(e.type), to_string(e.category), to_string(e.harm), to_string(e.harm_duration),
      opt_name(e.merp), details_to_db(e.details), r.site_id, e.department_id, e.location,
      to_db(e.occurred_at), e.people_involved, e.description, e.immediate_actions, r.anonymous, r.reporter_id,
      // No key: NULL, which the unique index lets repeat.
      submission_key.empty() ? std::nullopt : std::optional<std::string>(submission_key),
      to_db(r.submitted_at), to_string(r.state), to_db(r.updated_at), *id, reference_for(*id, r.submitted_at),
      patient->identifier, patient->name, patient->index);
  if (!inserted) return inserted.error();
  return *id;
}

Result<void> SqlIncidentRepository::reveal_patient(IncidentReport& r) const {
  auto& patient = r.event.patient;
  if (!patient) return {};
  auto opened = open_patient(cipher_, r.id, patient->identifier, patient->name);
  if (!opened) return opened.error();
  patient = std::move(*opened);
  return {};
}

Result<std::optional<Id>> SqlIncidentRepository::find_submission(std::optional<Id> reporter_id,
                                                                 const std::string& submission_key) {
  auto st = c_.prepare("SELECT id FROM incident WHERE COALESCE(reporter_id, 0) = ?1 AND submission_key = ?2");
  if (!st) return st.error();
  st->bind_all(reporter_id.value_or(0), submission_key);
  return read_first(*st, [](Statement& row) { return row.int64(0); });
}

Result<IncidentReport> SqlIncidentRepository::read_one(Id id, bool lock) {
  auto st = c_.prepare(std::string("SELECT ") + kColumns + " FROM incident i WHERE i.id = ?1" +
                       (lock ? for_update(c_.dialect()) : ""));
  if (!st) return st.error();
  auto row = st->bind_all(id).step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("There is no event report " + std::to_string(id) + ".");
  auto report = read_incident(*st);
  if (auto r = reveal_patient(report); !r) return r.error();
  return report;
}

Result<IncidentReport> SqlIncidentRepository::get(Id id) {
  return read_one(id, false);
}

Result<IncidentReport> SqlIncidentRepository::get_for_update(Id id) {
  return read_one(id, true);
}

Result<void> SqlIncidentRepository::update(const IncidentReport& r) {
  const auto& e = r.event;
  std::optional<std::string> disclosed_at, disclosed_to, method, notes;
  std::optional<Id> recorded_by;
  auto patient = seal_patient(cipher_, r.id, e.patient);
  if (!patient) return patient.error();
  if (r.disclosure) {
    disclosed_at = to_db(r.disclosure->disclosed_at);
    disclosed_to = r.disclosure->disclosed_to;
    method = r.disclosure->method;
    notes = r.disclosure->notes;
    recorded_by = r.disclosure->recorded_by;
  }
  auto st = c_.prepare(
      "UPDATE incident SET event_type = ?2, category = ?3, harm = ?4, harm_duration = ?5, merp_category = "
      "?6, "
      "details = ?7, site_id = ?8, department_id = ?9, location = ?10, occurred_at = ?11, "
      "patient_identifier = ?12, patient_name = ?13, people_involved = ?14, description = ?15, "
      "immediate_actions = ?16, state = ?17, state_reason = ?18, merged_into = ?19, severity = ?20, "
      "handler_id = ?21, investigator_id = ?22, sentinel = ?23, related_to_natural_course = ?24, "
      "sentinel_flagged_on = ?25, analysis_due = ?26, investigation_id = ?27, disclosed_at = ?28, "
      "disclosed_to = ?29, disclosure_method = ?30, disclosure_notes = ?31, disclosure_recorded_by = ?32, "
      "updated_at = ?33, patient_index = ?35, version = version + 1 WHERE id = ?1 AND version = ?34");
  if (!st) return st.error();
  st->bind_all(r.id, to_string(e.type), to_string(e.category), to_string(e.harm), to_string(e.harm_duration),
               opt_name(e.merp), details_to_db(e.details), r.site_id, e.department_id, e.location,
               to_db(e.occurred_at), patient->identifier, patient->name, e.people_involved, e.description,
               e.immediate_actions, to_string(r.state), r.state_reason, r.merged_into, opt_name(r.severity),
               r.handler_id, r.investigator_id, r.sentinel, r.related_to_natural_course,
               to_db(r.sentinel_flagged_on), to_db(r.analysis_due), r.investigation_id, disclosed_at,
               disclosed_to, method, notes, recorded_by, to_db(r.updated_at), r.version, patient->index);
  if (auto done = st->run(); !done) return done;
  if (c_.changes() == 0)
    return Error{ErrorKind::conflict,
                 "Someone else changed " + r.reference + " while you were editing it; reload and try again.",
                 {{"version", "is no longer the current version"}},
                 {}};
  return {};
}

Result<Page<IncidentReport>> SqlIncidentRepository::list(const IncidentQuery& q) {
  if (auto r = check_lookup(q); !r) return r.error();
  const auto d = c_.dialect();
  const bool with_text = !text_query(d, q.text).empty();
  auto page = read_page<IncidentReport>(
      c_, kColumns, from_where(d, with_text), order_of(q.page, d, with_text), q.page, kFilterParams,
      [&](Statement& st) { bind_filters(st, d, q, cipher_); },
      [](const Statement& st) { return read_incident(st); }, kCountCap);
  if (!page) return page.error();
  for (auto& r : page->items)
    if (auto opened = reveal_patient(r); !opened) return opened.error();
  return page;
}

Result<void> SqlIncidentRepository::check_lookup(const IncidentQuery& q) const {
  if (q.patient_identifier && !cipher_)
    return Error::of(ErrorKind::unavailable,
                     "a patient cannot be looked up: the database was opened without its key file");
  return {};
}

Result<void> SqlIncidentRepository::scan(const IncidentQuery& q,
                                         const std::function<bool(const IncidentReport&)>& visit) {
  if (auto r = check_lookup(q); !r) return r.error();
  const auto d = c_.dialect();
  const bool with_text = !text_query(d, q.text).empty();
  auto st = c_.prepare(std::string("SELECT ") + kColumns + from_where(d, with_text) +
                       order_of(q.page, d, with_text));
  if (!st) return st.error();
  bind_filters(*st, d, q, cipher_);
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) return {};
    auto report = read_incident(*st);
    if (auto opened = reveal_patient(report); !opened) return opened.error();
    if (!visit(report)) return {};
  }
}

Result<std::vector<CategoryCount>> SqlIncidentRepository::count_by(const IncidentQuery& q,
                                                                   IncidentGrouping by) {
  const auto d = c_.dialect();
  const bool with_text = !text_query(d, q.text).empty();
  std::string sql;
  switch (by) {
    case IncidentGrouping::category:
      sql = "SELECT i.category, COUNT(*)" + from_where(d, with_text) + " GROUP BY i.category";
      break;
    case IncidentGrouping::location:
      sql = "SELECT CAST(i.department_id AS TEXT), COUNT(*)" + from_where(d, with_text) +
            " GROUP BY i.department_id";
      break;
    case IncidentGrouping::factor: {
      // Each contributing-factor category counts an event once, however many causes it lists there.
      auto fw = from_where(d, with_text);
      fw.replace(
          fw.find(" WHERE "), 7,
          " JOIN investigation_cause c ON c.investigation_id = i.investigation_id AND c.contributing = 1"
          " WHERE ");
      sql = "SELECT c.category, COUNT(DISTINCT i.id)" + fw + " GROUP BY c.category";
      break;
    }
  }
  auto st = c_.prepare(sql);
  if (!st) return st.error();
  bind_filters(*st, d, q, cipher_);
  return read_rows(*st, [&](const Statement& row) { return CategoryCount{row.text(0), "", row.int64(1)}; });
}

Result<std::vector<MonthlyCount>> SqlIncidentRepository::monthly(const IncidentQuery& q) {
  const auto d = c_.dialect();
  const bool with_text = !text_query(d, q.text).empty();
  auto st = c_.prepare("SELECT i.department_id, substr(i.occurred_at, 1, 7), COUNT(*)" +
                       from_where(d, with_text) + " GROUP BY i.department_id, substr(i.occurred_at, 1, 7)");
  if (!st) return st.error();
  bind_filters(*st, d, q, cipher_);
  return read_rows(*st, [&](const Statement& row) {
    return MonthlyCount{row.int64(0), row.text(1), row.int64(2)};
  });
}

Result<IncidentWorkCounts> SqlIncidentRepository::work_counts(const IncidentQuery& base) {
  auto count = [&](IncidentQueue queue) -> Result<std::int64_t> {
    auto q = base;
    q.queue = queue;
    auto st = c_.prepare("SELECT COUNT(*)" + from_where(c_.dialect(), false));
    if (!st) return st.error();
    bind_filters(*st, c_.dialect(), q, cipher_);
    if (auto row = st->step(); !row) return row.error();
    return st->int64(0);
  };
  IncidentWorkCounts out;
  for (auto [queue, field] :
       {std::pair{IncidentQueue::mine, &out.my_reports}, std::pair{IncidentQueue::triage, &out.triage_queue},
        std::pair{IncidentQueue::investigations, &out.my_investigations},
        std::pair{IncidentQueue::overdue, &out.overdue}}) {
    auto n = count(queue);
    if (!n) return n.error();
    *field = *n;
  }
  return out;
}

Result<void> SqlIncidentRepository::add_follow_up_code(Id incident_id, const std::string& code_hash) {
  return c_.execute("INSERT INTO anonymous_follow_up(code_hash, incident_id) VALUES (?1, ?2)", code_hash,
                    incident_id);
}

Result<std::optional<Id>> SqlIncidentRepository::find_by_follow_up(const std::string& code_hash) {
  auto st = c_.prepare("SELECT incident_id FROM anonymous_follow_up WHERE code_hash = ?1");
  if (!st) return st.error();
  st->bind_all(code_hash);
  return read_first(*st, [](Statement& row) { return row.int64(0); });
}

}  // namespace hqms::store::sql
