// The import service the command line and the Imports page share: a good file kept whole, bad rows reported
// by line while the rest is kept, strict runs keeping nothing, the same file again changing nothing, a
// changed row updated in place, rows outside the person's departments refused, every run recorded and
// audited with counts only; and what was imported loaded beside HQMS's own incidents.
#include "store/indicators/data_import.hpp"

#include <gtest/gtest.h>

#include "core/common/crypto.hpp"
#include "indicator_facts.hpp"
#include "register_hospital.hpp"
#include "support/manual_clock.hpp"

namespace hqms::test {
namespace {

constexpr const char* kHeader =
    "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,"
    "ethnicity,payer,primary_diagnosis,procedure_codes,disposition,patient_days,central_line_days,"
    "urinary_catheter_days,medication_doses,ed_minutes,readmitted_30d,clabsi,cauti,surgical_site_infection,"
    "pressure_injury\n";
constexpr const char* kE1 =
    "E1,PSN-1,MAIN,ED,emergency,2026-01-01T10:00:00Z,2026-01-01T14:00:00Z,18-44,male,unknown,private,,,home,"
    "0,"
    "0,0,2,240,0,0,0,0,0\n";
constexpr const char* kE2 =
    "E2,PSN-2,MAIN,ICU,inpatient,2026-01-02T10:00:00Z,2026-01-06T10:00:00Z,85+,female,white,medicare,I21.4,"
    "0SR9|0DT,died,4,3,4,30,,0,1,0,0,0\n";
constexpr const char* kE3 =
    "E3,PSN-3,NORTH,WARD,inpatient,2026-01-03T10:00:00Z,2026-01-05T10:00:00Z,65-74,female,asian,medicaid,"
    "J18.9,,home,2,0,0,10,,1,0,0,0,0\n";
constexpr const char* kBadAge =
    "E4,PSN-4,MAIN,ED,emergency,2026-01-04T10:00:00Z,2026-01-04T11:00:00Z,old,male,unknown,private,,,home,0,"
    "0,0,0,60,0,0,0,0,0\n";
constexpr const char* kBadDischarge =
    "E5,PSN-5,MAIN,ED,inpatient,2026-01-05T10:00:00Z,2026-01-04T10:00:00Z,18-44,male,unknown,private,,,home,"
    "1,"
    "0,0,0,,0,0,0,0,0\n";

struct DataImport : ::testing::Test, RegisterHospital {
  ManualClock clock{at("2026-03-01T10:00:00Z")};

  Result<store::ImportRun> import(const std::string& text, bool strict = false,
                                  store::ImportKind kind = store::ImportKind::encounters_csv,
                                  std::function<bool(Id)> may_import = {}) {
    store::ImportRequest request;
    request.kind = kind;
    request.files = {{"stays.csv", text}};
    request.strict = strict;
    request.imported_by = coordinator;
    request.imported_by_username = "coordinator";
    request.may_import = std::move(may_import);
    return store::run_import(*db, request, clock);
  }

  std::int64_t count(const std::string& table) {
    auto conn = database.raw();
    auto st = conn->prepare("SELECT COUNT(*) FROM " + table);
    EXPECT_TRUE(st);
    EXPECT_TRUE(st->step());
    return st->int64(0);
  }

  std::vector<AuditEntry> import_audit() {
    store::AuditQuery q;
    q.entity_type = "import_run";
    q.visible.everything = true;
    q.page.descending = true;  // newest first
    auto page = read()->audit().list(q);
    EXPECT_TRUE(page) << page.error().message;
    return page ? page->items : std::vector<AuditEntry>{};
  }
};

TEST_F(DataImport, AGoodFileIsKeptWholeAndAuditedWithCountsOnly) {
  auto run = import(std::string(kHeader) + kE1 + kE2 + kE3);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->outcome, store::ImportOutcome::completed);
  EXPECT_EQ(run->records_read, 3);
  EXPECT_EQ(run->records_inserted, 3);
  EXPECT_EQ(run->records_rejected, 0);
  EXPECT_TRUE(run->problems.empty());
  EXPECT_EQ(run->file_name, "stays.csv");
  EXPECT_EQ(run->file_sha256, sha256_hex(std::string(kHeader) + kE1 + kE2 + kE3));
  EXPECT_EQ(run->imported_by, coordinator);
  EXPECT_EQ(count("encounter"), 3);

