#include <gtest/gtest.h>

#include <set>

#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

TEST(AuthApi, SignInSetsAHardenedCookieAndReturnsTheSession) {
  TestHospital h;
  auto c = h.client();
  auto r = c.login("cqo", kPassword);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto cookie = r.header("Set-Cookie");
  EXPECT_NE(cookie.find("hqms_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP must not mark the cookie Secure";
  auto s = r.json();
  EXPECT_EQ(s["user"]["username"], "cqo");
  EXPECT_EQ(s["idleTimeoutSeconds"], 900);
  EXPECT_FALSE(s["csrfToken"].get<std::string>().empty());
  // The chief quality officer is a quality manager for the whole organisation.
  EXPECT_EQ(s["permissions"],
            nlohmann::json({"org.read", "incidents.report", "incidents.read", "incidents.read_phi",
                            "incidents.triage", "incidents.configure", "investigations.read",
                            "investigations.manage", "capa.read", "capa.manage", "risks.read", "risks.manage",
                            "risks.configure", "indicators.read", "indicators.manage"}));
  EXPECT_EQ(c.get("/api/v1/auth/session").json()["user"]["username"], "cqo");
}

TEST(AuthApi, SecureCookiesWhenConfiguredForTls) {
  http::ServerConfig config;
  config.secure_cookies = true;
  TestHospital h(config);
  auto r = h.client().login("cqo", kPassword);
  EXPECT_NE(r.header("Set-Cookie").find("; Secure"), std::string::npos);
  EXPECT_FALSE(r.header("Strict-Transport-Security").empty());
}

TEST(AuthApi, WrongPasswordAndUnknownUserGetTheSameAnswer) {
  TestHospital h;
  auto wrong = h.client().login("cqo", "not the password at all");
  auto unknown = h.client().login("nobody.here", "not the password at all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json()["type"], "/problems/invalid-credentials");
  EXPECT_EQ(wrong.json()["detail"], unknown.json()["detail"]);
  EXPECT_EQ(h.audit_count("login_failed"), 2);
}

TEST(AuthApi, MissingFieldsAreValidationErrors) {
  TestHospital h;
  auto r = h.client().post("/api/v1/auth/login", {{"username", ""}});
  ASSERT_EQ(r.status, 422);
  std::set<std::string> fields;
  const auto problem = r.json();
  for (const auto& e : problem.at("errors")) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"username", "password"}));
}

// NIST SP 800-63B §5.2.2: failures slow the next attempt, with waits that grow, rather than lock the account.
TEST(AuthApi, RepeatedFailuresFromOneAddressWaitLongerEachTime) {
  http::ServerConfig config;
  config.pair_throttle = {3, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  TestHospital h(config);
  auto c = h.client();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.login("cqo", "wrong password " + std::to_string(i)).status, 401);
  auto waiting = c.login("cqo", kPassword);
  ASSERT_EQ(waiting.status, 429) << "the right password must wait like any other attempt from here";
  EXPECT_EQ(waiting.json()["type"], "/problems/too-many-requests");
  EXPECT_EQ(waiting.header("Retry-After"), "30");
  h.clock().advance(std::chrono::seconds(31));
  EXPECT_EQ(c.login("cqo", "wrong again").status, 401);
  EXPECT_EQ(c.login("cqo", kPassword).header("Retry-After"), "60") << "the wait doubles";
  h.clock().advance(std::chrono::seconds(61));
  EXPECT_EQ(c.login("cqo", kPassword).status, 200);
}

