// Anonymous reporting: nothing that could point at the reporter is kept (no person, session, access-log line
// or moment), and the reporter follows up with a code that is stored only hashed.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "core/common/crypto.hpp"
#include "core/incidents/follow_up_code.hpp"
#include "http/incident_api_helpers.hpp"
#include "store/audit/held_release.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

// Today's midnight (UTC) on the hospital's clock, as stored and answered.
std::string midnight(TestHospital& h) {
  return format_iso(Timestamp(std::chrono::floor<std::chrono::days>(h.clock().now())));
}

std::int64_t count_rows(TestHospital& h, const std::string& table) {
  return std::stoll(column_of(h, "SELECT COUNT(*) FROM " + table).at(0));
}

// Every table and column of the database holding `needle` anywhere in its text.
std::vector<std::string> places_holding(TestHospital& h, const std::string& needle) {
  const bool postgres = RawConnection(h)->dialect() == store::sql::Dialect::postgres;
  const auto tables = column_of(h, postgres ? "SELECT table_name FROM information_schema.tables WHERE "
                                              "table_schema = current_schema() AND table_type = 'BASE TABLE'"
                                            : "SELECT name FROM sqlite_master WHERE type = 'table'");
  std::vector<std::string> found;
  for (const auto& table : tables) {
    const auto columns = column_of(
        h, postgres
               ? "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() "
                 "AND table_name = '" +
                     table + "'"
               : "SELECT name FROM pragma_table_info('" + table + "')");
    for (const auto& column : columns) {
      const auto values = column_of(h, "SELECT CAST(\"" + column + "\" AS TEXT) FROM \"" + table + "\"");
      for (const auto& v : values)
        if (v.find(needle) != std::string::npos) found.push_back(table + "." + column);
    }
  }
  return found;
}

struct Anonymous {
  std::string reference;
  std::string code;
};

Anonymous report_anonymously(TestHospital& h, const json& changes = json::object()) {
  auto r = h.client().post("/api/v1/anonymous-reports", valid_event(changes));
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  if (!j.is_object() || !j.contains("followUpCode")) return {};
  return {j["reference"], j["followUpCode"]};
}

Id id_of(const std::string& reference) {
  return std::stoll(reference.substr(reference.rfind('-') + 1));
}

