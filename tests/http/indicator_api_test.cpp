// The indicators' read routes over HTTP on a hand-checked data set (indicator_api_helpers.hpp): the
// catalogue, a chart's values, limits and signals, strata with small numbers hidden, the comparison of
// departments and of age bands, the CSV series, the FHIR MeasureReport, and who may see which scope.
#include <gtest/gtest.h>

#include <cmath>

#include "http/indicator_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

constexpr const char* kReadmission = "/api/v1/indicators/readmission_30d_percent";

struct IndicatorApi : ::testing::Test {
  TestHospital h;
  IndicatorTestSite site = add_indicator_test_data(h);
  HttpClient analyst = h.signed_in("analyst");
};

const json* point_at(const json& chart, const std::string& period) {
  for (const auto& p : chart["points"])
    if (p["period"] == period) return &p;
  return nullptr;
}

TEST_F(IndicatorApi, ListsTheCatalogueWithItsCitations) {
  auto r = analyst.get("/api/v1/indicators");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto items = r.json()["items"];
  ASSERT_GE(items.size(), 20u) << "the issue asks for at least 20 standard indicators";
  const json* readmission = nullptr;
  for (const auto& i : items) {
    EXPECT_FALSE(i["citation"].get<std::string>().empty()) << i["code"];
    EXPECT_EQ(i["builtIn"], true);
    if (i["code"] == "readmission_30d_percent") readmission = &i;
  }
  ASSERT_NE(readmission, nullptr);
  EXPECT_EQ((*readmission)["type"], "proportion");
  EXPECT_EQ((*readmission)["domain"], "effective");
  EXPECT_EQ((*readmission)["version"], 0) << "no settings saved yet";
  EXPECT_EQ((*readmission)["numerator"]["source"], "encounters");
  EXPECT_EQ((*readmission)["retired"], false);

  auto one = analyst.get(kReadmission);
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json(), *readmission);
}

TEST_F(IndicatorApi, UnknownCodeIs404) {
  EXPECT_EQ(analyst.get("/api/v1/indicators/no_such_indicator").status, 404);
  EXPECT_EQ(analyst.get("/api/v1/indicators/no_such_indicator/chart").status, 404);
  EXPECT_EQ(analyst.get("/api/v1/indicators/no_such_indicator/series.csv").status, 404);
}

