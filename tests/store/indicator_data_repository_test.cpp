// The indicator data as kept: imported records by their own id (inserted, updated, unchanged), doubles kept
// exactly, survey answers replaced and scored, import runs with their problems, and load() filling every
// engine table, HQMS's own incidents and CAPAs included; data_version() moving with each of them.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

#include "indicator_facts.hpp"
#include "register_hospital.hpp"

namespace hqms::test {
namespace {

using store::UpsertResult;

struct IndicatorDataStore : ::testing::Test, RegisterHospital {
  std::vector<std::string_view> procedures{"0SR9", "0DT"};

  encounters::EncounterRecord encounter(std::string_view id) {
    encounters::EncounterRecord e;
    e.encounter_id = id;
    e.patient_pseudonym = "P-1";
    e.site = "MAIN";
    e.department = "ED";
    e.encounter_class = "inpatient";
    e.admitted_at = 1767225600;    // 2026-01-01T00:00:00Z
    e.discharged_at = 1767571200;  // 2026-01-05T00:00:00Z
    e.age_band = "85+";
    e.sex = "female";
    e.ethnicity = "unknown";
    e.payer = "medicare";
    e.primary_diagnosis = "I21.4";
    e.procedures = procedures;
    e.disposition = "home";
    e.patient_days = 4;
    e.central_line_days = 2;
    e.medication_doses = 12;
    e.clabsi = true;
    return e;
  }

