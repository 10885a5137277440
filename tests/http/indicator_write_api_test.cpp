// The indicators' write routes over HTTP on the hand-checked data set (indicator_api_helpers.hpp): an
// analyst's own indicator created, changed under its version and retired; definitions that break the rules
// named field by field; settings that change the target every chart shows; annotations that split a chart
// into phases; and the workbench preview, which saves nothing.
#include <gtest/gtest.h>

#include <algorithm>

#include "http/incident_api_helpers.hpp"
#include "http/indicator_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

constexpr const char* kReadmission = "/api/v1/indicators/readmission_30d_percent";

struct IndicatorWriteApi : ::testing::Test {
  TestHospital h;
  IndicatorTestSite site = add_indicator_test_data(h);
  HttpClient analyst = h.signed_in("analyst");
};

// All inpatient readmissions as a share of discharges: on Ward One 10% a month, then 19% from 2025-11.
json readmissions(const std::string& code, const json& changes = json::object()) {
  json body{{"code", code},
            {"name", "Readmissions, all causes"},
            {"description", "Every readmission within 30 days, transfers included."},
            {"domain", "effective"},
            {"type", "proportion"},
            {"per", 100},
            {"unitLabel", "%"},
            {"numerator",
             {{"source", "encounters"},
              {"aggregate", "count"},
              {"column", nullptr},
              {"where",
               {{{"column", "encounter_class"}, {"in", {"inpatient"}}},
                {{"column", "readmitted_30d"}, {"is", true}}}}}},
            {"denominator",
             {{"source", "encounters"},
              {"aggregate", "count"},
              {"column", nullptr},
              {"where", {{{"column", "encounter_class"}, {"in", {"inpatient"}}}}}}},
            {"direction", "lower_is_better"},
            {"target", 12},
            {"alertThreshold", nullptr},
            {"period", "month"},
            {"strata", {"age_band", "sex"}},
            {"chart", "p"},
            {"rules", "making_data_count"},
            {"citation", "Local definition, Quality Committee 2026-11"}};
  body.merge_patch(changes);
  return body;
}

bool listed(HttpClient& as, const std::string& code, const std::string& query = "") {
  const auto items = as.get("/api/v1/indicators" + query).json()["items"];
  return std::any_of(items.begin(), items.end(), [&](const json& i) { return i["code"] == code; });
}

