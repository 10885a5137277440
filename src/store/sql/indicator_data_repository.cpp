#include <algorithm>
#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>

#include "core/common/crypto.hpp"
#include "core/common/enum_table.hpp"
#include "store/sql/register_queries.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store {

namespace {
constexpr EnumTable<ImportKind, 5> kImportKinds{{
    {ImportKind::encounters_csv, "encounters_csv", "Encounters (CSV)"},
    {ImportKind::encounters_fhir, "encounters_fhir", "Encounters (FHIR R4 bulk NDJSON)"},
    {ImportKind::survey_csv, "survey_csv", "Patient-experience survey (CSV)"},
    {ImportKind::observations_csv, "observations_csv", "Compliance observations (CSV)"},
    {ImportKind::complaints_csv, "complaints_csv", "Complaints (CSV)"},
}};
}  // namespace

std::string_view to_string(ImportKind v) {
  return enum_name(kImportKinds, v).id;
}

std::optional<ImportKind> import_kind_from_string(std::string_view s) {
  return enum_from_id(kImportKinds, s);
}

}  // namespace hqms::store

namespace hqms::store::sql {
namespace {

using indicators::DayNumber;
using nlohmann::json;

// Calendar days are stored as YYYY-MM-DD, as everywhere else in HQMS.
std::string day_text(DayNumber day) {
  return format_date(Timestamp(std::chrono::sys_days(std::chrono::days(day))));
}

// The day of a stored YYYY-MM-DD date or ISO instant (its UTC day), read without allocating.
std::optional<DayNumber> day_of(std::string_view text) {
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  if (std::from_chars(text.data(), text.data() + 4, y).ptr != text.data() + 4 ||
      std::from_chars(text.data() + 5, text.data() + 7, m).ptr != text.data() + 7 ||
      std::from_chars(text.data() + 8, text.data() + 10, d).ptr != text.data() + 10)
    return std::nullopt;
  const std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!ymd.ok()) return std::nullopt;
  return static_cast<DayNumber>(std::chrono::sys_days(ymd).time_since_epoch().count());
}

std::string instant_text(std::int64_t unix_seconds) {
  return format_iso(Timestamp(std::chrono::seconds(unix_seconds)));
}

std::int64_t unix_seconds(const std::string& iso) {
  const auto t = parse_iso(iso);
  return t ? std::chrono::floor<std::chrono::seconds>(*t).time_since_epoch().count() : 0;
}

// A digest of every imported field, so that an unchanged record is recognised by one comparison. Fields are
// separated by a byte no field holds; numbers are written with 17 digits so that any change shows.
class ContentHash {
 public:
  ContentHash& add(std::string_view text) {
    buffer_.append(text);
    buffer_.push_back('\x1f');
    return *this;
  }
  ContentHash& add(double value) {
    char buf[32];
    const auto end = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::general, 17).ptr;
    return add(std::string_view(buf, static_cast<std::size_t>(end - buf)));
  }
  ContentHash& add(std::int64_t value) { return add(std::string_view(std::to_string(value))); }
  ContentHash& add(bool value) { return add(std::string_view(value ? "1" : "0")); }
  std::string hex() const { return sha256_hex(buffer_); }

 private:
  std::string buffer_;
};

std::string join_codes(std::span<const std::string_view> codes) {
  std::string out;
  for (std::size_t i = 0; i < codes.size(); ++i) {
    if (i) out.push_back('|');
    out.append(codes[i]);
  }
  return out;
}

UpsertResult outcome_of(bool existed) {
  return existed ? UpsertResult::updated : UpsertResult::inserted;
}

json problems_json(const std::vector<ImportProblem>& problems) {
  auto out = json::array();
  for (const auto& p : problems)
    out.push_back({{"file", p.file},
                   {"line", p.line},
                   {"recordId", p.record_id},
                   {"field", p.field},
                   {"message", p.message}});
  return out;
}

std::vector<ImportProblem> problems_from(const std::string& text) {
  std::vector<ImportProblem> out;
  const auto doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_array()) return out;
  for (const auto& p : doc) {
    if (!p.is_object()) continue;
    out.push_back({p.value("file", ""), p.value("line", std::size_t{0}), p.value("recordId", ""),
                   p.value("field", ""), p.value("message", "")});
  }
  return out;
}

