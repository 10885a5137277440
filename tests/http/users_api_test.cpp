#include <gtest/gtest.h>

#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

nlohmann::json new_user(const std::string& username, Id department,
                        const std::string& role = "staff_reporter") {
  return {{"username", username},
          {"displayName", "Test " + username},
          {"email", username + "@example.org"},
          {"password", "a long enough passphrase"},
          {"homeDepartmentId", department},
          {"grants", {{{"role", role}, {"scope", {{"type", "department"}, {"id", department}}}}}}};
}

std::string id_of(HttpClient& c, const std::string& username) {
  auto page = c.get("/api/v1/users?q=" + username).json();
  for (const auto& u : page["items"])
    if (u["username"] == username) return std::to_string(u["id"].get<int>());
  return "0";
}

TEST(UsersApi, CreateThenSignInAsTheNewUser) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  auto r = admin.post("/api/v1/users", new_user("nurse.kim", kEmergency));
  ASSERT_EQ(r.status, 201) << r.body;
  auto user = r.json();
  EXPECT_EQ(user["homeDepartmentName"], "Emergency Department");
  EXPECT_EQ(user["grants"][0]["scope"]["name"], "Emergency Department");
  EXPECT_FALSE(user.contains("passwordHash"));
  EXPECT_EQ(h.client().login("nurse.kim", "a long enough passphrase").status, 200);
}

TEST(UsersApi, SiteAdministratorSeesAndManagesOnlyTheirSite) {
  TestHospital h;
  auto north = h.signed_in("admin.north");
  auto list = north.get("/api/v1/users?limit=200").json();
  for (const auto& u : list["items"]) {
    ASSERT_TRUE(u["homeDepartmentId"].is_number()) << u.dump();
    EXPECT_GE(u["homeDepartmentId"].get<int>(), 10) << u["username"];
  }
  EXPECT_EQ(list["total"], 9);
  EXPECT_EQ(north.post("/api/v1/users", new_user("ward.nurse", kMedicalWardNorth)).status, 201);
  EXPECT_EQ(north.post("/api/v1/users", new_user("ed.nurse", kEmergency)).status, 403);
  auto admin = h.signed_in("admin");
  const auto nurse_ed = id_of(admin, "nurse.ed");
  EXPECT_EQ(north.get("/api/v1/users/" + nurse_ed).status, 403);
  EXPECT_EQ(north.patch("/api/v1/users/" + nurse_ed, {{"displayName", "x"}}).status, 403);
  // A site administrator cannot hand out organisation-wide roles.
  auto escalate = new_user("sneaky", kMedicalWardNorth);
  escalate["grants"] = {
      {{"role", "administrator"}, {"scope", {{"type", "organisation"}, {"id", kOrganisation}}}}};
  EXPECT_EQ(north.post("/api/v1/users", escalate).status, 403);
  EXPECT_GE(h.audit_count("permission_denied"), 4);
}

TEST(UsersApi, EditingIsAuditedWithBeforeAndAfter) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  const auto id = id_of(admin, "nurse.icu");
  auto r = admin.patch("/api/v1/users/" + id,
                       {{"displayName", "Chiara Romano RN"}, {"email", "chiara@example.org"}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["displayName"], "Chiara Romano RN");
  auto audit = admin.get("/api/v1/audit?entityType=user&entityId=" + id + "&action=update").json();
  ASSERT_EQ(audit["total"], 1);
  auto entry = audit["items"][0];
  EXPECT_EQ(entry["before"]["displayName"], "Chiara Romano");
  EXPECT_EQ(entry["after"]["displayName"], "Chiara Romano RN");
  EXPECT_EQ(entry["actor"]["username"], "admin");
  EXPECT_EQ(entry["departmentId"], kIntensiveCare);
  EXPECT_EQ(entry["siteId"], kMainSite);
}

TEST(UsersApi, GrantsAreReplacedWithinScopeOnly) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  const auto id = id_of(admin, "manager.ed");
  nlohmann::json grants = {
      {{"role", "department_manager"}, {"scope", {{"type", "department"}, {"id", kEmergency}}}},
      {{"role", "auditor"}, {"scope", {{"type", "site"}, {"id", kMainSite}}}}};
  auto r = admin.put("/api/v1/users/" + id + "/grants", {{"grants", grants}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json()["grants"].size(), 2u);
  EXPECT_EQ(admin.put("/api/v1/users/" + id + "/grants", nlohmann::json::object()).status, 422);
  const auto self = id_of(admin, "admin");
  EXPECT_EQ(admin.put("/api/v1/users/" + self + "/grants", {{"grants", nlohmann::json::array()}}).status,
            409);
  EXPECT_EQ(admin.patch("/api/v1/users/" + self, {{"active", false}}).status, 409);
}