TEST_F(IndicatorApi, ChartShowsHandCheckedValuesLimitsAndTheShift) {
  auto r = analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t1) + "&chart=p");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto chart = r.json();
  EXPECT_EQ(chart["chart"], "p");
  EXPECT_EQ(chart["rules"], "making_data_count");
  EXPECT_EQ(chart["scope"]["type"], "department");
  EXPECT_EQ(chart["scope"]["id"], site.t1);
  EXPECT_EQ(chart["scope"]["name"], "Ward One, Test Infirmary");
  EXPECT_EQ(chart["stratum"], nullptr);
  ASSERT_EQ(chart["points"].size(), 36u) << "the last 36 complete months";
  EXPECT_EQ(chart["points"][0]["period"], "2023-11");
  EXPECT_EQ(chart["points"][35]["period"], "2026-10");
  EXPECT_EQ(chart["points"][35]["start"], "2026-10-01");
  EXPECT_EQ(chart["points"][35]["end"], "2026-10-31");

  // p-bar = (24 x 10 + 12 x 19) / 3600 = 0.13; sigma at n = 100 is sqrt(0.13 x 0.87 / 100).
  const double sigma = std::sqrt(0.13 * 0.87 / 100);
  const auto& first = chart["points"][0];
  EXPECT_EQ(first["numerator"], 10);
  EXPECT_EQ(first["denominator"], 100);
  EXPECT_NEAR(first["value"].get<double>(), 10.0, 1e-9);
  EXPECT_NEAR(first["centre"].get<double>(), 13.0, 1e-9);
  EXPECT_NEAR(first["upper"].get<double>(), 100 * (0.13 + 3 * sigma), 1e-9);
  EXPECT_NEAR(first["lower"].get<double>(), 100 * (0.13 - 3 * sigma), 1e-9);
  EXPECT_NEAR(first["upper2Sigma"].get<double>(), 100 * (0.13 + 2 * sigma), 1e-9);
  const auto& last = chart["points"][35];
  EXPECT_EQ(last["numerator"], 19);
  EXPECT_NEAR(last["value"].get<double>(), 19.0, 1e-9);
  // No point leaves the 2-sigma band: the signals are the two shifts, below (improvement) then above.
  EXPECT_EQ(first["signal"], json({{"rule", "shift"}, {"reading", "improvement"}}));
  EXPECT_EQ(last["signal"], json({{"rule", "shift"}, {"reading", "concern"}}));
  EXPECT_EQ(last["variation"], "concern");
  EXPECT_EQ(chart["variation"], "concern_high");
  EXPECT_EQ(chart["assurance"], "hit_and_miss") << "the 15% target lies between the limits";
  EXPECT_EQ(chart["signals"].size(), 36u);
  EXPECT_EQ(chart["signals"][24], json({{"period", "2025-11"}, {"rule", "shift"}, {"reading", "concern"}}));
  ASSERT_EQ(chart["phases"].size(), 1u);
  EXPECT_EQ(chart["phases"][0]["begin"], "2023-11");
  EXPECT_EQ(chart["phases"][0]["end"], "2026-10");
  EXPECT_EQ(chart["indicator"]["code"], "readmission_30d_percent");
  EXPECT_EQ(chart["indicator"]["target"], 15.0);
  EXPECT_TRUE(chart["annotations"].is_array());
  EXPECT_NE(std::find(chart["strataAvailable"].begin(), chart["strataAvailable"].end(), "age_band"),
            chart["strataAvailable"].end());

  // The stable ward has no signal.
  auto stable =
      analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t2) + "&chart=p").json();
  EXPECT_EQ(stable["variation"], "common_cause");
  EXPECT_TRUE(stable["signals"].empty());
  EXPECT_NEAR(stable["points"][0]["centre"].get<double>(), 12.0, 1e-9);

  // A window from the query.
  auto window = analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t2) +
                            "&chart=p&from=2026-01&to=2026-06");
  ASSERT_EQ(window.status, 200) << window.body;
  ASSERT_EQ(window.json()["points"].size(), 6u);
  EXPECT_EQ(window.json()["points"][0]["period"], "2026-01");
}

TEST_F(IndicatorApi, ChartOfTheSiteAddsItsWards) {
  auto chart =
      analyst.get(std::string(kReadmission) + "/chart?scope=" + site.site_scope() + "&chart=p").json();
  ASSERT_EQ(chart["points"].size(), 36u);
  EXPECT_EQ(chart["points"][0]["numerator"], 22);
  EXPECT_EQ(chart["points"][0]["denominator"], 200);
  EXPECT_EQ(chart["points"][35]["numerator"], 31);
  EXPECT_NEAR(chart["points"][35]["value"].get<double>(), 15.5, 1e-9);
}

TEST_F(IndicatorApi, StratumHidesSmallNumbers) {
  auto base = std::string(kReadmission) + "/chart?scope=" + site.scope(site.t1) + "&chart=p&stratum=";
  auto old = analyst.get(base + "age_band:85%2B");
  ASSERT_EQ(old.status, 200) << old.body;
  const auto chart = old.json();
  EXPECT_EQ(chart["stratum"], json({{"dimension", "age_band"}, {"value", "85+"}}));
  ASSERT_EQ(chart["points"].size(), 36u);
  for (const auto& p : chart["points"]) {
    EXPECT_EQ(p["suppressed"], true) << "1 readmission of 10 a month is under 11";
    EXPECT_EQ(p["numerator"], nullptr);
    EXPECT_EQ(p["denominator"], nullptr);
    EXPECT_EQ(p["value"], nullptr);
    EXPECT_EQ(p["upper"], nullptr) << "limits at n would give the denominator away";
  }
  EXPECT_FALSE(chart["warnings"].empty());

  auto middle = analyst.get(base + "age_band:65-74").json();
  ASSERT_EQ(middle["points"].size(), 36u);
  const auto* hidden = point_at(middle, "2025-10");
  const auto* shown = point_at(middle, "2025-11");
  ASSERT_TRUE(hidden && shown);
  EXPECT_EQ((*hidden)["suppressed"], true) << "6 readmissions";
  EXPECT_EQ((*hidden)["value"], nullptr);
  EXPECT_EQ((*shown)["suppressed"], false);
  EXPECT_EQ((*shown)["numerator"], 12);
  EXPECT_EQ((*shown)["denominator"], 60);
  EXPECT_NEAR((*shown)["value"].get<double>(), 20.0, 1e-9);

  EXPECT_EQ(analyst.get(base + "shoe_size:42").status, 422);
  EXPECT_EQ(analyst.get(base + "site:1").status, 422) << "a site is a scope, not a stratum";
  EXPECT_EQ(analyst.get(base + "nocolon").status, 422);
}

