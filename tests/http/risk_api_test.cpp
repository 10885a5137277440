// The risk register over HTTP: raising a risk, the rules its ratings follow, the heat map and list filters,
// reviews and their history, escalation up the registers, the band settings, and who may see or keep a risk.
#include <gtest/gtest.h>

#include <map>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

std::string risk_path(Id id, const std::string& rest = "") {
  return "/api/v1/risks/" + std::to_string(id) + rest;
}

json rating(int likelihood, int consequence) {
  return {{"likelihood", likelihood}, {"consequence", consequence}};
}

// A risk on the Emergency Department's register that passes every rule: inherent 16, residual 9, target 4.
// `changes` is merged in (a null removes a member).
json risk_body(const json& changes = json::object()) {
  json risk{{"title", "Patient falls from trolleys in resus"},
            {"description", "Sedated patients left on trolleys without rails raised."},
            {"cause", "Trolley rails down during transfers"},
            {"consequence", "Head injury, fracture"},
            {"category", "patient_safety"},
            {"scope", {{"type", "department"}, {"id", kEmergency}}},
            {"controls", {{{"description", "Rails-up checklist"}, {"effectiveness", "partially_effective"}}}},
            {"inherent", rating(4, 4)},
            {"residual", rating(3, 3)},
            {"target", rating(2, 2)},
            {"treatment", "reduce"},
            {"treatmentPlan", "Replace the oldest trolleys"},
            {"reviewDueOn", "2027-01-15"}};
  risk.merge_patch(changes);
  return risk;
}

Id create_risk(HttpClient& as, const json& body) {
  auto r = as.post("/api/v1/risks", body);
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  return j.is_object() && j.contains("id") ? j["id"].get<Id>() : 0;
}

// The count in one heat-map cell.
int cell_count(const json& map, int likelihood, int consequence) {
  for (const auto& c : map["cells"])
    if (c["likelihood"] == likelihood && c["consequence"] == consequence) return c["count"].get<int>();
  ADD_FAILURE() << "no cell " << likelihood << "x" << consequence;
  return -1;
}

std::vector<std::string> references(const json& page) {
  std::vector<std::string> out;
  for (const auto& item : page["items"]) out.push_back(item["reference"].get<std::string>());
  return out;
}

TEST(RiskApi, CreatingOneAnswersTheRiskWithItsReferenceAndBands) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  auto r = manager.post("/api/v1/risks", risk_body({{"ownerId", user_id(h, "manager.ed")}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto risk = r.json();
  EXPECT_EQ(risk["reference"].get<std::string>().rfind("RSK-", 0), 0u) << risk["reference"];
  EXPECT_EQ(risk["categoryLabel"], "Patient safety");
  EXPECT_EQ(risk["owner"]["displayName"], "Dr Sam Patel");
  EXPECT_EQ(risk["scope"],
            json({{"type", "department"}, {"id", kEmergency}, {"name", "Emergency Department"}}));
  EXPECT_EQ(risk["register"], risk["scope"]);
  EXPECT_TRUE(risk["escalatedTo"].is_null());
  EXPECT_EQ(risk["inherent"]["score"], 16);
  EXPECT_EQ(risk["inherent"]["band"], "extreme");
  EXPECT_EQ(risk["residual"]["score"], 9);
  EXPECT_EQ(risk["residual"]["band"], "high");
  EXPECT_EQ(risk["residual"]["likelihoodLabel"], "Possible");
  EXPECT_EQ(risk["residual"]["consequenceLabel"], "Moderate");
  EXPECT_EQ(risk["target"]["band"], "moderate");
  EXPECT_EQ(risk["controls"][0]["effectiveness"], "partially_effective");
  EXPECT_EQ(risk["reviewDueOn"], "2027-01-15");
  EXPECT_EQ(risk["reviewOverdue"], false);
  EXPECT_EQ(risk["reviews"], json::array());
  EXPECT_EQ(risk["actions"], json::array());
  EXPECT_EQ(risk["status"], "open");
  EXPECT_EQ(risk["version"], 1);
  EXPECT_EQ(risk["can"]["edit"], true);
  EXPECT_EQ(risk["can"]["review"], true);

  const auto again = manager.get(risk_path(risk["id"].get<Id>())).json();
  EXPECT_EQ(again["reference"], risk["reference"]);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=risk&action=create").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["summary"], "Added the risk " + risk["reference"].get<std::string>());
}

TEST(RiskApi, InvalidRisksAreRefusedFieldByField) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto created = h.audit_count("create");
  auto missing = manager.post("/api/v1/risks", risk_body({{"title", nullptr}, {"category", nullptr}}));
  EXPECT_EQ(missing.status, 422);
  EXPECT_EQ(error_fields(missing), (std::vector<std::string>{"title", "category"}));

  auto out_of_range = manager.post(
      "/api/v1/risks", risk_body({{"residual", rating(6, 0)}, {"target", {{"likelihood", "rare"}}}}));
  EXPECT_EQ(out_of_range.status, 422);
  EXPECT_EQ(error_fields(out_of_range),
            (std::vector<std::string>{"residual.likelihood", "residual.consequence", "target.likelihood"}));

  auto bad_scope = manager.post("/api/v1/risks", risk_body({{"scope", {{"type", "ward"}, {"id", 1}}}}));
  EXPECT_EQ(error_fields(bad_scope), std::vector<std::string>{"scope.type"});

  // Controls do not raise a risk: residual above inherent is refused.
  auto above =
      manager.post("/api/v1/risks", risk_body({{"inherent", rating(2, 2)}, {"target", rating(1, 1)}}));
  EXPECT_EQ(above.status, 422) << above.body;
  const auto fields = error_fields(above);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "residual"), fields.end()) << above.body;
  EXPECT_EQ(h.audit_count("create"), created);
}

