// FMEA over HTTP: a study with its process steps, worksheet rows saved one at a time in RPN order with their
// action priority, the re-score after an action, a row's recommended action becoming a CAPA, the Excel
// worksheet, and who may see or fill it in.
#include <gtest/gtest.h>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

std::string fmea_path(Id id, const std::string& rest = "") {
  return "/api/v1/fmea/" + std::to_string(id) + rest;
}

json transfusion_study(const json& team = json::array()) {
  return {{"title", "Blood transfusion at the bedside"},
          {"process", "From collecting the unit to observing the patient afterwards"},
          {"departmentId", kEmergency},
          {"team", team},
          {"steps",
           {{{"name", "Collect the unit from the fridge"}},
            {{"name", "Check the patient's identity"}},
            {{"name", "Observe the patient"}}}}};
}

// A study started by the Emergency Department's manager, with nurse.ed on the team.
struct Study {
  Id id = 0;
  std::string reference;
  std::vector<Id> steps;
};

Study start_study(TestHospital& h) {
  auto manager = h.signed_in("manager.ed");
  auto r = manager.post("/api/v1/fmea", transfusion_study({user_id(h, "nurse.ed")}));
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  Study s;
  if (!j.is_object() || !j.contains("id")) return s;
  s.id = j["id"].get<Id>();
  s.reference = j["reference"].get<std::string>();
  for (const auto& step : j["steps"]) s.steps.push_back(step["id"].get<Id>());
  return s;
}

json row(Id step, const std::string& mode, int s, int o, int d, const json& more = json::object()) {
  json r{{"stepId", step}, {"mode", mode}, {"severity", s}, {"occurrence", o}, {"detection", d}};
  r.merge_patch(more);
  return r;
}

Id add_row(HttpClient& as, Id study, const json& body) {
  auto r = as.post(fmea_path(study, "/failure-modes"), body);
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  return j.is_object() && j.contains("id") ? j["id"].get<Id>() : 0;
}

std::vector<std::string> modes(const json& study) {
  std::vector<std::string> out;
  for (const auto& fm : study["failureModes"]) out.push_back(fm["mode"].get<std::string>());
  return out;
}

