// The quality dashboards over HTTP: every IOM domain with its tiles, a tile's current value, sparkline and
// icons on the hand-checked data set (indicator_api_helpers.hpp), drill-down choices, the department
// dashboard with its concerns, and who may open which.
#include <gtest/gtest.h>

#include "http/indicator_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

struct DashboardApi : ::testing::Test {
  TestHospital h;
  IndicatorTestSite site = add_indicator_test_data(h);
};

const json* tile_of(const json& dashboard, const std::string& code) {
  for (const auto& d : dashboard["domains"])
    for (const auto& t : d["indicators"])
      if (t["code"] == code) return &t;
  return nullptr;
}

TEST_F(DashboardApi, ExecutiveDashboardHasEveryDomainAndTheTiles) {
  auto exec = h.signed_in("exec");
  auto r = exec.get("/api/v1/dashboards/executive?scope=" + site.site_scope());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto board = r.json();
  EXPECT_EQ(board["scope"], json({{"type", "site"}, {"id", site.site}, {"name", "Test Infirmary"}}));
  EXPECT_EQ(board["asOf"], "2026-10");
  std::vector<std::string> domains;
  for (const auto& d : board["domains"]) domains.push_back(d["domain"]);
  EXPECT_EQ(domains, (std::vector<std::string>{"safe", "effective", "patient_centred", "timely", "efficient",
                                               "equitable"}));
  EXPECT_EQ(board["domains"][1]["label"], "Effective");

  const auto* tile = tile_of(board, "readmission_30d_percent");
  ASSERT_NE(tile, nullptr);
  EXPECT_EQ((*tile)["unitLabel"], "%");
  EXPECT_EQ((*tile)["direction"], "lower_is_better");
  EXPECT_EQ((*tile)["target"], 15.0);
  // Both wards in 2026-10: (19 + 12) / 200.
  EXPECT_EQ((*tile)["current"]["period"], "2026-10");
  EXPECT_EQ((*tile)["current"]["numerator"], 31);
  EXPECT_EQ((*tile)["current"]["denominator"], 200);
  EXPECT_NEAR((*tile)["current"]["value"].get<double>(), 15.5, 1e-9);
  ASSERT_EQ((*tile)["sparkline"].size(), 24u);
  EXPECT_EQ((*tile)["sparkline"][0]["period"], "2024-11");
  EXPECT_NEAR((*tile)["sparkline"][0]["value"].get<double>(), 11.0, 1e-9);
  EXPECT_EQ((*tile)["sparkline"][23]["period"], "2026-10");
  // Twelve months above the centre line: a shift of concern, and the icon says so.
  EXPECT_EQ((*tile)["variation"], "concern_high");
  EXPECT_FALSE((*tile)["variationLabel"].get<std::string>().empty());
  EXPECT_EQ((*tile)["signal"]["period"], "2026-10");
  EXPECT_EQ((*tile)["signal"]["reading"], "concern");
  const auto assurance = (*tile)["assurance"].get<std::string>();
  EXPECT_TRUE(assurance == "none" || assurance == "consistently_met" || assurance == "consistently_failed" ||
              assurance == "hit_and_miss")
      << assurance;
  EXPECT_EQ((*tile)["alert"], false) << "no alert threshold is set";

  // Drill-down: everything, as the executive reads the whole organisation.
  bool has_site = false;
  for (const auto& s : board["drill"]["sites"]) has_site = has_site || s["id"] == site.site;
  EXPECT_TRUE(has_site);
  bool has_ward = false;
  for (const auto& d : board["drill"]["departments"])
    if (d["id"] == site.t1) {
      has_ward = true;
      EXPECT_EQ(d["siteId"], site.site);
      EXPECT_EQ(d["name"], "Ward One");
    }
  EXPECT_TRUE(has_ward);

  // Without a scope: the organisation.
  auto whole = exec.get("/api/v1/dashboards/executive");
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_EQ(whole.json()["scope"]["type"], "organisation");
  EXPECT_EQ(whole.json()["scope"]["id"], nullptr);
}

TEST_F(DashboardApi, AlertThresholdLightsTheTile) {
  auto analyst = h.signed_in("analyst");
  const auto ward_one = "/api/v1/dashboards/department/" + std::to_string(site.t1);
  auto before = analyst.get(ward_one).json();
  ASSERT_NE(tile_of(before, "readmission_30d_percent"), nullptr);
  EXPECT_EQ((*tile_of(before, "readmission_30d_percent"))["alert"], false);
  // Saving settings is the write side's route; set the threshold in the store to stay independent of it.
  auto saved = store::in_write_transaction(h.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    store::IndicatorSetting s;
    s.indicator_code = "readmission_30d_percent";
    s.target = 15.0;
    s.alert_threshold = 18.0;
    s.updated_by = 1;
    s.updated_at = h.clock().now();
    return uow.indicator_settings().save_setting(s);
  });
  ASSERT_TRUE(saved) << saved.error().message;
  auto one = analyst.get(ward_one).json();
  const auto* tile = tile_of(one, "readmission_30d_percent");
  ASSERT_NE(tile, nullptr);
  EXPECT_EQ((*tile)["alert"], true) << "19% is worse than the 18% threshold, though the dashboard was kept";
  auto two = analyst.get("/api/v1/dashboards/department/" + std::to_string(site.t2)).json();
  EXPECT_EQ((*tile_of(two, "readmission_30d_percent"))["alert"], false);
}

