// Reporting an event as staff: the form's vocabulary, filing once per submission, the field errors a
// reporter is shown, and drafts.
#include <gtest/gtest.h>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

TEST(IncidentReporting, StaffReportIsFiledOnceForItsSubmissionKey) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto event = valid_event(
      {{"category", "fall"},
       {"harm", "mild"},
       {"harmDuration", "temporary"},
       {"details", {{"assisted", "unassisted"}, {"injury", "minor"}, {"riskAssessmentDone", "yes"}}},
       {"patient", {{"identifier", "MRN-0042"}, {"name", "Mary Doyle"}}},
       {"submissionKey", "3f1c-retry-key"}});
  auto first = nurse.post("/api/v1/incidents", event);
  ASSERT_EQ(first.status, 201) << first.body;
  const auto report = first.json();
  // The day's first report sets aside numbers 1-12 for the day's anonymous reports (anonymous_ids.hpp).
  EXPECT_EQ(report["reference"], "PSE-2026-000013") << "the first report after the anonymous block";
  EXPECT_EQ(report["state"], "submitted");
  EXPECT_EQ(report["category"], "fall");
  EXPECT_EQ(report["details"]["injury"], "minor");
  EXPECT_EQ(report["departmentName"], "Emergency Department");
  EXPECT_EQ(report["siteName"], "Main Campus");
  EXPECT_EQ(report["submittedAt"], "2026-11-26T08:00:00.000Z");
  EXPECT_EQ(report["reporter"]["displayName"], "Aoife Byrne");
  EXPECT_EQ(report["patient"]["identifier"], "MRN-0042") << "the reporter sees the patient they named";
  EXPECT_EQ(report["anonymous"], false);
  EXPECT_EQ(report["can"]["triage"], false);
  EXPECT_EQ(report["version"], 1);

  auto retry = nurse.post("/api/v1/incidents", event);
  ASSERT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.json()["id"], report["id"]);
  EXPECT_EQ(retry.json()["reference"], report["reference"]);
  EXPECT_EQ(nurse.get("/api/v1/incidents?queue=mine").json()["total"], 1);

  // Another reporter's identical key is their own submission.
  auto doctor = h.signed_in("doctor.ed");
  auto other = doctor.post("/api/v1/incidents", event);
  ASSERT_EQ(other.status, 201) << other.body;
  EXPECT_NE(other.json()["id"], report["id"]);

  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=create").json();
  ASSERT_EQ(audit["total"], 2);
  const auto entry = audit["items"][1];
  EXPECT_EQ(entry["actor"]["username"], "nurse.ed");
  EXPECT_EQ(entry["summary"], "Reported " + report["reference"].get<std::string>());
  EXPECT_EQ(entry["after"]["patientRecorded"], true);
  EXPECT_EQ(entry.dump().find("MRN-0042"), std::string::npos)
      << "the audit trail holds no patient identifier";
}

TEST(IncidentReporting, InconsistentHarmIsRefusedOnTheRightField) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  auto near_miss = nurse.post("/api/v1/incidents", valid_event({{"type", "near_miss"}, {"harm", "mild"}}));
  EXPECT_EQ(near_miss.status, 422);
  EXPECT_EQ(error_fields(near_miss), std::vector<std::string>{"harm"}) << near_miss.body;

  const json medication{{"category", "medication"},
                        {"details", {{"drug", "Gentamicin"}, {"stage", "administering"}}}};
  auto no_merp = nurse.post("/api/v1/incidents", valid_event(medication));
  EXPECT_EQ(no_merp.status, 422);
  EXPECT_EQ(error_fields(no_merp), std::vector<std::string>{"merpCategory"}) << no_merp.body;
  auto merp_i = valid_event(medication);
  merp_i["merpCategory"] = "I";
  auto alive = nurse.post("/api/v1/incidents", merp_i);
  EXPECT_EQ(error_fields(alive), std::vector<std::string>{"harm"}) << "category I means the patient died";

  auto death_temporary =
      nurse.post("/api/v1/incidents", valid_event({{"harm", "death"}, {"harmDuration", "temporary"}}));
  EXPECT_EQ(error_fields(death_temporary), std::vector<std::string>{"harmDuration"}) << death_temporary.body;
  EXPECT_EQ(nurse.get("/api/v1/incidents?queue=mine").json()["total"], 0) << "nothing was filed";
}

