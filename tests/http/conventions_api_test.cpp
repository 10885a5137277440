// The conventions every route shares: problem documents, status codes, headers, paging, health and metrics.
#include <gtest/gtest.h>

#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

void expect_problem(const Reply& r, int status, const std::string& type) {
  EXPECT_EQ(r.status, status) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/problem+json");
  auto doc = r.json();
  ASSERT_TRUE(doc.is_object()) << r.body;
  EXPECT_EQ(doc["type"], type);
  EXPECT_EQ(doc["status"], status);
  EXPECT_TRUE(doc["title"].is_string());
  EXPECT_TRUE(doc["detail"].is_string());
}

TEST(Conventions, HealthAndReadiness) {
  TestHospital h;
  auto c = h.client();
  EXPECT_EQ(c.get("/healthz").json()["status"], "ok");
  EXPECT_EQ(c.get("/readyz").json()["status"], "ready");
}

TEST(Conventions, StatusCodesAreProblemDocuments) {
  TestHospital h;
  auto c = h.signed_in("admin");
  expect_problem(h.client().get("/api/v1/users"), 401, "/problems/unauthenticated");
  expect_problem(c.get("/api/v1/no-such-thing"), 404, "/problems/not-found");
  expect_problem(c.get("/api/v1/users/99999"), 404, "/problems/not-found");
  expect_problem(c.get("/api/v1/users/abc"), 404, "/problems/not-found");
  expect_problem(c.send("DELETE", "/api/v1/users"), 405, "/problems/method-not-allowed");
  EXPECT_EQ(c.send("DELETE", "/api/v1/users").header("Allow"), "GET, POST");
  expect_problem(c.send("POST", "/api/v1/users", "{not json", {{"Content-Type", "application/json"}}), 400,
                 "/problems/malformed-json");
  expect_problem(c.send("POST", "/api/v1/users", "[]", {{"Content-Type", "application/json"}}), 422,
                 "/problems/validation");
  expect_problem(
      c.send("POST", "/api/v1/users", "username=x", {{"Content-Type", "application/x-www-form-urlencoded"}}),
      415, "/problems/unsupported-media-type");
  expect_problem(c.get("/api/v1/users?limit=500"), 422, "/problems/validation");
  expect_problem(c.get("/api/v1/users?sort=password_hash"), 422, "/problems/validation");
}

TEST(Conventions, BodiesOverTheLimitAre413) {
  http::ServerConfig config;
  config.body_limit = 4096;
  TestHospital h(config);
  auto c = h.client();
  auto r =
      c.send("POST", "/api/v1/auth/login", std::string(5000, ' '), {{"Content-Type", "application/json"}});
  expect_problem(r, 413, "/problems/payload-too-large");
  EXPECT_EQ(c.login("cqo", kPassword).status, 200) << "the server carries on";
}

TEST(Conventions, ValidationErrorsNameEveryField) {
  TestHospital h;
  auto c = h.signed_in("admin");
  auto r =
      c.post("/api/v1/users", {{"username", "X Y"},
                               {"displayName", ""},
                               {"email", "not-an-address"},
                               {"password", "short"},
                               {"homeDepartmentId", 999},
                               {"grants", {{{"role", "wizard"}, {"scope", {{"type", "site"}, {"id", 1}}}}}}});
  expect_problem(r, 422, "/problems/validation");
  std::set<std::string> fields;
  const auto errors = r.json()["errors"];
  for (const auto& e : errors) {
    fields.insert(e["field"].get<std::string>());
    EXPECT_FALSE(e["message"].get<std::string>().empty());
  }
  EXPECT_EQ(fields, (std::set<std::string>{"username", "displayName", "email", "password", "homeDepartmentId",
                                           "grants[0].role"}));
}

TEST(Conventions, DuplicatesAre409) {
  TestHospital h;
  auto c = h.signed_in("admin");
  auto r = c.post("/api/v1/users", {{"username", "nurse.ed"},
                                    {"displayName", "Another"},
                                    {"password", "a long enough passphrase"},
                                    {"homeDepartmentId", kEmergency}});
  expect_problem(r, 409, "/problems/conflict");
  EXPECT_EQ(r.json()["errors"][0]["field"], "username");
}

