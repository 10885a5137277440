// The home page's work sections: the caller's latest reports, and the reports and CAPAs assigned to them.
#include <gtest/gtest.h>

#include "http/capa_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

const json* item_with(const json& section, const std::string& id) {
  for (const auto& item : section["items"])
    if (item["id"] == id) return &item;
  return nullptr;
}

TEST(HomeApi, MyLatestReportsAndTheCapasIHoldAnActionIn) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto report = file_event(nurse, valid_event());
  auto manager = h.signed_in("manager.ed");
  const auto capa = raise_capa(manager, capa_body(user_id(h, "nurse.ed")));

  auto work = nurse.get("/api/v1/me/work");
  ASSERT_EQ(work.status, 200) << work.body;
  const auto sections = work.json()["sections"];
  ASSERT_EQ(sections.size(), 2u);
  EXPECT_EQ(sections[0]["key"], "reports");
  EXPECT_EQ(sections[1]["key"], "assigned");

  const auto* mine = item_with(sections[0], "incident-" + std::to_string(report));
  ASSERT_NE(mine, nullptr) << sections[0].dump();
  EXPECT_EQ((*mine)["href"], "/incidents/" + std::to_string(report));
  EXPECT_EQ((*mine)["title"].get<std::string>().rfind("PSE-2026-", 0), 0u) << (*mine)["title"];
  EXPECT_NE((*mine)["subtitle"].get<std::string>().find("Reported by you"), std::string::npos);
  EXPECT_EQ((*mine)["dueAt"], nullptr);
  EXPECT_EQ(sections[0]["items"][0], *mine) << "the latest report comes first";
  EXPECT_LE(sections[0]["items"].size(), 5u);

  const auto* action = item_with(sections[1], "capa-" + std::to_string(capa));
  ASSERT_NE(action, nullptr) << sections[1].dump();
  EXPECT_EQ((*action)["href"], "/capa/" + std::to_string(capa));
  EXPECT_EQ((*action)["dueAt"], "2026-12-15") << "the nurse's action is due then";
  EXPECT_EQ((*action)["overdue"], false);
  EXPECT_NE((*action)["title"].get<std::string>().find("Patient identification"), std::string::npos);
}

TEST(HomeApi, OnlyTheCallersOwnWorkIsListed) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto report = file_event(nurse, valid_event());
  // The department manager sees the report in the department's list, but it is not theirs on the home page.
  auto sections = h.signed_in("manager.ed").get("/api/v1/me/work").json()["sections"];
  EXPECT_EQ(item_with(sections[0], "incident-" + std::to_string(report)), nullptr);
  auto admin = h.signed_in("admin").get("/api/v1/me/work").json()["sections"];
  for (const auto& s : admin) EXPECT_FALSE(s["emptyText"].get<std::string>().empty());
  EXPECT_EQ(item_with(admin[0], "incident-" + std::to_string(report)), nullptr);
}

}  // namespace
}  // namespace hqms::test
