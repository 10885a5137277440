// Where CAPAs meet the rest of HQMS: raised from an investigation's action plan, and escalated when late on
// the home page and in the daily digest of overdue actions.
#include <gtest/gtest.h>

#include "http/capa/capa_json.hpp"
#include "http/capa/overdue_digest_job.hpp"
#include "http/capa_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

std::string investigation_path(Id id, const std::string& rest = "") {
  return "/api/v1/investigations/" + std::to_string(id) + rest;
}

TEST(CapaFromInvestigation, ThePlanItemBecomesACapaOnce) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto event = file_event(nurse, valid_event({{"harm", "severe"}, {"harmDuration", "temporary"}}));
  auto pso = h.signed_in("pso.main");
  ASSERT_EQ(pso.post(incident_path(event, "/triage"), {{"severity", "major"}}).status, 200);
  auto started = pso.post("/api/v1/investigations",
                          {{"title", "Collapse in the waiting room"}, {"incidentIds", {event}}});
  ASSERT_EQ(started.status, 201) << started.body;
  const auto inv = started.json()["id"].get<Id>();
  const auto manager = user_id(h, "manager.ed");
  auto saved =
      pso.put(investigation_path(inv),
              {{"rootCauses", {"Waiting-room patients are not re-assessed.", "One nurse for 30 patients."}},
               {"actions",
                {{{"description", "Automatic re-triage alert after 30 minutes"},
                  {"ownerId", manager},
                  {"dueOn", "2027-01-15"},
                  {"strength", "stronger"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const auto item = saved.json()["actions"][0]["id"].get<Id>();
  const auto rca = saved.json()["reference"].get<std::string>();
  const auto target = investigation_path(inv, "/actions/" + std::to_string(item) + "/capa");

  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(h.signed_in("manager.ed").post(target, json::object()).status, 403)
      << "capa.manage without the right to change the investigation";
  EXPECT_EQ(h.signed_in("pso.north").post(target, json::object()).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 2);
  EXPECT_EQ(pso.post(investigation_path(inv, "/actions/999999/capa"), json::object()).status, 404);

  auto raised = pso.post(target, json::object());
  ASSERT_EQ(raised.status, 201) << raised.body;
  const auto c = raised.json();
  EXPECT_EQ(c["source"], "incident_investigation");
  EXPECT_EQ(c["sourceLabel"], "Incident investigation");
  EXPECT_EQ(c["investigation"]["id"], inv);
  EXPECT_EQ(c["investigation"]["reference"], rca);
  EXPECT_EQ(c["title"], rca + ": Automatic re-triage alert after 30 minutes");
  EXPECT_EQ(c["departmentId"], kEmergency);
  EXPECT_EQ(c["coordinator"]["displayName"], "Daniel Osei");
  EXPECT_EQ(c["rootCause"], "Waiting-room patients are not re-assessed.\nOne nurse for 30 patients.");
  EXPECT_NE(c["problemStatement"].get<std::string>().find("Collapse in the waiting room"), std::string::npos);
  EXPECT_NE(c["problemStatement"].get<std::string>().find("PSE-2026-"), std::string::npos)
      << c["problemStatement"];
  ASSERT_EQ(c["actions"].size(), 1u);
  EXPECT_EQ(c["actions"][0]["investigationActionId"], item);
  EXPECT_EQ(c["actions"][0]["owner"]["id"], manager);
  EXPECT_EQ(c["actions"][0]["dueOn"], "2027-01-15");
  EXPECT_EQ(c["actions"][0]["strength"], "stronger");

  const auto v = pso.get(investigation_path(inv)).json();
  EXPECT_EQ(v["actions"][0]["correctiveActionId"], c["id"]);
  EXPECT_EQ(v["actions"][0]["correctiveActionReference"], c["reference"]);
  EXPECT_EQ(v["version"], 3) << "linking is a change of the investigation";
  auto twice = pso.post(target, json::object());
  EXPECT_EQ(twice.status, 409);
  EXPECT_NE(twice.json()["detail"].get<std::string>().find(c["reference"].get<std::string>()),
            std::string::npos);
  EXPECT_EQ(pso.get("/api/v1/capa?investigationId=" + std::to_string(inv)).json()["total"], 1);
  EXPECT_EQ(pso.get("/api/v1/capa?source=incident_investigation").json()["total"], 1);
}

// A planned ED CAPA coordinated by pso.main whose one action, owned by nurse.ed, was due 2026-11-30; the
// clock is moved to 2026-12-05.
Id overdue_capa(TestHospital& h) {
  auto pso = h.signed_in("pso.main");
  const auto id = raise_capa(pso, capa_body(user_id(h, "nurse.ed"), {{"actions",
                                                                      {{{"description", "Trolley printers"},
                                                                        {"strength", "stronger"},
                                                                        {"ownerId", user_id(h, "nurse.ed")},
                                                                        {"dueOn", "2026-11-30"}}}}}));
  move_capa(pso, id, "planned");
  h.clock().advance(std::chrono::days(9));
  return id;
}

TEST(CapaEscalation, OverdueActionsShowToTheOwnerAndTheirManager) {
  TestHospital h;
  const auto id = overdue_capa(h);
  auto mine = h.signed_in("nurse.ed").get("/api/v1/me/overdue-actions");
  ASSERT_EQ(mine.status, 200) << mine.body;
  const auto own = mine.json();
  ASSERT_EQ(own["own"].size(), 1u);
  EXPECT_EQ(own["team"].size(), 0u);
  const auto item = own["own"][0];
  EXPECT_EQ(item["capaId"], id);
  EXPECT_EQ(item["capaReference"], "CAPA-2026-0001");
  EXPECT_EQ(item["description"], "Trolley printers");
  EXPECT_EQ(item["dueOn"], "2026-11-30");
  EXPECT_EQ(item["daysOverdue"], 5);
  EXPECT_EQ(item["owner"]["displayName"], "Aoife Byrne");
  EXPECT_EQ(item["departmentName"], "Emergency Department");
  EXPECT_GT(item["actionId"].get<Id>(), 0);

  const auto team = h.signed_in("manager.ed").get("/api/v1/me/overdue-actions").json();
  EXPECT_EQ(team["own"].size(), 0u);
  ASSERT_EQ(team["team"].size(), 1u);
  EXPECT_EQ(team["team"][0]["capaId"], id);
  const auto elsewhere = h.signed_in("manager.icu").get("/api/v1/me/overdue-actions").json();
  EXPECT_EQ(elsewhere["own"].size() + elsewhere["team"].size(), 0u);
  EXPECT_EQ(h.signed_in("pso.main").get("/api/v1/me/overdue-actions").json()["own"].size(), 0u)
      << "the coordinator answers for the effectiveness check, not the actions";
}

TEST(CapaEscalation, TheDailyDigestNotifiesEachPersonOncePerDay) {
  TestHospital h;
  overdue_capa(h);
  EXPECT_EQ(h.signed_in("manager.ed").post("/api/v1/capa/digests", json::object()).status, 403)
      << "running it needs capa.manage organisation-wide";
  auto cqo = h.signed_in("cqo");
  auto run = cqo.post("/api/v1/capa/digests", json::object());
  ASSERT_EQ(run.status, 200) << run.body;
  EXPECT_EQ(run.json(), json({{"day", "2026-12-05"}, {"users", 2}, {"items", 1}}))
      << "the owner and the manager";

  auto nurse = h.signed_in("nurse.ed");
  auto inbox = nurse.get("/api/v1/me/notifications");
  ASSERT_EQ(inbox.status, 200) << inbox.body;
  auto items = inbox.json()["items"];
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0]["kind"], "overdue_digest");
  EXPECT_EQ(items[0]["day"], "2026-12-05");
  EXPECT_EQ(items[0]["title"], "1 overdue action (1 yours)");
  EXPECT_NE(items[0]["body"].get<std::string>().find("CAPA-2026-0001"), std::string::npos);
  ASSERT_EQ(items[0]["items"].size(), 1u);
  EXPECT_EQ(items[0]["items"][0]["daysOverdue"], 5);
  EXPECT_EQ(items[0]["readAt"], nullptr);
  const auto manager_inbox = h.signed_in("manager.ed").get("/api/v1/me/notifications").json();
  ASSERT_EQ(manager_inbox["items"].size(), 1u);
  EXPECT_EQ(manager_inbox["items"][0]["title"], "1 overdue action (0 yours)");

  ASSERT_EQ(cqo.post("/api/v1/capa/digests", {{"day", "2026-12-05"}}).status, 200);
  EXPECT_EQ(nurse.get("/api/v1/me/notifications").json()["items"].size(), 1u)
      << "the day's digest is replaced";
  auto earlier = cqo.post("/api/v1/capa/digests", {{"day", "2026-12-03"}});
  ASSERT_EQ(earlier.status, 200);
  EXPECT_EQ(earlier.json()["day"], "2026-12-03");
  EXPECT_EQ(nurse.get("/api/v1/me/notifications").json()["items"].size(), 2u);
  EXPECT_EQ(error_fields(cqo.post("/api/v1/capa/digests", {{"day", "5 December"}})),
            std::vector<std::string>{"day"});
  EXPECT_EQ(h.audit_count("digest"), 3);

  const auto id = std::to_string(items[0]["id"].get<Id>());
  EXPECT_EQ(h.signed_in("manager.ed").post("/api/v1/me/notifications/" + id + "/read", json::object()).status,
            404)
      << "not theirs";
  auto read = nurse.post("/api/v1/me/notifications/" + id + "/read", json::object());
  EXPECT_EQ(read.status, 204) << read.body;
  const auto after = nurse.get("/api/v1/me/notifications?limit=5").json()["items"];
  const auto marked =
      std::find_if(after.begin(), after.end(), [&](const json& n) { return n["id"] == items[0]["id"]; });
  ASSERT_NE(marked, after.end());
  EXPECT_EQ((*marked)["readAt"], "2026-12-05T08:00:00.000Z");
  EXPECT_EQ(nurse.get("/api/v1/me/notifications?limit=0").status, 422);
}

TEST(CapaEscalation, TheServerRunsTheDigestOnceADay) {
  TestHospital h;
  overdue_capa(h);
  auto first = http::run_overdue_digest_if_due(h.db(), h.clock().now());
  ASSERT_TRUE(first) << first.error().message;
  ASSERT_TRUE(first->has_value());
  EXPECT_EQ((*first)->users, 2);
  auto again = http::run_overdue_digest_if_due(h.db(), h.clock().now() + std::chrono::hours(3));
  ASSERT_TRUE(again);
  EXPECT_FALSE(again->has_value()) << "already ran today";
  auto tomorrow = http::run_overdue_digest_if_due(h.db(), h.clock().now() + std::chrono::days(1));
  ASSERT_TRUE(tomorrow);
  ASSERT_TRUE(tomorrow->has_value());
  EXPECT_EQ(http::date_text((*tomorrow)->day), "2026-12-06");
  auto audit = h.signed_in("auditor").get("/api/v1/audit?action=digest").json();
  ASSERT_EQ(audit["total"], 2);
  EXPECT_EQ(audit["items"][0]["actorUsername"], "system");
}

}  // namespace
}  // namespace hqms::test