constexpr const char* kRunColumns =
    "id, kind, file_name, file_sha256, strict_mode, outcome, records_read, records_inserted, "
    "records_updated, "
    "records_unchanged, records_rejected, imported_by, started_at, finished_at";

ImportRun read_run(const Statement& st) {
  ImportRun r;
  r.id = st.int64(0);
  r.kind = import_kind_from_string(st.text(1)).value_or(ImportKind::encounters_csv);
  r.file_name = st.text(2);
  r.file_sha256 = st.text(3);
  r.strict = st.int64(4) != 0;
  r.outcome = st.text(5) == "rejected" ? ImportOutcome::rejected : ImportOutcome::completed;
  r.records_read = st.int64(6);
  r.records_inserted = st.int64(7);
  r.records_updated = st.int64(8);
  r.records_unchanged = st.int64(9);
  r.records_rejected = st.int64(10);
  r.imported_by = st.opt_int64(11);
  r.started_at = timestamp_from_db(st.text(12));
  r.finished_at = timestamp_from_db(st.text(13));
  return r;
}

std::string_view outcome_text(ImportOutcome o) {
  return o == ImportOutcome::rejected ? "rejected" : "completed";
}

// Rows are read in id ranges of this size: PostgreSQL hands over a statement's whole result at once, and
// millions of stays must not be held twice.
constexpr std::int64_t kLoadBatch = 50000;

// Runs `read_batch(from, to)` for consecutive id ranges (from, to] up to the table's largest id.
template <class ReadBatch>
Result<void> in_id_batches(Connection& c, const char* table, ReadBatch read_batch) {
  auto st = c.prepare(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table);
  if (!st) return st.error();
  if (auto row = st->step(); !row) return row.error();
  const std::int64_t max_id = st->int64(0);
  for (std::int64_t from = 0; from < max_id; from += kLoadBatch)
    if (auto r = read_batch(from, from + kLoadBatch); !r) return r;
  return {};
}

std::size_t column(const indicators::FactTable& table, std::string_view name) {
  return *table.schema().index_of(name);  // the names of sources.hpp, which the schemas hold
}

}  // namespace

Result<SqlIndicatorDataRepository::Stored> SqlIndicatorDataRepository::stored(
    const char* table, const char* key_column, std::string_view key, const std::string& content_hash) {
  auto st =
      c_.prepare(std::string("SELECT id, content_hash FROM ") + table + " WHERE " + key_column + " = ?1");
  if (!st) return st.error();
  auto row = st->bind_all(key).step();
  if (!row) return row.error();
  if (!*row) return Stored{};
  return Stored{st->int64(0), st->text(1) == content_hash};
}

Result<UpsertResult> SqlIndicatorDataRepository::upsert_encounter(const encounters::EncounterRecord& e,
                                                                  UnitIds unit, Id import_run_id) {
  const std::string procedures = join_codes(e.procedures);
  const std::string admitted = instant_text(e.admitted_at);
  const std::string discharged = instant_text(e.discharged_at);
  ContentHash h;
  h.add(e.patient_pseudonym).add(unit.site_id).add(unit.department_id).add(e.encounter_class);
  h.add(admitted).add(discharged).add(e.age_band).add(e.sex).add(e.ethnicity).add(e.payer);
  h.add(e.primary_diagnosis).add(procedures).add(e.disposition);
  h.add(e.patient_days).add(e.central_line_days).add(e.urinary_catheter_days).add(e.medication_doses);
  h.add(e.ed_minutes ? *e.ed_minutes : -1.0).add(e.ed_minutes.has_value());
  h.add(e.readmitted_30d).add(e.clabsi).add(e.cauti).add(e.surgical_site_infection).add(e.pressure_injury);
  const auto hash = h.hex();
  auto before = stored("encounter", "encounter_key", e.encounter_id, hash);
  if (!before) return before.error();
  if (before->id && before->same) return UpsertResult::unchanged;
  const std::string sql =
      before->id
          ? "UPDATE encounter SET patient_pseudonym = ?2, site_id = ?3, department_id = ?4, encounter_class "
            "= ?5, "
            "admitted_at = ?6, discharged_at = ?7, age_band = ?8, sex = ?9, ethnicity = ?10, payer = ?11, "
            "primary_diagnosis = ?12, procedure_codes = ?13, disposition = ?14, patient_days = ?15, "
            "central_line_days = ?16, urinary_catheter_days = ?17, medication_doses = ?18, ed_minutes = ?19, "
            "readmitted_30d = ?20, clabsi = ?21, cauti = ?22, surgical_site_infection = ?23, "
            "pressure_injury = ?24, content_hash = ?25, import_run_id = ?26 WHERE encounter_key = ?1"
          : "INSERT INTO encounter(encounter_key, patient_pseudonym, site_id, department_id, "
            "encounter_class, "
            "admitted_at, discharged_at, age_band, sex, ethnicity, payer, primary_diagnosis, "
            "procedure_codes, "
            "disposition, patient_days, central_line_days, urinary_catheter_days, medication_doses, "
            "ed_minutes, "
            "readmitted_30d, clabsi, cauti, surgical_site_infection, pressure_injury, content_hash, "
            "import_run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, "
            "?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26)";
  auto done = c_.execute(
      sql, e.encounter_id, e.patient_pseudonym, unit.site_id, unit.department_id, e.encounter_class, admitted,
      discharged, e.age_band, e.sex, e.ethnicity, e.payer, e.primary_diagnosis, procedures, e.disposition,
      e.patient_days, e.central_line_days, e.urinary_catheter_days, e.medication_doses, e.ed_minutes,
      e.readmitted_30d, e.clabsi, e.cauti, e.surgical_site_infection, e.pressure_injury, hash, import_run_id);
  if (!done) return done.error();
  return outcome_of(before->id.has_value());
}

