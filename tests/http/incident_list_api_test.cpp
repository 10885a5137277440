// The lists of reports: queues, filters, word search, who sees what and patient identifiers, exports, the
// Pareto chart, monthly counts and saved searches.
#include <gtest/gtest.h>

#include <algorithm>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

const json kFallDetails{{"assisted", "unassisted"}, {"injury", "minor"}, {"riskAssessmentDone", "yes"}};

// Five reports: three in the Emergency Department (one a medication error whose description starts like a
// spreadsheet formula), one in Intensive Care last month and one at the North site.
struct Reports {
  Id ed_fall = 0, ed_medication = 0, ed_other = 0, icu_fall = 0, north_fall = 0;
};

Reports file_reports(TestHospital& h) {
  Reports r;
  auto nurse = h.signed_in("nurse.ed");
  r.ed_fall =
      file_event(nurse, valid_event({{"category", "fall"},
                                     {"harm", "mild"},
                                     {"harmDuration", "temporary"},
                                     {"details", kFallDetails},
                                     {"patient", {{"identifier", "MRN-1001"}, {"name", "Mary Doyle"}}},
                                     {"description",
                                      "Patient found on the floor beside the trolley, "
                                      "bleeding from a cut to the forehead."}}));
  r.ed_medication = file_event(
      nurse, valid_event({{"category", "medication"},
                          {"merpCategory", "C"},
                          {"details", {{"drug", "Gentamicin"}, {"stage", "administering"}}},
                          {"description", "=1+2 was written on the chart and the dose was given twice"}}));
  auto doctor = h.signed_in("doctor.ed");
  r.ed_other = file_event(doctor, valid_event());
  auto icu = h.signed_in("nurse.icu");
  r.icu_fall = file_event(icu, valid_event({{"category", "fall"},
                                            {"details", kFallDetails},
                                            {"departmentId", kIntensiveCare},
                                            {"occurredAt", "2026-10-15T10:00:00Z"}}));
  auto north = h.signed_in("nurse.nmed");
  r.north_fall = file_event(
      north,
      valid_event({{"category", "fall"}, {"details", kFallDetails}, {"departmentId", kMedicalWardNorth}}));
  return r;
}

std::vector<Id> ids_of(const json& page) {
  std::vector<Id> ids;
  for (const auto& item : page["items"]) ids.push_back(item["id"].get<Id>());
  std::sort(ids.begin(), ids.end());
  return ids;
}

TEST(IncidentList, QueuesShowEachPersonTheirOwnWork) {
  TestHospital h;
  const auto r = file_reports(h);
  auto nurse = h.signed_in("nurse.ed");
  EXPECT_EQ(ids_of(nurse.get("/api/v1/incidents?queue=mine").json()),
            (std::vector<Id>{r.ed_fall, r.ed_medication}));
  EXPECT_EQ(ids_of(nurse.get("/api/v1/incidents").json()), (std::vector<Id>{r.ed_fall, r.ed_medication}))
      << "a reporter sees only their own reports";
  auto manager = h.signed_in("manager.ed");
  EXPECT_EQ(ids_of(manager.get("/api/v1/incidents?queue=department").json()),
            (std::vector<Id>{r.ed_fall, r.ed_medication, r.ed_other}));
  auto pso = h.signed_in("pso.main");
  EXPECT_EQ(ids_of(pso.get("/api/v1/incidents?queue=triage&limit=50").json()),
            (std::vector<Id>{r.ed_fall, r.ed_medication, r.ed_other, r.icu_fall}));
  EXPECT_EQ(manager.get("/api/v1/incidents?queue=investigations").json()["total"], 0);
  ASSERT_EQ(pso.post(incident_path(r.ed_other, "/triage"), {{"handlerId", user_id(h, "manager.ed")}}).status,
            200);
  EXPECT_EQ(ids_of(manager.get("/api/v1/incidents?queue=investigations").json()),
            std::vector<Id>{r.ed_other});
  ASSERT_EQ(pso.post(incident_path(r.ed_other, "/transitions"), {{"to", "closed"}}).status, 200);
  EXPECT_EQ(manager.get("/api/v1/incidents?queue=investigations").json()["total"], 0)
      << "closed work is done";
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=triage").json()["total"], 3);
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=later").status, 422);
}

