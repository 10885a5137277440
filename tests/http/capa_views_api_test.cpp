// The CAPA list and what is drawn from it: filters, the kanban board, the ageing report and the exports.
#include <gtest/gtest.h>

#include "http/capa_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

std::vector<std::string> references(const Reply& r) {
  std::vector<std::string> out;
  const auto j = r.json();
  if (j.is_object() && j.contains("items"))
    for (const auto& item : j["items"]) out.push_back(item["reference"]);
  return out;
}

// Three CAPAs: 0001 planned in the ED with an action due 2026-12-15, 0002 open in the ICU, 0003 open in the
// ED about wristbands; the last two due at the end of January.
void raise_three(TestHospital& h) {
  auto manager = h.signed_in("manager.ed");
  const auto a = raise_capa(manager, capa_body(user_id(h, "nurse.ed")));
  move_capa(manager, a, "planned");
  auto qm = h.signed_in("qm.main");
  raise_capa(qm, capa_body(user_id(h, "nurse.icu"), {{"title", "Central line bundle compliance"},
                                                     {"departmentId", kIntensiveCare},
                                                     {"actions",
                                                      {{{"description", "Bundle checklist in the EHR"},
                                                        {"strength", "intermediate"},
                                                        {"ownerId", user_id(h, "nurse.icu")},
                                                        {"dueOn", "2027-01-31"}}}}}));
  raise_capa(manager, capa_body(user_id(h, "doctor.ed"), {{"title", "Wristband printer jams"},
                                                          {"actions",
                                                           {{{"description", "Replace the printer"},
                                                             {"strength", "stronger"},
                                                             {"ownerId", user_id(h, "doctor.ed")},
                                                             {"dueOn", "2027-01-31"}}}}}));
}

TEST(CapaList, FiltersByStateDepartmentOwnerTextAndOverdue) {
  TestHospital h;
  raise_three(h);
  auto cqo = h.signed_in("cqo");
  auto all = cqo.get("/api/v1/capa?sort=reference");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(references(all),
            (std::vector<std::string>{"CAPA-2026-0001", "CAPA-2026-0002", "CAPA-2026-0003"}));
  const auto first = all.json()["items"][0];
  EXPECT_EQ(first["state"], "planned");
  EXPECT_EQ(first["stateLabel"], "Planned");
  EXPECT_EQ(first["departmentName"], "Emergency Department");
  EXPECT_EQ(first["coordinator"]["displayName"], "Dr Sam Patel");
  EXPECT_EQ(first["actionCount"], 1);
  EXPECT_EQ(first["openActionCount"], 1);
  EXPECT_EQ(first["nextDueOn"], "2026-12-15");
  EXPECT_EQ(first["overdue"], false);
  EXPECT_EQ(first["ageDays"], 0);
  EXPECT_EQ(references(cqo.get("/api/v1/capa?sort=-reference"))[0], "CAPA-2026-0003");

  EXPECT_EQ(references(cqo.get("/api/v1/capa?state=planned")), std::vector<std::string>{"CAPA-2026-0001"});
  EXPECT_EQ(cqo.get("/api/v1/capa?state=open").json()["total"], 2);
  EXPECT_EQ(cqo.get("/api/v1/capa?state=open,planned").json()["total"], 3);
  EXPECT_EQ(cqo.get("/api/v1/capa?state=open&state=planned").json()["total"], 3);
  EXPECT_EQ(error_fields(cqo.get("/api/v1/capa?state=finished")), std::vector<std::string>{"state"});
  EXPECT_EQ(error_fields(cqo.get("/api/v1/capa?sort=owner")), std::vector<std::string>{"sort"});
  EXPECT_EQ(references(cqo.get("/api/v1/capa?departmentId=" + std::to_string(kIntensiveCare))),
            std::vector<std::string>{"CAPA-2026-0002"});
  EXPECT_EQ(references(cqo.get("/api/v1/capa?ownerId=" + std::to_string(user_id(h, "doctor.ed")))),
            std::vector<std::string>{"CAPA-2026-0003"});
  EXPECT_EQ(references(cqo.get("/api/v1/capa?q=wristband")), std::vector<std::string>{"CAPA-2026-0003"});
  EXPECT_EQ(references(cqo.get("/api/v1/capa?source=complaint")), std::vector<std::string>{});

  EXPECT_EQ(cqo.get("/api/v1/capa?overdue=true").json()["total"], 0);
  h.clock().advance(std::chrono::days(20));  // 2026-12-16: the first CAPA's action is a day late
  cqo = h.signed_in("cqo");                  // the old session idled out
  auto late = cqo.get("/api/v1/capa?overdue=true");
  EXPECT_EQ(references(late), std::vector<std::string>{"CAPA-2026-0001"}) << late.body;
  EXPECT_EQ(late.json()["items"][0]["overdue"], true);
  EXPECT_EQ(late.json()["items"][0]["ageDays"], 20);
  EXPECT_EQ(cqo.get(capa_path(late.json()["items"][0]["id"])).json()["actions"][0]["overdue"], true);

  EXPECT_EQ(h.signed_in("manager.icu").get("/api/v1/capa").json()["total"], 1) << "only their department";
}