TEST(AnonymousReport, KeepsNothingThatIdentifiesTheReporter) {
  TestHospital h;
  h.clock().advance(std::chrono::minutes(6 * 60 + 37));  // 14:37, well away from midnight
  const auto log_before = h.access_log().size();
  const auto sessions_before = count_rows(h, "user_session");
  auto r = h.client().post("/api/v1/anonymous-reports",
                           valid_event({{"patient", {{"identifier", "MRN-7731"}, {"name", "Sean Roche"}}},
                                        {"location", "Bay 7731"}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto answer = r.json();
  const std::string code = answer["followUpCode"];
  const std::string reference = answer["reference"];
  ASSERT_EQ(code.size(), 19u) << code;
  EXPECT_EQ(normalise_follow_up_code(code), code);
  EXPECT_EQ(answer["state"], "submitted");
  EXPECT_TRUE(r.header("Set-Cookie").empty());
  EXPECT_EQ(h.access_log().size(), log_before) << "no access-log line for an anonymous report";
  EXPECT_EQ(count_rows(h, "user_session"), sessions_before);

  const auto id = std::to_string(id_of(reference));
  EXPECT_EQ(column_of(h, "SELECT reporter_id FROM incident WHERE id = " + id),
            std::vector<std::string>{"NULL"});
  EXPECT_EQ(column_of(h, "SELECT submitted_at FROM incident WHERE id = " + id),
            std::vector<std::string>{"2026-11-26T00:00:00.000Z"});
  EXPECT_EQ(column_of(h, "SELECT updated_at FROM incident WHERE id = " + id),
            std::vector<std::string>{"2026-11-26T00:00:00.000Z"});
  EXPECT_EQ(column_of(h, "SELECT code_hash FROM anonymous_follow_up"),
            std::vector<std::string>{sha256_hex(code)});
  std::string bare = code;
  std::erase(bare, '-');
  EXPECT_EQ(places_holding(h, code), std::vector<std::string>{});
  EXPECT_EQ(places_holding(h, bare), std::vector<std::string>{});
  // The patient's identifier is sealed at rest (docs/security.md), so the search is shown to work on the
  // location, which is stored as written.
  EXPECT_FALSE(places_holding(h, "Bay 7731").empty()) << "the search itself finds what is stored";
  EXPECT_EQ(places_holding(h, "MRN-7731"), std::vector<std::string>{});

  auto auditor = h.signed_in("auditor");
  const auto audit_path = "/api/v1/audit?entityType=incident&entityId=" + id;
  EXPECT_EQ(auditor.get(audit_path).json()["total"], 0) << "the entry is held until the day is over";
  ASSERT_EQ(*store::release_held_audit_events(h.db(), h.clock().now()), 0) << "not yet: the day is not over";
  ASSERT_EQ(*store::release_held_audit_events(h.db(), h.clock().now() + std::chrono::hours(10)), 1);
  auto audit = auditor.get(audit_path).json();
  ASSERT_EQ(audit["total"], 1) << audit.dump();
  const auto entry = audit["items"][0];
  EXPECT_EQ(entry["at"], midnight(h));
  EXPECT_TRUE(entry["actor"].is_null());
  EXPECT_EQ(entry["actorUsername"], "anonymous");
  EXPECT_EQ(entry["summary"], "Reported anonymously " + reference);

  auto seen = h.signed_in("pso.main").get(incident_path(id_of(reference))).json();
  EXPECT_EQ(seen["anonymous"], true);
  EXPECT_TRUE(seen["reporter"].is_null());
  EXPECT_EQ(seen["submittedAt"], "2026-11-26T00:00:00.000Z");
  EXPECT_EQ(seen["patient"]["identifier"], "MRN-7731");
}

TEST(AnonymousReport, RetryWithTheSameKeyGivesTheSameReportAndASecondCode) {
  TestHospital h;
  const auto body = valid_event({{"submissionKey", "0b6f4c1e-2d7a-4f53-9a8e-6c1d2e3f4a5b"}});
  auto first = h.client().post("/api/v1/anonymous-reports", body);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = h.client().post("/api/v1/anonymous-reports", body);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["reference"], first.json()["reference"]);
  EXPECT_NE(again.json()["followUpCode"], first.json()["followUpCode"]);
  for (const auto& code : {first.json()["followUpCode"], again.json()["followUpCode"]})
    EXPECT_EQ(h.client().post("/api/v1/anonymous-reports/follow-up", {{"code", code}}).json()["reference"],
              first.json()["reference"]);
  // A staff member's own key of the same text is theirs alone.
  auto nurse = h.signed_in("nurse.ed");
  auto staff = nurse.post("/api/v1/incidents", body);
  ASSERT_EQ(staff.status, 201) << staff.body;
  EXPECT_NE(staff.json()["reference"], first.json()["reference"]);
}

TEST(AnonymousReport, AGuessableKeyIsRefused) {
  TestHospital h;
  auto r = h.client().post("/api/v1/anonymous-reports", valid_event({{"submissionKey", "anon-tab-1"}}));
  ASSERT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(r.json()["errors"][0]["field"], "submissionKey");
}

TEST(AnonymousReport, FollowUpShowsTheStateAndOnlyTheConversationWithTheReporter) {
  TestHospital h;
  const auto filed = report_anonymously(h);
  const auto id = id_of(filed.reference);
  auto pso = h.signed_in("pso.main");
  ASSERT_EQ(
      pso.post(incident_path(id, "/comments"), {{"body", "Which bay was it?"}, {"toReporter", true}}).status,
      201);
  ASSERT_EQ(pso.post(incident_path(id, "/comments"), {{"body", "Check the agency rota."}}).status, 201);
  ASSERT_EQ(pso.post(incident_path(id, "/triage"), {{"severity", "minor"}}).status, 200);

  h.clock().advance(std::chrono::hours(20));  // the next day, 04:00
  pso = h.signed_in("pso.main");
  const auto log_before = h.access_log().size();
  auto anon = h.client();
  auto follow = anon.post("/api/v1/anonymous-reports/follow-up", {{"code", filed.code}});
  ASSERT_EQ(follow.status, 200) << follow.body;
  auto seen = follow.json();
  EXPECT_EQ(seen["reference"], filed.reference);
  EXPECT_EQ(seen["state"], "in_triage");
  EXPECT_EQ(seen["stateLabel"], "In triage");
  EXPECT_EQ(seen["submittedOn"], "2026-11-26");
  ASSERT_EQ(seen["messages"].size(), 1u) << seen.dump();
  EXPECT_EQ(seen["messages"][0]["from"], "safety_team");
  EXPECT_EQ(seen["messages"][0]["body"], "Which bay was it?");
  EXPECT_FALSE(seen["messages"][0].contains("author")) << "no staff names for the reporter";

  // Typed loosely: lower case, without dashes.
  std::string typed = filed.code;
  std::erase(typed, '-');
  for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto reply =
      anon.post("/api/v1/anonymous-reports/replies", {{"code", typed}, {"body", "Bay 3, by the window."}});
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.json()["from"], "reporter");
  EXPECT_EQ(reply.json()["on"], "2026-11-27");
  EXPECT_EQ(anon.post("/api/v1/anonymous-reports/replies", {{"code", filed.code}, {"body", "  "}}).status,
            422);
  EXPECT_EQ(h.access_log().size(), log_before);

  auto again = anon.post("/api/v1/anonymous-reports/follow-up", {{"code", filed.code}}).json();
  ASSERT_EQ(again["messages"].size(), 2u);
  EXPECT_EQ(again["messages"][1]["body"], "Bay 3, by the window.");

  const auto thread = pso.get(incident_path(id, "/comments")).json()["items"];
  ASSERT_EQ(thread.size(), 3u);
  EXPECT_EQ(thread[2]["fromReporter"], true);
  EXPECT_TRUE(thread[2]["author"].is_null());
  EXPECT_EQ(thread[2]["at"], "2026-11-27T00:00:00.000Z") << "a reply keeps only its day";

  ASSERT_EQ(*store::release_held_audit_events(h.db(), h.clock().now() + std::chrono::hours(24)), 2)
      << "the report's entry and the reply's";
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=comment&limit=1").json();
  ASSERT_EQ(audit["total"], 3);
  EXPECT_EQ(audit["items"][0]["actorUsername"], "anonymous");
  EXPECT_TRUE(audit["items"][0]["actor"].is_null());
  EXPECT_EQ(audit["items"][0]["at"], "2026-11-27T00:00:00.000Z");
}

TEST(AnonymousReport, UnknownAndMalformedCodesGetTheSameNotFound) {
  TestHospital h;
  report_anonymously(h);
  auto anon = h.client();
  auto unknown = anon.post("/api/v1/anonymous-reports/follow-up", {{"code", "0000-0000-0000-0000"}});
  auto malformed = anon.post("/api/v1/anonymous-reports/follow-up", {{"code", "not a code!"}});
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(malformed.status, 404);
  EXPECT_EQ(unknown.json()["detail"], malformed.json()["detail"]);
  EXPECT_EQ(unknown.json()["detail"], "No report has that follow-up code. Check it and try again.");
  auto reply =
      anon.post("/api/v1/anonymous-reports/replies", {{"code", "0000-0000-0000-0000"}, {"body", "hello"}});
  EXPECT_EQ(reply.status, 404);
  EXPECT_EQ(anon.post("/api/v1/anonymous-reports/follow-up", json::object()).status, 422);
}

TEST(AnonymousReport, InvalidReportsAreRefusedLikeStaffReports) {
  TestHospital h;
  auto r =
      h.client().post("/api/v1/anonymous-reports", valid_event({{"type", "near_miss"}, {"harm", "severe"}}));
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_fields(r), std::vector<std::string>{"harm"});
  EXPECT_EQ(count_rows(h, "incident"), 0);
}