TEST(IncidentList, FiltersAndWordSearch) {
  TestHospital h;
  const auto r = file_reports(h);
  auto cqo = h.signed_in("cqo");
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?category=fall").json()),
            (std::vector<Id>{r.ed_fall, r.icu_fall, r.north_fall}));
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?harm=mild").json()), std::vector<Id>{r.ed_fall});
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?siteId=2").json()), std::vector<Id>{r.north_fall});
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?departmentId=2").json()), std::vector<Id>{r.icu_fall});
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?from=2026-10-01&to=2026-10-31").json()),
            std::vector<Id>{r.icu_fall});
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?category=fall&departmentId=1").json()),
            std::vector<Id>{r.ed_fall});
  EXPECT_EQ(cqo.get("/api/v1/incidents?harm=awful").status, 422);

  // "bleeds" finds "bleeding" by its stem, not as a prefix.
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?q=bleeds").json()), std::vector<Id>{r.ed_fall});
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?q=trolley%20bleeds").json()), std::vector<Id>{r.ed_fall});
  EXPECT_EQ(ids_of(cqo.get("/api/v1/incidents?q=gentamicin").json()), std::vector<Id>{r.ed_medication})
      << "the category's answers are searched";
  EXPECT_EQ(cqo.get("/api/v1/incidents?q=MRN-1001").json()["total"], 0)
      << "patient identifiers are not searched";
  EXPECT_EQ(cqo.get("/api/v1/incidents?q=%22%29%3B%20DROP%20TABLE%20incident%3B%20--").json()["total"], 0);
  EXPECT_EQ(cqo.get("/api/v1/incidents?q=%2A").json()["total"], 5) << "nothing searchable: no text filter";
}

TEST(IncidentList, PatientIdentifiersOnlyForThoseWhoActOnTheEvent) {
  TestHospital h;
  const auto r = file_reports(h);
  for (const auto* reader : {"analyst", "exec"}) {
    auto seen = h.signed_in(reader).get(incident_path(r.ed_fall)).json();
    EXPECT_TRUE(seen["patient"].is_null()) << reader;
    EXPECT_EQ(seen["patientMasked"], true) << reader;
    EXPECT_EQ(seen["can"]["viewPatient"], false) << reader;
    EXPECT_EQ(seen["description"].get<std::string>().substr(0, 22), "Patient found on the f") << reader;
  }
  for (const auto* carer : {"pso.main", "manager.ed"}) {
    auto seen = h.signed_in(carer).get(incident_path(r.ed_fall)).json();
    EXPECT_EQ(seen["patient"], json({{"identifier", "MRN-1001"}, {"name", "Mary Doyle"}})) << carer;
    EXPECT_EQ(seen["patientMasked"], false) << carer;
  }
  auto plain = h.signed_in("analyst").get(incident_path(r.ed_other)).json();
  EXPECT_EQ(plain["patientMasked"], false) << "nothing to mask";
  EXPECT_EQ(h.signed_in("manager.icu").get(incident_path(r.ed_fall)).status, 403);
}

TEST(IncidentList, ReadersAtAnotherSiteSeeOnlyTheirSite) {
  TestHospital h;
  const auto r = file_reports(h);
  auto north = h.signed_in("exec.north");
  auto page = north.get("/api/v1/incidents?limit=100").json();
  EXPECT_EQ(ids_of(page), std::vector<Id>{r.north_fall});
  EXPECT_EQ(page["total"], 1);
  EXPECT_EQ(north.get("/api/v1/incidents?departmentId=1").json()["total"], 0);
  EXPECT_EQ(north.get(incident_path(r.ed_fall)).status, 403);
  const auto csv = north.get("/api/v1/incidents/export?format=csv").body;
  EXPECT_EQ(csv.find("Emergency Department"), std::string::npos);
  EXPECT_NE(csv.find("Medical Ward"), std::string::npos);
  EXPECT_EQ(h.signed_in("pso.main").get("/api/v1/incidents?limit=100").json()["total"], 4);
}

