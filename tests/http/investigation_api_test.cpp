// Root-cause analysis: starting one from a triaged event, the fishbone, whys and action plan, completion,
// the Pareto of contributing factors, and who may read or change it.
#include <gtest/gtest.h>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

std::string investigation_path(Id id, const std::string& rest = "") {
  return "/api/v1/investigations/" + std::to_string(id) + rest;
}

// A severe-harm event in the Emergency Department, reported and triaged.
Id triaged_event(TestHospital& h) {
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event({{"harm", "severe"}, {"harmDuration", "temporary"}}));
  EXPECT_EQ(h.signed_in("pso.main").post(incident_path(id, "/triage"), {{"severity", "major"}}).status, 200);
  return id;
}

Id start_investigation(HttpClient& as, Id incident, const std::string& title) {
  auto r = as.post("/api/v1/investigations", {{"title", title}, {"incidentIds", {incident}}});
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  return j.is_object() && j.contains("id") ? j["id"].get<Id>() : 0;
}

TEST(Investigation, StartingOneMovesTheEventUnderInvestigation) {
  TestHospital h;
  const auto event = triaged_event(h);
  auto pso = h.signed_in("pso.main");
  auto r = pso.post("/api/v1/investigations",
                    {{"title", "Collapse in the waiting room"}, {"incidentIds", {event}}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto v = r.json();
  EXPECT_EQ(v["reference"], "RCA-2026-0001");
  EXPECT_EQ(v["state"], "in_progress");
  EXPECT_EQ(v["lead"]["displayName"], "Daniel Osei");
  EXPECT_EQ(v["departmentName"], "Emergency Department");
  EXPECT_EQ(v["incidentIds"], json({event}));
  EXPECT_EQ(v["fishboneCategories"].size(), 7u);
  EXPECT_EQ(v["can"]["edit"], true);
  EXPECT_EQ(v["version"], 1);

  const auto incident = pso.get(incident_path(event)).json();
  EXPECT_EQ(incident["state"], "under_investigation");
  EXPECT_EQ(incident["investigationId"], v["id"]);
  auto twice = pso.post("/api/v1/investigations", {{"title", "Again"}, {"incidentIds", {event}}});
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(error_fields(twice), std::vector<std::string>{"incidentIds[0]"});
  EXPECT_EQ(error_fields(pso.post("/api/v1/investigations", {{"title", "Nothing"}})),
            std::vector<std::string>{"incidentIds"});
  EXPECT_EQ(h.signed_in("manager.ed")
                .post("/api/v1/investigations", {{"title", "Mine"}, {"incidentIds", {event}}})
                .status,
            403);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=investigation").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["summary"], "Started the investigation " + v["reference"].get<std::string>());
}

TEST(Investigation, TheRecordIsSavedWholeAndGuardedByItsVersion) {
  TestHospital h;
  const auto event = triaged_event(h);
  auto pso = h.signed_in("pso.main");
  const auto id = start_investigation(pso, event, "Collapse in the waiting room");
  const auto manager = user_id(h, "manager.ed");
  const json record{
      {"version", 1},
      {"team", {{{"userId", manager}, {"role", "clinical expert"}}}},
      {"timeline", {{{"at", "2026-11-26T07:10:00Z"}, {"fact", "Patient triaged as category 3."}}}},
      {"whys",
       {{{"problem", "Deterioration not noticed"},
         {"whys", {"No observations for 50 minutes", "One nurse for 30 patients"}}}}},
      {"causes",
       {{{"category", "Communication"}, {"text", "Handover missed the chest pain"}},
        {{"category", "Task & process"}, {"text", "No re-triage timer"}, {"contributing", true}}}},
      {"rootCauses", {"Waiting-room patients are not re-assessed on a schedule."}},
      {"actions",
       {{{"description", "Automatic re-triage alert after 30 minutes"},
         {"ownerId", manager},
         {"dueOn", "2027-01-15"},
         {"strength", "stronger"}}}}};
  auto r = pso.put(investigation_path(id), record);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto v = r.json();
  EXPECT_EQ(v["version"], 2);
  EXPECT_EQ(v["team"][0]["displayName"], "Dr Sam Patel");
  EXPECT_EQ(v["whys"][0]["whys"][1], "One nurse for 30 patients");
  EXPECT_EQ(v["causes"][1],
            json({{"category", "Task & process"}, {"text", "No re-triage timer"}, {"contributing", true}}));
  EXPECT_EQ(v["timeline"][0]["at"], "2026-11-26T07:10:00.000Z");
  ASSERT_EQ(v["actions"].size(), 1u);
  EXPECT_GT(v["actions"][0]["id"].get<Id>(), 0);
  EXPECT_EQ(v["actions"][0]["ownerName"], "Dr Sam Patel");
  EXPECT_EQ(v["actions"][0]["dueOn"], "2027-01-15");
  EXPECT_EQ(v["onlyWeakerActions"], false);

  auto stale = pso.put(investigation_path(id), {{"version", 1}, {"title", "Renamed"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(error_fields(stale), std::vector<std::string>{"version"});
  auto unknown =
      pso.put(investigation_path(id), {{"causes", {{{"category", "Weather"}, {"text", "It was raining"}}}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(error_fields(unknown), std::vector<std::string>{"causes[0].category"});
  EXPECT_EQ(error_fields(pso.put(investigation_path(id),
                                 {{"actions", {{{"description", "x"}, {"strength", "strong"}}}}})),
            std::vector<std::string>{"actions[0].strength"});

  // Keeping the action's id keeps the action; the team member may edit too.
  auto member = h.signed_in("manager.ed");
  auto weaker = member.put(investigation_path(id), {{"version", 2},
                                                    {"actions",
                                                     {{{"id", v["actions"][0]["id"]},
                                                       {"description", "Remind staff to re-triage"},
                                                       {"strength", "weaker"}}}}});
  ASSERT_EQ(weaker.status, 200) << weaker.body;
  EXPECT_EQ(weaker.json()["actions"][0]["id"], v["actions"][0]["id"]);
  EXPECT_EQ(weaker.json()["onlyWeakerActions"], true);
  EXPECT_EQ(weaker.json()["causes"].size(), 2u) << "what the body leaves out is kept";
  EXPECT_EQ(weaker.json()["version"], 3);
}

TEST(Investigation, ThePeopleNamedMustBeUsers) {
  TestHospital h;
  const auto event = triaged_event(h);
  auto pso = h.signed_in("pso.main");
  auto unknown_lead =
      pso.post("/api/v1/investigations", {{"title", "x"}, {"incidentIds", {event}}, {"leadId", 9999}});
  EXPECT_EQ(unknown_lead.status, 422) << unknown_lead.body;
  EXPECT_EQ(error_fields(unknown_lead), std::vector<std::string>{"leadId"});
  const auto id = start_investigation(pso, event, "Collapse in the waiting room");
  auto unknown_people =
      pso.put(investigation_path(id),
              {{"leadId", 9998},
               {"team",
                {{{"userId", user_id(h, "manager.ed")}, {"role", "expert"}},
                 {{"userId", 9999}, {"role", "facilitator"}}}},
               {"actions", {{{"description", "Alert"}, {"ownerId", 9999}, {"strength", "stronger"}}}}});
  EXPECT_EQ(unknown_people.status, 422) << unknown_people.body;
  EXPECT_EQ(error_fields(unknown_people),
            (std::vector<std::string>{"leadId", "team[1].userId", "actions[0].ownerId"}));
  EXPECT_EQ(pso.get(investigation_path(id)).json()["version"], 1) << "nothing saved";
}

TEST(Investigation, CompletingNeedsRootCausesAndOwnedDatedActions) {
  TestHospital h;
  const auto event = triaged_event(h);
  auto pso = h.signed_in("pso.main");
  const auto id = start_investigation(pso, event, "Collapse in the waiting room");
  ASSERT_EQ(pso.put(investigation_path(id),
                    {{"actions", {{{"description", "Re-triage alert"}, {"strength", "stronger"}}}}})
                .status,
            200);
  auto refused = pso.post(investigation_path(id, "/complete"), json::object());
  EXPECT_EQ(refused.status, 422);
  EXPECT_EQ(error_fields(refused),
            (std::vector<std::string>{"rootCauses", "actions[0].ownerId", "actions[0].dueOn"}))
      << refused.body;
  EXPECT_EQ(pso.get(investigation_path(id)).json()["state"], "in_progress");

  const auto owner = user_id(h, "manager.ed");
  const auto saved = pso.get(investigation_path(id)).json();
  ASSERT_EQ(
      pso.put(investigation_path(id), {{"rootCauses", {"No re-assessment schedule in the waiting room."}},
                                       {"actions",
                                        {{{"id", saved["actions"][0]["id"]},
                                          {"description", "Re-triage alert"},
                                          {"ownerId", owner},
                                          {"dueOn", "2027-01-15"},
                                          {"strength", "stronger"}}}}})
          .status,
      200);
  EXPECT_EQ(h.signed_in("nurse.ed").post(investigation_path(id, "/complete"), json::object()).status, 403);
  auto done = pso.post(investigation_path(id, "/complete"), json::object());
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["state"], "completed");
  EXPECT_EQ(done.json()["completedAt"], "2026-11-26T08:00:00.000Z");
  EXPECT_EQ(done.json()["can"]["edit"], false);

  auto edit = pso.put(investigation_path(id), {{"title", "Afterthought"}});
  EXPECT_EQ(edit.status, 409);
  EXPECT_EQ(edit.json()["detail"],
            done.json()["reference"].get<std::string>() + " is completed and can no longer be changed.");
  EXPECT_EQ(pso.post(investigation_path(id, "/complete"), json::object()).status, 409);
  EXPECT_EQ(pso.get(investigation_path(id)).json()["title"], "Collapse in the waiting room");
  EXPECT_EQ(
      h.signed_in("auditor").get("/api/v1/audit?entityType=investigation&action=complete").json()["total"],
      1);
}

TEST(Investigation, ParetoOfContributingFactorsCountsEachEventOncePerCategory) {
  TestHospital h;
  const auto first = triaged_event(h);
  const auto second = triaged_event(h);
  auto pso = h.signed_in("pso.main");
  const auto a = start_investigation(pso, first, "First");
  const auto b = start_investigation(pso, second, "Second");
  ASSERT_EQ(
      pso.put(investigation_path(a), {{"causes",
                                       {{{"category", "Communication"}, {"text", "Handover incomplete"}},
                                        {{"category", "Communication"}, {"text", "No read-back"}},
                                        {{"category", "Task & process"}, {"text", "No checklist"}}}}})
          .status,
      200);
  ASSERT_EQ(pso.put(investigation_path(b), {{"causes",
                                             {{{"category", "Communication"}, {"text", "Pager not answered"}},
                                              {{"category", "Equipment & devices"},
                                               {"text", "Monitor alarm silenced"},
                                               {"contributing", false}}}}})
                .status,
            200);
  auto chart = pso.get("/api/v1/incidents/pareto?by=factor");
  ASSERT_EQ(chart.status, 200) << chart.body;
  const auto c = chart.json();
  EXPECT_EQ(c["total"], 3);
  ASSERT_EQ(c["bars"].size(), 2u) << c.dump();
  EXPECT_EQ(c["bars"][0]["key"], "Communication");
  EXPECT_EQ(c["bars"][0]["count"], 2);
  EXPECT_EQ(c["bars"][1]["key"], "Task & process");
  EXPECT_EQ(c["bars"][1]["count"], 1);
  EXPECT_EQ(h.signed_in("pso.north").get("/api/v1/incidents/pareto?by=factor").json()["total"], 0);
}

TEST(Investigation, ReadersOutsideTheDepartmentAreRefused) {
  TestHospital h;
  const auto event = triaged_event(h);
  auto pso = h.signed_in("pso.main");
  const auto id = start_investigation(pso, event, "Collapse in the waiting room");
  const auto denied = h.audit_count("permission_denied");
  auto north = h.signed_in("pso.north");
  EXPECT_EQ(north.get(investigation_path(id)).status, 403);
  EXPECT_EQ(north.put(investigation_path(id), {{"title", "Taken over"}}).status, 403);
  EXPECT_EQ(north.post(investigation_path(id, "/complete"), json::object()).status, 403);
  EXPECT_EQ(north.get("/api/v1/investigations").json()["total"], 0);
  EXPECT_EQ(h.signed_in("nurse.ed").get(investigation_path(id)).status, 403)
      << "the reporter is not on the team";
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 4);

  auto reader = h.signed_in("manager.ed");
  EXPECT_EQ(reader.get(investigation_path(id)).status, 200);
  EXPECT_EQ(reader.get(investigation_path(id)).json()["can"]["edit"], false);
  EXPECT_EQ(reader.put(investigation_path(id), {{"title", "Mine now"}}).status, 403);
  auto listed = h.signed_in("exec").get("/api/v1/investigations").json();
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["incidentCount"], 1);
  EXPECT_EQ(pso.get(investigation_path(id)).json()["title"], "Collapse in the waiting room");
}

}  // namespace
}  // namespace hqms::test