TEST(CapaBoard, ColumnsCountEachStateAndKeepClosedForNinetyDays) {
  TestHospital h;
  raise_three(h);
  auto pso = h.signed_in("pso.main");
  auto manager = h.signed_in("manager.ed");
  auto nurse = h.signed_in("nurse.ed");
  const auto closed = raise_capa(pso, capa_body(user_id(h, "nurse.ed"), {{"title", "Closed one"}}));
  ready_for_verification(pso, nurse, closed);
  ASSERT_EQ(
      pso.post(capa_path(closed, "/effectiveness"), {{"result", "effective"}, {"evidence", "Audits clean"}})
          .status,
      200);
  const auto cancelled = raise_capa(manager, capa_body(user_id(h, "nurse.ed"), {{"title", "Raised twice"}}));
  move_capa(manager, cancelled, "cancelled", "Duplicate");

  auto board = h.signed_in("cqo").get("/api/v1/capa/board");
  ASSERT_EQ(board.status, 200) << board.body;
  const auto columns = board.json()["columns"];
  ASSERT_EQ(columns.size(), 5u);
  std::vector<std::string> states;
  std::vector<int> counts;
  for (const auto& c : columns) {
    states.push_back(c["state"]);
    counts.push_back(c["count"]);
    EXPECT_EQ(c["items"].size(), c["count"].get<std::size_t>()) << c["state"];
  }
  EXPECT_EQ(states,
            (std::vector<std::string>{"open", "planned", "in_progress", "awaiting_verification", "closed"}));
  EXPECT_EQ(counts, (std::vector<int>{2, 1, 0, 0, 1}));
  EXPECT_EQ(columns[1]["label"], "Planned");
  EXPECT_EQ(columns[4]["items"][0]["title"], "Closed one");
  auto ed = h.signed_in("cqo").get("/api/v1/capa/board?departmentId=" + std::to_string(kEmergency)).json();
  EXPECT_EQ(ed["columns"][0]["count"], 1) << "the filters apply";

  h.clock().advance(std::chrono::days(91));
  const auto later = h.signed_in("cqo").get("/api/v1/capa/board").json();
  EXPECT_EQ(later["columns"][4]["count"], 0) << "closed more than 90 days ago";
  EXPECT_EQ(later["columns"][0]["count"], 2);
}

TEST(CapaAgeing, OpenCapasByAgeBandAndDepartment) {
  TestHospital h;
  raise_three(h);
  h.clock().advance(std::chrono::days(45));  // 2027-01-10
  auto cqo = h.signed_in("cqo");
  auto r = cqo.get("/api/v1/capa/ageing");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto a = r.json();
  EXPECT_EQ(a["bands"], json({"0-30", "31-60", "61-90", "91-180", "180+"}));
  ASSERT_EQ(a["rows"].size(), 2u);
  EXPECT_EQ(a["rows"][0]["departmentName"], "Emergency Department");
  EXPECT_EQ(a["rows"][0]["counts"], json({0, 2, 0, 0, 0}));
  EXPECT_EQ(a["rows"][0]["total"], 2);
  EXPECT_EQ(a["rows"][0]["overdue"], 1) << "the first CAPA's action was due 2026-12-15";
  EXPECT_EQ(a["rows"][0]["oldestDays"], 45);
  EXPECT_EQ(a["rows"][1]["departmentName"], "Intensive Care Unit");
  EXPECT_EQ(a["totals"], json({0, 3, 0, 0, 0}));
  EXPECT_EQ(a["total"], 3);
  EXPECT_EQ(a["overdue"], 1);
  EXPECT_EQ(a["medianDays"], 45);
  const auto icu = cqo.get("/api/v1/capa/ageing?departmentId=" + std::to_string(kIntensiveCare)).json();
  EXPECT_EQ(icu["total"], 1);
  EXPECT_EQ(h.signed_in("manager.icu").get("/api/v1/capa/ageing").json()["total"], 1);
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(h.signed_in("nurse.ed").get("/api/v1/capa/ageing").status, 403);
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 1);
}

TEST(CapaExport, CsvAndExcelOfTheFilteredList) {
  TestHospital h;
  raise_three(h);
  auto cqo = h.signed_in("cqo");
  auto csv = cqo.get("/api/v1/capa/export?format=csv&departmentId=" + std::to_string(kIntensiveCare));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.header("Content-Disposition").find("capa-2026-11-26.csv"), std::string::npos);
  EXPECT_NE(
      csv.body.find("Reference,Title,Kind,Source,State,Department,Coordinator,Actions,Open actions,Next "
                    "due,Overdue,Age (days),Updated"),
      std::string::npos)
      << csv.body;
  EXPECT_NE(
      csv.body.find("CAPA-2026-0002,Central line bundle compliance,Corrective,Audit finding,Open,Intensive "
                    "Care Unit,Maria Gonzalez,1,1,2027-01-31,No,0,"),
      std::string::npos)
      << csv.body;
  EXPECT_EQ(csv.body.find("CAPA-2026-0001"), std::string::npos) << "the filter applies";
  auto xlsx = cqo.get("/api/v1/capa/export?format=xlsx");
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
  EXPECT_EQ(cqo.get("/api/v1/capa/export?format=pdf").status, 422);
  EXPECT_EQ(h.signed_in("nurse.ed").get("/api/v1/capa/export?format=csv").status, 403);
}

}  // namespace
}  // namespace hqms::test