TEST(RiskApi, TheHeatMapCountsOpenRisksByResidualCell) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  auto pso = h.signed_in("pso.main");
  const auto before = pso.get("/api/v1/risks/heat-map").json();
  ASSERT_EQ(before["cells"].size(), 25u);
  create_risk(manager, risk_body({{"title", "A"}}));
  create_risk(manager, risk_body({{"title", "B"}}));
  create_risk(manager, risk_body({{"title", "C"}, {"residual", rating(2, 3)}}));

  const auto map = pso.get("/api/v1/risks/heat-map").json();
  EXPECT_EQ(cell_count(map, 3, 3) - cell_count(before, 3, 3), 2);
  EXPECT_EQ(cell_count(map, 2, 3) - cell_count(before, 2, 3), 1);
  EXPECT_EQ(map["total"].get<int>() - before["total"].get<int>(), 3);
  EXPECT_EQ(map["bands"], json({{"moderateFrom", 4}, {"highFrom", 8}, {"extremeFrom", 15}}));
  for (const auto& c : map["cells"])
    if (c["likelihood"] == 3 && c["consequence"] == 3) {
      EXPECT_EQ(c["score"], 9);
      EXPECT_EQ(c["band"], "high");
    }
  // Someone who reads no risks anywhere has no heat map.
  EXPECT_EQ(h.signed_in("nurse.ed").get("/api/v1/risks/heat-map").status, 403);
}

TEST(RiskApi, TheListFiltersByBandCellRegisterAndOverdueReview) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  auto qm = h.signed_in("qm.main");
  const auto high = create_risk(manager, risk_body({{"title", "High one"}}));
  const auto moderate = create_risk(manager, risk_body({{"title", "Moderate one"},
                                                        {"residual", rating(2, 3)},
                                                        {"target", rating(1, 3)},
                                                        {"reviewDueOn", "2026-12-01"}}));
  const auto icu = create_risk(
      qm, risk_body({{"title", "ICU one"}, {"scope", {{"type", "department"}, {"id", kIntensiveCare}}}}));
  auto ref = [&, refs = std::map<Id, std::string>{}](Id id) mutable {
    if (!refs.count(id)) refs[id] = qm.get(risk_path(id)).json()["reference"].get<std::string>();
    return refs[id];
  };
  for (auto id : {high, moderate, icu}) ref(id);

  auto list = [&](const std::string& query) { return qm.get("/api/v1/risks?" + query).json(); };
  EXPECT_EQ(references(list("band=high&sort=reference")), (std::vector<std::string>{ref(high), ref(icu)}));
  EXPECT_EQ(references(list("band=moderate")), std::vector<std::string>{ref(moderate)});
  EXPECT_EQ(references(list("likelihood=2&consequence=3")), std::vector<std::string>{ref(moderate)});
  EXPECT_EQ(references(list("register=department:" + std::to_string(kIntensiveCare))),
            std::vector<std::string>{ref(icu)});
  EXPECT_EQ(list("band=high")["items"][0]["residual"]["score"], 9);
  EXPECT_EQ(qm.get("/api/v1/risks?register=ward:1").status, 422);
  EXPECT_EQ(qm.get("/api/v1/risks?likelihood=3").status, 422);

  EXPECT_EQ(list("reviewOverdue=true")["total"], 0);
  h.clock().advance(std::chrono::days(10));  // 2026-12-06: the moderate risk's review (12-01) is now late
  qm = h.signed_in("qm.main");               // the idle session has ended meanwhile
  EXPECT_EQ(references(list("reviewOverdue=true")), std::vector<std::string>{ref(moderate)});
  EXPECT_EQ(qm.get(risk_path(moderate)).json()["reviewOverdue"], true);

  // The department manager sees their department's register only.
  EXPECT_EQ(h.signed_in("manager.ed").get("/api/v1/risks").json()["total"], 2);
}