TEST_F(IndicatorWriteApi, CustomIndicatorIsCreatedChangedAndRetired) {
  auto created = analyst.post("/api/v1/indicators", readmissions("all_readmissions"));
  ASSERT_EQ(created.status, 201) << created.body;
  const auto c = created.json();
  EXPECT_EQ(c["code"], "all_readmissions");
  EXPECT_EQ(c["builtIn"], false);
  EXPECT_EQ(c["version"], 1);
  EXPECT_EQ(c["retired"], false);
  EXPECT_EQ(c["target"], 12.0);
  EXPECT_EQ(c["numerator"]["where"][1], json({{"column", "readmitted_30d"}, {"is", true}}));
  EXPECT_EQ(analyst.get("/api/v1/indicators/all_readmissions").json(), c);
  EXPECT_TRUE(listed(analyst, "all_readmissions"));

  // Its chart is counted like any other.
  auto chart = analyst.get("/api/v1/indicators/all_readmissions/chart?scope=" + site.scope(site.t1));
  ASSERT_EQ(chart.status, 200) << chart.body;
  EXPECT_EQ(chart.json()["points"][35]["numerator"], 19);

  // Codes are unique, against the catalogue too; builtIn cannot be claimed.
  EXPECT_EQ(analyst.post("/api/v1/indicators", readmissions("all_readmissions")).status, 409);
  EXPECT_EQ(analyst.post("/api/v1/indicators", readmissions("readmission_30d_percent")).status, 409);
  auto claimed = analyst.post("/api/v1/indicators", readmissions("claimed", {{"builtIn", true}}));
  ASSERT_EQ(claimed.status, 201) << claimed.body;
  EXPECT_EQ(claimed.json()["builtIn"], false);

  // A partial change under the version the person saw; the same version again is stale.
  auto changed = analyst.put("/api/v1/indicators/all_readmissions",
                             {{"name", "Readmissions within 30 days"}, {"target", 11}, {"version", 1}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["name"], "Readmissions within 30 days");
  EXPECT_EQ(changed.json()["target"], 11.0);
  EXPECT_EQ(changed.json()["version"], 2);
  EXPECT_EQ(changed.json()["numerator"], c["numerator"]) << "what the body leaves out is kept";
  EXPECT_EQ(analyst.put("/api/v1/indicators/all_readmissions", {{"name", "Again"}, {"version", 1}}).status,
            409);
  EXPECT_EQ(analyst.put("/api/v1/indicators/all_readmissions", {{"code", "renamed"}, {"version", 2}}).status,
            422);
  auto built_in = analyst.put(kReadmission, {{"name", "Mine now"}});
  EXPECT_EQ(built_in.status, 409);
  EXPECT_NE(built_in.body.find("settings"), std::string::npos) << built_in.body;
  EXPECT_EQ(analyst.put("/api/v1/indicators/no_such", {{"name", "x"}}).status, 404);

  // Retired: out of the list, still readable, no longer changed, its code not reused.
  EXPECT_EQ(analyst.send("DELETE", "/api/v1/indicators/all_readmissions").status, 204);
  EXPECT_FALSE(listed(analyst, "all_readmissions"));
  EXPECT_TRUE(listed(analyst, "all_readmissions", "?retired=true"));
  EXPECT_EQ(analyst.get("/api/v1/indicators/all_readmissions").json()["retired"], true);
  EXPECT_EQ(analyst.put("/api/v1/indicators/all_readmissions", {{"name", "Back"}}).status, 409);
  EXPECT_EQ(analyst.post("/api/v1/indicators", readmissions("all_readmissions")).status, 409);
  EXPECT_EQ(analyst.send("DELETE", kReadmission).status, 409);

  auto audit =
      h.signed_in("auditor").get("/api/v1/audit?entityType=indicator&entityId=all_readmissions").json();
  std::vector<std::string> actions;
  for (const auto& e : audit["items"])
    if (e["entityId"] == "all_readmissions") actions.push_back(e["action"]);
  std::sort(actions.begin(), actions.end());
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "retire", "update"})) << audit.dump();
}

TEST_F(IndicatorWriteApi, BadDefinitionsNameTheFieldAtFault) {
  // An unknown column, a test that does not fit its column, a rate without a denominator.
  auto bad = analyst.post("/api/v1/indicators",
                          readmissions("bad_one", {{"type", "rate"},
                                                   {"chart", "u"},
                                                   {"denominator", nullptr},
                                                   {"numerator",
                                                    {{"where",
                                                      {{{"column", "no_such_column"}, {"is", true}},
                                                       {{"column", "age_band"}, {"is", true}}}}}}}));
  ASSERT_EQ(bad.status, 422) << bad.body;
  const auto fields = error_fields(bad);
  for (const auto* field : {"numerator.where[0].column", "numerator.where[1]", "denominator"})
    EXPECT_NE(std::find(fields.begin(), fields.end(), field), fields.end()) << field << " in " << bad.body;

  // The shape first: words outside the value sets, wrong JSON types.
  auto shape = analyst.post(
      "/api/v1/indicators",
      readmissions("bad_two", {{"domain", "pleasant"},
                               {"per", "hundred"},
                               {"numerator", {{"where", {{{"column", "died"}, {"is", "yes"}}}}}}}));
  ASSERT_EQ(shape.status, 422) << shape.body;
  EXPECT_EQ(error_fields(shape), (std::vector<std::string>{"domain", "per", "numerator.where[0].is"}));

  auto chart = analyst.post("/api/v1/indicators", readmissions("bad_three", {{"chart", "c"}}));
  EXPECT_EQ(error_fields(chart), std::vector<std::string>{"chart"}) << chart.body;
  auto code = analyst.post("/api/v1/indicators", readmissions("Bad Code"));
  EXPECT_EQ(error_fields(code), std::vector<std::string>{"code"}) << code.body;
  EXPECT_FALSE(listed(analyst, "bad_one", "?retired=true"));
}

