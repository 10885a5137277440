// Corrective and preventive actions over HTTP: raising one, the workflow to closure with the effectiveness
// check and its verifier rule, edits guarded by version, who may see and change what, and evidence files.
#include <gtest/gtest.h>

#include "http/capa_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

TEST(Capa, RaisingOneAnswersTheRecordAndAuditsIt) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto nurse = user_id(h, "nurse.ed");
  auto r = manager.post("/api/v1/capa", capa_body(nurse));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto c = r.json();
  EXPECT_EQ(c["reference"], "CAPA-2026-0001");
  EXPECT_EQ(c["state"], "open");
  EXPECT_EQ(c["stateLabel"], "Open");
  EXPECT_EQ(c["source"], "audit_finding");
  EXPECT_EQ(c["sourceReference"], "Audit 2026/14");
  EXPECT_EQ(c["departmentName"], "Emergency Department");
  EXPECT_EQ(c["siteId"], kMainSite);
  EXPECT_EQ(c["coordinator"]["displayName"], "Dr Sam Patel") << "the one who raises it coordinates it";
  EXPECT_EQ(c["createdBy"]["displayName"], "Dr Sam Patel");
  ASSERT_EQ(c["actions"].size(), 1u);
  EXPECT_GT(c["actions"][0]["id"].get<Id>(), 0);
  EXPECT_EQ(c["actions"][0]["owner"], json({{"id", nurse}, {"displayName", "Aoife Byrne"}}));
  EXPECT_EQ(c["actions"][0]["status"], "not_started");
  EXPECT_EQ(c["actions"][0]["dueOn"], "2026-12-15");
  EXPECT_EQ(c["actions"][0]["overdue"], false);
  EXPECT_EQ(c["effectivenessDueOn"], "2027-02-28");
  EXPECT_EQ(c["onlyWeakerActions"], false);
  EXPECT_EQ(c["investigation"], nullptr);
  EXPECT_EQ(c["version"], 1);
  EXPECT_EQ(c["nextStates"], json({"planned", "cancelled"}));
  EXPECT_EQ(c["can"]["edit"], true);
  EXPECT_EQ(c["can"]["transition"], true);
  EXPECT_EQ(c["can"]["verify"], true);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=capa").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["action"], "create");

  auto weaker = manager.post("/api/v1/capa", capa_body(nurse, {{"actions",
                                                                {{{"description", "Remind staff"},
                                                                  {"strength", "weaker"},
                                                                  {"ownerId", nurse},
                                                                  {"dueOn", "2026-12-01"}}}}}));
  ASSERT_EQ(weaker.status, 201) << weaker.body;
  EXPECT_EQ(weaker.json()["onlyWeakerActions"], true) << "the RCA2 warning";
}

TEST(Capa, RaisingOneChecksItsFieldsAndTheDepartment) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto nurse = user_id(h, "nurse.ed");
  auto missing = manager.post("/api/v1/capa", {{"kind", "corrective"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"source", "departmentId"})) << missing.body;
  auto blank = manager.post("/api/v1/capa", capa_body(nurse, {{"title", ""}, {"problemStatement", nullptr}}));
  EXPECT_EQ(blank.status, 422);
  EXPECT_EQ(error_fields(blank), (std::vector<std::string>{"title", "problemStatement"})) << blank.body;
  EXPECT_EQ(
      error_fields(manager.post("/api/v1/capa", capa_body(nurse, {{"source", "incident_investigation"}}))),
      std::vector<std::string>{"source"});
  EXPECT_EQ(error_fields(manager.post("/api/v1/capa", capa_body(nurse, {{"departmentId", 999}}))),
            std::vector<std::string>{"departmentId"});
  auto unknown = manager.post("/api/v1/capa", capa_body(9999));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_EQ(error_fields(unknown), std::vector<std::string>{"actions[0].ownerId"});
  EXPECT_EQ(
      error_fields(manager.post(
          "/api/v1/capa", capa_body(nurse, {{"actions", {{{"description", "x"}, {"strength", "strong"}}}}}))),
      std::vector<std::string>{"actions[0].strength"});

  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(h.signed_in("manager.icu").post("/api/v1/capa", capa_body(nurse)).status, 403);
  EXPECT_EQ(h.signed_in("analyst").post("/api/v1/capa", capa_body(nurse)).status, 403)
      << "capa.read does not raise";
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 2);
  EXPECT_EQ(h.signed_in("cqo").get("/api/v1/capa").json()["total"], 0) << "nothing was saved";
}