Result<UpsertResult> SqlIndicatorDataRepository::upsert_survey_response(
    const encounters::SurveyResponseRecord& r, UnitIds unit, Id import_run_id) {
  const std::string visit = day_text(r.visit_day);
  ContentHash h;
  h.add(unit.site_id)
      .add(unit.department_id)
      .add(visit)
      .add(r.age_band)
      .add(r.sex)
      .add(r.ethnicity)
      .add(r.payer);
  // The answers in item order, so that the same answers in another column order are the same response.
  std::vector<encounters::SurveyAnswer> answers(r.answers.begin(), r.answers.end());
  std::sort(answers.begin(), answers.end(), [](const auto& a, const auto& b) { return a.item < b.item; });
  for (const auto& a : answers) h.add(a.item).add(static_cast<std::int64_t>(a.answer));
  const auto hash = h.hex();
  auto before = stored("survey_response", "response_key", r.response_id, hash);
  if (!before) return before.error();
  if (before->id && before->same) return UpsertResult::unchanged;
  Id id = 0;
  if (before->id) {
    id = *before->id;
    if (auto u = c_.execute(
            "UPDATE survey_response SET site_id = ?2, department_id = ?3, visit_on = ?4, age_band = ?5, "
            "sex = ?6, ethnicity = ?7, payer = ?8, content_hash = ?9, import_run_id = ?10 WHERE id = ?1",
            id, unit.site_id, unit.department_id, visit, r.age_band, r.sex, r.ethnicity, r.payer, hash,
            import_run_id);
        !u)
      return u.error();
    if (auto d = c_.execute("DELETE FROM survey_answer WHERE response_id = ?1", id); !d) return d.error();
  } else {
    auto inserted = c_.insert(
        "INSERT INTO survey_response(response_key, site_id, department_id, visit_on, age_band, sex, "
        "ethnicity, "
        "payer, content_hash, import_run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        r.response_id, unit.site_id, unit.department_id, visit, r.age_band, r.sex, r.ethnicity, r.payer, hash,
        import_run_id);
    if (!inserted) return inserted.error();
    id = *inserted;
  }
  for (const auto& a : answers) {
    const auto* item = encounters::survey_item(a.item);
    const bool top_box = item && a.answer >= item->top_box_from;
    if (auto ins = c_.execute(
            "INSERT INTO survey_answer(response_id, item, answer, top_box) VALUES (?1, ?2, ?3, ?4)", id,
            a.item, a.answer, top_box);
        !ins)
      return ins.error();
  }
  return outcome_of(before->id.has_value());
}