TEST(RiskApi, AReviewAddsToTheHistoryAndSetsTheResidual) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body());
  auto r = manager.post(
      risk_path(id, "/reviews"),
      {{"residual", rating(2, 3)}, {"note", "New trolleys in bays 1-4"}, {"nextReviewOn", "2027-03-01"}});
  ASSERT_EQ(r.status, 201) << r.body;
  auto risk = r.json();
  EXPECT_EQ(risk["residual"]["score"], 6);
  EXPECT_EQ(risk["reviewDueOn"], "2027-03-01");
  ASSERT_EQ(risk["reviews"].size(), 1u);
  EXPECT_EQ(risk["reviews"][0]["reviewedOn"], "2026-11-26");
  EXPECT_EQ(risk["reviews"][0]["reviewer"]["displayName"], "Dr Sam Patel");
  EXPECT_EQ(risk["reviews"][0]["residual"]["score"], 6);
  EXPECT_EQ(risk["reviews"][0]["note"], "New trolleys in bays 1-4");

  h.clock().advance(std::chrono::days(30));
  manager = h.signed_in("manager.ed");  // the idle session has ended meanwhile
  auto second =
      manager.post(risk_path(id, "/reviews"), {{"residual", rating(2, 2)}, {"nextReviewOn", "2027-06-01"}});
  ASSERT_EQ(second.status, 201) << second.body;
  risk = second.json();
  ASSERT_EQ(risk["reviews"].size(), 2u);
  EXPECT_EQ(risk["reviews"][0]["residual"]["score"], 6);  // oldest first: the trend
  EXPECT_EQ(risk["reviews"][1]["residual"]["score"], 4);
  EXPECT_EQ(risk["reviews"][1]["reviewedOn"], "2026-12-26");

  auto bad = manager.post(risk_path(id, "/reviews"), {{"residual", rating(5, 5)}});
  EXPECT_EQ(bad.status, 422);
  const auto fields = error_fields(bad);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "nextReviewOn"), fields.end()) << bad.body;
  EXPECT_EQ(h.audit_count("review"), 2);
}

TEST(RiskApi, AnExtremeResidualMovesTheRiskOneRegisterUp) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto escalations = h.audit_count("escalate");
  auto r = manager.post("/api/v1/risks", risk_body({{"inherent", rating(5, 5)}, {"residual", rating(5, 4)}}));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto risk = r.json();
  EXPECT_EQ(risk["residual"]["band"], "extreme");
  EXPECT_EQ(risk["escalatedTo"], json({{"type", "site"}, {"id", kMainSite}, {"name", "Main Campus"}}));
  EXPECT_EQ(risk["register"], risk["escalatedTo"]);
  EXPECT_EQ(risk["scope"]["type"], "department");
  EXPECT_EQ(h.audit_count("escalate") - escalations, 1);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=risk&action=escalate").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["summary"],
            "Escalated " + risk["reference"].get<std::string>() + " to the Main Campus register");
  EXPECT_EQ(audit["items"][0]["before"]["register"]["type"], "department");
  EXPECT_EQ(audit["items"][0]["after"]["register"]["type"], "site");
  // It is on the site's register now.
  auto qm = h.signed_in("qm.main");
  EXPECT_EQ(qm.get("/api/v1/risks?register=site:" + std::to_string(kMainSite)).json()["total"], 1);

  // A site risk goes to the organisation's register.
  auto site = qm.post("/api/v1/risks", risk_body({{"scope", {{"type", "site"}, {"id", kMainSite}}},
                                                  {"inherent", rating(5, 5)},
                                                  {"residual", rating(4, 4)}}));
  ASSERT_EQ(site.status, 201) << site.body;
  EXPECT_EQ(site.json()["escalatedTo"]["type"], "organisation");
  EXPECT_EQ(h.audit_count("escalate") - escalations, 2);

  // A change that makes a risk newly extreme escalates it; staying extreme does not escalate again.
  const auto id = create_risk(manager, risk_body({{"inherent", rating(5, 5)}}));
  auto changed = manager.put(risk_path(id), {{"version", 1}, {"residual", rating(5, 3)}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.json()["escalatedTo"]["type"], "site");
  EXPECT_EQ(h.audit_count("escalate") - escalations, 3);
  auto reviewed =
      manager.post(risk_path(id, "/reviews"), {{"residual", rating(5, 4)}, {"nextReviewOn", "2027-01-01"}});
  ASSERT_EQ(reviewed.status, 201) << reviewed.body;
  EXPECT_EQ(h.audit_count("escalate") - escalations, 3);

  // A review that makes a risk newly extreme escalates it too.
  const auto other = create_risk(manager, risk_body({{"inherent", rating(5, 5)}}));
  reviewed = manager.post(risk_path(other, "/reviews"),
                          {{"residual", rating(4, 4)}, {"nextReviewOn", "2027-01-01"}});
  ASSERT_EQ(reviewed.status, 201) << reviewed.body;
  EXPECT_EQ(reviewed.json()["escalatedTo"]["type"], "site");
  EXPECT_EQ(h.audit_count("escalate") - escalations, 4);
}

