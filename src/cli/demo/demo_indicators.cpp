#include "cli/demo/demo_indicators.hpp"

#include <fmt/format.h>

#include <map>

#include "cli/demo/demo_indicator_plan.hpp"
#include "cli/demo/demo_quality.hpp"
#include "cli/demo/demo_safety_history.hpp"
#include "cli/demo/demo_staff.hpp"
#include "core/common/crypto.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;

// Department code -> the ids the stored records point at.
Result<std::map<std::string, store::UnitIds>> unit_ids(const Organisation& org) {
  std::map<std::string, store::UnitIds> out;
  for (const auto& site : org.sites)
    for (const auto& d : site.departments) out[d.code] = {site.id, d.id};
  return out;
}

Result<store::UnitIds> unit_of(const std::map<std::string, store::UnitIds>& units, const std::string& code) {
  auto it = units.find(code);
  if (it == units.end())
    return Error{ErrorKind::internal, "The demo hospital has no department " + code, {}, {}};
  return it->second;
}

struct Generated {
  std::vector<DemoEncounter> encounters;
  std::vector<DemoSurveyResponse> survey;
  std::vector<DemoObservation> observations;
  std::vector<DemoComplaint> complaints;
};

// Every record is handed on the way an import hands it: as the view records the checks and the store read.
class Writer {
 public:
  Writer(store::IndicatorDataRepository& repo, const std::map<std::string, store::UnitIds>& units, Id run)
      : repo_(repo), units_(units), run_(run) {}

  Result<void> write(const DemoEncounter& e) {
    procedures_.assign(e.procedures.begin(), e.procedures.end());
    encounters::EncounterRecord r;
    r.encounter_id = e.id;
    r.patient_pseudonym = e.pseudonym;
    r.site = e.site;
    r.department = e.department;
    r.encounter_class = e.encounter_class;
    r.admitted_at = e.admitted_at;
    r.discharged_at = e.discharged_at;
    r.age_band = e.age_band;
    r.sex = e.sex;
    r.ethnicity = e.ethnicity;
    r.payer = e.payer;
    r.primary_diagnosis = e.diagnosis;
    r.procedures = procedures_;
    r.disposition = e.disposition;
    r.patient_days = e.patient_days;
    r.central_line_days = e.central_line_days;
    r.urinary_catheter_days = e.urinary_catheter_days;
    r.medication_doses = e.medication_doses;
    r.ed_minutes = e.ed_minutes;
    r.readmitted_30d = e.readmitted_30d;
    r.clabsi = e.clabsi;
    r.cauti = e.cauti;
    r.surgical_site_infection = e.ssi;
    r.pressure_injury = e.pressure_injury;
    if (auto errors = encounters::check_encounter(r, nullptr); !errors.empty())
      return demo_drift("stay " + e.id, errors);
    auto unit = unit_of(units_, e.department);
    if (!unit) return unit.error();
    if (auto done = repo_.upsert_encounter(r, *unit, run_); !done) return done.error();
    return {};
  }

  Result<void> write(const DemoSurveyResponse& s) {
    answers_.clear();
    for (const auto& [item, answer] : s.answers) answers_.push_back({item, answer});
    encounters::SurveyResponseRecord r;
    r.response_id = s.id;
    r.site = s.site;
    r.department = s.department;
    r.visit_day = s.visit_day;
    r.age_band = s.age_band;
    r.sex = s.sex;
    r.ethnicity = s.ethnicity;
    r.payer = s.payer;
    r.answers = answers_;
    if (auto errors = encounters::check_survey_response(r, nullptr); !errors.empty())
      return demo_drift("survey response " + s.id, errors);
    auto unit = unit_of(units_, s.department);
    if (!unit) return unit.error();
    if (auto done = repo_.upsert_survey_response(r, *unit, run_); !done) return done.error();
    return {};
  }

  Result<void> write(const DemoObservation& o) {
    encounters::ObservationRecord r{o.id,           "hand_hygiene", o.site,     o.department,
                                    o.observed_day, o.moment,       o.compliant};
    if (auto errors = encounters::check_observation(r, nullptr); !errors.empty())
      return demo_drift("hand hygiene observation " + o.id, errors);
    auto unit = unit_of(units_, o.department);
    if (!unit) return unit.error();
    if (auto done = repo_.upsert_observation(r, *unit, run_); !done) return done.error();
    return {};
  }

  Result<void> write(const DemoComplaint& c) {
    encounters::ComplaintRecord r{c.id, c.site, c.department, c.received_day, c.category, c.severity};
    if (auto errors = encounters::check_complaint(r, nullptr); !errors.empty())
      return demo_drift("complaint " + c.id, errors);
    auto unit = unit_of(units_, c.department);
    if (!unit) return unit.error();
    if (auto done = repo_.upsert_complaint(r, *unit, run_); !done) return done.error();
    return {};
  }

 private:
  store::IndicatorDataRepository& repo_;
  const std::map<std::string, store::UnitIds>& units_;
  Id run_;
  std::vector<std::string_view> procedures_;
  std::vector<encounters::SurveyAnswer> answers_;
};