TEST(IncidentList, CsvExportGuardsFormulasAndPatientColumns) {
  TestHospital h;
  file_reports(h);
  auto pso = h.signed_in("pso.main");
  auto r = pso.get("/api/v1/incidents/export?format=csv");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"event-reports-2026-11-26.csv\"");
  const auto& csv = r.body;
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  const auto header = csv.substr(3, csv.find("\r\n") - 3);
  EXPECT_EQ(header.substr(0, 30), "Reference,Submitted,Occurred,T");
  EXPECT_NE(header.find(",Patient identifier,Patient name"), std::string::npos) << header;
  EXPECT_NE(csv.find(",MRN-1001,Mary Doyle\r\n"), std::string::npos);
  EXPECT_NE(csv.find(",'=1+2 was written on the chart and the dose was given twice,"), std::string::npos)
      << csv;
  EXPECT_EQ(csv.find(",=1+2"), std::string::npos);
  std::size_t lines = 0;
  for (char c : csv) lines += c == '\n';
  EXPECT_EQ(lines, 5u) << "the header and the four Main Campus reports";

  auto analyst = h.signed_in("analyst").get("/api/v1/incidents/export?format=csv").body;
  EXPECT_EQ(analyst.find("Patient identifier"), std::string::npos);
  EXPECT_EQ(analyst.find("MRN-1001"), std::string::npos);
  EXPECT_NE(analyst.find("'=1+2"), std::string::npos);
  EXPECT_EQ(pso.get("/api/v1/incidents/export?format=pdf").status, 422);
}

TEST(IncidentList, ExcelExportIsAWorkbook) {
  TestHospital h;
  file_reports(h);
  auto r = h.signed_in("cqo").get("/api/v1/incidents/export?format=xlsx&category=fall");
  ASSERT_EQ(r.status, 200) << r.body.substr(0, 200);
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(r.header("Content-Disposition"), "attachment; filename=\"event-reports-2026-11-26.xlsx\"");
  ASSERT_GT(r.body.size(), 1000u);
  EXPECT_EQ(r.body.substr(0, 4), std::string("PK\x03\x04", 4));
}

TEST(IncidentList, ParetoByCategoryMarksTheVitalFew) {
  TestHospital h;
  file_reports(h);
  auto chart = h.signed_in("cqo").get("/api/v1/incidents/pareto?by=category");
  ASSERT_EQ(chart.status, 200) << chart.body;
  const auto c = chart.json();
  EXPECT_EQ(c["total"], 5);
  const auto bars = c["bars"];
  ASSERT_EQ(bars.size(), 3u) << c.dump();
  EXPECT_EQ(bars[0]["key"], "fall");
  EXPECT_EQ(bars[0]["label"], "Fall");
  EXPECT_EQ(bars[0]["count"], 3);
  EXPECT_DOUBLE_EQ(bars[0]["percent"].get<double>(), 60.0);
  EXPECT_DOUBLE_EQ(bars[0]["cumulativePercent"].get<double>(), 60.0);
  EXPECT_EQ(bars[0]["vitalFew"], true);
  EXPECT_EQ(bars[1]["key"], "medication");
  EXPECT_DOUBLE_EQ(bars[1]["cumulativePercent"].get<double>(), 80.0);
  EXPECT_EQ(bars[1]["vitalFew"], true);
  EXPECT_EQ(bars[2]["key"], "other");
  EXPECT_DOUBLE_EQ(bars[2]["cumulativePercent"].get<double>(), 100.0);
  EXPECT_EQ(bars[2]["vitalFew"], false);

  auto by_place = h.signed_in("pso.main").get("/api/v1/incidents/pareto?by=location").json();
  EXPECT_EQ(by_place["total"], 4);
  EXPECT_EQ(by_place["bars"][0]["label"], "Emergency Department (Main Campus)");
  EXPECT_EQ(by_place["bars"][0]["count"], 3);
  EXPECT_EQ(h.signed_in("cqo").get("/api/v1/incidents/pareto?by=weather").status, 422);
}