TEST(RiskApi, AStaleVersionIsRefused) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body());
  auto first = manager.put(risk_path(id), {{"version", 1}, {"title", "Falls from trolleys"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.json()["version"], 2);
  EXPECT_EQ(first.json()["title"], "Falls from trolleys");
  auto stale = manager.put(risk_path(id), {{"version", 1}, {"title", "Overwritten"}});
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(manager.get(risk_path(id)).json()["title"], "Falls from trolleys");
  auto closed = manager.put(risk_path(id), {{"version", 2}, {"status", "closed"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["status"], "closed");
  EXPECT_EQ(
      manager.post(risk_path(id, "/reviews"), {{"residual", rating(1, 1)}, {"nextReviewOn", "2027-01-01"}})
          .status,
      409);
}

TEST(RiskApi, AnotherDepartmentsManagerIsRefused) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body());
  auto icu = h.signed_in("manager.icu");
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(icu.get(risk_path(id)).status, 403);
  EXPECT_EQ(icu.put(risk_path(id), {{"title", "Mine now"}}).status, 403);
  EXPECT_EQ(icu.post(risk_path(id, "/reviews"), {{"residual", rating(1, 1)}, {"nextReviewOn", "2027-01-01"}})
                .status,
            403);
  EXPECT_EQ(icu.post("/api/v1/risks", risk_body()).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied") - denied, 4);
  EXPECT_EQ(icu.get("/api/v1/risks").json()["total"], 0);
  // The site's quality manager reaches the department's risk.
  EXPECT_EQ(h.signed_in("qm.main").get(risk_path(id)).status, 200);
  EXPECT_EQ(h.signed_in("qm.north").get(risk_path(id)).status, 403);
}

TEST(RiskApi, TheOwnerMayReadAndReviewTheirRisk) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body({{"ownerId", user_id(h, "nurse.ed")}}));
  auto nurse = h.signed_in("nurse.ed");
  auto r = nurse.get(risk_path(id));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["can"]["edit"], false);
  EXPECT_EQ(r.json()["can"]["review"], true);
  EXPECT_EQ(nurse.get("/api/v1/risks").json()["total"], 1);
  auto reviewed =
      nurse.post(risk_path(id, "/reviews"), {{"residual", rating(2, 3)}, {"nextReviewOn", "2027-02-01"}});
  EXPECT_EQ(reviewed.status, 201) << reviewed.body;
  EXPECT_EQ(nurse.put(risk_path(id), {{"title", "Not mine to change"}}).status, 403);
  // A colleague who does not own it sees nothing.
  auto doctor = h.signed_in("doctor.ed");
  EXPECT_EQ(doctor.get(risk_path(id)).status, 403);
  EXPECT_EQ(doctor.get("/api/v1/risks").json()["total"], 0);
}