// The analysts' record of the two documented process changes, so their charts show two phases.
Result<int> annotate(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff,
                     const DemoMonths& months) {
  auto analyst = staff.id("analyst");
  if (!analyst) return analyst.error();
  std::optional<Id> icu;
  for (const auto& site : org.sites)
    for (const auto& d : site.departments)
      if (d.code == "ICU") icu = d.id;
  struct Change {
    const char* indicator;
    ScopeRef scope;
    int month;
    const char* reason;
  };
  const char* bundle =
      "Central-line insertion and maintenance bundle introduced on every unit: chlorhexidine skin "
      "preparation, daily review of whether the line is still needed, dressing checks each shift.";
  std::vector<Change> changes{
      {"clabsi_per_1000_central_line_days", {ScopeType::organisation, org.id}, kLineBundleMonth, bundle},
      {"hand_hygiene_compliance_percent",
       {ScopeType::organisation, org.id},
       kHandHygieneCampaignMonth,
       "WHO 5 Moments campaign relaunched: ward champions, alcohol hand rub at every bed space and monthly "
       "audit feedback to each ward."}};
  if (icu)
    changes.push_back(
        {"clabsi_per_1000_central_line_days", {ScopeType::department, *icu}, kLineBundleMonth, bundle});
  int n = 0;
  for (const auto& c : changes) {
    store::StoredAnnotation a;
    a.indicator_code = c.indicator;
    a.scope = c.scope;
    a.annotation.kind = indicators::ChartAnnotation::Kind::process_change;
    a.annotation.period = months.label(c.month);
    a.annotation.reason = c.reason;
    a.created_by = *analyst;
    a.created_at = Timestamp(months.first_day(c.month) + days(40));  // noted once the first results were in
    if (auto id = uow.indicator_settings().insert_annotation(a); !id) return id.error();
    ++n;
  }
  return n;
}

}  // namespace

Result<DemoIndicatorCounts> create_demo_indicator_data(store::Database& db, const Clock& clock) {
  const auto now = clock.now();
  const auto months = demo_months(now);
  DemoIndicatorCounts counts;

  // The older reports first, in a transaction of their own.
  auto history = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<DemoSafetyHistory> {
    auto org = uow.org().load();
    if (!org) return org.error();
    auto staff = DemoStaff::load(uow, *org);
    if (!staff) return staff.error();
    auto made = create_demo_safety_history(uow, *org, *staff, months, now);
    if (!made) return made.error();
    auto summary = demo_audit_event(
        "create", "incident", "demo-history",
        fmt::format("Loaded the demo's older event reports ({} from {} on, closed) and {} falls on General "
                    "Medicine in the last three months",
                    made->reports, months.label(0), made->extra_falls));
    if (auto r = uow.audit().record(summary, now); !r) return r.error();
    return made;
  });
  if (!history) return history.error();
  counts.older_reports = history->reports;

  const Generated data{demo_encounters(months), demo_survey_responses(months), demo_hand_hygiene(months),
                       demo_complaints(months)};
  const auto records = static_cast<std::int64_t>(data.encounters.size() + data.survey.size() +
                                                 data.observations.size() + data.complaints.size());
  auto written = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<Id> {
    auto org = uow.org().load();
    if (!org) return org.error();
    auto units = unit_ids(*org);
    if (!units) return units.error();
    // One run stands for the whole demo load, as if the EHR's extract had been imported once.
    store::ImportRun run;
    run.kind = store::ImportKind::encounters_csv;
    run.file_name = "demo";
    run.file_sha256 = sha256_hex("hqms demo indicator data from " + months.label(0));
    run.records_read = records;
    run.records_inserted = records;
    run.started_at = now;
    run.finished_at = now;
    auto run_id = uow.indicator_data().record_import_run(run);
    if (!run_id) return run_id.error();
    Writer writer(uow.indicator_data(), *units, *run_id);
    for (const auto& e : data.encounters)
      if (auto r = writer.write(e); !r) return r.error();
    for (const auto& s : data.survey)
      if (auto r = writer.write(s); !r) return r.error();
    for (const auto& o : data.observations)
      if (auto r = writer.write(o); !r) return r.error();
    for (const auto& c : data.complaints)
      if (auto r = writer.write(c); !r) return r.error();
    auto summary = demo_audit_event(
        "create", "import_run", std::to_string(*run_id),
        fmt::format("Loaded three years of demo indicator data ({} to {}): {} stays and ED visits, {} survey "
                    "responses, {} hand hygiene observations, {} complaints",
                    months.label(0), months.label(kDemoMonths - 1), data.encounters.size(),
                    data.survey.size(), data.observations.size(), data.complaints.size()));
    if (auto r = uow.audit().record(summary, now); !r) return r.error();
    return *run_id;
  });
  if (!written) return written.error();
  counts.encounters = static_cast<int>(data.encounters.size());
  counts.survey_responses = static_cast<int>(data.survey.size());
  counts.observations = static_cast<int>(data.observations.size());
  counts.complaints = static_cast<int>(data.complaints.size());

  auto annotated = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<int> {
    auto org = uow.org().load();
    if (!org) return org.error();
    auto staff = DemoStaff::load(uow, *org);
    if (!staff) return staff.error();
    auto n = annotate(uow, *org, *staff, months);
    if (!n) return n.error();
    auto summary = demo_audit_event(
        "create", "indicator_annotation", "demo",
        fmt::format("Recorded the demo's documented process changes on the indicator charts ({})", *n));
    if (auto r = uow.audit().record(summary, now); !r) return r.error();
    return n;
  });
  if (!annotated) return annotated.error();
  counts.annotations = *annotated;
  return counts;
}

}  // namespace hqms::cli