// Issue 12, finding 3: one client once filed 6,126 anonymous reports in 10 seconds.
TEST(AnonymousReport, AFloodFromOneAddressIsRefusedWithRetryAfter) {
  http::ServerConfig config;
  config.anonymous_limit = {3, 1000};
  config.trusted_proxies = *http::TrustedProxies::parse({"127.0.0.1"});
  TestHospital h(config);
  const auto from = [&](const std::string& address) {
    return h.client().send("POST", "/api/v1/anonymous-reports", valid_event().dump(),
                           {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}});
  };
  for (int i = 0; i < 3; ++i) EXPECT_EQ(from("10.1.1.1").status, 201);
  auto refused = from("10.1.1.1");
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.json()["type"], "/problems/too-many-requests");
  EXPECT_EQ(refused.header("Retry-After"), "1200") << "one report every 20 minutes at three an hour";
  // Guessing follow-up codes draws on the same allowance.
  EXPECT_EQ(
      h.client()
          .send("POST", "/api/v1/anonymous-reports/follow-up", json{{"code", "0000-0000-0000-0000"}}.dump(),
                {{"Content-Type", "application/json"}, {"X-Forwarded-For", "10.1.1.1"}})
          .status,
      429);
  EXPECT_EQ(from("10.1.1.2").status, 201) << "another address is not held back";
  EXPECT_EQ(count_rows(h, "incident"), 4) << "nothing of a refused report is kept";
  h.clock().advance(std::chrono::minutes(21));
  EXPECT_EQ(from("10.1.1.1").status, 201);
  EXPECT_EQ(places_holding(h, "10.1.1.1"), std::vector<std::string>{}) << "no address is stored";
}