// Issue 12, finding 4: one address's failures (every user behind a proxy shares one) never refuse a correct
// password of an account that address has not failed on.
TEST(AuthApi, AnotherPersonsFailuresNeverLockAnAccountOut) {
  http::ServerConfig config;
  config.address_throttle = {3, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  config.account_throttle = {3, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  TestHospital h(config);
  auto c = h.client();
  for (int i = 0; i < 4; ++i) EXPECT_EQ(c.login("exec", "guess " + std::to_string(i)).status, 401);
  for (const char* user : {"a.one", "b.two", "c.three", "d.four", "e.five", "f.six"})
    EXPECT_EQ(c.login(user, "whatever password").status, 401) << "a first try at each account is checked";
  EXPECT_EQ(c.login("cqo", kPassword).status, 200) << "an untouched account signs in from the same address";
  EXPECT_EQ(c.login("exec", kPassword).status, 429) << "the pair that failed waits";
}

TEST(AuthApi, AnAddressSprayingGuessesIsSlowedOnAccountsItHasFailedOn) {
  http::ServerConfig config;
  config.address_throttle = {3, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  TestHospital h(config);
  auto c = h.client();
  for (const char* user : {"a.one", "b.two", "c.three", "cqo"})
    EXPECT_EQ(c.login(user, "Summer2026!").status, 401);
  EXPECT_EQ(c.login("cqo", "Autumn2026!").status, 429)
      << "a second guess at an account it has failed on waits";
}

TEST(AuthApi, ForwardedForIsBelievedOnlyFromATrustedProxy) {
  const auto fail_from = [](HttpClient& c, const std::string& address) {
    return c.send("POST", "/api/v1/auth/login",
                  nlohmann::json{{"username", "cqo"}, {"password", "nope"}}.dump(),
                  {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}});
  };
  const auto login_from = [](HttpClient& c, const std::string& address) {
    return c.send("POST", "/api/v1/auth/login",
                  nlohmann::json{{"username", "cqo"}, {"password", kPassword}}.dump(),
                  {{"Content-Type", "application/json"}, {"X-Forwarded-For", address}});
  };
  http::ServerConfig config;
  config.pair_throttle = {2, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  {
    TestHospital h(config);  // no trusted proxy: the header is the client's own claim and is ignored
    auto c = h.client();
    for (int i = 0; i < 3; ++i) EXPECT_EQ(fail_from(c, "10.9.0." + std::to_string(i)).status, 401);
    EXPECT_EQ(login_from(c, "10.9.0.99").status, 429)
        << "a forged X-Forwarded-For does not make a fresh pair";
  }
  config.trusted_proxies = *http::TrustedProxies::parse({"127.0.0.0/8"});
  TestHospital h(config);
  auto c = h.client();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(fail_from(c, "10.9.0.1").status, 401);
  EXPECT_EQ(login_from(c, "10.9.0.1").status, 429);
  EXPECT_EQ(login_from(c, "10.9.0.2").status, 200) << "another client behind the proxy signs in";
  const auto lines = h.access_log();
  ASSERT_FALSE(lines.empty());
  EXPECT_NE(lines.back().find("10.9.0.2"), std::string::npos) << "the access log names the client";
}

TEST(AuthApi, IdleSessionsAreSignedOutAndTheSignOutIsAudited) {
  TestHospital h;
  auto c = h.signed_in("cqo");
  h.clock().advance(std::chrono::minutes(14));
  EXPECT_EQ(c.get("/api/v1/me/work").status, 200) << "activity keeps the session alive";
  h.clock().advance(std::chrono::minutes(14));
  EXPECT_EQ(c.get("/api/v1/me/work").status, 200);
  h.clock().advance(std::chrono::minutes(15));
  auto r = c.get("/api/v1/me/work");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.json()["type"], "/problems/session-expired");
  EXPECT_EQ(c.get("/api/v1/me/work").json()["type"], "/problems/unauthenticated") << "the session is gone";
  EXPECT_EQ(h.audit_count("logout"), 1);
}

TEST(AuthApi, IdleTimeoutIsConfigurable) {
  http::ServerConfig config;
  config.session.idle_timeout = std::chrono::minutes(2);
  TestHospital h(config);
  auto c = h.signed_in("cqo");
  EXPECT_EQ(c.get("/api/v1/auth/session").json()["idleTimeoutSeconds"], 120);
  h.clock().advance(std::chrono::minutes(3));
  EXPECT_EQ(c.get("/api/v1/auth/session").status, 401);
}

TEST(AuthApi, ChangesNeedTheCsrfToken) {
  TestHospital h;
  auto c = h.signed_in("admin");
  const auto token = c.csrf();
  c.set_csrf("");
  auto r = c.patch("/api/v1/users/2", {{"displayName", "Changed"}});
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(r.json()["type"], "/problems/csrf");
  c.set_csrf("forged-token");
  EXPECT_EQ(c.patch("/api/v1/users/2", {{"displayName", "Changed"}}).status, 403);
  c.set_csrf(token);
  EXPECT_EQ(c.patch("/api/v1/users/2", {{"displayName", "Changed"}}).status, 200);
}

TEST(AuthApi, SignOutEndsTheSession) {
  TestHospital h;
  auto c = h.signed_in("cqo");
  auto r = c.send("POST", "/api/v1/auth/logout");
  EXPECT_EQ(r.status, 204);
  EXPECT_NE(r.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(c.get("/api/v1/auth/session").status, 401);
}

TEST(AuthApi, ChangingThePasswordChecksTheOldOneAndThePolicy) {
  TestHospital h;
  auto c = h.signed_in("nurse.ed");
  auto other = h.signed_in("nurse.ed");
  auto wrong =
      c.put("/api/v1/auth/password", {{"currentPassword", "nope"}, {"newPassword", "a new long passphrase"}});
  ASSERT_EQ(wrong.status, 422);
  EXPECT_EQ(wrong.json()["errors"][0]["field"], "currentPassword");
  auto weak = c.put("/api/v1/auth/password", {{"currentPassword", kPassword}, {"newPassword", "short"}});
  ASSERT_EQ(weak.status, 422);
  EXPECT_EQ(weak.json()["errors"][0]["field"], "newPassword");
  auto ok = c.put("/api/v1/auth/password",
                  {{"currentPassword", kPassword}, {"newPassword", "a new long passphrase"}});
  ASSERT_EQ(ok.status, 204) << ok.body;
  EXPECT_EQ(c.get("/api/v1/auth/session").status, 200) << "the session that changed it stays";
  EXPECT_EQ(other.get("/api/v1/auth/session").status, 401) << "other sessions end";
  EXPECT_EQ(h.client().login("nurse.ed", kPassword).status, 401);
  EXPECT_EQ(h.client().login("nurse.ed", "a new long passphrase").status, 200);
}

TEST(AuthApi, DeactivatedAccountsCannotSignIn) {
  TestHospital h;
  auto admin = h.signed_in("admin");
  auto nurse = h.signed_in("nurse.ed");
  const auto id = nurse.get("/api/v1/auth/session").json()["user"]["id"].get<int>();
  ASSERT_EQ(admin.patch("/api/v1/users/" + std::to_string(id), {{"active", false}}).status, 200);
  EXPECT_EQ(nurse.get("/api/v1/auth/session").status, 401);
  EXPECT_EQ(h.client().login("nurse.ed", kPassword).status, 401);
}

}  // namespace
}  // namespace hqms::test