TEST_F(IndicatorWriteApi, DefiningTakesIndicatorsManageBeyondOneDepartment) {
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(h.signed_in("nurse.ed").post("/api/v1/indicators", readmissions("by_nurse")).status, 403);
  EXPECT_EQ(h.signed_in("manager.ed").post("/api/v1/indicators", readmissions("by_manager")).status, 403);
  auto ward_qm = indicator_user(h, "qm.t1", Role::quality_manager, {ScopeType::department, site.t1});
  EXPECT_EQ(ward_qm.post("/api/v1/indicators", readmissions("by_ward_qm")).status, 403)
      << "a custom indicator serves every department";
  EXPECT_EQ(h.audit_count("permission_denied") - denied, 3);
  auto site_qm = h.signed_in("qm.main");
  EXPECT_EQ(site_qm.post("/api/v1/indicators", readmissions("by_site_qm")).status, 201);
  EXPECT_EQ(site_qm.put("/api/v1/indicators/by_site_qm", {{"target", 10}}).status, 200);
}

TEST_F(IndicatorWriteApi, SettingsChangeTheTargetEveryChartShows) {
  auto cqo = h.signed_in("cqo");
  EXPECT_EQ(analyst.get(kReadmission).json()["target"], 15.0);
  auto saved = cqo.put(std::string(kReadmission) + "/settings", {{"target", 12.5}, {"version", 0}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.json()["target"], 12.5);
  EXPECT_EQ(saved.json()["version"], 1);
  EXPECT_EQ(saved.json()["chart"], "p_prime") << "what the body leaves out is kept";

  auto chart = analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t1)).json();
  EXPECT_EQ(chart["indicator"]["target"], 12.5);
  EXPECT_EQ(chart["chart"], "p_prime");

  EXPECT_EQ(cqo.put(std::string(kReadmission) + "/settings", {{"target", 13}, {"version", 0}}).status, 409)
      << "stale";
  auto chart_changed = cqo.put(std::string(kReadmission) + "/settings",
                               {{"chart", "p"}, {"alertThreshold", 20}, {"version", 1}});
  ASSERT_EQ(chart_changed.status, 200) << chart_changed.body;
  EXPECT_EQ(chart_changed.json()["chart"], "p");
  EXPECT_EQ(chart_changed.json()["alertThreshold"], 20.0);
  EXPECT_EQ(chart_changed.json()["target"], 12.5);
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t1)).json()["chart"],
            "p");
  // Null gives a catalogue indicator back its shipped chart, and clears a target.
  auto reset = cqo.put(std::string(kReadmission) + "/settings", {{"chart", nullptr}, {"target", nullptr}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.json()["chart"], "p_prime");
  EXPECT_EQ(reset.json()["target"], nullptr);
  EXPECT_EQ(reset.json()["version"], 3);

  auto unfit = cqo.put(std::string(kReadmission) + "/settings", {{"chart", "c"}});
  EXPECT_EQ(error_fields(unfit), std::vector<std::string>{"chart"}) << unfit.body;
  EXPECT_EQ(error_fields(cqo.put(std::string(kReadmission) + "/settings", {{"target", "high"}})),
            std::vector<std::string>{"target"});
  EXPECT_EQ(cqo.put("/api/v1/indicators/no_such/settings", {{"target", 1}}).status, 404);
  // Settings hold for the whole organisation: a site's quality manager may not change them.
  EXPECT_EQ(h.signed_in("qm.main").put(std::string(kReadmission) + "/settings", {{"target", 1}}).status, 403);

  // An analyst's own indicator keeps its settings in its definition, whose version moves on.
  ASSERT_EQ(analyst.post("/api/v1/indicators", readmissions("own_readmissions")).status, 201);
  auto own = analyst.put("/api/v1/indicators/own_readmissions/settings", {{"target", 9}, {"version", 1}});
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_EQ(own.json()["target"], 9.0);
  EXPECT_EQ(own.json()["version"], 2);

  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=indicator_setting").json();
  EXPECT_EQ(audit["total"], 4) << audit.dump();
}