TEST(AnonymousReport, ACeilingHoldsAgainstManyAddressesAtOnce) {
  http::ServerConfig config;
  config.anonymous_limit = {100, 5};
  config.trusted_proxies = *http::TrustedProxies::parse({"127.0.0.1"});
  TestHospital h(config);
  int created = 0, refused = 0;
  for (int i = 0; i < 8; ++i) {
    auto r = h.client().send(
        "POST", "/api/v1/anonymous-reports", valid_event().dump(),
        {{"Content-Type", "application/json"}, {"X-Forwarded-For", "10.2.0." + std::to_string(i)}});
    (r.status == 201 ? created : refused) += 1;
    if (r.status == 429) {
      EXPECT_FALSE(r.header("Retry-After").empty());
    }
  }
  EXPECT_EQ(created, 5);
  EXPECT_EQ(refused, 3);
}

// Issue 12, finding 6: neither an anonymous report's id (nor the reference made from it) nor its audit
// entry's place in the chain may say which signed-in records came before or after it.
TEST(AnonymousReport, ItsIdAndAuditEntryDoNotPlaceItAmongOtherRecords) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto staff_report = [&] {
    auto r = nurse.post("/api/v1/incidents", valid_event());
    EXPECT_EQ(r.status, 201) << r.body;
    return r.json()["id"].get<Id>();
  };
  // Alternate: staff, anonymous, staff, anonymous... With sequential ids every anonymous id would sit between
  // the staff ids filed just before and after it.
  std::vector<Id> staff, anonymous;
  for (int i = 0; i < 6; ++i) {
    staff.push_back(staff_report());
    anonymous.push_back(id_of(report_anonymously(h).reference));
  }
  const Id first_staff = staff.front();
  for (Id a : anonymous) EXPECT_LT(a, first_staff) << "anonymous ids come from the block set aside before";
  EXPECT_EQ(std::set<Id>(anonymous.begin(), anonymous.end()).size(), anonymous.size());
  for (std::size_t i = 1; i < staff.size(); ++i) EXPECT_EQ(staff[i], staff[i - 1] + 1) << "staff ids run on";
  // Drawn at random from the block: six draws come out in filing order once in 720 days, and the five after
  // them once in 120; both together once in 86,400.
  bool increasing = std::is_sorted(anonymous.begin(), anonymous.end());
  bool again_increasing = true;
  {
    std::vector<Id> more;
    for (int i = 0; i < 5; ++i) more.push_back(id_of(report_anonymously(h).reference));
    again_increasing = std::is_sorted(more.begin(), more.end());
  }
  EXPECT_FALSE(increasing && again_increasing) << "anonymous ids follow the filing order (p = 1/86,400)";

  // The audit entries wait for the day's end and then join in random order, after everything of that day.
  EXPECT_EQ(*store::release_held_audit_events(h.db(), h.clock().now()), 0);
  EXPECT_EQ(*store::release_held_audit_events(h.db(), h.clock().now() + std::chrono::hours(24)), 11);
  auto trail =
      h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=create&sort=seq&limit=100");
  const auto entries = trail.json();
  std::vector<std::string> order;
  for (const auto& e : entries["items"]) order.push_back(e["actorUsername"].get<std::string>());
  ASSERT_EQ(order.size(), 17u) << trail.body;
  EXPECT_EQ(std::count(order.begin(), order.begin() + 6, "anonymous"), 0) << "staff entries first, as made";
  EXPECT_EQ(std::count(order.begin() + 6, order.end(), "anonymous"), 11) << "then the day's held entries";
  EXPECT_EQ(*store::release_held_audit_events(h.db(), h.clock().now() + std::chrono::hours(48)), 0)
      << "nothing is released twice";
  EXPECT_EQ(count_rows(h, "held_audit_event"), 0);
}

TEST(AnonymousFloodLimit, KnowsAddressesOnlyByADailyKeyedHashAndForgetsThemAtMidnight) {
  http::AnonymousFloodLimit limit({1, 1000});
  const Timestamp day = *parse_iso("2026-12-01T10:00:00Z");
  EXPECT_FALSE(limit.admit("10.0.0.1", day));
  EXPECT_TRUE(limit.admit("10.0.0.1", day + std::chrono::minutes(1)));
  EXPECT_EQ(limit.tracked(), 1u);
  EXPECT_FALSE(limit.admit("10.0.0.1", *parse_iso("2026-12-02T00:00:01Z")))
      << "a new day, a new key, no counts";
  EXPECT_EQ(limit.tracked(), 1u);
}

}  // namespace
}  // namespace hqms::test