  auto stored = read()->indicator_data().find_import_run(run->id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->records_inserted, 3);
  EXPECT_EQ((*stored)->started_at, at("2026-03-01T10:00:00Z"));

  const auto audit = import_audit();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "import.completed");
  EXPECT_EQ(audit[0].entity_id, std::to_string(run->id));
  EXPECT_EQ(audit[0].actor_username, "coordinator");
  EXPECT_NE(audit[0].summary.find("3 inserted"), std::string::npos) << audit[0].summary;
  for (const auto* text : {&audit[0].summary, &audit[0].after})
    EXPECT_EQ(text->find("PSN-"), std::string::npos) << "no patient data in the audit trail: " << *text;
}

TEST_F(DataImport, BadRowsAreReportedByLineAndTheRestIsKept) {
  auto run = import(std::string(kHeader) + kE1 + kBadAge + kE2 + kBadDischarge);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->outcome, store::ImportOutcome::completed);
  EXPECT_EQ(run->records_read, 4);
  EXPECT_EQ(run->records_inserted, 2);
  EXPECT_EQ(run->records_rejected, 2);
  ASSERT_EQ(run->problems.size(), 2u);
  EXPECT_EQ(run->problems[0].file, "stays.csv");
  EXPECT_EQ(run->problems[0].line, 3u);
  EXPECT_EQ(run->problems[0].record_id, "E4");
  EXPECT_EQ(run->problems[0].field, "age_band");
  EXPECT_EQ(run->problems[1].line, 5u);
  EXPECT_EQ(run->problems[1].field, "discharged_at");
  EXPECT_EQ(count("encounter"), 2);
}

TEST_F(DataImport, StrictKeepsNothingWhenAnythingIsWrongButRecordsTheRun) {
  ASSERT_TRUE(import(std::string(kHeader) + kE3));
  auto run = import(std::string(kHeader) + kE1 + kBadAge + kE2, /*strict=*/true);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->outcome, store::ImportOutcome::rejected);
  EXPECT_TRUE(run->strict);
  EXPECT_EQ(run->records_read, 3);
  EXPECT_EQ(run->records_rejected, 1);
  EXPECT_EQ(run->records_inserted, 0);
  ASSERT_EQ(run->problems.size(), 1u);
  EXPECT_EQ(count("encounter"), 1) << "only the earlier import's stay";

  auto stored = read()->indicator_data().find_import_run(run->id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->outcome, store::ImportOutcome::rejected);
  EXPECT_EQ((*stored)->problems.size(), 1u);
  EXPECT_EQ(count("import_run"), 2) << "the rolled-back attempt leaves no run behind";
  const auto audit = import_audit();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "import.rejected");

  auto clean = import(std::string(kHeader) + kE1 + kE2, /*strict=*/true);
  ASSERT_TRUE(clean);
  EXPECT_EQ(clean->outcome, store::ImportOutcome::completed);
  EXPECT_EQ(clean->records_inserted, 2);
  EXPECT_EQ(count("encounter"), 3);
}

TEST_F(DataImport, TheSameFileAgainDuplicatesNothing) {
  const auto text = std::string(kHeader) + kE1 + kE2 + kE3;
  auto first = import(text);
  ASSERT_TRUE(first);
  auto again = import(text);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(again->outcome, store::ImportOutcome::completed);
  EXPECT_NE(again->id, first->id);
  EXPECT_EQ(again->records_inserted, 0);
  EXPECT_EQ(again->records_updated, 0);
  EXPECT_EQ(again->records_unchanged, 3);
  EXPECT_EQ(count("encounter"), 3);
  auto earlier = read()->indicator_data().find_completed_run(store::ImportKind::encounters_csv,
                                                             store::files_sha256({{"x", text}}));
  ASSERT_TRUE(earlier && *earlier);
  EXPECT_EQ((*earlier)->file_sha256, first->file_sha256);
}