TEST_F(IndicatorWriteApi, ProcessChangeAnnotationSplitsTheLimits) {
  const std::string chart_url = std::string(kReadmission) + "/chart?chart=p&scope=" + site.scope(site.t1);
  auto before = analyst.get(chart_url).json();
  ASSERT_EQ(before["phases"].size(), 1u) << before.dump();

  auto added = analyst.post(std::string(kReadmission) + "/annotations",
                            {{"scope", site.scope(site.t1)},
                             {"kind", "process_change"},
                             {"period", "2025-11"},
                             {"reason", "Discharge follow-up calls stopped"}});
  ASSERT_EQ(added.status, 201) << added.body;
  const auto a = added.json();
  EXPECT_EQ(a["kind"], "process_change");
  EXPECT_EQ(a["period"], "2025-11");
  EXPECT_EQ(a["scope"]["type"], "department");
  EXPECT_EQ(a["scope"]["id"], site.t1);
  EXPECT_EQ(a["createdBy"]["displayName"], "Rahul Mehta");

  auto after = analyst.get(chart_url).json();
  ASSERT_EQ(after["phases"].size(), 2u) << after.dump();
  EXPECT_EQ(after["phases"][1]["begin"], "2025-11");
  EXPECT_EQ(after["phases"][1]["reason"], "Discharge follow-up calls stopped");
  EXPECT_NEAR(after["points"][0]["centre"].get<double>(), 10.0, 1e-9);
  EXPECT_NEAR(after["points"][35]["centre"].get<double>(), 19.0, 1e-9);
  // Another scope's chart is not split.
  auto other = analyst.get(std::string(kReadmission) + "/chart?chart=p&scope=" + site.scope(site.t2)).json();
  EXPECT_EQ(other["phases"].size(), 1u);

  auto listed = analyst.get(std::string(kReadmission) + "/annotations?scope=" + site.scope(site.t1));
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.json()["items"].size(), 1u);
  EXPECT_EQ(listed.json()["items"][0]["id"], a["id"]);
  EXPECT_TRUE(analyst.get(std::string(kReadmission) + "/annotations?scope=" + site.scope(site.t2))
                  .json()["items"]
                  .empty());

  // A reason is required, the period must be one of the indicator's, a baseline needs its points.
  auto no_reason =
      analyst.post(std::string(kReadmission) + "/annotations",
                   {{"scope", site.scope(site.t1)}, {"kind", "exclusion"}, {"period", "2025-12"}});
  EXPECT_EQ(error_fields(no_reason), std::vector<std::string>{"reason"}) << no_reason.body;
  auto bad_period = analyst.post(
      std::string(kReadmission) + "/annotations",
      {{"scope", site.scope(site.t1)}, {"kind", "exclusion"}, {"period", "2025-Q9"}, {"reason", "x"}});
  EXPECT_EQ(error_fields(bad_period), std::vector<std::string>{"period"}) << bad_period.body;
  auto no_points = analyst.post(std::string(kReadmission) + "/annotations", {{"scope", site.scope(site.t1)},
                                                                             {"kind", "baseline"},
                                                                             {"period", "2024-10"},
                                                                             {"reason", "First year"}});
  EXPECT_EQ(error_fields(no_points), std::vector<std::string>{"baselinePoints"}) << no_points.body;

  // Annotating takes indicators.manage over the chart's scope; a department manager only reads.
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  EXPECT_EQ(manager.get(std::string(kReadmission) + "/annotations?scope=" + site.scope(site.t1)).status, 200);
  EXPECT_EQ(
      manager
          .post(
              std::string(kReadmission) + "/annotations",
              {{"scope", site.scope(site.t1)}, {"kind", "exclusion"}, {"period", "2025-12"}, {"reason", "x"}})
          .status,
      403);
  const auto path = std::string(kReadmission) + "/annotations/" + std::to_string(a["id"].get<Id>());
  EXPECT_EQ(manager.send("DELETE", path).status, 403);
  EXPECT_EQ(analyst
                .send("DELETE", "/api/v1/indicators/in_hospital_mortality_percent/annotations/" +
                                    std::to_string(a["id"].get<Id>()))
                .status,
            404)
      << "an annotation is found through its own indicator";

  EXPECT_EQ(analyst.send("DELETE", path).status, 204);
  EXPECT_EQ(analyst.get(chart_url).json()["phases"].size(), 1u);
  EXPECT_EQ(analyst.send("DELETE", path).status, 404);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=spc_annotation").json();
  EXPECT_EQ(audit["total"], 2) << audit.dump();
}