TEST(IncidentReporting, CategoryDetailsAndPlaceAreChecked) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  auto fall = nurse.post("/api/v1/incidents",
                         valid_event({{"category", "fall"}, {"details", {{"injury", "broken"}}}}));
  EXPECT_EQ(fall.status, 422);
  EXPECT_EQ(error_fields(fall),
            (std::vector<std::string>{"details.assisted", "details.injury", "details.riskAssessmentDone"}))
      << fall.body;
  auto stray = nurse.post("/api/v1/incidents", valid_event({{"details", {{"drug", "Heparin"}}}}));
  EXPECT_EQ(error_fields(stray), std::vector<std::string>{"details.drug"})
      << "a question of another category";

  auto nowhere = nurse.post("/api/v1/incidents", valid_event({{"departmentId", 999}}));
  EXPECT_EQ(nowhere.status, 422);
  EXPECT_EQ(error_fields(nowhere), std::vector<std::string>{"departmentId"});
  auto future = nurse.post("/api/v1/incidents", valid_event({{"occurredAt", "2026-11-26T09:00:00Z"}}));
  EXPECT_EQ(error_fields(future), std::vector<std::string>{"occurredAt"});
  auto unsafe_with_patient = nurse.post(
      "/api/v1/incidents",
      valid_event({{"type", "unsafe_condition"}, {"patient", {{"identifier", "MRN-1"}, {"name", "A"}}}}));
  EXPECT_EQ(error_fields(unsafe_with_patient), std::vector<std::string>{"patient"});
  auto missing = nurse.post("/api/v1/incidents", valid_event({{"harm", nullptr}, {"description", nullptr}}));
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"harm", "description"})) << missing.body;
  EXPECT_EQ(nurse.get("/api/v1/incidents?queue=mine").json()["total"], 0);
}

TEST(IncidentReporting, TheFormCarriesEveryChoiceWithoutSigningIn) {
  TestHospital h;
  auto form = h.client().get("/api/v1/incident-form");
  ASSERT_EQ(form.status, 200) << form.body;
  const auto f = form.json();
  ASSERT_EQ(f["categories"].size(), 10u);
  json medication;
  for (const auto& c : f["categories"])
    if (c["id"] == "medication") medication = c;
  ASSERT_TRUE(medication.is_object());
  EXPECT_EQ(medication["label"], "Medication or other substance");
  std::vector<std::string> names;
  for (const auto& field : medication["fields"]) names.push_back(field["name"]);
  EXPECT_EQ(names, (std::vector<std::string>{"drug", "stage", "route", "dose"}));
  EXPECT_EQ(medication["fields"][0]["required"], true);
  EXPECT_EQ(medication["fields"][1]["kind"], "choice");
  EXPECT_EQ(medication["fields"][1]["choices"][3]["id"], "administering");

  ASSERT_EQ(f["eventTypes"].size(), 3u);
  EXPECT_EQ(f["eventTypes"][1]["id"], "near_miss");
  ASSERT_EQ(f["harmLevels"].size(), 6u);
  EXPECT_EQ(f["harmLevels"][0]["id"], "death");
  EXPECT_EQ(f["harmLevels"][4]["meaning"], "Event reached patient, but no harm was evident.");
  ASSERT_EQ(f["merpCategories"].size(), 9u);
  EXPECT_EQ(f["merpCategories"][8]["id"], "I");
  ASSERT_EQ(f["departments"].size(), 12u);
  EXPECT_EQ(f["departments"][0], json({{"id", kEmergency},
                                       {"code", "ED"},
                                       {"name", "Emergency Department"},
                                       {"siteId", kMainSite},
                                       {"siteName", "Main Campus"}}));
  EXPECT_EQ(f["states"].size(), 8u);
  EXPECT_EQ(f["fishboneCategories"].size(), 7u);
  EXPECT_EQ(f["actionStrengths"][0]["id"], "stronger");
}

TEST(IncidentReporting, DraftsArePrivateAndSurviveUntilDeleted) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const json form{{"description", "half-written"}, {"category", "fall"}};
  auto saved = nurse.put("/api/v1/incident-drafts/tab-1", {{"form", form}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(nurse.put("/api/v1/incident-drafts/tab-1", {{"form", "text"}}).status, 422);
  auto mine = nurse.get("/api/v1/incident-drafts").json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["key"], "tab-1");
  EXPECT_EQ(mine[0]["form"], form);
  EXPECT_EQ(h.signed_in("doctor.ed").get("/api/v1/incident-drafts").json()["items"].size(), 0u);
  EXPECT_EQ(nurse.send("DELETE", "/api/v1/incident-drafts/tab-1").status, 204);
  EXPECT_EQ(nurse.send("DELETE", "/api/v1/incident-drafts/tab-1").status, 204) << "idempotent";
  EXPECT_EQ(nurse.get("/api/v1/incident-drafts").json()["items"].size(), 0u);
}

}  // namespace
}  // namespace hqms::test