Result<UpsertResult> SqlIndicatorDataRepository::upsert_observation(const encounters::ObservationRecord& o,
                                                                    UnitIds unit, Id import_run_id) {
  const std::string observed = day_text(o.observed_day);
  ContentHash h;
  h.add(o.kind).add(unit.site_id).add(unit.department_id).add(observed).add(o.moment).add(o.compliant);
  const auto hash = h.hex();
  auto before = stored("unit_observation", "observation_key", o.observation_id, hash);
  if (!before) return before.error();
  if (before->id && before->same) return UpsertResult::unchanged;
  auto done = c_.execute(
      before->id
          ? "UPDATE unit_observation SET kind = ?2, site_id = ?3, department_id = ?4, observed_on = ?5, "
            "moment = ?6, compliant = ?7, content_hash = ?8, import_run_id = ?9 WHERE observation_key = ?1"
          : "INSERT INTO unit_observation(observation_key, kind, site_id, department_id, observed_on, "
            "moment, compliant, content_hash, import_run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      o.observation_id, o.kind, unit.site_id, unit.department_id, observed, o.moment, o.compliant, hash,
      import_run_id);
  if (!done) return done.error();
  return outcome_of(before->id.has_value());
}

Result<UpsertResult> SqlIndicatorDataRepository::upsert_complaint(const encounters::ComplaintRecord& r,
                                                                  UnitIds unit, Id import_run_id) {
  const std::string received = day_text(r.received_day);
  ContentHash h;
  h.add(unit.site_id).add(unit.department_id).add(received).add(r.category).add(r.severity);
  const auto hash = h.hex();
  auto before = stored("complaint_record", "complaint_key", r.complaint_id, hash);
  if (!before) return before.error();
  if (before->id && before->same) return UpsertResult::unchanged;
  auto done = c_.execute(
      before->id
          ? "UPDATE complaint_record SET site_id = ?2, department_id = ?3, received_on = ?4, "
            "category = ?5, severity = ?6, content_hash = ?7, import_run_id = ?8 WHERE complaint_key = ?1"
          : "INSERT INTO complaint_record(complaint_key, site_id, department_id, received_on, category, "
            "severity, content_hash, import_run_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      r.complaint_id, unit.site_id, unit.department_id, received, r.category, r.severity, hash,
      import_run_id);
  if (!done) return done.error();
  return outcome_of(before->id.has_value());
}

Result<Id> SqlIndicatorDataRepository::record_import_run(const ImportRun& r) {
  return c_.insert(
      "INSERT INTO import_run(kind, file_name, file_sha256, strict_mode, outcome, records_read, "
      "records_inserted, records_updated, records_unchanged, records_rejected, problems, imported_by, "
      "started_at, finished_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
      to_string(r.kind), r.file_name, r.file_sha256, r.strict, outcome_text(r.outcome), r.records_read,
      r.records_inserted, r.records_updated, r.records_unchanged, r.records_rejected,
      problems_json(r.problems).dump(), r.imported_by, to_db(r.started_at), to_db(r.finished_at));
}

Result<void> SqlIndicatorDataRepository::finish_import_run(const ImportRun& r) {
  auto done = c_.execute(
      "UPDATE import_run SET outcome = ?2, records_read = ?3, records_inserted = ?4, records_updated = ?5, "
      "records_unchanged = ?6, records_rejected = ?7, problems = ?8, finished_at = ?9 WHERE id = ?1",
      r.id, outcome_text(r.outcome), r.records_read, r.records_inserted, r.records_updated,
      r.records_unchanged, r.records_rejected, problems_json(r.problems).dump(), to_db(r.finished_at));
  if (!done) return done;
  if (c_.changes() == 0) return Error::not_found("There is no such import run.");
  return {};
}

Result<std::vector<ImportRun>> SqlIndicatorDataRepository::list_import_runs(int limit) {
  auto st = c_.prepare(std::string("SELECT ") + kRunColumns + " FROM import_run ORDER BY id DESC LIMIT ?1");
  if (!st) return st.error();
  st->bind_all(limit);
  return read_rows(*st, read_run);
}

Result<std::optional<ImportRun>> SqlIndicatorDataRepository::find_import_run(Id id) {
  auto st = c_.prepare(std::string("SELECT ") + kRunColumns + ", problems FROM import_run WHERE id = ?1");
  if (!st) return st.error();
  st->bind_all(id);
  return read_first(*st, [](Statement& row) {
    auto run = read_run(row);
    run.problems = problems_from(row.text(14));
    return run;
  });
}

