// The second factor through the API: enrolment, sign-in with an authenticator code or a recovery code,
// replay and throttling, the organisation's setting that restricts unenrolled privileged sessions, and an
// administrator's reset within their scope.
#include <gtest/gtest.h>

#include <cctype>

#include "core/auth/base32.hpp"
#include "core/auth/one_time_password.hpp"
#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

using namespace std::chrono_literals;

std::string code_now(TestHospital& h, const std::string& base32_secret) {
  return totp(*base32_decode(base32_secret), totp_step(h.clock().now()));
}

struct Enrolled {
  std::string secret;  // base32
  std::vector<std::string> recovery_codes;
};

// Enrols the client's person with an authenticator; the clock then moves to the next step, as the code that
// confirmed the enrolment is spent.
Enrolled enrol(TestHospital& h, HttpClient& c) {
  auto started = c.post("/api/v1/auth/second-factor/enrolment", nlohmann::json::object());
  EXPECT_EQ(started.status, 200) << started.body;
  Enrolled e{started.json()["secret"].get<std::string>(), {}};
  auto confirmed = c.post("/api/v1/auth/second-factor/enrolment/confirm", {{"code", code_now(h, e.secret)}});
  EXPECT_EQ(confirmed.status, 200) << confirmed.body;
  const auto body = confirmed.json();
  for (const auto& code : body["recoveryCodes"]) e.recovery_codes.push_back(code.get<std::string>());
  h.clock().advance(30s);
  return e;
}

// Signs in with the password; answers the challenge token.
std::string password_step(HttpClient& c, const std::string& username) {
  auto r = c.login(username, kPassword);
  EXPECT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.json().value("secondFactorRequired", false), true) << r.body;
  EXPECT_TRUE(r.header("Set-Cookie").empty()) << "no session before the second factor";
  return r.json().value("challengeToken", "");
}

TEST(SecondFactorApi, EnrolThenSignInWithACodeThatWorksOnce) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  auto started = admin.post("/api/v1/auth/second-factor/enrolment", nlohmann::json::object());
  ASSERT_EQ(started.status, 200) << started.body;
  const auto uri = started.json()["otpauthUri"].get<std::string>();
  EXPECT_TRUE(uri.starts_with("otpauth://totp/HQMS%20%28")) << uri;
  EXPECT_NE(uri.find(":admin?secret=" + started.json()["secret"].get<std::string>() + "&issuer=HQMS"),
            std::string::npos)
      << uri;
  EXPECT_EQ(admin.get("/api/v1/auth/second-factor").json()["pending"], true);

  // A pending enrolment does not guard sign-in yet, and a wrong code does not confirm it.
  auto other = h.client();
  ASSERT_EQ(other.login("admin", kPassword).json().value("secondFactorRequired", false), false);
  auto wrong = admin.post("/api/v1/auth/second-factor/enrolment/confirm", {{"code", "000000"}});
  EXPECT_EQ(wrong.status, 422);
  const auto secret = started.json()["secret"].get<std::string>();
  auto confirmed =
      admin.post("/api/v1/auth/second-factor/enrolment/confirm", {{"code", code_now(h, secret)}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.json()["recoveryCodes"].size(), 10u);
  EXPECT_EQ(other.get("/api/v1/auth/session").status, 401) << "older sessions end at enrolment";
  EXPECT_EQ(admin.get("/api/v1/auth/session").status, 200) << "the enrolling session stays";
  EXPECT_EQ(h.audit_count("second_factor_enrolled"), 1);

  // The code that confirmed the enrolment is spent: the same step is refused at sign-in.
  auto c = h.client();
  auto token = password_step(c, "admin");
  EXPECT_EQ(c.get("/api/v1/auth/session").status, 401);
  auto replayed = c.login_second_factor(token, {{"code", code_now(h, secret)}});
  EXPECT_EQ(replayed.status, 401);
  EXPECT_EQ(replayed.json()["type"], "/problems/invalid-credentials");

  h.clock().advance(30s);
  const auto code = code_now(h, secret);
  auto signed_in = c.login_second_factor(token, {{"code", code}});
  ASSERT_EQ(signed_in.status, 200) << signed_in.body;
  EXPECT_EQ(signed_in.json()["user"]["username"], "admin");
  EXPECT_EQ(signed_in.json()["mustEnrolSecondFactor"], false);
  EXPECT_EQ(c.get("/api/v1/users").status, 200);

  // The challenge was used; and the code, with a fresh challenge, is refused too.
  EXPECT_EQ(h.client().login_second_factor(token, {{"code", code}}).json()["type"],
            "/problems/unauthenticated");
  auto again = h.client();
  EXPECT_EQ(again.login_second_factor(password_step(again, "admin"), {{"code", code}}).status, 401);
  EXPECT_EQ(h.audit_count("login_second_factor"), 2) << "each password step asked for the second factor";
}

