// Anonymous reporting: nothing that could point at the reporter is kept (no person, session, access-log line
// or moment), and the reporter follows up with a code that is stored only hashed.
#include <gtest/gtest.h>

#include <cctype>

#include "core/common/crypto.hpp"
#include "core/incidents/follow_up_code.hpp"
#include "http/incident_api_helpers.hpp"

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
                           valid_event({{"patient", {{"identifier", "MRN-7731"}, {"name", "Sean Roche"}}}}));
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
  EXPECT_FALSE(places_holding(h, "MRN-7731").empty()) << "the search itself finds what is stored";

  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=incident&entityId=" + id).json();
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

}  // namespace
}  // namespace hqms::test