TEST(IncidentList, MonthlyCountsByDepartment) {
  TestHospital h;
  file_reports(h);
  auto r = h.signed_in("cqo").get("/api/v1/incidents/monthly?fromMonth=2026-09&toMonth=2026-11");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto m = r.json();
  EXPECT_EQ(m["months"], json({"2026-09", "2026-10", "2026-11"}));
  EXPECT_EQ(m["totals"], json({0, 1, 4}));
  ASSERT_EQ(m["departments"].size(), 3u) << m.dump();
  EXPECT_EQ(m["departments"][0]["name"], "Emergency Department");
  EXPECT_EQ(m["departments"][0]["counts"], json({0, 0, 3}));
  EXPECT_EQ(m["departments"][1]["name"], "Intensive Care Unit");
  EXPECT_EQ(m["departments"][1]["counts"], json({0, 1, 0}));
  EXPECT_EQ(m["departments"][2]["siteName"], "North Community Hospital");
  EXPECT_EQ(m["departments"][2]["total"], 1);
  auto default_window = h.signed_in("cqo").get("/api/v1/incidents/monthly").json();
  EXPECT_EQ(default_window["months"].size(), 12u);
  EXPECT_EQ(default_window["months"][11], "2026-11");
  EXPECT_EQ(h.signed_in("cqo").get("/api/v1/incidents/monthly?fromMonth=2026-13").status, 422);
  EXPECT_EQ(h.signed_in("cqo").get("/api/v1/incidents/monthly?fromMonth=2026-11&toMonth=2026-10").status,
            422);
}

TEST(IncidentList, SavedSearchesBelongToTheirOwner) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const json search{{"name", "My falls"}, {"module", "incidents"}, {"query", "queue=mine&category=fall"}};
  auto created = nurse.post("/api/v1/saved-searches", search);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.json()["id"].get<Id>();
  auto again = nurse.post("/api/v1/saved-searches", search);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(error_fields(again), std::vector<std::string>{"name"});
  EXPECT_EQ(
      nurse.post("/api/v1/saved-searches", {{"name", " "}, {"module", "incidents"}, {"query", ""}}).status,
      422);

  auto pso = h.signed_in("pso.main");
  ASSERT_EQ(pso.post("/api/v1/saved-searches", search).status, 201) << "names are per person";
  auto mine = nurse.get("/api/v1/saved-searches?module=incidents").json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0], json({{"id", id},
                           {"name", "My falls"},
                           {"module", "incidents"},
                           {"query", "queue=mine&category=fall"}}));
  const auto pso_id = pso.get("/api/v1/saved-searches").json()["items"][0]["id"].get<Id>();

  EXPECT_EQ(nurse.send("DELETE", "/api/v1/saved-searches/" + std::to_string(pso_id)).status, 204);
  EXPECT_EQ(pso.get("/api/v1/saved-searches").json()["items"].size(), 1u) << "someone else's is untouched";
  EXPECT_EQ(nurse.send("DELETE", "/api/v1/saved-searches/" + std::to_string(id)).status, 204);
  EXPECT_EQ(nurse.get("/api/v1/saved-searches").json()["items"].size(), 0u);
  EXPECT_EQ(h.signed_in("auditor").get("/api/v1/audit?entityType=saved_search").json()["total"], 3);
}

}  // namespace
}  // namespace hqms::test