TEST_F(IndicatorApi, ChartThatDoesNotFitIs422) {
  auto r = analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t1) + "&chart=c");
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/chart?chart=pie").status, 422);
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/chart?rules=astrology").status, 422);
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/chart?scope=department:99999").status, 422);
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/chart?scope=ward:1").status, 422);
}

TEST_F(IndicatorApi, XbarSChartsAMeanFromEachMonthsSpread) {
  // Every stay of the test wards is 3 days: each month's mean is 3 with no spread, so the limits close on 3.
  const std::string los = "/api/v1/indicators/average_length_of_stay_days";
  auto r = analyst.get(los + "/chart?scope=" + site.scope(site.t2) + "&chart=xbar_s");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto chart = r.json();
  EXPECT_EQ(chart["chart"], "xbar_s");
  ASSERT_EQ(chart["points"].size(), 36u);
  for (const auto& p : chart["points"]) {
    EXPECT_EQ(p["denominator"], 100);
    EXPECT_NEAR(p["value"].get<double>(), 3.0, 1e-9);
    EXPECT_NEAR(p["upper"].get<double>(), 3.0, 1e-9);
    EXPECT_NEAR(p["lower"].get<double>(), 3.0, 1e-9);
  }
  EXPECT_TRUE(chart["signals"].empty());
  // A proportion has no spread of its own to chart.
  EXPECT_EQ(
      analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t2) + "&chart=xbar_s").status,
      422);
}

TEST_F(IndicatorApi, ChartOfAUnitWithoutDataIsEmptyAndSaysWhy) {
  auto r = analyst.get(std::string(kReadmission) + "/chart?scope=" + site.scope(site.t3));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_TRUE(r.json()["points"].empty());
  EXPECT_FALSE(r.json()["warnings"].empty());
}

TEST_F(IndicatorApi, ComparesDepartmentsTheCallerMaySee) {
  auto r =
      analyst.get(std::string(kReadmission) + "/comparison?scope=" + site.site_scope() + "&by=department");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cmp = r.json();
  EXPECT_EQ(cmp["by"], "department");
  EXPECT_EQ(cmp["periods"], json({{"from", "2025-11"}, {"to", "2026-10"}}))
      << "12 months up to the last complete";
  EXPECT_EQ(cmp["suppressionThreshold"], 11);
  ASSERT_EQ(cmp["groups"].size(), 2u) << "Ward Three has no discharges: nothing to place on the funnel";
  std::map<std::string, json> by_key;
  for (const auto& g : cmp["groups"]) by_key[g["key"].get<std::string>()] = g;
  const auto t1 = by_key.at(site.scope(site.t1));
  EXPECT_EQ(t1["label"], "Ward One");
  EXPECT_EQ(t1["numerator"], 228);
  EXPECT_EQ(t1["denominator"], 1200);
  EXPECT_NEAR(t1["value"].get<double>(), 19.0, 1e-9);
  const auto t2 = by_key.at(site.scope(site.t2));
  EXPECT_NEAR(t2["value"].get<double>(), 12.0, 1e-9);
  EXPECT_NEAR(cmp["overall"].get<double>(), 15.5, 1e-9);
  EXPECT_EQ(cmp["best"], site.scope(site.t2));
  EXPECT_EQ(cmp["worst"], site.scope(site.t1));
  EXPECT_NEAR(cmp["gap"].get<double>(), 7.0, 1e-9);
  // Funnel limits around 15.5% at n = 1200: Ward One lies beyond the 99.8% ones.
  EXPECT_EQ(t1["outside998"], true);

  // A department manager sees only their own department in the comparison, and only at their scope.
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  auto own =
      manager.get(std::string(kReadmission) + "/comparison?scope=" + site.scope(site.t1) + "&by=department");
  ASSERT_EQ(own.status, 200) << own.body;
  ASSERT_EQ(own.json()["groups"].size(), 1u);
  EXPECT_EQ(own.json()["groups"][0]["key"], site.scope(site.t1));
  EXPECT_EQ(manager.get(std::string(kReadmission) + "/comparison?scope=" + site.site_scope()).status, 403);
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/comparison?by=shoe_size").status, 422);
}