TEST(SecondFactorApi, ACodeOfTheStepBeforeOrAfterIsAcceptedButNotTwoAway) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  const auto e = enrol(h, admin);
  const auto key = *base32_decode(e.secret);
  const auto step = totp_step(h.clock().now());
  auto c = h.client();
  const auto token = password_step(c, "admin");
  EXPECT_EQ(c.login_second_factor(token, {{"code", totp(key, step + 2)}}).status, 401);
  EXPECT_EQ(c.login_second_factor(token, {{"code", totp(key, step - 2)}}).status, 401);
  EXPECT_EQ(c.login_second_factor(token, {{"code", totp(key, step + 1)}}).status, 200);
}

TEST(SecondFactorApi, RecoveryCodesWorkOnceEachAndAreAudited) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  const auto e = enrol(h, admin);
  auto c = h.client();
  auto r = c.login_second_factor(password_step(c, "admin"), {{"recoveryCode", e.recovery_codes[3]}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(h.audit_count("recovery_code_used"), 1);
  EXPECT_EQ(c.get("/api/v1/auth/second-factor").json()["recoveryCodesLeft"], 9);

  // Typed in lower case without dashes it is the same code, and it is spent.
  std::string typed;
  for (char ch : e.recovery_codes[3])
    if (ch != '-') typed.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(ch))));
  auto d = h.client();
  auto reused = d.login_second_factor(password_step(d, "admin"), {{"recoveryCode", typed}});
  EXPECT_EQ(reused.status, 401);

  // New codes replace the old ones, after proof.
  EXPECT_EQ(c.post("/api/v1/auth/second-factor/recovery-codes", {{"password", "wrong password!"}}).status,
            422);
  auto fresh = c.post("/api/v1/auth/second-factor/recovery-codes", {{"password", kPassword}});
  ASSERT_EQ(fresh.status, 200) << fresh.body;
  auto f = h.client();
  EXPECT_EQ(f.login_second_factor(password_step(f, "admin"), {{"recoveryCode", e.recovery_codes[4]}}).status,
            401);
  const auto fresh_codes = fresh.json()["recoveryCodes"];
  EXPECT_EQ(f.login_second_factor(password_step(f, "admin"), {{"recoveryCode", fresh_codes[0]}}).status, 200);
  EXPECT_EQ(h.audit_count("recovery_codes_regenerated"), 1);
}

TEST(SecondFactorApi, WrongCodesCountTowardTheAccountsSignInThrottle) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  const auto e = enrol(h, admin);
  auto c = h.client();
  // A fresh password step must not wipe the count of wrong codes: six wrong codes over two challenges, one
  // past the five a pair of account and address has free (ServerConfig::pair_throttle).
  auto token = password_step(c, "admin");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.login_second_factor(token, {{"code", "000000"}}).status, 401);
  token = password_step(c, "admin");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(c.login_second_factor(token, {{"code", "000000"}}).status, 401);
  auto locked = c.login_second_factor(token, {{"code", code_now(h, e.secret)}});
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_FALSE(locked.header("Retry-After").empty());
  EXPECT_EQ(c.login("admin", kPassword).status, 429) << "the password step is locked too";
  EXPECT_GE(h.audit_count("login_failed"), 6);
}

TEST(SecondFactorApi, AChallengeExpiresAfterFiveMinutesAndDiesAfterFiveWrongCodes) {
  http::ServerConfig config;
  config.pair_throttle.free_failures = 20;  // so that the challenge's own limit shows
  TestHospital h(config);
  auto admin = h.signed_in("admin");
  const auto e = enrol(h, admin);
  auto c = h.client();
  auto token = password_step(c, "admin");
  h.clock().advance(5min + 1s);
  auto late = c.login_second_factor(token, {{"code", code_now(h, e.secret)}});
  EXPECT_EQ(late.status, 401);
  EXPECT_EQ(late.json()["type"], "/problems/unauthenticated");
  EXPECT_EQ(c.login_second_factor("not-a-token", {{"code", "123456"}}).json()["type"],
            "/problems/unauthenticated");
  auto missing = c.post("/api/v1/auth/login/second-factor", {{"challengeToken", "x"}});
  EXPECT_EQ(missing.status, 422);

  token = password_step(c, "admin");
  for (int i = 0; i < 5; ++i) EXPECT_EQ(c.login_second_factor(token, {{"code", "000000"}}).status, 401);
  auto dead = c.login_second_factor(token, {{"code", code_now(h, e.secret)}});
  EXPECT_EQ(dead.json()["type"], "/problems/unauthenticated") << dead.body;
  EXPECT_EQ(c.login_second_factor(password_step(c, "admin"), {{"code", code_now(h, e.secret)}}).status, 200);
}

TEST(SecondFactorApi, SwitchingItOffNeedsProof) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  const auto e = enrol(h, admin);
  EXPECT_EQ(admin.post("/api/v1/auth/second-factor/disable", nlohmann::json::object()).status, 422);
  EXPECT_EQ(admin.post("/api/v1/auth/second-factor/disable", {{"code", "000000"}}).status, 422);
  EXPECT_EQ(admin.post("/api/v1/auth/second-factor/disable", {{"code", code_now(h, e.secret)}}).status, 204);
  EXPECT_EQ(admin.get("/api/v1/auth/second-factor").json()["enrolled"], false);
  EXPECT_EQ(h.client().login("admin", kPassword).json().value("secondFactorRequired", false), false);
  EXPECT_EQ(h.audit_count("second_factor_disabled"), 1);
  EXPECT_EQ(h.audit_count("second_factor_check_failed"), 1);
}

