#include <gtest/gtest.h>

#include "store/audit/audit_checkpointing.hpp"
#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

TEST(AuditApi, EveryChangeAndSignInIsRecorded) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  h.client().login("admin", "wrong password here");
  admin.patch("/api/v1/users/2", {{"displayName", "Dr A. Okafor"}});
  admin.send("POST", "/api/v1/auth/logout");
  auto auditor = h.signed_in("auditor");
  std::vector<std::string> actions;
  const auto items = auditor.get("/api/v1/audit?limit=5").json()["items"];
  for (const auto& e : items) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"login", "logout", "update", "login_failed", "login"}));
}

TEST(AuditApi, FiltersByActorEntityActionAndDate) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  admin.patch("/api/v1/users/3", {{"displayName", "T. Brennan"}});
  auto by_actor = admin.get("/api/v1/audit?actorId=1").json();
  for (const auto& e : by_actor["items"]) EXPECT_EQ(e["actor"]["id"], 1);
  EXPECT_EQ(by_actor["total"], 2);
  EXPECT_EQ(admin.get("/api/v1/audit?entityType=user&entityId=3").json()["total"], 2);
  EXPECT_EQ(admin.get("/api/v1/audit?action=update").json()["total"], 1);
  EXPECT_EQ(admin.get("/api/v1/audit?from=2026-11-26&to=2026-11-26").json()["total"],
            admin.get("/api/v1/audit").json()["total"]);
  EXPECT_EQ(admin.get("/api/v1/audit?from=2026-11-27").json()["total"], 0);
  EXPECT_EQ(admin.get("/api/v1/audit?to=2026-11-25").json()["total"], 0);
  EXPECT_EQ(admin.get("/api/v1/audit?from=26/11/2026").status, 422);
  auto oldest_first = admin.get("/api/v1/audit?sort=seq&limit=1").json();
  EXPECT_EQ(oldest_first["items"][0]["seq"], 1);
}

TEST(AuditApi, FullTextSearch) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  auto created = admin.get("/api/v1/audit?q=radiographer").json();
  ASSERT_EQ(created["total"], 1) << created.dump();
  EXPECT_EQ(created["items"][0]["summary"], "Created user radiographer");
  const auto id = created["items"][0]["entityId"].get<std::string>();
  admin.patch("/api/v1/users/" + id, {{"displayName", "Luca Bianchi, radiography lead"}});
  EXPECT_EQ(admin.get("/api/v1/audit?q=radiog").json()["total"], 2) << "the last word matches as a prefix";
  EXPECT_EQ(admin.get("/api/v1/audit?q=radiographer&action=update").json()["total"], 1);
  EXPECT_EQ(admin.get("/api/v1/audit?q=Created%20user%20nurse.ed").json()["total"], 1);
  EXPECT_EQ(admin.get("/api/v1/audit?q=%22%29%20OR%201%3D1").json()["total"], 0);
  EXPECT_EQ(h.signed_in("auditor.main").get("/api/v1/audit?q=nurse.nmed").json()["total"], 0)
      << "search stays inside the caller's scope";
}

TEST(AuditApi, ScopedAuditorsSeeTheirSiteOnly) {
  TestHospital h;
  auto main_auditor = h.signed_in("auditor.main");
  auto page = main_auditor.get("/api/v1/audit?limit=200").json();
  ASSERT_GT(page["total"].get<int>(), 0);
  for (const auto& e : page["items"]) EXPECT_EQ(e["siteId"], kMainSite) << e.dump();
  EXPECT_LT(page["total"].get<int>(), h.signed_in("auditor").get("/api/v1/audit").json()["total"].get<int>());
  EXPECT_EQ(main_auditor.get("/api/v1/audit/verify").status, 403) << "the whole chain is organisation-wide";
}

TEST(AuditApi, ActivityHasEveryDay) {
  TestHospital h;
  auto days = h.signed_in("auditor").get("/api/v1/audit/activity?days=7").json()["days"];
  ASSERT_EQ(days.size(), 7u);
  EXPECT_EQ(days[6]["date"], "2026-11-26");
  EXPECT_EQ(days[0]["date"], "2026-11-20");
  EXPECT_EQ(days[0]["count"], 0);
  EXPECT_GT(days[6]["count"].get<int>(), 50);
  EXPECT_EQ(h.signed_in("auditor").get("/api/v1/audit/activity?days=0").status, 422);
}