Result<std::optional<ImportRun>> SqlIndicatorDataRepository::find_completed_run(ImportKind kind,
                                                                                std::string_view sha256) {
  auto st = c_.prepare(std::string("SELECT ") + kRunColumns +
                       " FROM import_run WHERE kind = ?1 AND file_sha256 = ?2 AND outcome = 'completed' "
                       "ORDER BY id DESC LIMIT 1");
  if (!st) return st.error();
  st->bind_all(to_string(kind), sha256);
  return read_first(*st, read_run);
}

Result<void> SqlIndicatorDataRepository::load(indicators::IndicatorData& data) {
  if (auto r = load_encounters(data.encounters); !r) return r;
  if (auto r = load_survey(data.survey); !r) return r;
  if (auto r = load_observations(data.observations); !r) return r;
  if (auto r = load_complaints(data.complaints); !r) return r;
  if (auto r = load_incidents(data.incidents); !r) return r;
  return load_capa(data.capa);
}

Result<void> SqlIndicatorDataRepository::load_encounters(indicators::FactTable& table) {
  // The record's views point into these, reused from row to row.
  std::string key, pseudonym, site, department, encounter_class, age_band, sex, ethnicity, payer, diagnosis,
      procedures, disposition;
  std::vector<std::string_view> codes;
  return in_id_batches(c_, "encounter", [&](std::int64_t from, std::int64_t to) -> Result<void> {
    auto st = c_.prepare(
        "SELECT e.encounter_key, e.patient_pseudonym, s.code, d.code, e.encounter_class, e.admitted_at, "
        "e.discharged_at, e.age_band, e.sex, e.ethnicity, e.payer, e.primary_diagnosis, e.procedure_codes, "
        "e.disposition, e.patient_days, e.central_line_days, e.urinary_catheter_days, e.medication_doses, "
        "e.ed_minutes, e.readmitted_30d, e.clabsi, e.cauti, e.surgical_site_infection, e.pressure_injury "
        "FROM encounter e JOIN site s ON s.id = e.site_id JOIN department d ON d.id = e.department_id "
        "WHERE e.id > ?1 AND e.id <= ?2 ORDER BY e.id");
    if (!st) return st.error();
    st->bind_all(from, to);
    return each_row(*st, [&](const Statement& row) {
      encounters::EncounterRecord e;
      key = row.text(0), pseudonym = row.text(1), site = row.text(2), department = row.text(3);
      encounter_class = row.text(4), age_band = row.text(7), sex = row.text(8), ethnicity = row.text(9);
      payer = row.text(10), diagnosis = row.text(11), procedures = row.text(12), disposition = row.text(13);
      codes.clear();
      for (std::size_t start = 0; start < procedures.size();) {
        auto bar = procedures.find('|', start);
        if (bar == std::string::npos) bar = procedures.size();
        if (bar > start) codes.emplace_back(procedures.data() + start, bar - start);
        start = bar + 1;
      }
      e.encounter_id = key, e.patient_pseudonym = pseudonym, e.site = site, e.department = department;
      e.encounter_class = encounter_class;
      e.admitted_at = unix_seconds(row.text(5));
      e.discharged_at = unix_seconds(row.text(6));
      e.age_band = age_band, e.sex = sex, e.ethnicity = ethnicity, e.payer = payer;
      e.primary_diagnosis = diagnosis, e.procedures = codes, e.disposition = disposition;
      e.patient_days = row.real(14);
      e.central_line_days = row.real(15);
      e.urinary_catheter_days = row.real(16);
      e.medication_doses = row.real(17);
      e.ed_minutes = row.opt_real(18);
      e.readmitted_30d = row.int64(19) != 0;
      e.clabsi = row.int64(20) != 0;
      e.cauti = row.int64(21) != 0;
      e.surgical_site_infection = row.int64(22) != 0;
      e.pressure_injury = row.int64(23) != 0;
      encounters::append_encounter(table, e);
    });
  });
}