  Id new_run(store::ImportKind kind = store::ImportKind::encounters_csv, const std::string& sha = "abc") {
    store::ImportRun run;
    run.kind = kind;
    run.file_name = "file.csv";
    run.file_sha256 = sha;
    run.started_at = run.finished_at = at("2026-03-01T10:00:00Z");
    auto id = write([&](store::UnitOfWork& uow) { return uow.indicator_data().record_import_run(run); });
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  UpsertResult upsert(const encounters::EncounterRecord& e, Id run, Id department = 0) {
    const store::UnitIds unit{department == ward ? north_site : main_site, department ? department : ed};
    auto r =
        write([&](store::UnitOfWork& uow) { return uow.indicator_data().upsert_encounter(e, unit, run); });
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : UpsertResult::unchanged;
  }

  indicators::IndicatorData load() {
    indicators::IndicatorData data;
    auto r = read()->indicator_data().load(data);
    EXPECT_TRUE(r) << r.error().message;
    return data;
  }

  std::string version() {
    auto v = read()->indicator_data().data_version();
    EXPECT_TRUE(v) << v.error().message;
    return v ? *v : "";
  }
};

TEST(IndicatorDataNames, ImportKindsHaveStableNames) {
  EXPECT_EQ(store::to_string(store::ImportKind::encounters_fhir), "encounters_fhir");
  EXPECT_EQ(store::import_kind_from_string("survey_csv"), store::ImportKind::survey_csv);
  EXPECT_FALSE(store::import_kind_from_string("excel").has_value());
}

TEST_F(IndicatorDataStore, AStayIsInsertedThenUnchangedThenUpdatedInPlace) {
  const Id first = new_run(), second = new_run();
  auto e = encounter("ENC-1");
  EXPECT_EQ(upsert(e, first), UpsertResult::inserted);
  EXPECT_EQ(upsert(e, second), UpsertResult::unchanged);
  e.patient_days = 5;
  EXPECT_EQ(upsert(e, second), UpsertResult::updated);
  e.procedures = {};
  EXPECT_EQ(upsert(e, second), UpsertResult::updated) << "the procedures are part of the stay";
  e.ed_minutes = 0;
  EXPECT_EQ(upsert(e, second), UpsertResult::updated) << "0 ED minutes is not the same as none";
  EXPECT_EQ(upsert(e, second, icu), UpsertResult::updated) << "moved to another department";

  auto conn = database.raw();
  auto st = conn->prepare("SELECT COUNT(*), MIN(import_run_id), MIN(patient_days) FROM encounter");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->step());
  EXPECT_EQ(st->int64(0), 1);
  EXPECT_EQ(st->int64(1), second);
  EXPECT_EQ(st->real(2), 5.0);
}

TEST_F(IndicatorDataStore, AnUnchangedStayKeepsTheRunThatLastChangedIt) {
  const Id first = new_run(), second = new_run();
  upsert(encounter("ENC-1"), first);
  upsert(encounter("ENC-1"), second);
  auto conn = database.raw();
  auto st = conn->prepare("SELECT import_run_id FROM encounter");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->step());
  EXPECT_EQ(st->int64(0), first);
}

TEST_F(IndicatorDataStore, DoublesComeBackBitForBit) {
  const Id run = new_run();
  auto e = encounter("ENC-1");
  e.patient_days = 0.1 + 0.2;  // 0.30000000000000004
  e.medication_doses = 1.0 / 3.0;
  e.ed_minutes = 1e-7 + 123456.789;
  upsert(e, run);
  auto conn = database.raw();
  auto st = conn->prepare("SELECT patient_days, medication_doses, ed_minutes FROM encounter");
  ASSERT_TRUE(st);
  ASSERT_TRUE(st->step());
  EXPECT_EQ(st->real(0), 0.1 + 0.2);
  EXPECT_EQ(st->real(1), 1.0 / 3.0);
  EXPECT_EQ(st->opt_real(2), 1e-7 + 123456.789);
  EXPECT_EQ(upsert(e, run), UpsertResult::unchanged);
}

TEST_F(IndicatorDataStore, LoadFillsTheEncounterTableWithUnitCodes) {
  const Id run = new_run();
  upsert(encounter("ENC-1"), run);
  auto other = encounter("ENC-2");
  other.site = "NORTH";
  other.department = "WARD";
  other.disposition = "died";
  other.procedures = {};
  other.clabsi = false;
  other.ed_minutes = 95;
  upsert(other, run, ward);

  const auto data = load();
  const auto& t = data.encounters;
  ASSERT_EQ(t.rows(), 2u);
  EXPECT_EQ(fact_text(t, 0, "site"), "MAIN");
  EXPECT_EQ(fact_text(t, 0, "department"), "ED");
  EXPECT_EQ(fact_text(t, 1, "site"), "NORTH");
  EXPECT_EQ(fact_text(t, 1, "department"), "WARD");
  EXPECT_EQ(fact_text(t, 0, "age_band"), "85+");
  EXPECT_EQ(fact_text(t, 0, "primary_diagnosis"), "I21.4");
  EXPECT_EQ(fact_day(t, 0, "discharge_day"), day_number("2026-01-05"));
  EXPECT_EQ(fact_day(t, 0, "admission_day"), day_number("2026-01-01"));
  EXPECT_EQ(fact_number(t, 0, "patient_days"), 4.0);
  EXPECT_EQ(fact_number(t, 0, "central_line_days"), 2.0);
  EXPECT_TRUE(std::isnan(fact_number(t, 0, "ed_minutes")));
  EXPECT_EQ(fact_number(t, 1, "ed_minutes"), 95.0);
  EXPECT_TRUE(fact_flag(t, 0, "clabsi"));
  EXPECT_FALSE(fact_flag(t, 1, "clabsi"));
  EXPECT_TRUE(fact_flag(t, 0, "surgical"));
  EXPECT_FALSE(fact_flag(t, 1, "surgical"));
  EXPECT_TRUE(fact_flag(t, 1, "died"));
  const auto codes = t.codes(fact_column(t, "procedures"), 0);
  ASSERT_EQ(codes.size(), 2u);
  EXPECT_EQ(t.dictionary(fact_column(t, "procedures")).text(codes[0]), "0SR9");
  EXPECT_EQ(t.dictionary(fact_column(t, "procedures")).text(codes[1]), "0DT");
  EXPECT_EQ(data.survey.rows(), 0u);
}

TEST_F(IndicatorDataStore, SurveyAnswersAreScoredAndReplacedAsAWhole) {
  const Id run = new_run(store::ImportKind::survey_csv);
  std::vector<encounters::SurveyAnswer> answers{{"nurse_communication", 4}, {"overall_rating", 8}};
  encounters::SurveyResponseRecord r;
  r.response_id = "S-1";
  r.site = "MAIN";
  r.department = "ED";
  r.visit_day = day_number("2026-02-10");
  r.age_band = "45-64";
  r.sex = "male";
  r.ethnicity = "unknown";
  r.payer = "private";
  r.answers = answers;
  auto upsert_response = [&] {
    auto out = write([&](store::UnitOfWork& uow) {
      return uow.indicator_data().upsert_survey_response(r, {main_site, ed}, run);
    });
    EXPECT_TRUE(out) << out.error().message;
    return out ? *out : UpsertResult::unchanged;
  };
  EXPECT_EQ(upsert_response(), UpsertResult::inserted);
  EXPECT_EQ(upsert_response(), UpsertResult::unchanged);
  std::reverse(answers.begin(), answers.end());
  EXPECT_EQ(upsert_response(), UpsertResult::unchanged) << "the same answers in another column order";

  auto data = load();
  ASSERT_EQ(data.survey.rows(), 2u);
  for (std::size_t row = 0; row < 2; ++row) {
    const auto item = fact_text(data.survey, row, "item");
    EXPECT_EQ(fact_flag(data.survey, row, "top_box"), item == "nurse_communication") << item;
    EXPECT_EQ(fact_number(data.survey, row, "answer"), item == "nurse_communication" ? 4.0 : 8.0);
    EXPECT_EQ(fact_day(data.survey, row, "visit_day"), day_number("2026-02-10"));
    EXPECT_EQ(fact_text(data.survey, row, "age_band"), "45-64");
    EXPECT_EQ(fact_text(data.survey, row, "department"), "ED");
  }

  answers = {{"recommend", 4}};
  r.answers = answers;
  EXPECT_EQ(upsert_response(), UpsertResult::updated);
  data = load();
  ASSERT_EQ(data.survey.rows(), 1u) << "the earlier answers are gone";
  EXPECT_EQ(fact_text(data.survey, 0, "item"), "recommend");
  EXPECT_TRUE(fact_flag(data.survey, 0, "top_box"));
}

TEST_F(IndicatorDataStore, ObservationsAndComplaintsAreKeptByTheirIds) {
  const Id run = new_run(store::ImportKind::observations_csv);
  encounters::ObservationRecord o;
  o.observation_id = "HH-1";
  o.kind = "hand_hygiene";
  o.site = "NORTH";
  o.department = "WARD";
  o.observed_day = day_number("2026-02-03");
  o.moment = "before_patient";
  o.compliant = true;
  encounters::ComplaintRecord c;
  c.complaint_id = "C-1";
  c.site = "MAIN";
  c.department = "ICU";
  c.received_day = day_number("2026-02-04");
  c.category = "communication";
  c.severity = "low";
  auto results = write([&](store::UnitOfWork& uow) -> Result<std::vector<UpsertResult>> {
    std::vector<UpsertResult> out;
    for (int i = 0; i < 2; ++i) {
      auto a = uow.indicator_data().upsert_observation(o, {north_site, ward}, run);
      auto b = uow.indicator_data().upsert_complaint(c, {main_site, icu}, run);
      if (!a) return a.error();
      if (!b) return b.error();
      out.push_back(*a), out.push_back(*b);
    }
    o.compliant = false;
    c.severity = "high";
    for (auto r : {uow.indicator_data().upsert_observation(o, {north_site, ward}, run),
                   uow.indicator_data().upsert_complaint(c, {main_site, icu}, run)}) {
      if (!r) return r.error();
      out.push_back(*r);
    }
    return out;
  });
  ASSERT_TRUE(results) << results.error().message;
  EXPECT_EQ(*results, (std::vector<UpsertResult>{UpsertResult::inserted, UpsertResult::inserted,
                                                 UpsertResult::unchanged, UpsertResult::unchanged,
                                                 UpsertResult::updated, UpsertResult::updated}));

  const auto data = load();
  ASSERT_EQ(data.observations.rows(), 1u);
  EXPECT_EQ(fact_text(data.observations, 0, "kind"), "hand_hygiene");
  EXPECT_EQ(fact_text(data.observations, 0, "moment"), "before_patient");
  EXPECT_EQ(fact_text(data.observations, 0, "department"), "WARD");
  EXPECT_EQ(fact_day(data.observations, 0, "observed_day"), day_number("2026-02-03"));
  EXPECT_FALSE(fact_flag(data.observations, 0, "compliant"));
  ASSERT_EQ(data.complaints.rows(), 1u);
  EXPECT_EQ(fact_text(data.complaints, 0, "severity"), "high");
  EXPECT_EQ(fact_text(data.complaints, 0, "site"), "MAIN");
  EXPECT_EQ(fact_day(data.complaints, 0, "received_day"), day_number("2026-02-04"));
}

TEST_F(IndicatorDataStore, IncidentsAndCapasAreLoadedFromHqmsItself) {
  auto incident = [&](EventType type, EventCategory category, HarmLevel harm,
                      std::optional<MerpCategory> merp, Id department, IncidentState state, const char* key) {
    IncidentReport r;
    r.event.type = type;
    r.event.category = category;
    r.event.harm = harm;
    r.event.merp = merp;
    r.event.department_id = department;
    r.event.location = "Bay 1";
    r.event.occurred_at = at("2026-02-14T23:30:00Z");
    r.event.description = "Event";
    r.site_id = department == ward ? north_site : main_site;
    r.reporter_id = staff;
    r.submitted_at = r.updated_at = at("2026-02-15T08:00:00Z");
    r.state = state;
    auto id = write([&](store::UnitOfWork& uow) { return uow.incidents().create(r, key); });
    EXPECT_TRUE(id) << id.error().message;
  };
  incident(EventType::incident, EventCategory::medication, HarmLevel::moderate, MerpCategory::E, ed,
           IncidentState::closed, "k1");
  incident(EventType::near_miss, EventCategory::medication, HarmLevel::no_harm, MerpCategory::B, ward,
           IncidentState::submitted, "k2");
  incident(EventType::incident, EventCategory::fall, HarmLevel::death, std::nullopt, ed,
           IncidentState::in_triage, "k3");
  incident(EventType::incident, EventCategory::fall, HarmLevel::mild, std::nullopt, ed,
           IncidentState::rejected, "k4");
  incident(EventType::incident, EventCategory::fall, HarmLevel::mild, std::nullopt, ed,
           IncidentState::duplicate, "k5");

  auto capa = [&](CapaState state, std::optional<Date> action_due, std::optional<Date> check_due,
                  std::optional<Timestamp> closed_at, bool cancelled_action_later = false) {
    CorrectiveAction c;
    c.title = "CAPA";
    c.source = CapaSource::indicator_signal;
    c.site_id = north_site;
    c.department_id = ward;
    c.problem_statement = "Falls above the limit";
    c.state = state;
    c.effectiveness_due_on = check_due;
    c.closed_at = closed_at;
    c.created_at = c.updated_at = at("2026-01-10T09:00:00Z");
    CapaAction a;
    a.description = "Hourly rounding";
    a.due_on = action_due;
    a.status = state == CapaState::closed ? CapaActionStatus::done : CapaActionStatus::in_progress;
    if (state == CapaState::closed) a.completion_note = "Done";
    c.actions.push_back(a);
    if (cancelled_action_later) {
      CapaAction late = a;
      late.description = "Dropped";
      late.due_on = day("2026-12-31");
      late.status = CapaActionStatus::cancelled;
      c.actions.push_back(late);
    }
    auto id = write([&](store::UnitOfWork& uow) { return uow.capa().create(c); });
    EXPECT_TRUE(id) << id.error().message;
  };
  // Due when its last action is due, or its effectiveness check, whichever is later.
  capa(CapaState::closed, day("2026-03-01"), day("2026-03-31"), at("2026-03-20T10:00:00Z"), true);  // on time
  capa(CapaState::closed, day("2026-03-01"), std::nullopt, at("2026-03-02T10:00:00Z"));             // late
  capa(CapaState::in_progress, day("2026-04-01"), std::nullopt, std::nullopt);                      // open
  capa(CapaState::open, std::nullopt, std::nullopt, std::nullopt);  // no due date: not counted

  const auto data = load();
  const auto& i = data.incidents;
  ASSERT_EQ(i.rows(), 3u) << "rejected and duplicate reports are not events";
  EXPECT_EQ(fact_text(i, 0, "category"), "medication");
  EXPECT_EQ(fact_text(i, 0, "event_type"), "incident");
  EXPECT_EQ(fact_text(i, 0, "harm"), "moderate");
  EXPECT_EQ(fact_text(i, 0, "merp"), "E");
  EXPECT_EQ(fact_text(i, 0, "site"), "MAIN");
  EXPECT_EQ(fact_text(i, 0, "department"), "ED");
  EXPECT_EQ(fact_day(i, 0, "occurred_day"), day_number("2026-02-14"));
  EXPECT_TRUE(fact_flag(i, 0, "reached_patient"));
  EXPECT_TRUE(fact_flag(i, 0, "harmful"));
  EXPECT_TRUE(fact_flag(i, 0, "medication_error_reached"));
  EXPECT_EQ(fact_text(i, 1, "department"), "WARD");
  EXPECT_FALSE(fact_flag(i, 1, "reached_patient"));
  EXPECT_FALSE(fact_flag(i, 1, "harmful"));
  EXPECT_FALSE(fact_flag(i, 1, "medication_error_reached")) << "MERP B did not reach the patient";
  EXPECT_EQ(fact_text(i, 2, "merp"), "");
  EXPECT_TRUE(fact_flag(i, 2, "harmful"));
  EXPECT_FALSE(fact_flag(i, 2, "medication_error_reached"));

  const auto& c = data.capa;
  ASSERT_EQ(c.rows(), 3u) << "a CAPA without any due date is not counted";
  EXPECT_EQ(fact_day(c, 0, "due_day"), day_number("2026-03-31")) << "the cancelled action does not count";
  EXPECT_TRUE(fact_flag(c, 0, "closed"));
  EXPECT_TRUE(fact_flag(c, 0, "closed_on_time"));
  EXPECT_EQ(fact_text(c, 0, "source"), "indicator_signal");
  EXPECT_EQ(fact_text(c, 0, "state"), "closed");
  EXPECT_EQ(fact_text(c, 0, "department"), "WARD");
  EXPECT_EQ(fact_day(c, 1, "due_day"), day_number("2026-03-01"));
  EXPECT_TRUE(fact_flag(c, 1, "closed"));
  EXPECT_FALSE(fact_flag(c, 1, "closed_on_time"));
  EXPECT_FALSE(fact_flag(c, 2, "closed"));
  EXPECT_FALSE(fact_flag(c, 2, "closed_on_time"));
}

TEST_F(IndicatorDataStore, ImportRunsAreRecordedWithTheirProblems) {
  store::ImportRun run;
  run.kind = store::ImportKind::survey_csv;
  run.file_name = "survey.csv";
  run.file_sha256 = "f00d";
  run.strict = true;
  run.imported_by = coordinator;
  run.started_at = run.finished_at = at("2026-03-01T10:00:00Z");
  auto id = write([&](store::UnitOfWork& uow) { return uow.indicator_data().record_import_run(run); });
  ASSERT_TRUE(id) << id.error().message;
  run.id = *id;
  run.records_read = 3;
  run.records_inserted = 2;
  run.records_rejected = 1;
  run.problems = {{"survey.csv", 4, "S-3", "visit_date", "'2026-13-01' is not a date (YYYY-MM-DD)"}};
  run.finished_at = at("2026-03-01T10:00:05Z");
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return uow.indicator_data().finish_import_run(run); }));

  auto found = read()->indicator_data().find_import_run(*id);
  ASSERT_TRUE(found && *found);
  const auto& f = **found;
  EXPECT_EQ(f.kind, store::ImportKind::survey_csv);
  EXPECT_EQ(f.file_name, "survey.csv");
  EXPECT_TRUE(f.strict);
  EXPECT_EQ(f.outcome, store::ImportOutcome::completed);
  EXPECT_EQ(f.records_read, 3);
  EXPECT_EQ(f.records_inserted, 2);
  EXPECT_EQ(f.records_rejected, 1);
  EXPECT_EQ(f.imported_by, coordinator);
  EXPECT_EQ(f.finished_at, at("2026-03-01T10:00:05Z"));
  ASSERT_EQ(f.problems.size(), 1u);
  EXPECT_EQ(f.problems[0].line, 4u);
  EXPECT_EQ(f.problems[0].record_id, "S-3");
  EXPECT_EQ(f.problems[0].field, "visit_date");
  EXPECT_EQ(f.problems[0].message, "'2026-13-01' is not a date (YYYY-MM-DD)");

  auto completed = read()->indicator_data().find_completed_run(store::ImportKind::survey_csv, "f00d");
  ASSERT_TRUE(completed && *completed);
  EXPECT_EQ((*completed)->id, *id);
  EXPECT_FALSE(*read()->indicator_data().find_completed_run(store::ImportKind::encounters_csv, "f00d"));

  run.outcome = store::ImportOutcome::rejected;
  auto rejected = write([&](store::UnitOfWork& uow) { return uow.indicator_data().record_import_run(run); });
  ASSERT_TRUE(rejected);
  auto latest = read()->indicator_data().find_completed_run(store::ImportKind::survey_csv, "f00d");
  EXPECT_EQ((*latest)->id, *id) << "a rejected run is no completed one";

  auto list = read()->indicator_data().list_import_runs(10);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ(list->front().id, *rejected) << "newest first";
  EXPECT_TRUE(list->front().problems.empty()) << "the list leaves the problems out";
  EXPECT_FALSE(*read()->indicator_data().find_import_run(*rejected + 100));
}

TEST_F(IndicatorDataStore, DataVersionMovesWithImportsIncidentsAndCapas) {
  const auto empty = version();
  EXPECT_EQ(version(), empty) << "nothing changed, nothing moves";
  new_run();
  const auto after_run = version();
  EXPECT_NE(after_run, empty);

  CorrectiveAction c;
  c.title = "CAPA";
  c.site_id = main_site;
  c.department_id = ed;
  c.problem_statement = "Problem";
  c.created_at = c.updated_at = at("2026-01-10T09:00:00Z");
  auto id = write([&](store::UnitOfWork& uow) { return uow.capa().create(c); });
  ASSERT_TRUE(id);
  const auto after_capa = version();
  EXPECT_NE(after_capa, after_run);
  c = *read()->capa().get(*id);
  c.updated_at = at("2026-01-11T09:00:00Z");
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return uow.capa().update(c); }));
  EXPECT_NE(version(), after_capa);
}

}  // namespace
}  // namespace hqms::test