TEST_F(IndicatorApi, ComparesAgeBandsWithSmallNumbersHidden) {
  auto r = analyst.get(std::string(kReadmission) + "/comparison?scope=" + site.scope(site.t1) +
                       "&by=age_band&period=2026-10&window=1");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cmp = r.json();
  EXPECT_EQ(cmp["periods"], json({{"from", "2026-10"}, {"to", "2026-10"}}));
  std::map<std::string, json> by_key;
  for (const auto& g : cmp["groups"]) by_key[g["key"].get<std::string>()] = g;
  ASSERT_EQ(by_key.size(), 3u) << cmp.dump();
  EXPECT_EQ(by_key.at("85+")["suppressed"], true);
  EXPECT_EQ(by_key.at("85+")["numerator"], nullptr);
  EXPECT_EQ(by_key.at("85+")["value"], nullptr);
  EXPECT_EQ(by_key.at("45-64")["suppressed"], true) << "6 readmissions";
  EXPECT_EQ(by_key.at("65-74")["suppressed"], false);
  EXPECT_EQ(by_key.at("65-74")["numerator"], 12);
  EXPECT_EQ(by_key.at("65-74")["denominator"], 60);
  EXPECT_NEAR(by_key.at("65-74")["value"].get<double>(), 20.0, 1e-9);
}

TEST_F(IndicatorApi, SeriesCsvIsWhatTheChartShows) {
  auto r = analyst.get(std::string(kReadmission) + "/series.csv?scope=" + site.scope(site.t1) + "&chart=p");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("Content-Type").find("text/csv"), std::string::npos);
  EXPECT_NE(r.header("Content-Disposition").find("attachment"), std::string::npos);
  std::vector<std::string> lines;
  std::size_t at = 0;
  while (at < r.body.size()) {
    auto end = r.body.find("\r\n", at);
    lines.push_back(r.body.substr(at, end - at));
    at = end == std::string::npos ? r.body.size() : end + 2;
  }
  ASSERT_EQ(lines.size(), 37u);
  EXPECT_EQ(lines[0], "period,start,end,numerator,denominator,value,centre,lower,upper,signal");
  EXPECT_EQ(lines[36].rfind("2026-10,2026-10-01,2026-10-31,19,100,19,", 0), 0u) << lines[36];
  EXPECT_NE(lines[36].find(",shift (concern)"), std::string::npos) << lines[36];
  EXPECT_EQ(lines[1].rfind("2023-11,2023-11-01,2023-11-30,10,100,10,", 0), 0u) << lines[1];

  auto hidden = analyst.get(std::string(kReadmission) + "/series.csv?scope=" + site.scope(site.t1) +
                            "&chart=p&stratum=age_band:85%2B");
  ASSERT_EQ(hidden.status, 200);
  EXPECT_NE(hidden.body.find("\r\n2026-10,2026-10-01,2026-10-31,,,,"), std::string::npos) << hidden.body;
}