TEST_F(DataImport, AChangedRowIsUpdatedInPlace) {
  ASSERT_TRUE(import(std::string(kHeader) + kE1 + kE2));
  std::string changed = kE2;
  changed.replace(changed.find(",4,3,4,30,"), 10, ",4,3,4,31,");
  auto run = import(std::string(kHeader) + kE1 + changed + kE3);
  ASSERT_TRUE(run);
  EXPECT_EQ(run->records_unchanged, 1);
  EXPECT_EQ(run->records_updated, 1);
  EXPECT_EQ(run->records_inserted, 1);
  EXPECT_EQ(count("encounter"), 3);
  indicators::IndicatorData data;
  ASSERT_TRUE(read()->indicator_data().load(data));
  double doses = 0;
  for (std::size_t row = 0; row < data.encounters.rows(); ++row)
    doses += fact_number(data.encounters, row, "medication_doses");
  EXPECT_EQ(doses, 2 + 31 + 10);
}

TEST_F(DataImport, RowsOutsideThePersonsDepartmentsAreRefused) {
  auto run = import(std::string(kHeader) + kE1 + kE3 + kE2, false, store::ImportKind::encounters_csv,
                    [&](Id department) { return department == ed || department == icu; });
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->records_inserted, 2);
  EXPECT_EQ(run->records_rejected, 1);
  ASSERT_EQ(run->problems.size(), 1u);
  EXPECT_EQ(run->problems[0].line, 3u);
  EXPECT_EQ(run->problems[0].record_id, "E3");
  EXPECT_EQ(run->problems[0].field, "department");
  EXPECT_EQ(run->problems[0].message, "department WARD is outside your scope");
  EXPECT_EQ(count("encounter"), 2);

  auto strict = import(std::string(kHeader) + kE3, true, store::ImportKind::encounters_csv,
                       [&](Id department) { return department == ed; });
  ASSERT_TRUE(strict);
  EXPECT_EQ(strict->outcome, store::ImportOutcome::rejected);
}

TEST_F(DataImport, OptionalColumnsMayBeLeftOut) {
  auto run = import(
      "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,"
      "disposition\n"
      "E1,PSN-1,MAIN,ED,inpatient,2026-01-01T10:00:00Z,2026-01-03T10:00:00Z,18-44,male,home\n");
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->records_inserted, 1) << (run->problems.empty() ? "" : run->problems[0].message);
  indicators::IndicatorData data;
  ASSERT_TRUE(read()->indicator_data().load(data));
  ASSERT_EQ(data.encounters.rows(), 1u);
  EXPECT_EQ(fact_text(data.encounters, 0, "primary_diagnosis"), "");
  EXPECT_EQ(fact_number(data.encounters, 0, "patient_days"), 2.0);
}

TEST_F(DataImport, AFhirExportIsOneRunWhateverTheOrderOfItsFiles) {
  const std::string patients =
      R"({"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1940-05-01"})"
      "\n";
  auto encounter = [](const char* id, const char* department) {
    return std::string(R"({"resourceType":"Encounter","id":")") + id +
           R"(","status":"finished","class":{"code":"IMP"},"subject":{"reference":"Patient/p1"},)"
           R"("period":{"start":"2026-01-02T10:00:00Z","end":"2026-01-05T10:00:00Z"},)"
           R"("serviceProvider":{"identifier":{"value":")" +
           (std::string(department) == "WARD" ? "NORTH" : "MAIN") +
           R"("}},"location":[{"location":{"identifier":{"value":")" + department + R"("}}}]})" + "\n";
  };
  store::ImportRequest request;
  request.kind = store::ImportKind::encounters_fhir;
  request.files = {{"Patient.ndjson", patients},
                   {"Encounter.ndjson", encounter("e1", "ED") + encounter("e2", "WARD")}};
  request.may_import = [&](Id department) { return department == ed; };
  auto run = store::run_import(*db, request, clock);
  ASSERT_TRUE(run) << run.error().message;
  EXPECT_EQ(run->records_inserted, 1);
  EXPECT_EQ(run->records_rejected, 1);
  ASSERT_EQ(run->problems.size(), 1u);
  EXPECT_EQ(run->problems[0].record_id, "e2");
  EXPECT_EQ(run->problems[0].message, "department WARD is outside your scope");
  EXPECT_EQ(run->file_name, "Patient.ndjson, Encounter.ndjson");

  std::swap(request.files[0], request.files[1]);
  EXPECT_EQ(store::files_sha256(request.files), run->file_sha256);
  request.may_import = {};
  auto all = store::run_import(*db, request, clock);
  ASSERT_TRUE(all) << all.error().message;
  EXPECT_EQ(all->records_unchanged, 1);
  EXPECT_EQ(all->records_inserted, 1);
  EXPECT_EQ(count("encounter"), 2);
}