TEST(Capa, RunsFromPlanToClosureAndTheOwnerCannotVerify) {
  TestHospital h;
  auto pso = h.signed_in("pso.main");
  auto manager = h.signed_in("manager.ed");
  const auto id = raise_capa(pso, capa_body(user_id(h, "manager.ed")));
  const auto planned = move_capa(pso, id, "planned");
  EXPECT_EQ(planned["state"], "planned");
  EXPECT_EQ(planned["nextStates"], json({"in_progress", "cancelled"}));
  const auto action = planned["actions"][0]["id"].get<Id>();

  auto started = progress(manager, id, action, "in_progress");
  ASSERT_EQ(started.status, 200) << started.body;
  EXPECT_EQ(started.json()["state"], "in_progress") << "work on an action starts the CAPA";
  auto no_note = progress(manager, id, action, "done");
  EXPECT_EQ(no_note.status, 422);
  EXPECT_EQ(error_fields(no_note), std::vector<std::string>{"completionNote"}) << no_note.body;
  auto done = progress(manager, id, action, "done", "Printers on all six trolleys since 1 December.");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.json()["actions"][0]["status"], "done");
  EXPECT_EQ(done.json()["actions"][0]["completedAt"], "2026-11-26T08:00:00.000Z");
  const auto awaiting = move_capa(pso, id, "awaiting_verification");
  EXPECT_EQ(awaiting["state"], "awaiting_verification");
  EXPECT_EQ(progress(manager, id, action, "in_progress").status, 409) << "no progress once awaiting";

  // The action owner holds capa.manage over the department, but may not verify their own work.
  EXPECT_EQ(manager.get(capa_path(id)).json()["can"]["verify"], false);
  const auto denied = h.audit_count("permission_denied");
  auto own = manager.post(capa_path(id, "/effectiveness"), {{"result", "effective"}, {"evidence", "Mine"}});
  EXPECT_EQ(own.status, 403);
  EXPECT_NE(own.json()["detail"].get<std::string>().find("someone other than the action owners"),
            std::string::npos)
      << own.body;
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 1) << "the refusal is in the trail";

  auto without = pso.post(capa_path(id, "/effectiveness"),
                          {{"result", "not_effective"}, {"evidence", "One mislabelled sample in January"}});
  EXPECT_EQ(without.status, 422);
  EXPECT_EQ(error_fields(without),
            (std::vector<std::string>{"newAction.description", "newAction.ownerId", "newAction.dueOn"}));
  const auto nurse = user_id(h, "nurse.ed");
  auto again = pso.post(capa_path(id, "/effectiveness"),
                        {{"result", "not_effective"},
                         {"evidence", "One mislabelled sample in January"},
                         {"newAction",
                          {{"description", "Barcode scan of the wristband before printing"},
                           {"strength", "stronger"},
                           {"ownerId", nurse},
                           {"dueOn", "2027-03-31"}}}});
  ASSERT_EQ(again.status, 200) << again.body;
  auto c = again.json();
  EXPECT_EQ(c["state"], "planned");
  ASSERT_EQ(c["actions"].size(), 2u);
  EXPECT_EQ(c["actions"][1]["owner"]["displayName"], "Aoife Byrne");
  ASSERT_EQ(c["checks"].size(), 1u);
  EXPECT_EQ(c["checks"][0]["result"], "not_effective");
  EXPECT_EQ(c["checks"][0]["criterion"], "No mislabelled ED samples in three monthly audits");
  EXPECT_EQ(c["checks"][0]["checkedBy"]["displayName"], "Daniel Osei");

  auto nurse_client = h.signed_in("nurse.ed");
  const auto second = c["actions"][1]["id"].get<Id>();
  ASSERT_EQ(progress(nurse_client, id, second, "done", "Scanners live on 20 March.").status, 200);
  move_capa(pso, id, "awaiting_verification");
  auto closed = pso.post(capa_path(id, "/effectiveness"),
                         {{"result", "effective"}, {"evidence", "No mislabelled samples April to June"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  c = closed.json();
  EXPECT_EQ(c["state"], "closed");
  EXPECT_EQ(c["closedAt"], "2026-11-26T08:00:00.000Z");
  EXPECT_EQ(c["checks"].size(), 2u);
  EXPECT_EQ(c["nextStates"], json::array());
  EXPECT_EQ(c["can"]["edit"], false);
  EXPECT_EQ(pso.put(capa_path(id), {{"title", "Afterthought"}}).status, 409);
  EXPECT_EQ(
      pso.post(capa_path(id, "/effectiveness"), {{"result", "effective"}, {"evidence", "Again"}}).status,
      409);

  auto trail =
      h.signed_in("auditor").get("/api/v1/audit?entityType=capa&entityId=" + std::to_string(id)).json();
  std::vector<std::string> actions;
  for (const auto& e : trail["items"]) actions.push_back(e["action"]);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "effectiveness"), 2);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "progress"), 3);
  EXPECT_EQ(std::count(actions.begin(), actions.end(), "transition"), 5)
      << "planned, in progress twice (by the owners' work) and awaiting verification twice";
}