Result<void> SqlIndicatorDataRepository::load_survey(indicators::FactTable& table) {
  // Set column by column rather than through append_survey_response: top_box is kept as scored at import.
  const auto c_site = column(table, "site"), c_department = column(table, "department"),
             c_item = column(table, "item"), c_age = column(table, "age_band"), c_sex = column(table, "sex"),
             c_ethnicity = column(table, "ethnicity"), c_payer = column(table, "payer"),
             c_day = column(table, table.schema().period_day), c_answer = column(table, "answer"),
             c_top_box = column(table, "top_box");
  return in_id_batches(c_, "survey_response", [&](std::int64_t from, std::int64_t to) -> Result<void> {
    auto st = c_.prepare(
        "SELECT s.code, d.code, a.item, r.age_band, r.sex, r.ethnicity, r.payer, r.visit_on, a.answer, "
        "a.top_box "
        "FROM survey_response r JOIN survey_answer a ON a.response_id = r.id JOIN site s ON s.id = r.site_id "
        "JOIN department d ON d.id = r.department_id WHERE r.id > ?1 AND r.id <= ?2 ORDER BY r.id, a.item");
    if (!st) return st.error();
    st->bind_all(from, to);
    return each_row(*st, [&](const Statement& row) {
      table.begin_row();
      table.set_dimension(c_site, row.text(0));
      table.set_dimension(c_department, row.text(1));
      table.set_dimension(c_item, row.text(2));
      table.set_dimension(c_age, row.text(3));
      table.set_dimension(c_sex, row.text(4));
      table.set_dimension(c_ethnicity, row.text(5));
      table.set_dimension(c_payer, row.text(6));
      table.set_day(c_day, day_of(row.text(7)).value_or(0));
      table.set_number(c_answer, static_cast<double>(row.int64(8)));
      table.set_flag(c_top_box, row.int64(9) != 0);
      table.end_row();
    });
  });
}

Result<void> SqlIndicatorDataRepository::load_observations(indicators::FactTable& table) {
  std::string key, kind, site, department, moment;
  return in_id_batches(c_, "unit_observation", [&](std::int64_t from, std::int64_t to) -> Result<void> {
    auto st = c_.prepare(
        "SELECT o.observation_key, o.kind, s.code, d.code, o.observed_on, o.moment, o.compliant "
        "FROM unit_observation o JOIN site s ON s.id = o.site_id JOIN department d ON d.id = o.department_id "
        "WHERE o.id > ?1 AND o.id <= ?2 ORDER BY o.id");
    if (!st) return st.error();
    st->bind_all(from, to);
    return each_row(*st, [&](const Statement& row) {
      key = row.text(0), kind = row.text(1), site = row.text(2), department = row.text(3);
      moment = row.text(5);
      encounters::ObservationRecord o;
      o.observation_id = key, o.kind = kind, o.site = site, o.department = department, o.moment = moment;
      o.observed_day = day_of(row.text(4)).value_or(0);
      o.compliant = row.int64(6) != 0;
      encounters::append_observation(table, o);
    });
  });
}

Result<void> SqlIndicatorDataRepository::load_complaints(indicators::FactTable& table) {
  std::string key, site, department, category, severity;
  return in_id_batches(c_, "complaint_record", [&](std::int64_t from, std::int64_t to) -> Result<void> {
    auto st = c_.prepare(
        "SELECT c.complaint_key, s.code, d.code, c.received_on, c.category, c.severity "
        "FROM complaint_record c JOIN site s ON s.id = c.site_id JOIN department d ON d.id = c.department_id "
        "WHERE c.id > ?1 AND c.id <= ?2 ORDER BY c.id");
    if (!st) return st.error();
    st->bind_all(from, to);
    return each_row(*st, [&](const Statement& row) {
      key = row.text(0), site = row.text(1), department = row.text(2);
      category = row.text(4), severity = row.text(5);
      encounters::ComplaintRecord c;
      c.complaint_id = key, c.site = site, c.department = department, c.category = category;
      c.severity = severity;
      c.received_day = day_of(row.text(3)).value_or(0);
      encounters::append_complaint(table, c);
    });
  });
}

