// Patient identifiers encrypted at rest, end to end (issue 12): whatever way a patient reaches HQMS (a
// signed-in report, an anonymous one, a FHIR import, a draft), people allowed to see the patient see it as
// before, others see it masked, and the database keeps none of it in clear.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

// Distinctive, so that finding any of them in the database's bytes can only be a leak.
const std::vector<std::string> kSecrets{
    "QZV-90417-SEAL", "Wilhelmina Quarrendon",  "QZV-90418-ANON", "Bartholomew Ffoulkes",
    "QZV-90419-FHIR", "Evangeline Thistlewood", "QZV-90420-DRAFT"};

json patient(int first) {
  return {{"patient", {{"identifier", kSecrets[first]}, {"name", kSecrets[first + 1]}}}};
}

std::vector<std::string> leaks(const std::string& text) {
  std::vector<std::string> found;
  for (const auto& s : kSecrets)
    if (text.find(s) != std::string::npos) found.push_back(s);
  return found;
}

TEST(PatientIdentifiersAtRest, ShownToThoseAllowedAndNowhereInTheDatabase) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto filed = file_event(nurse, valid_event(patient(0)));
  ASSERT_EQ(h.client().post("/api/v1/anonymous-reports", valid_event(patient(2))).status, 201);
  json fhir{{"resourceType", "Bundle"},
            {"type", "collection"},
            {"entry",
             {{{"resource",
                {{"resourceType", "AdverseEvent"},
                 {"identifier", {{"system", "urn:ehr:events"}, {"value", "EHR-77"}}},
                 {"actuality", "actual"},
                 {"event", {{"text", "Fall in the corridor."}}},
                 {"subject", {{"identifier", {{"value", kSecrets[4]}}}, {"display", kSecrets[5]}}},
                 {"date", "2026-11-25T22:10:00Z"},
                 {"location", {{"display", "ED"}}}}}}}}};
  auto pso = h.signed_in("pso.main");
  auto imported = pso.post("/api/v1/incidents/fhir-import", fhir);
  ASSERT_EQ(imported.status, 201) << imported.body;
  ASSERT_EQ(nurse
                .put("/api/v1/incident-drafts/tab-9",
                     {{"form", {{"patientIdentifier", kSecrets[6]}, {"patientName", kSecrets[1]}}}})
                .status,
            200);

  // As before: the reporter and the patient safety team see the patient, an analyst sees it masked.
  EXPECT_EQ(nurse.get(incident_path(filed)).json()["patient"]["identifier"], kSecrets[0]);
  EXPECT_EQ(pso.get(incident_path(filed)).json()["patient"]["name"], kSecrets[1]);
  const auto masked = h.signed_in("analyst").get(incident_path(filed));
  EXPECT_EQ(masked.json()["patientMasked"], true);
  EXPECT_TRUE(leaks(masked.body).empty());
  const auto csv = pso.get("/api/v1/incidents/export?format=csv").body;
  for (int i : {0, 1, 2, 4, 5}) EXPECT_NE(csv.find(kSecrets[i]), std::string::npos) << kSecrets[i];
  EXPECT_NE(nurse.get("/api/v1/incident-drafts").body.find(kSecrets[6]), std::string::npos);
  const auto audit = h.signed_in("auditor").get("/api/v1/audit?limit=200").body;
  EXPECT_TRUE(leaks(audit).empty()) << "the audit trail never held them";

  // Looking a patient up (through the blind index) finds the report for those who may see its patient only.
  const std::string lookup = "/api/v1/incidents?patientIdentifier=qzv%2090417%20seal";
  auto found = pso.get(lookup).json();
  ASSERT_EQ(found["total"], 1) << found;
  EXPECT_EQ(found["items"][0]["id"], filed);
  EXPECT_EQ(nurse.get(lookup).json()["total"], 1) << "the reporter";
  EXPECT_EQ(h.signed_in("analyst").get(lookup).json()["total"], 0) << "reads reports, not their patients";
  EXPECT_EQ(pso.get("/api/v1/incidents?patientIdentifier=QZV-90417").json()["total"], 0) << "exact only";
  auto saved = pso.post(
      "/api/v1/saved-searches",
      {{"name", "One patient"}, {"module", "incidents"}, {"query", "queue=all&patient%49dentifier=X"}});
  EXPECT_EQ(saved.status, 422) << saved.body;
  EXPECT_EQ(error_fields(saved), std::vector<std::string>{"query"});

  if (h.database().backend() == Backend::postgres) {
    for (const auto& table :
         column_of(h,
                   "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                   "current_schema() AND table_type = 'BASE TABLE'")) {
      std::string rows;
      for (const auto& row : column_of(h, "SELECT t::text FROM \"" + table + "\" t")) rows += row + "\n";
      EXPECT_EQ(leaks(rows), std::vector<std::string>{}) << table;
    }
    return;
  }
  // The server keeps the database open: the file and its write-ahead log hold every page written so far.
  for (const char* suffix : {"", "-wal", "-shm"}) {
    const auto file = h.database().location() + suffix;
    if (!std::filesystem::exists(file)) continue;
    std::ifstream in(file, std::ios::binary);
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(leaks(bytes), std::vector<std::string>{}) << file;
  }
}

}  // namespace
}  // namespace hqms::test