TEST(RiskApi, CapasRaisedForARiskAreItsActions) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body());
  EXPECT_EQ(manager.get(risk_path(id)).json()["can"]["raiseCapa"], true);
  auto capa = manager.post("/api/v1/capa", {{"title", "Replace trolleys without rails"},
                                            {"kind", "preventive"},
                                            {"source", "risk_review"},
                                            {"departmentId", kEmergency},
                                            {"problemStatement", "Old trolleys have no fixed rails."},
                                            {"riskId", id}});
  ASSERT_EQ(capa.status, 201) << capa.body;
  const auto risk = manager.get(risk_path(id)).json();
  ASSERT_EQ(risk["actions"].size(), 1u) << risk.dump();
  EXPECT_EQ(risk["actions"][0]["reference"], capa.json()["reference"]);
  EXPECT_EQ(risk["actions"][0]["title"], "Replace trolleys without rails");
  EXPECT_EQ(risk["actions"][0]["state"], "open");
  // The owner, a staff member who reads no CAPAs, sees the risk without them.
  auto owned = create_risk(manager, risk_body({{"ownerId", user_id(h, "nurse.ed")}}));
  ASSERT_EQ(manager
                .post("/api/v1/capa", {{"title", "Rails-up audit"},
                                       {"source", "risk_review"},
                                       {"departmentId", kEmergency},
                                       {"problemStatement", "Rails left down."},
                                       {"riskId", owned}})
                .status,
            201);
  const auto seen = h.signed_in("nurse.ed").get(risk_path(owned)).json();
  EXPECT_EQ(seen["actions"], json::array());
  EXPECT_EQ(seen["can"]["raiseCapa"], false);
}

TEST(RiskApi, TheRegisterExportsAsCsvAndExcel) {
  TestHospital h;
  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body());
  const auto reference = manager.get(risk_path(id)).json()["reference"].get<std::string>();
  auto csv = manager.get("/api/v1/risks/export?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.body.find(reference), std::string::npos);
  EXPECT_NE(csv.body.find("Patient falls from trolleys in resus"), std::string::npos);
  auto xlsx = manager.get("/api/v1/risks/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(manager.get("/api/v1/risks/export?format=pdf").status, 422);
}

TEST(RiskSettings, OnlyOrganisationWideQualityManagersChangeTheBands) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto settings = nurse.get("/api/v1/risk-settings").json();
  EXPECT_EQ(settings["bands"], json({{"moderateFrom", 4}, {"highFrom", 8}, {"extremeFrom", 15}}));
  ASSERT_EQ(settings["likelihoods"].size(), 5u);
  EXPECT_EQ(settings["likelihoods"][4],
            json({{"level", 5}, {"id", "almost_certain"}, {"label", "Almost certain"}}));
  EXPECT_EQ(settings["consequences"][0]["id"], "negligible");
  EXPECT_EQ(settings["categories"].size(), 8u);
  EXPECT_EQ(settings["treatments"].size(), 4u);
  EXPECT_EQ(settings["controlEffectiveness"].size(), 4u);

  const json tighter{{"bands", {{"moderateFrom", 3}, {"highFrom", 6}, {"extremeFrom", 9}}}};
  EXPECT_EQ(h.signed_in("qm.main").put("/api/v1/risk-settings", tighter).status, 403);
  auto cqo = h.signed_in("cqo");
  auto bad = cqo.put("/api/v1/risk-settings",
                     {{"bands", {{"moderateFrom", 8}, {"highFrom", 6}, {"extremeFrom", 30}}}});
  EXPECT_EQ(bad.status, 422);
  EXPECT_FALSE(error_fields(bad).empty());
  for (const auto& f : error_fields(bad)) EXPECT_EQ(f.rfind("bands.", 0), 0u) << f;

  auto manager = h.signed_in("manager.ed");
  const auto id = create_risk(manager, risk_body());
  auto r = cqo.put("/api/v1/risk-settings", tighter);
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["bands"], tighter["bands"]);
  const auto map = cqo.get("/api/v1/risks/heat-map").json();
  EXPECT_EQ(map["bands"], tighter["bands"]);
  for (const auto& c : map["cells"])
    if (c["likelihood"] == 3 && c["consequence"] == 3) {
      EXPECT_EQ(c["band"], "extreme");
    }
  EXPECT_EQ(cqo.get(risk_path(id)).json()["residual"]["band"], "extreme");
  EXPECT_EQ(cqo.get("/api/v1/risks?band=extreme").json()["total"], 1);
  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=risk_settings").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["before"]["bands"]["extremeFrom"], 15);
  EXPECT_EQ(audit["items"][0]["after"]["bands"]["extremeFrom"], 9);
}

}  // namespace
}  // namespace hqms::test