TEST(AuditApi, VerifyReportsAnIntactChain) {
  TestHospital h;
  auto v = h.signed_in("admin").get("/api/v1/audit/verify").json();
  EXPECT_EQ(v["ok"], true);
  EXPECT_GT(v["checked"].get<int>(), 50);
  EXPECT_TRUE(v["firstBrokenSeq"].is_null());
}

TEST(AuditApi, TheLastCheckpointAndWhetherItHolds) {
  const auto key = AuditSigningKey::generate();
  http::ServerConfig config;
  config.audit_key = key.public_key();
  TestHospital h(config);
  auto auditor = h.signed_in("auditor");
  auto none = auditor.get("/api/v1/audit/checkpoint").json();
  EXPECT_EQ(none["enabled"], true);
  EXPECT_EQ(none["keyId"], key.public_key().id());
  EXPECT_TRUE(none["checkpoint"].is_null());

  TempDir dir;
  store::AuditCheckpointing checkpoints(h.db(), key,
                                        *store::CheckpointFile::open(dir.file("checkpoints.jsonl")));
  auto taken = checkpoints.take(h.clock().now());
  ASSERT_TRUE(taken && *taken);
  auditor.patch("/api/v1/users/3", {{"displayName", "T. Brennan"}});
  auto status = auditor.get("/api/v1/audit/checkpoint").json();
  EXPECT_EQ(status["checkpoint"]["seq"], (*taken)->seq);
  EXPECT_EQ(status["checkpoint"]["hash"], (*taken)->hash);
  EXPECT_EQ(status["checkpoint"]["keyId"], key.public_key().id());
  EXPECT_EQ(status["checkpoint"]["at"], "2026-11-26T08:00:00.000Z");
  EXPECT_EQ(status["checkpoint"]["verified"], true);
  EXPECT_TRUE(status["checkpoint"]["problem"].is_null());
  EXPECT_GT(status["headSeq"].get<std::int64_t>(), (*taken)->seq) << "later entries are not yet anchored";

  // A checkpoint slipped into the database: signed with another key, or signed and then altered.
  const auto head = status["headSeq"].get<std::int64_t>();
  auto slipped = AuditSigningKey::generate().sign(head, std::string(64, 'a'), h.clock().now());
  ASSERT_TRUE(store::in_write_transaction(
      h.db(), [&](store::UnitOfWork& uow) { return uow.audit_checkpoints().add(slipped); }));
  auto foreign = auditor.get("/api/v1/audit/checkpoint").json()["checkpoint"];
  EXPECT_EQ(foreign["verified"], false);
  EXPECT_NE(foreign["problem"].get<std::string>().find("not this server's key"), std::string::npos)
      << foreign;
  auto altered = key.sign(head + 1, std::string(64, 'b'), h.clock().now());
  altered.hash = std::string(64, 'c');
  ASSERT_TRUE(store::in_write_transaction(
      h.db(), [&](store::UnitOfWork& uow) { return uow.audit_checkpoints().add(altered); }));
  auto forged = auditor.get("/api/v1/audit/checkpoint").json()["checkpoint"];
  EXPECT_EQ(forged["verified"], false);
  EXPECT_NE(forged["problem"].get<std::string>().find("does not verify"), std::string::npos) << forged;

  EXPECT_EQ(h.signed_in("auditor.main").get("/api/v1/audit/checkpoint").status, 403)
      << "like verifying, the whole trail's anchor is for organisation-wide auditors";
}

TEST(AuditApi, WithoutAKeyCheckpointsAreOffAndStoredOnesAreNotChecked) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  auto off = admin.get("/api/v1/audit/checkpoint").json();
  EXPECT_EQ(off["enabled"], false);
  EXPECT_TRUE(off["keyId"].is_null());
  auto stored = AuditSigningKey::generate().sign(1, std::string(64, 'a'), h.clock().now());
  ASSERT_TRUE(store::in_write_transaction(
      h.db(), [&](store::UnitOfWork& uow) { return uow.audit_checkpoints().add(stored); }));
  auto unchecked = admin.get("/api/v1/audit/checkpoint").json()["checkpoint"];
  EXPECT_TRUE(unchecked["verified"].is_null());
  EXPECT_EQ(unchecked["seq"], 1);
}

}  // namespace
}  // namespace hqms::test