TEST_F(IndicatorApi, MeasureReportIsAFhirSummaryWithStrata) {
  auto r = analyst.get(std::string(kReadmission) + "/measure-report?scope=" + site.scope(site.t1) +
                       "&period=2026-10");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.header("Content-Type").find("application/fhir+json"), std::string::npos);
  const auto m = r.json();
  EXPECT_EQ(m["resourceType"], "MeasureReport");
  EXPECT_EQ(m["status"], "complete");
  EXPECT_EQ(m["type"], "summary");
  EXPECT_EQ(m["measure"], "https://hqms.example.org/fhir/Measure/readmission_30d_percent");
  EXPECT_EQ(m["period"], json({{"start", "2026-10-01"}, {"end", "2026-10-31"}}));
  EXPECT_EQ(m["reporter"]["display"], "Ward One, Test Infirmary");
  EXPECT_EQ(m["improvementNotation"]["coding"][0]["code"], "decrease");
  const auto& group = m["group"][0];
  ASSERT_EQ(group["population"].size(), 2u);
  EXPECT_EQ(group["population"][0]["code"]["coding"][0]["code"], "numerator");
  EXPECT_EQ(group["population"][0]["count"], 19);
  EXPECT_EQ(group["population"][1]["code"]["coding"][0]["code"], "denominator");
  EXPECT_EQ(group["population"][1]["count"], 100);
  EXPECT_NEAR(group["measureScore"]["value"].get<double>(), 19.0, 1e-9);
  EXPECT_EQ(group["measureScore"]["unit"], "%");
  const json* ages = nullptr;
  for (const auto& s : group["stratifier"])
    if (s["code"][0]["text"] == "age_band") ages = &s;
  ASSERT_NE(ages, nullptr) << group.dump();
  std::map<std::string, json> strata;
  for (const auto& s : (*ages)["stratum"]) strata[s["value"]["text"].get<std::string>()] = s;
  ASSERT_TRUE(strata.count("85+") && strata.count("65-74"));
  EXPECT_FALSE(strata["85+"].contains("population")) << "suppressed strata omit their counts";
  EXPECT_FALSE(strata["85+"].contains("measureScore"));
  EXPECT_EQ(strata["65-74"]["population"][0]["count"], 12);
  EXPECT_EQ(strata["65-74"]["population"][1]["count"], 60);

  // Without a period: the last complete one with data.
  auto latest =
      analyst.get(std::string(kReadmission) + "/measure-report?scope=" + site.scope(site.t1)).json();
  EXPECT_EQ(latest["period"]["start"], "2026-10-01");
  EXPECT_EQ(analyst.get(std::string(kReadmission) + "/measure-report?period=soon").status, 422);
}

TEST_F(IndicatorApi, DepartmentManagerSeesOnlyTheirDepartment) {
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  const auto chart = std::string(kReadmission) + "/chart?scope=";
  EXPECT_EQ(manager.get(chart + site.scope(site.t1)).status, 200);
  const auto denied_before = h.audit_count("permission_denied");
  EXPECT_EQ(manager.get(chart + site.scope(site.t2)).status, 403);
  EXPECT_EQ(manager.get(chart + "organisation").status, 403);
  EXPECT_EQ(manager.get(chart + site.site_scope()).status, 403);
  EXPECT_EQ(manager.get(std::string(kReadmission) + "/series.csv?scope=" + site.scope(site.t2)).status, 403);
  EXPECT_EQ(manager.get(std::string(kReadmission) + "/measure-report?scope=organisation").status, 403);
  EXPECT_EQ(h.audit_count("permission_denied") - denied_before, 5) << "every refusal is audited";
  // Without a scope, their own department.
  auto mine = manager.get(chart);
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.json()["scope"]["id"], site.t1);
  // Someone without indicators.read at all.
  auto nurse = h.signed_in("nurse.ed");
  EXPECT_EQ(nurse.get("/api/v1/indicators").status, 403);
  EXPECT_EQ(nurse.get(chart).status, 403);
}

}  // namespace
}  // namespace hqms::test