TEST(Conventions, ErrorsNeverLeakInternals) {
  TestHospital h;
  auto c = h.signed_in("admin");
  for (const auto& target :
       {"/api/v1/users?q=%27%3B%20DROP%20TABLE%20app_user%3B--", "/api/v1/audit?entityId=%27"}) {
    auto r = c.get(target);
    EXPECT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.body.find("SQL"), std::string::npos);
    EXPECT_EQ(r.body.find("sqlite"), std::string::npos);
  }
  EXPECT_EQ(c.get("/api/v1/users?q=nurse").json()["total"].get<int>() > 0, true);
}

TEST(Conventions, SecurityHeadersOnEveryResponse) {
  TestHospital h;
  for (const auto& r :
       {h.client().get("/healthz"), h.client().get("/api/v1/users"), h.client().get("/nothing.js")}) {
    EXPECT_NE(r.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(r.header("Content-Security-Policy").find("script-src 'self' 'unsafe-inline'"),
              std::string::npos);
    EXPECT_EQ(r.header("X-Content-Type-Options"), "nosniff");
    EXPECT_EQ(r.header("Referrer-Policy"), "no-referrer");
  }
  EXPECT_EQ(h.client().get("/api/v1/users").header("Cache-Control"), "no-store");
}

TEST(Conventions, ListsPageSortAndCount) {
  TestHospital h;
  auto c = h.signed_in("admin");
  auto first = c.get("/api/v1/users?limit=5&offset=0&sort=-username").json();
  auto second = c.get("/api/v1/users?limit=5&offset=5&sort=-username").json();
  EXPECT_EQ(first["total"], 40);
  EXPECT_EQ(first["limit"], 5);
  EXPECT_EQ(second["offset"], 5);
  ASSERT_EQ(first["items"].size(), 5u);
  EXPECT_GT(first["items"][4]["username"].get<std::string>(),
            second["items"][0]["username"].get<std::string>());
  EXPECT_EQ(c.get("/api/v1/users?offset=1000").json()["items"].size(), 0u);
  EXPECT_EQ(c.get("/api/v1/users?offset=1000").json()["total"], 40);
  auto reporters = c.get("/api/v1/users?role=staff_reporter&siteId=2&active=true").json();
  EXPECT_EQ(reporters["total"], 5);
}

TEST(Conventions, MetricsCountRequestsPerRoute) {
  TestHospital h;
  auto c = h.client();
  c.get("/healthz");
  c.get("/healthz");
  c.get("/api/v1/users/17");
  auto text = c.get("/metrics").body;
  EXPECT_NE(text.find("hqms_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 2"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("route=\"/api/v1/users/{id}\",status=\"401\""), std::string::npos);
  EXPECT_NE(
      text.find("hqms_http_request_duration_seconds_bucket{method=\"GET\",route=\"/healthz\",le=\"+Inf\"} 2"),
      std::string::npos);
  // The request reading the metrics is the only one in flight.
  EXPECT_NE(text.find("hqms_http_requests_in_flight 1\n"), std::string::npos) << text;
}

TEST(Conventions, AccessLogIsJsonLinesWithoutQueryStrings) {
  TestHospital h;
  auto c = h.signed_in("admin");
  c.get("/api/v1/users?q=Patient%20Name");
  auto log = h.access_log();
  ASSERT_FALSE(log.empty());
  auto line = nlohmann::json::parse(log.back());
  EXPECT_EQ(line["method"], "GET");
  EXPECT_EQ(line["path"], "/api/v1/users");
  EXPECT_EQ(line["status"], 200);
  EXPECT_TRUE(line["userId"].is_number());
  EXPECT_TRUE(line["durationMs"].is_number());
  for (const auto& l : log) EXPECT_EQ(l.find("Patient"), std::string::npos);
  for (const auto& l : log) EXPECT_EQ(l.find(kPassword), std::string::npos) << "bodies are never logged";
}

TEST(Conventions, MalformedTargetsAreRefused) {
  TestHospital h;
  auto c = h.client();
  EXPECT_EQ(c.get("/api/v1/users?q=%zz").status, 400);
  EXPECT_EQ(c.get("/api/v1/users/%00").status, 400);
}

}  // namespace
}  // namespace hqms::test