TEST(Capa, TransitionsAreRefusedWithTheFieldsThatBlockThem) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = raise_capa(manager, capa_body(user_id(h, "nurse.ed"), {{"rootCause", nullptr},
                                                                         {"actions", json::array()},
                                                                         {"effectivenessCriterion", nullptr},
                                                                         {"effectivenessDueOn", nullptr}}));
  auto unplanned = manager.post(capa_path(id, "/transition"), {{"to", "planned"}});
  EXPECT_EQ(unplanned.status, 422);
  EXPECT_EQ(
      error_fields(unplanned),
      (std::vector<std::string>{"rootCause", "actions", "effectivenessCriterion", "effectivenessDueOn"}))
      << unplanned.body;
  auto closing = manager.post(capa_path(id, "/transition"), {{"to", "closed"}});
  EXPECT_EQ(closing.status, 422);
  EXPECT_EQ(error_fields(closing), std::vector<std::string>{"state"});
  EXPECT_EQ(error_fields(manager.post(capa_path(id, "/transition"), {{"to", "finished"}})),
            std::vector<std::string>{"to"});
  EXPECT_EQ(error_fields(manager.post(capa_path(id, "/transition"), {{"to", "cancelled"}})),
            std::vector<std::string>{"reason"});
  const auto cancelled = move_capa(manager, id, "cancelled", "Raised twice; see CAPA-2026-0002");
  EXPECT_EQ(cancelled["state"], "cancelled");
  EXPECT_EQ(cancelled["cancelReason"], "Raised twice; see CAPA-2026-0002");
  EXPECT_EQ(manager.post(capa_path(id, "/transition"), {{"to", "planned"}}).status, 409);
}