TEST(FmeaApi, AStudyStartsWithItsNumberedSteps) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  auto r = manager.post("/api/v1/fmea", transfusion_study({user_id(h, "nurse.ed")}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto study = r.json();
  EXPECT_EQ(study["reference"].get<std::string>().rfind("FMEA-", 0), 0u) << study["reference"];
  EXPECT_EQ(study["state"], "in_progress");
  EXPECT_EQ(study["departmentName"], "Emergency Department");
  EXPECT_EQ(study["lead"]["displayName"], "Dr Sam Patel");
  ASSERT_EQ(study["team"].size(), 1u);
  EXPECT_EQ(study["team"][0]["displayName"], "Aoife Byrne");
  ASSERT_EQ(study["steps"].size(), 3u);
  EXPECT_EQ(study["steps"][1]["number"], 2);
  EXPECT_EQ(study["steps"][1]["name"], "Check the patient's identity");
  EXPECT_EQ(study["failureModes"], json::array());
  EXPECT_EQ(study["summary"]["count"], 0);
  EXPECT_EQ(study["can"]["edit"], true);

  auto invalid = manager.post("/api/v1/fmea", {{"departmentId", kEmergency}, {"steps", {{{"name", ""}}}}});
  EXPECT_EQ(invalid.status, 422);
  EXPECT_EQ(error_fields(invalid), (std::vector<std::string>{"title", "process", "steps[0].name"}));
  EXPECT_EQ(h.signed_in("manager.icu").post("/api/v1/fmea", transfusion_study()).status, 403);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=fmea").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["summary"], "Started the FMEA study " + study["reference"].get<std::string>());
}

TEST(FmeaApi, TheWorksheetRunsByRpnWithActionPriorityAndParetoBars) {
  TestHospital h;
  const auto s = start_study(h);
  auto manager = h.signed_in("manager.ed");
  auto first =
      manager.post(fmea_path(s.id, "/failure-modes"),
                   row(s.steps[1], "Wrong patient's unit hung", 10, 6, 5,
                       {{"effects", "ABO-incompatible transfusion"}, {"causes", "No bedside check"}}));
  ASSERT_EQ(first.status, 201) << first.body;
  const auto a = first.json();
  EXPECT_EQ(a["rpn"], 300);
  EXPECT_EQ(a["actionPriority"], "high");
  EXPECT_EQ(a["stepNumber"], 2);
  EXPECT_EQ(a["stepName"], "Check the patient's identity");
  EXPECT_TRUE(a["revised"].is_null());
  EXPECT_TRUE(a["rpnReduction"].is_null());
  EXPECT_EQ(a["version"], 1);
  add_row(manager, s.id, row(s.steps[0], "Unit out of the fridge too long", 9, 3, 5));
  add_row(manager, s.id, row(s.steps[2], "Mild reaction not noticed", 2, 2, 2));
  add_row(manager, s.id, row(s.steps[2], "Observations not repeated", 4, 5, 8));

  const auto study = manager.get(fmea_path(s.id)).json();
  EXPECT_EQ(modes(study),
            (std::vector<std::string>{"Wrong patient's unit hung", "Observations not repeated",
                                      "Unit out of the fridge too long", "Mild reaction not noticed"}));
  std::vector<std::string> priorities;
  for (const auto& fm : study["failureModes"]) priorities.push_back(fm["actionPriority"].get<std::string>());
  EXPECT_EQ(priorities, (std::vector<std::string>{"high", "medium", "medium", "low"}));
  EXPECT_EQ(study["summary"]["count"], 4);
  EXPECT_EQ(study["summary"]["highPriority"], 1);
  EXPECT_EQ(study["summary"]["totalRpn"], 300 + 160 + 135 + 8);
  ASSERT_EQ(study["pareto"].size(), 4u);
  EXPECT_EQ(study["pareto"][0]["key"], std::to_string(a["id"].get<Id>()));
  EXPECT_EQ(study["pareto"][0]["label"], "2. Check the patient's identity: Wrong patient's unit hung");
  EXPECT_EQ(study["pareto"][0]["count"], 300);
  EXPECT_EQ(study["pareto"][0]["vitalFew"], true);
  EXPECT_EQ(study["pareto"][3]["vitalFew"], false);

  auto bad = manager.post(fmea_path(s.id, "/failure-modes"), row(s.steps[0], "", 11, 0, 5));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), (std::vector<std::string>{"mode", "severity", "occurrence"}));
  EXPECT_EQ(error_fields(manager.post(fmea_path(s.id, "/failure-modes"), row(999999, "Elsewhere", 5, 5, 5))),
            std::vector<std::string>{"stepId"});
}

