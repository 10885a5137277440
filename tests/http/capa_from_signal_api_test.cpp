// "Open a CAPA from this signal" over HTTP, on the hand-checked data set (indicator_api_helpers.hpp): Ward
// One's readmissions shift from 10% to 19% in 2025-11, a special cause of concern on its p chart. The CAPA's
// problem statement is the server's reading of that chart, whatever the browser sends.
#include <gtest/gtest.h>

#include "http/incident_api_helpers.hpp"
#include "http/indicator_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

constexpr const char* kSignalCapa = "/api/v1/indicators/readmission_30d_percent/capa";

struct CapaFromSignalApi : ::testing::Test {
  TestHospital h;
  IndicatorTestSite site = add_indicator_test_data(h);

  json signal(Id department, const std::string& period, const json& changes = json::object()) const {
    json body{{"scope", site.scope(department)},
              {"departmentId", department},
              {"period", period},
              {"rule", "shift"},
              {"reading", "concern"},
              {"chart", "p"}};
    body.merge_patch(changes);
    return body;
  }
};

TEST_F(CapaFromSignalApi, RaisesACorrectiveCapaWithTheChartsReading) {
  auto cqo = h.signed_in("cqo");
  const auto audited = h.audit_count("create");
  // Whatever the browser claims, the statement comes from the chart.
  auto r = cqo.post(kSignalCapa, signal(site.t1, "2026-10", {{"problemStatement", "Nothing to see"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto created = r.json();
  EXPECT_GT(created["id"].get<Id>(), 0);
  EXPECT_EQ(created["reference"].get<std::string>().rfind("CAPA-2026-", 0), 0u) << created.dump();

  auto capa = cqo.get("/api/v1/capa/" + std::to_string(created["id"].get<Id>()));
  ASSERT_EQ(capa.status, 200) << capa.body;
  const auto c = capa.json();
  EXPECT_EQ(c["reference"], created["reference"]);
  EXPECT_EQ(c["kind"], "corrective");
  EXPECT_EQ(c["source"], "indicator_signal");
  EXPECT_EQ(c["state"], "open");
  EXPECT_EQ(c["sourceReference"], "readmission_30d_percent Ward One, Test Infirmary 2026-10");
  // p-bar 13%, 3 sigma at n = 100 is 3 x sqrt(0.13 x 0.87 / 100) = 10.089 points.
  EXPECT_EQ(
      c["problemStatement"],
      "30-day all-cause readmissions for Ward One, Test Infirmary in 2026-10: 19 %, special cause (a shift) "
      "of concern; centre 13, limits 2.91–23.09.");
  EXPECT_EQ(c["title"], "30-day all-cause readmissions: special cause of concern in 2026-10");
  EXPECT_EQ(c["departmentName"], "Ward One");
  EXPECT_EQ(c["siteId"], site.site);
  EXPECT_EQ(c["coordinator"]["displayName"], "Dr Amara Okafor") << "the one who opens it coordinates it";
  EXPECT_EQ(h.audit_count("create") - audited, 1);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=capa").json();
  EXPECT_EQ(audit["items"][0]["entityId"], std::to_string(created["id"].get<Id>()));

  // From the site's chart, for one of its departments, with a title of the person's own.
  auto titled = cqo.post(
      kSignalCapa,
      signal(site.t1, "2025-11", {{"scope", site.site_scope()}, {"title", "Readmissions up on Ward One"}}));
  ASSERT_EQ(titled.status, 201) << titled.body;
  auto second = cqo.get("/api/v1/capa/" + std::to_string(titled.json()["id"].get<Id>())).json();
  EXPECT_EQ(second["title"], "Readmissions up on Ward One");
  EXPECT_EQ(second["sourceReference"], "readmission_30d_percent Test Infirmary 2025-11");
}

TEST_F(CapaFromSignalApi, OnlyASignalOfConcernOpensOne) {
  auto cqo = h.signed_in("cqo");
  // 2023-11 is in the shift below the centre line: an improvement, not a concern.
  EXPECT_EQ(error_fields(cqo.post(kSignalCapa, signal(site.t1, "2023-11"))),
            std::vector<std::string>{"period"});
  // Ward Two is stable.
  EXPECT_EQ(error_fields(cqo.post(kSignalCapa, signal(site.t2, "2026-10"))),
            std::vector<std::string>{"period"});
  EXPECT_EQ(error_fields(cqo.post(kSignalCapa, signal(site.t1, "2030-01"))),
            std::vector<std::string>{"period"});
  EXPECT_EQ(error_fields(cqo.post(kSignalCapa, signal(site.t1, "2026-10", {{"scope", "organisation"}}))),
            std::vector<std::string>{"scope"});
  EXPECT_EQ(error_fields(cqo.post(kSignalCapa, signal(site.t1, "2026-10", {{"scope", site.scope(site.t2)}}))),
            std::vector<std::string>{"scope"});
  EXPECT_EQ(error_fields(cqo.post(kSignalCapa, json{{"scope", site.scope(site.t1)}})),
            (std::vector<std::string>{"departmentId", "period"}));
  EXPECT_EQ(cqo.post("/api/v1/indicators/no_such/capa", signal(site.t1, "2026-10")).status, 404);
  EXPECT_EQ(cqo.get("/api/v1/capa?source=indicator_signal").json()["total"], 0);
}

TEST_F(CapaFromSignalApi, NeedsCapaManageAtTheDepartment) {
  const auto denied = h.audit_count("permission_denied");
  // Executives and analysts read the chart but do not raise CAPAs.
  EXPECT_EQ(h.signed_in("exec").post(kSignalCapa, signal(site.t1, "2026-10")).status, 403);
  EXPECT_EQ(h.signed_in("analyst").post(kSignalCapa, signal(site.t1, "2026-10")).status, 403);
  // Ward Two's manager neither reads Ward One's chart nor raises its CAPAs.
  auto other = indicator_user(h, "manager.t2", Role::department_manager, {ScopeType::department, site.t2});
  EXPECT_EQ(other.post(kSignalCapa, signal(site.t1, "2026-10")).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied") - denied, 3);
  // Ward One's manager does both.
  auto manager = indicator_user(h, "manager.t1", Role::department_manager, {ScopeType::department, site.t1});
  auto r = manager.post(kSignalCapa, signal(site.t1, "2026-10"));
  EXPECT_EQ(r.status, 201) << r.body;
}

}  // namespace
}  // namespace hqms::test