TEST(Capa, EditsKeepActionIdsAndAStaleVersionIsRefused) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto nurse = user_id(h, "nurse.ed");
  const auto id = raise_capa(manager, capa_body(nurse));
  const auto action = first_action(manager, id);
  auto saved = manager.put(capa_path(id), {{"version", 1},
                                           {"title", "Bedside labelling"},
                                           {"actions",
                                            {{{"id", action}, {"description", "Printers on trolleys"}},
                                             {{"description", "Weekly labelling audit"},
                                              {"strength", "weaker"},
                                              {"ownerId", nurse},
                                              {"dueOn", "2026-12-20"}}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const auto c = saved.json();
  EXPECT_EQ(c["version"], 2);
  EXPECT_EQ(c["title"], "Bedside labelling");
  EXPECT_EQ(c["source"], "audit_finding") << "what the body leaves out is kept";
  ASSERT_EQ(c["actions"].size(), 2u);
  EXPECT_EQ(c["actions"][0]["id"], action);
  EXPECT_EQ(c["actions"][0]["description"], "Printers on trolleys");
  EXPECT_EQ(c["actions"][0]["strength"], "stronger");
  EXPECT_EQ(c["actions"][1]["strength"], "weaker");

  auto stale = manager.put(capa_path(id), {{"version", 1}, {"title", "Overwritten"}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(error_fields(stale), std::vector<std::string>{"version"});
  // Version 2 + 2^32 is no version: refused, not narrowed to the current one (found by fuzz/body_reader).
  auto wrapped = manager.put(capa_path(id), {{"version", 2 + (1LL << 32)}, {"title", "Overwritten"}});
  EXPECT_EQ(wrapped.status, 422) << wrapped.body;
  EXPECT_EQ(error_fields(wrapped), std::vector<std::string>{"version"});
  EXPECT_EQ(error_fields(manager.put(capa_path(id), {{"actions", {{{"id", 999999}, {"description", "x"}}}}})),
            std::vector<std::string>{"actions[0].id"});
  EXPECT_EQ(manager.get(capa_path(id)).json()["title"], "Bedside labelling");
}

TEST(Capa, OtherDepartmentsManagersNeitherSeeNorChangeIt) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = raise_capa(manager, capa_body(user_id(h, "nurse.ed")));
  auto icu = h.signed_in("manager.icu");
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(icu.get(capa_path(id)).status, 403);
  EXPECT_EQ(icu.put(capa_path(id), {{"title", "Ours now"}}).status, 403);
  EXPECT_EQ(icu.post(capa_path(id, "/transition"), {{"to", "planned"}}).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 3);
  EXPECT_EQ(icu.get("/api/v1/capa").json()["total"], 0);
  EXPECT_EQ(icu.get("/api/v1/capa/board").json()["columns"][0]["count"], 0);
  EXPECT_EQ(manager.get("/api/v1/capa").json()["total"], 1);
  EXPECT_EQ(h.signed_in("exec").get("/api/v1/capa").json()["total"], 1) << "readers organisation-wide";
  auto reader = h.signed_in("auditor").get(capa_path(id)).json();
  EXPECT_EQ(reader["can"]["edit"], false);
  EXPECT_EQ(reader["nextStates"], json::array());
}

TEST(Capa, AnActionOwnerReadsItAndProgressesOnlyTheirOwnAction) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto nurse = user_id(h, "nurse.ed");
  const auto doctor = user_id(h, "doctor.ed");
  const auto id = raise_capa(manager, capa_body(nurse, {{"actions",
                                                         {{{"description", "Trolley printers"},
                                                           {"strength", "stronger"},
                                                           {"ownerId", nurse},
                                                           {"dueOn", "2026-12-15"}},
                                                          {{"description", "Update the procedure"},
                                                           {"strength", "weaker"},
                                                           {"ownerId", doctor},
                                                           {"dueOn", "2026-12-15"}}}}}));
  move_capa(manager, id, "planned");
  auto owner = h.signed_in("nurse.ed");
  auto seen = owner.get(capa_path(id));
  ASSERT_EQ(seen.status, 200) << seen.body;
  const auto c = seen.json();
  EXPECT_EQ(c["actions"][0]["can"]["progress"], true);
  EXPECT_EQ(c["actions"][1]["can"]["progress"], false);
  EXPECT_EQ(c["can"]["edit"], false);
  EXPECT_EQ(owner.get("/api/v1/capa").json()["total"], 1) << "their CAPA is in their list";
  EXPECT_EQ(progress(owner, id, c["actions"][0]["id"], "in_progress").status, 200);
  EXPECT_EQ(progress(owner, id, c["actions"][1]["id"], "in_progress").status, 403);
  EXPECT_EQ(progress(owner, id, 999999, "in_progress").status, 404);
  EXPECT_EQ(owner.put(capa_path(id), {{"title", "Mine"}}).status, 403);
  EXPECT_EQ(owner.post(capa_path(id, "/transition"), {{"to", "cancelled"}, {"reason", "x"}}).status, 403);
  EXPECT_EQ(h.signed_in("nurse.icu").get(capa_path(id)).status, 403);
  EXPECT_EQ(h.signed_in("nurse.icu").get("/api/v1/capa").json()["total"], 0);
}

TEST(Capa, EvidenceIsUploadedByTheOwnerAndDownloadedSandboxed) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = raise_capa(manager, capa_body(user_id(h, "nurse.ed")));
  move_capa(manager, id, "planned");
  const auto action = first_action(manager, id);
  const auto target = capa_path(id, "/actions/" + std::to_string(action) + "/evidence?name=checklist.txt");
  auto owner = h.signed_in("nurse.ed");
  auto up = owner.send("POST", target, "Checklist v2, signed off", {{"Content-Type", "text/plain"}});
  ASSERT_EQ(up.status, 201) << up.body;
  const auto file = up.json();
  EXPECT_EQ(file["fileName"], "checklist.txt");
  EXPECT_EQ(file["mediaType"], "text/plain");
  EXPECT_EQ(file["sizeBytes"], 24);
  EXPECT_EQ(file["uploadedBy"]["displayName"], "Aoife Byrne");

  const auto c = manager.get(capa_path(id)).json();
  ASSERT_EQ(c["actions"][0]["evidence"].size(), 1u);
  EXPECT_EQ(c["actions"][0]["evidence"][0]["id"], file["id"]);
  auto down = manager.get(capa_path(id, "/evidence/" + std::to_string(file["id"].get<Id>())));
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, "Checklist v2, signed off");
  EXPECT_EQ(down.header("Content-Disposition"), "attachment; filename=\"checklist.txt\"");
  EXPECT_NE(down.header("Content-Security-Policy").find("sandbox"), std::string::npos);
  EXPECT_EQ(manager.get(capa_path(id, "/evidence/999999")).status, 404);

  EXPECT_EQ(h.signed_in("doctor.ed").send("POST", target, "x", {{"Content-Type", "text/plain"}}).status, 403);
  EXPECT_EQ(h.signed_in("manager.icu")
                .get(capa_path(id, "/evidence/" + std::to_string(file["id"].get<Id>())))
                .status,
            403);
  auto html =
      owner.send("POST", capa_path(id, "/actions/" + std::to_string(action) + "/evidence?name=a.html"),
                 "<script>alert(1)</script>", {{"Content-Type", "text/html"}});
  EXPECT_EQ(html.status, 422) << html.body;
  EXPECT_EQ(h.signed_in("auditor").get("/api/v1/audit?entityType=capa&action=evidence").json()["total"], 1);
}

}  // namespace
}  // namespace hqms::test