TEST(FmeaApi, ARowScoredAgainShowsItsRpnReduction) {
  TestHospital h;
  const auto s = start_study(h);
  auto manager = h.signed_in("manager.ed");
  const auto a = add_row(manager, s.id, row(s.steps[1], "Wrong patient's unit hung", 10, 6, 5));
  add_row(manager, s.id, row(s.steps[2], "Observations not repeated", 4, 5, 8));

  // A re-score needs the action taken first.
  auto early =
      manager.put(fmea_path(s.id, "/failure-modes/" + std::to_string(a)),
                  {{"version", 1}, {"revised", {{"severity", 10}, {"occurrence", 2}, {"detection", 2}}}});
  EXPECT_EQ(early.status, 422);
  EXPECT_EQ(error_fields(early), std::vector<std::string>{"actionTaken"});

  auto r = manager.put(fmea_path(s.id, "/failure-modes/" + std::to_string(a)),
                       {{"version", 1},
                        {"actionTaken", "Two-person check with barcode scanning at the bedside"},
                        {"revised", {{"severity", 10}, {"occurrence", 2}, {"detection", 2}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto fm = r.json();
  EXPECT_EQ(fm["rpn"], 300);
  EXPECT_EQ(
      fm["revised"],
      json({{"severity", 10}, {"occurrence", 2}, {"detection", 2}, {"rpn", 40}, {"actionPriority", "low"}}));
  EXPECT_EQ(fm["rpnReduction"], 260);
  EXPECT_EQ(fm["version"], 2);

  const auto study = manager.get(fmea_path(s.id)).json();
  // Ordered by the current RPN: the re-scored row drops below the other.
  EXPECT_EQ(modes(study),
            (std::vector<std::string>{"Observations not repeated", "Wrong patient's unit hung"}));
  EXPECT_EQ(study["summary"]["totalRpn"], 460);
  EXPECT_EQ(study["summary"]["totalRevisedRpn"], 200);
  EXPECT_DOUBLE_EQ(study["summary"]["reductionPercent"].get<double>(), 56.5);
}

TEST(FmeaApi, RowsAndStepsAreGuardedAgainstLostChanges) {
  TestHospital h;
  const auto s = start_study(h);
  auto manager = h.signed_in("manager.ed");
  const auto a = add_row(manager, s.id, row(s.steps[1], "Wrong patient's unit hung", 10, 6, 5));
  const auto path = fmea_path(s.id, "/failure-modes/" + std::to_string(a));
  ASSERT_EQ(manager.put(path, {{"version", 1}, {"effects", "Haemolytic reaction"}}).status, 200);
  auto stale = manager.put(path, {{"version", 1}, {"effects", "Overwritten"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(manager.get(fmea_path(s.id)).json()["failureModes"][0]["effects"], "Haemolytic reaction");

  // A step that still has rows cannot be removed; one without rows can.
  auto header = manager.get(fmea_path(s.id)).json();
  auto without_second = manager.put(
      fmea_path(s.id),
      {{"version", header["version"]},
       {"steps",
        {{{"id", s.steps[0]}, {"name", "Collect the unit"}}, {{"id", s.steps[2]}, {"name", "Observe"}}}}});
  EXPECT_EQ(without_second.status, 409) << without_second.body;
  auto without_third = manager.put(fmea_path(s.id), {{"version", header["version"]},
                                                     {"steps",
                                                      {{{"id", s.steps[1]}, {"name", "Check identity"}},
                                                       {{"id", s.steps[0]}, {"name", "Collect the unit"}}}}});
  ASSERT_EQ(without_third.status, 200) << without_third.body;
  const auto changed = without_third.json();
  ASSERT_EQ(changed["steps"].size(), 2u);
  EXPECT_EQ(changed["steps"][0]["id"], s.steps[1]);
  EXPECT_EQ(changed["steps"][0]["number"], 1);
  EXPECT_EQ(changed["failureModes"][0]["stepNumber"], 1);
  EXPECT_EQ(manager.put(fmea_path(s.id), {{"version", header["version"]}, {"title", "Stale"}}).status, 409);

  EXPECT_EQ(manager.send("DELETE", path).status, 204);
  EXPECT_EQ(manager.get(fmea_path(s.id)).json()["failureModes"], json::array());
  EXPECT_EQ(manager.send("DELETE", path).status, 404);
  EXPECT_EQ(h.audit_count("remove_failure_mode"), 1);
}

TEST(FmeaApi, ARecommendedActionBecomesACapaOnce) {
  TestHospital h;
  const auto s = start_study(h);
  auto manager = h.signed_in("manager.ed");
  const auto nurse_id = user_id(h, "nurse.ed");
  const auto a = add_row(manager, s.id,
                         row(s.steps[1], "Wrong patient's unit hung", 10, 6, 5,
                             {{"effects", "ABO-incompatible transfusion"},
                              {"causes", "No bedside identity check"},
                              {"recommendedAction", "Barcode wristband scan before every unit"},
                              {"responsibleId", nurse_id},
                              {"dueOn", "2027-01-31"}}));
  const auto plain = add_row(manager, s.id, row(s.steps[2], "Reaction not noticed", 6, 4, 4));
  const auto capa_path = fmea_path(s.id, "/failure-modes/" + std::to_string(a) + "/capa");

  // The team member may edit the study but may not raise CAPAs.
  EXPECT_EQ(h.signed_in("nurse.ed").post(capa_path, json::object()).status, 403);

  auto r = manager.post(capa_path, {{"strength", "stronger"}});
  ASSERT_EQ(r.status, 201) << r.body;
  const auto raised = r.json();
  const auto capa_id = raised["capa"]["id"].get<Id>();
  const auto reference = raised["capa"]["reference"].get<std::string>();
  EXPECT_EQ(reference.rfind("CAPA-", 0), 0u) << reference;
  EXPECT_EQ(raised["row"]["id"], a);
  EXPECT_EQ(raised["row"]["correctiveActionId"], capa_id);
  EXPECT_EQ(raised["row"]["correctiveActionReference"], reference);
  EXPECT_EQ(raised["row"]["version"], 2);

  auto again = manager.post(capa_path, json::object());
  EXPECT_EQ(again.status, 409) << again.body;
  auto empty =
      manager.post(fmea_path(s.id, "/failure-modes/" + std::to_string(plain) + "/capa"), json::object());
  EXPECT_EQ(empty.status, 422);
  EXPECT_EQ(error_fields(empty), std::vector<std::string>{"recommendedAction"});

  // The CAPA carries the study, the department and the action with its owner and due date.
  auto capa = manager.get("/api/v1/capa/" + std::to_string(capa_id));
  ASSERT_EQ(capa.status, 200) << capa.body;
  const auto c = capa.json();
  EXPECT_EQ(c["source"], "risk_review");
  EXPECT_EQ(c["title"], s.reference + ": Wrong patient's unit hung");
  EXPECT_EQ(c["departmentId"], kEmergency);
  EXPECT_EQ(c["rootCause"], "No bedside identity check");
  ASSERT_EQ(c["actions"].size(), 1u);
  EXPECT_EQ(c["actions"][0]["description"], "Barcode wristband scan before every unit");
  EXPECT_EQ(c["actions"][0]["strength"], "stronger");
  EXPECT_EQ(c["actions"][0]["ownerId"], nurse_id);
  EXPECT_EQ(c["actions"][0]["dueOn"], "2027-01-31");
  EXPECT_EQ(c["actions"][0]["failureModeId"], a);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=capa&action=create").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["entityId"], std::to_string(capa_id));
}

TEST(FmeaApi, TheWorksheetExportsAsAnExcelFile) {
  TestHospital h;
  const auto s = start_study(h);
  auto manager = h.signed_in("manager.ed");
  add_row(manager, s.id, row(s.steps[1], "Wrong patient's unit hung", 10, 6, 5));
  auto r = manager.get(fmea_path(s.id, "/export"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(r.header("Content-Disposition").find(s.reference), std::string::npos);
  EXPECT_GT(r.body.size(), 1000u);
  EXPECT_EQ(r.body.substr(0, 2), "PK");
  EXPECT_EQ(h.signed_in("nurse.icu").get(fmea_path(s.id, "/export")).status, 403);
}

TEST(FmeaApi, TheTeamMayFillItInAndOutsidersAreRefused) {
  TestHospital h;
  const auto s = start_study(h);
  auto nurse = h.signed_in("nurse.ed");  // a staff reporter, on the team
  auto added =
      nurse.post(fmea_path(s.id, "/failure-modes"), row(s.steps[0], "Wrong unit collected", 9, 4, 6));
  EXPECT_EQ(added.status, 201) << added.body;
  auto study = nurse.get(fmea_path(s.id));
  ASSERT_EQ(study.status, 200);
  EXPECT_EQ(study.json()["can"]["edit"], true);
  EXPECT_EQ(nurse.get("/api/v1/fmea").json()["total"], 1);

  const auto denied = h.audit_count("permission_denied");
  for (const char* outsider : {"nurse.icu", "manager.icu", "doctor.ed"}) {
    auto other = h.signed_in(outsider);
    EXPECT_EQ(other.get(fmea_path(s.id)).status, 403) << outsider;
    EXPECT_EQ(other.post(fmea_path(s.id, "/failure-modes"), row(s.steps[0], "Mine", 5, 5, 5)).status, 403)
        << outsider;
    EXPECT_EQ(other.get("/api/v1/fmea").json()["total"], 0) << outsider;
  }
  EXPECT_EQ(h.audit_count("permission_denied") - denied, 6);

  // Readers over the department see it without being able to change it.
  auto auditor = h.signed_in("auditor");
  const auto seen = auditor.get(fmea_path(s.id)).json();
  EXPECT_EQ(seen["can"]["edit"], false);
  EXPECT_EQ(auditor.put(fmea_path(s.id), {{"title", "Audited"}}).status, 403);
  const auto list = auditor.get("/api/v1/fmea").json();
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["failureModeCount"], 1);
  EXPECT_EQ(list["items"][0]["maxRpn"], 216);
  EXPECT_EQ(list["items"][0]["highPriorityCount"], 1);
  EXPECT_EQ(list["items"][0]["lead"]["displayName"], "Dr Sam Patel");
}

}  // namespace
}  // namespace hqms::test