TEST_F(DataImport, AnUnusableFileIsAnErrorAndRecordsNoRun) {
  auto run = import("encounter_id,site\nE1,MAIN\n");
  ASSERT_FALSE(run);
  EXPECT_EQ(run.error().kind, ErrorKind::validation);
  EXPECT_FALSE(run.error().fields.empty()) << "the missing columns are named";
  EXPECT_EQ(count("import_run"), 0);
  store::ImportRequest none;
  EXPECT_FALSE(store::run_import(*db, none, clock));
}

TEST_F(DataImport, SurveyObservationAndComplaintFilesAreImported) {
  auto survey = import(
      "response_id,site,department,visit_date,age_band,sex,nurse_communication,overall_rating\n"
      "S1,MAIN,ED,2026-02-01,45-64,female,4,10\n"
      "S2,NORTH,WARD,2026-02-02,85+,male,2,\n",
      false, store::ImportKind::survey_csv);
  ASSERT_TRUE(survey) << survey.error().message;
  EXPECT_EQ(survey->records_inserted, 2);
  EXPECT_EQ(count("survey_answer"), 3);
  auto observations = import(
      "observation_id,kind,site,department,observed_on,moment,compliant\n"
      "O1,hand_hygiene,MAIN,ICU,2026-02-01,before_patient,yes\n"
      "O2,hand_hygiene,MAIN,ICU,2026-02-01,,no\n",
      false, store::ImportKind::observations_csv);
  ASSERT_TRUE(observations) << observations.error().message;
  EXPECT_EQ(observations->records_inserted, 2);
  auto complaints = import(
      "complaint_id,site,department,received_on,category,severity\n"
      "C1,NORTH,WARD,2026-02-03,communication,low\n",
      false, store::ImportKind::complaints_csv);
  ASSERT_TRUE(complaints) << complaints.error().message;
  EXPECT_EQ(complaints->records_inserted, 1);

  indicators::IndicatorData data;
  ASSERT_TRUE(read()->indicator_data().load(data));
  EXPECT_EQ(data.survey.rows(), 3u);
  EXPECT_EQ(data.observations.rows(), 2u);
  EXPECT_EQ(data.complaints.rows(), 1u);
}

TEST_F(DataImport, ImportedStaysAndReportedIncidentsLoadTogether) {
  ASSERT_TRUE(import(std::string(kHeader) + kE1 + kE2 + kE3));
  IncidentReport fall;
  fall.event.type = EventType::incident;
  fall.event.category = EventCategory::fall;
  fall.event.harm = HarmLevel::mild;
  fall.event.department_id = ward;
  fall.event.location = "Bed 4";
  fall.event.occurred_at = at("2026-01-04T03:00:00Z");
  fall.event.description = "Found on the floor";
  fall.site_id = north_site;
  fall.reporter_id = staff;
  fall.submitted_at = fall.updated_at = at("2026-01-04T08:00:00Z");
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return uow.incidents().create(fall, "fall-1"); }));
  CorrectiveAction capa;
  capa.title = "Falls";
  capa.site_id = north_site;
  capa.department_id = ward;
  capa.problem_statement = "Falls";
  capa.effectiveness_due_on = day("2026-04-30");
  capa.created_at = capa.updated_at = at("2026-01-10T09:00:00Z");
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return uow.capa().create(capa); }));

  indicators::IndicatorData data;
  ASSERT_TRUE(read()->indicator_data().load(data));
  EXPECT_EQ(data.encounters.rows(), 3u);
  ASSERT_EQ(data.incidents.rows(), 1u);
  EXPECT_EQ(fact_text(data.incidents, 0, "department"), "WARD");
  EXPECT_EQ(fact_text(data.incidents, 0, "category"), "fall");
  ASSERT_EQ(data.capa.rows(), 1u);
  EXPECT_EQ(fact_day(data.capa, 0, "due_day"), day_number("2026-04-30"));
}

}  // namespace
}  // namespace hqms::test