TEST(UsersApi, PasswordResetUnlocksAndSignsOut) {
  http::ServerConfig config;
  config.account_throttle.free_failures = 3;
  config.pair_throttle.free_failures = 3;
  TestHospital h(config);
  auto admin = h.signed_in("admin");
  auto nurse = h.signed_in("nurse.med");
  for (int i = 0; i < 5; ++i) h.client().login("nurse.med", "wrong guess " + std::to_string(i));
  const auto id = id_of(admin, "nurse.med");
  auto user = admin.get("/api/v1/users/" + id).json();
  EXPECT_TRUE(user["lockedUntil"].is_string()) << user.dump();
  EXPECT_EQ(admin.post("/api/v1/users/" + id + "/password", {{"newPassword", "short"}}).status, 422);
  EXPECT_EQ(
      admin.post("/api/v1/users/" + id + "/password", {{"newPassword", "reset by the admin desk"}}).status,
      204);
  EXPECT_EQ(nurse.get("/api/v1/auth/session").status, 401);
  EXPECT_EQ(h.client().login("nurse.med", "reset by the admin desk").status, 200);
  EXPECT_EQ(h.audit_count("password_reset"), 1);
}

TEST(OrgApi, TreeAndNewSitesAndDepartments) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  auto org = h.signed_in("nurse.ed").get("/api/v1/org").json();
  EXPECT_EQ(org["name"], "St Brigid's University Hospital");
  ASSERT_EQ(org["sites"].size(), 2u);
  auto site = admin.post("/api/v1/org/sites", {{"code", "SOUTH"}, {"name", "South Clinic"}});
  ASSERT_EQ(site.status, 201) << site.body;
  EXPECT_EQ(admin.post("/api/v1/org/sites", {{"code", "SOUTH"}, {"name", "Again"}}).status, 409);
  EXPECT_EQ(admin.post("/api/v1/org/sites", {{"code", "bad code"}, {"name", "x"}}).status, 422);
  const auto site_id = std::to_string(site.json()["id"].get<int>());
  auto dept = admin.post("/api/v1/org/sites/" + site_id + "/departments",
                         {{"code", "SOPD"}, {"name", "Outpatients"}});
  ASSERT_EQ(dept.status, 201) << dept.body;
  EXPECT_EQ(admin.post("/api/v1/org/sites/999/departments", {{"code", "X"}, {"name", "x"}}).status, 404);
  EXPECT_EQ(h.signed_in("admin.north")
                .post("/api/v1/org/sites/" + site_id + "/departments", {{"code", "SX"}, {"name", "x"}})
                .status,
            403);
}

TEST(RolesApi, ListsEveryRoleWithItsPermissions) {
  TestHospital h;
  auto roles = h.signed_in("nurse.ed").get("/api/v1/roles").json()["items"];
  ASSERT_EQ(roles.size(), 8u);
  EXPECT_EQ(roles[7]["role"], "administrator");
  EXPECT_NE(roles[5]["permissions"].dump().find("audit.read"), std::string::npos);
}

}  // namespace
}  // namespace hqms::test

namespace hqms::test {
namespace {

TEST(PeopleApi, ThoseWhoAssignWorkFindPeopleByNameWithNothingMoreThanTheirDepartment) {
  TestHospital h;
  auto pso = h.signed_in("pso.main");
  auto found = pso.get("/api/v1/people?q=aoife");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(found.json(), nlohmann::json::parse(R"({"items":[{"id":24,"displayName":"Aoife Byrne",
            "departmentName":"Emergency Department"}]})"));
  // Someone at the other site is found too: investigations cross departments.
  EXPECT_EQ(pso.get("/api/v1/people?q=petrova").json()["items"][0]["displayName"], "Anna Petrova");
  EXPECT_EQ(pso.get("/api/v1/people?limit=3").json()["items"].size(), 3u);
  EXPECT_EQ(pso.get("/api/v1/people?limit=500").status, 422);
  // A deactivated account is not offered.
  auto admin = h.signed_in("admin");
  ASSERT_EQ(admin.patch("/api/v1/users/24", {{"active", false}}).status, 200);
  EXPECT_TRUE(pso.get("/api/v1/people?q=aoife").json()["items"].empty());
}

TEST(PeopleApi, ThoseWhoAssignNoWorkAreRefused) {
  TestHospital h;
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(h.signed_in("doctor.ed").get("/api/v1/people?q=a").status, 403);
  EXPECT_EQ(h.signed_in("analyst").get("/api/v1/people?q=a").status, 403);
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 2);
}

}  // namespace
}  // namespace hqms::test