TEST(SecondFactorApi, TheSettingRestrictsUnenrolledPrivilegedSessionsToEnrolling) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  // Requiring it before having one would lock the administrator out of everything at once.
  EXPECT_EQ(admin.put("/api/v1/security-settings", {{"requireSecondFactor", true}}).status, 409);
  enrol(h, admin);
  auto saved = admin.put("/api/v1/security-settings", {{"requireSecondFactor", true}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(admin.get("/api/v1/security-settings").json()["requireSecondFactor"], true);

  // An organisation-wide executive with no second factor: signed in, but only to enrol.
  auto exec = h.client();
  auto session = exec.login("exec", kPassword);
  ASSERT_EQ(session.status, 200) << session.body;
  EXPECT_EQ(session.json()["mustEnrolSecondFactor"], true);
  EXPECT_TRUE(session.json()["permissions"].empty());
  auto refused = exec.get("/api/v1/incidents");
  EXPECT_EQ(refused.status, 403);
  EXPECT_EQ(refused.json()["type"], "/problems/second-factor-enrolment-required");
  EXPECT_EQ(exec.put("/api/v1/auth/password", {{"currentPassword", kPassword}, {"newPassword", "x"}}).status,
            403);
  EXPECT_EQ(exec.get("/api/v1/auth/session").status, 200);
  EXPECT_EQ(exec.get("/api/v1/auth/second-factor").json()["required"], true);
  enrol(h, exec);
  EXPECT_EQ(exec.get("/api/v1/incidents").status, 200) << "enrolled: the session is whole";
  EXPECT_EQ(exec.get("/api/v1/auth/session").json()["mustEnrolSecondFactor"], false);

  // A site administrator needs one too; a department manager does not.
  auto north = h.client();
  EXPECT_EQ(north.login("admin.north", kPassword).json()["mustEnrolSecondFactor"], true);
  auto manager = h.signed_in("manager.ed");
  EXPECT_EQ(manager.get("/api/v1/incidents").status, 200);

  // Sessions already open are restricted as soon as the setting is on: the quality manager signed in before.
  EXPECT_EQ(admin.put("/api/v1/security-settings", {{"requireSecondFactor", false}}).status, 200);
  auto cqo = h.signed_in("cqo");
  EXPECT_EQ(cqo.get("/api/v1/incidents").status, 200);
  EXPECT_EQ(admin.put("/api/v1/security-settings", {{"requireSecondFactor", true}}).status, 200);
  EXPECT_EQ(cqo.get("/api/v1/incidents").status, 403);
  EXPECT_EQ(cqo.post("/api/v1/auth/logout", nlohmann::json::object()).status, 204);
  EXPECT_EQ(h.audit_count("update"), 3);
}

TEST(SecondFactorApi, AnAdministratorResetsOnlyPeopleWhollyInsideTheirScope) {
  TestHospital h;
  // Homed at North but quality manager for the whole organisation (issue 12, finding 2).
  const auto wide = h.add_user("qm.wide", {{Role::quality_manager, {ScopeType::organisation, kOrganisation}}},
                               kMedicalWardNorth);
  const auto local = h.add_user(
      "nurse.north", {{Role::staff_reporter, {ScopeType::department, kMedicalWardNorth}}}, kMedicalWardNorth);
  auto wide_client = h.signed_in("qm.wide");
  enrol(h, wide_client);
  auto local_client = h.signed_in("nurse.north");
  enrol(h, local_client);

  auto north = h.signed_in("admin.north");
  const auto denied_before = h.audit_count("permission_denied");
  EXPECT_EQ(north.send("DELETE", "/api/v1/users/" + std::to_string(wide) + "/second-factor").status, 403);
  EXPECT_EQ(h.audit_count("permission_denied"), denied_before + 1);
  EXPECT_EQ(north.get("/api/v1/users/" + std::to_string(wide) + "/second-factor").json()["enrolled"], true);

  EXPECT_EQ(north.send("DELETE", "/api/v1/users/" + std::to_string(local) + "/second-factor").status, 204);
  EXPECT_EQ(local_client.get("/api/v1/auth/session").status, 401) << "the person's sessions end";
  EXPECT_EQ(h.client().login("nurse.north", kPassword).json().value("secondFactorRequired", false), false);

  auto admin = h.signed_in("admin");
  EXPECT_EQ(admin.send("DELETE", "/api/v1/users/" + std::to_string(wide) + "/second-factor").status, 204);
  EXPECT_EQ(h.audit_count("second_factor_reset"), 2);
  const auto me = admin.get("/api/v1/auth/session").json()["user"]["id"].get<Id>();
  EXPECT_EQ(admin.send("DELETE", "/api/v1/users/" + std::to_string(me) + "/second-factor").status, 409)
      << "not one's own";
}

}  // namespace
}  // namespace hqms::test