TEST_F(IndicatorWriteApi, PreviewChartsADefinitionWithoutSavingIt) {
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  auto r = manager.post("/api/v1/indicators/preview", {{"definition", readmissions("", {{"code", nullptr}})},
                                                       {"scope", site.scope(site.t1)}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto out = r.json();
  EXPECT_TRUE(out["errors"].empty()) << r.body;
  ASSERT_EQ(out["chart"]["points"].size(), 36u);
  EXPECT_EQ(out["chart"]["points"][35]["numerator"], 19);
  EXPECT_EQ(out["chart"]["points"][35]["denominator"], 100);
  EXPECT_EQ(out["chart"]["chart"], "p");
  EXPECT_EQ(out["chart"]["indicator"]["name"], "Readmissions, all causes");
  ASSERT_TRUE(out["comparison"].is_object()) << r.body;
  ASSERT_EQ(out["comparison"]["groups"].size(), 1u) << "the department the manager reads";

  // A stratum, and a chart type of the analyst's choosing.
  auto stratified = analyst.post("/api/v1/indicators/preview", {{"definition", readmissions("draft")},
                                                                {"scope", site.scope(site.t1)},
                                                                {"stratum", "age_band:65-74"},
                                                                {"chart", "run"}});
  ASSERT_EQ(stratified.status, 200) << stratified.body;
  EXPECT_EQ(stratified.json()["chart"]["chart"], "run");
  EXPECT_EQ(stratified.json()["chart"]["points"][35]["numerator"], 12);

  // Nothing was saved.
  EXPECT_EQ(analyst.get("/api/v1/indicators/draft").status, 404);
  EXPECT_EQ(h.signed_in("auditor").get("/api/v1/audit?entityType=indicator").json()["total"], 0);

  // A definition that does not read comes back as errors beside no chart.
  auto bad = analyst.post(
      "/api/v1/indicators/preview",
      {{"definition", readmissions("", {{"denominator", nullptr}})}, {"scope", site.scope(site.t1)}});
  ASSERT_EQ(bad.status, 200) << bad.body;
  EXPECT_EQ(bad.json()["chart"], nullptr);
  ASSERT_EQ(bad.json()["errors"].size(), 1u) << bad.body;
  EXPECT_EQ(bad.json()["errors"][0]["field"], "denominator");

  EXPECT_EQ(analyst.post("/api/v1/indicators/preview", {{"scope", site.scope(site.t1)}}).status, 422);
  EXPECT_EQ(
      h.signed_in("nurse.ed").post("/api/v1/indicators/preview", {{"definition", readmissions("x")}}).status,
      403);
  EXPECT_EQ(manager
                .post("/api/v1/indicators/preview",
                      {{"definition", readmissions("x")}, {"scope", site.scope(site.t2)}})
                .status,
            403)
      << "only over a scope the caller reads";
}

}  // namespace
}  // namespace hqms::test