Result<void> SqlIndicatorDataRepository::load_incidents(indicators::FactTable& table) {
  const auto c_site = column(table, "site"), c_department = column(table, "department"),
             c_category = column(table, "category"), c_event_type = column(table, "event_type"),
             c_harm = column(table, "harm"), c_merp = column(table, "merp"),
             c_day = column(table, table.schema().period_day), c_reached = column(table, "reached_patient"),
             c_harmful = column(table, "harmful"), c_medication = column(table, "medication_error_reached");
  // Reports that turned out not to be a safety event, or the same event again, are not counted.
  return in_id_batches(c_, "incident", [&](std::int64_t from, std::int64_t to) -> Result<void> {
    auto st = c_.prepare(
        "SELECT s.code, d.code, i.category, i.event_type, i.harm, i.merp_category, i.occurred_at "
        "FROM incident i JOIN site s ON s.id = i.site_id JOIN department d ON d.id = i.department_id "
        "WHERE i.id > ?1 AND i.id <= ?2 AND i.state NOT IN ('rejected', 'duplicate', 'merged') ORDER BY "
        "i.id");
    if (!st) return st.error();
    st->bind_all(from, to);
    return each_row(*st, [&](const Statement& row) {
      const auto category = row.text(2), event_type = row.text(3), harm = row.text(4);
      const auto merp = row.opt_text(5).value_or("");
      table.begin_row();
      table.set_dimension(c_site, row.text(0));
      table.set_dimension(c_department, row.text(1));
      table.set_dimension(c_category, category);
      table.set_dimension(c_event_type, event_type);
      table.set_dimension(c_harm, harm);
      table.set_dimension(c_merp, merp);
      table.set_day(c_day, day_of(row.text(6)).value_or(0));
      table.set_flag(c_reached, event_type == "incident");
      table.set_flag(c_harmful, harm == "mild" || harm == "moderate" || harm == "severe" || harm == "death");
      // NCC MERP C to I: the error reached the patient.
      table.set_flag(c_medication,
                     category == "medication" && merp.size() == 1 && merp[0] >= 'C' && merp[0] <= 'I');
      table.end_row();
    });
  });
}

Result<void> SqlIndicatorDataRepository::load_capa(indicators::FactTable& table) {
  const auto c_site = column(table, "site"), c_department = column(table, "department"),
             c_source = column(table, "source"), c_state = column(table, "state"),
             c_day = column(table, table.schema().period_day), c_closed = column(table, "closed"),
             c_on_time = column(table, "closed_on_time");
  // A CAPA is due when everything in it is: its last open-or-done action and its effectiveness check. One
  // without either has no due date and is not counted.
  return in_id_batches(c_, "capa", [&](std::int64_t from, std::int64_t to) -> Result<void> {
    auto st = c_.prepare(
        "SELECT s.code, d.code, c.source, c.state, c.closed_at, c.effectiveness_due_on, "
        "(SELECT MAX(a.due_on) FROM capa_action a WHERE a.capa_id = c.id AND a.status <> 'cancelled') "
        "FROM capa c JOIN site s ON s.id = c.site_id JOIN department d ON d.id = c.department_id "
        "WHERE c.id > ?1 AND c.id <= ?2 ORDER BY c.id");
    if (!st) return st.error();
    st->bind_all(from, to);
    return each_row(*st, [&](const Statement& row) {
      std::optional<DayNumber> due;
      for (int col : {5, 6})
        if (auto day = day_of(row.opt_text(col).value_or(""))) due = due ? std::max(*due, *day) : *day;
      if (!due) return;
      const auto state = row.text(3);
      const bool closed = state == "closed";
      const auto closed_on = day_of(row.opt_text(4).value_or(""));
      table.begin_row();
      table.set_dimension(c_site, row.text(0));
      table.set_dimension(c_department, row.text(1));
      table.set_dimension(c_source, row.text(2));
      table.set_dimension(c_state, state);
      table.set_day(c_day, *due);
      table.set_flag(c_closed, closed);
      table.set_flag(c_on_time, closed && closed_on && *closed_on <= *due);
      table.end_row();
    });
  });
}

Result<std::string> SqlIndicatorDataRepository::data_version() {
  // Imported data changes only through a run, which always leaves a row; HQMS's own records bump
  // updated_at on every change (a CAPA's actions and due dates change with their CAPA).
  auto st = c_.prepare(
      "SELECT (SELECT COUNT(*) FROM import_run), (SELECT COALESCE(MAX(id), 0) FROM import_run), "
      "(SELECT COUNT(*) FROM incident), (SELECT COALESCE(MAX(updated_at), '') FROM incident), "
      "(SELECT COUNT(*) FROM capa), (SELECT COALESCE(MAX(updated_at), '') FROM capa), "
      "(SELECT COUNT(*) FROM department)");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  std::string out;
  for (int col = 0; col < 7; ++col) out += (col ? "/" : "") + st->text(col);
  return out;
}

}  // namespace hqms::store::sql