TEST_F(DashboardApi, NewDataReachesTheDashboard) {
  auto analyst = h.signed_in("analyst");
  const auto ward_two = "/api/v1/dashboards/department/" + std::to_string(site.t2);
  auto before = analyst.get(ward_two).json();
  ASSERT_NE(tile_of(before, "readmission_30d_percent"), nullptr);
  EXPECT_EQ((*tile_of(before, "readmission_30d_percent"))["current"]["denominator"], 100);
  // Ten more discharges from Ward Two in 2026-10, all readmitted.
  auto added = store::in_write_transaction(h.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    store::ImportRun run;
    run.file_name = "more.csv";
    run.file_sha256 = "more";
    run.started_at = run.finished_at = h.clock().now();
    auto id = uow.indicator_data().record_import_run(run);
    if (!id) return id.error();
    const auto discharged = std::chrono::duration_cast<std::chrono::seconds>(
                                (indicator_test_month(35) + std::chrono::days(20)).time_since_epoch())
                                .count();
    for (int i = 0; i < 10; ++i) {
      const std::string code = "MORE-" + std::to_string(i);
      encounters::EncounterRecord e;
      e.encounter_id = code;
      e.patient_pseudonym = code;
      e.site = "TST";
      e.department = "T2";
      e.encounter_class = "inpatient";
      e.admitted_at = discharged - 86400;
      e.discharged_at = discharged;
      e.age_band = "65-74";
      e.sex = "female";
      e.ethnicity = "unknown";
      e.payer = "public";
      e.primary_diagnosis = "I50.9";
      e.disposition = "home";
      e.patient_days = 1;
      e.readmitted_30d = true;
      auto r = uow.indicator_data().upsert_encounter(e, {site.site, site.t2}, *id);
      if (!r) return r.error();
    }
    return {};
  });
  ASSERT_TRUE(added) << added.error().message;
  auto after = analyst.get(ward_two).json();
  const auto& current = (*tile_of(after, "readmission_30d_percent"))["current"];
  EXPECT_EQ(current["denominator"], 110);
  EXPECT_EQ(current["numerator"], 22);
}

TEST_F(DashboardApi, DepartmentDashboardListsItsConcerns) {
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  auto r = manager.get("/api/v1/dashboards/department/" + std::to_string(site.t1));
  ASSERT_EQ(r.status, 200) << r.body;
  const auto board = r.json();
  EXPECT_EQ(board["scope"]["type"], "department");
  EXPECT_EQ(board["scope"]["id"], site.t1);
  EXPECT_EQ(board["domains"].size(), 6u);
  const auto concerns = board["concerns"];
  EXPECT_NE(std::find(concerns.begin(), concerns.end(), "readmission_30d_percent"), concerns.end());
  const auto* tile = tile_of(board, "readmission_30d_percent");
  ASSERT_NE(tile, nullptr);
  EXPECT_EQ((*tile)["current"]["numerator"], 19);
  EXPECT_EQ((*tile)["current"]["denominator"], 100);
  // The manager may open only their own department.
  EXPECT_TRUE(board["drill"]["sites"].empty());
  ASSERT_EQ(board["drill"]["departments"].size(), 1u);
  EXPECT_EQ(board["drill"]["departments"][0]["id"], site.t1);

  auto stable = h.signed_in("analyst").get("/api/v1/dashboards/department/" + std::to_string(site.t2)).json();
  const auto quiet = stable["concerns"];
  EXPECT_EQ(std::find(quiet.begin(), quiet.end(), "readmission_30d_percent"), quiet.end());
  EXPECT_EQ((*tile_of(stable, "readmission_30d_percent"))["variation"], "common_cause");
}

TEST_F(DashboardApi, OutOfScopeIsRefusedAndAudited) {
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  const auto before = h.audit_count("permission_denied");
  EXPECT_EQ(manager.get("/api/v1/dashboards/department/" + std::to_string(site.t2)).status, 403);
  EXPECT_EQ(manager.get("/api/v1/dashboards/executive?scope=organisation").status, 403);
  EXPECT_EQ(manager.get("/api/v1/dashboards/executive?scope=" + site.site_scope()).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied") - before, 3);
  auto own = manager.get("/api/v1/dashboards/executive");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["scope"]["id"], site.t1) << "their broadest scope is their department";
  EXPECT_EQ(manager.get("/api/v1/dashboards/department/999999").status, 404);
  EXPECT_EQ(h.signed_in("nurse.ed").get("/api/v1/dashboards/executive").status, 403);
}

}  // namespace
}  // namespace hqms::test
