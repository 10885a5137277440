#include "core/common/crypto.hpp"
#include "http/auth/session_auth.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

nlohmann::json session_json(const Principal& p, const ServerConfig& config, Timestamp now) {
  AccessPolicy policy(p.org, p.user.grants);
  auto perms = nlohmann::json::array();
  for (auto perm : policy.permissions()) perms.push_back(to_string(perm));
  return {{"user", user_json(p.org, p.user, now)},
          {"organisation", {{"id", p.org.id}, {"name", p.org.name}}},
          {"permissions", std::move(perms)},
          {"csrfToken", p.session.csrf_token},
          {"idleTimeoutSeconds", config.session.idle_timeout.count()}};
}

AuditEvent login_event(const Organisation& org, const std::optional<User>& user, const std::string& username,
                       std::string action, std::string summary) {
  AuditEvent e;
  if (user) e.actor_id = user->id;
  e.actor_username = username;
  e.action = std::move(action);
  e.entity_type = "session";
  e.entity_id = user ? std::to_string(user->id) : "";
  e.summary = std::move(summary);
  place_audit_event(e, org, user ? user_scope(org, *user) : ScopeRef{ScopeType::organisation, org.id});
  return e;
}

struct LoginLookup {
  std::optional<store::Credentials> credentials;
  Organisation org;
  std::optional<int> retry_after;
};

// Reads what the attempt needs without holding the writer: hashing takes tens of milliseconds.
Result<LoginLookup> look_up(RequestContext& ctx, const std::string& username, const ThrottleKeys& keys) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  LoginLookup out;
  auto org = (*uow)->org().load();
  if (!org) return org.error();
  out.org = std::move(*org);
  auto cred = (*uow)->users().find_credentials(username);
  if (!cred) return cred.error();
  out.credentials = std::move(*cred);
  SignInThrottles throttles;
  for (auto [key, state] :
       {std::pair{&keys.pair, &throttles.pair}, std::pair{&keys.account, &throttles.account},
        std::pair{&keys.address, &throttles.address}}) {
    auto stored = (*uow)->throttle().get(*key);
    if (!stored) return stored.error();
    *state = *stored;
  }
  out.retry_after = sign_in_retry_after(throttles, ctx.now(), ctx.app().config().pair_throttle);
  return out;
}

// Counts a failed attempt under each of its keys, in the caller's transaction.
Result<void> count_failure(store::UnitOfWork& uow, const ThrottleKeys& keys, const ServerConfig& config,
                           Timestamp now) {
  for (const auto& [key, policy] :
       {std::pair{&keys.pair, &config.pair_throttle}, std::pair{&keys.account, &config.account_throttle},
        std::pair{&keys.address, &config.address_throttle}}) {
    auto state = uow.throttle().get(*key);
    if (!state) return state.error();
    if (auto r = uow.throttle().put(*key, throttle_after_failure(*state, now, *policy)); !r) return r;
  }
  return {};
}

Result<Response> login(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto username = body->string("username", true, 64);
  auto password = body->string("password", true, 1024);
  if (username && username->empty()) body->error("username", "is required");
  if (password && password->empty()) body->error("password", "is required");
  if (auto r = body->finish(); !r) return r.error();

  const auto& config = ctx.app().config();
  const auto keys = throttle_keys(*username, ctx.req().remote_address);
  auto lookup = look_up(ctx, *username, keys);
  if (!lookup) return lookup.error();
  std::optional<User> user;
  if (lookup->credentials) user = lookup->credentials->user;

  if (lookup->retry_after) {
    auto logged = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
      return uow.audit().record(login_event(lookup->org, user, *username, "login_failed",
                                            "Sign-in refused: too many failed attempts from this address"),
                                ctx.now());
    });
    if (!logged) return logged.error();
    return Error{ErrorKind::rate_limited,
                 "Too many failed sign-in attempts. Try again later.",
                 {},
                 lookup->retry_after};
  }

  // Unknown names are checked against a decoy hash so that they take as long as real ones.
  const bool password_ok = verify_password(
      lookup->credentials ? lookup->credentials->password_hash : decoy_password_hash(), *password);
  const bool allowed = password_ok && user && user->active;
  const auto now = ctx.now();

  if (!allowed) {
    auto logged = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
      if (auto r = count_failure(uow, keys, config, now); !r) return r;
      const char* why = !user ? "unknown username" : !password_ok ? "wrong password" : "account deactivated";
      return uow.audit().record(
          login_event(lookup->org, user, *username, "login_failed", std::string("Sign-in failed: ") + why),
          now);
    });
    if (!logged) return logged.error();
    return Error::of(ErrorKind::invalid_credentials, "The username or password is not correct.");
  }

  const std::string token = random_token();
  Principal principal{*user, Session{sha256_hex(token), user->id, random_token(), now, now}, lookup->org};
  auto stored = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    // A success ends the account's run of consecutive failures (NIST SP 800-63B §5.2.2) and this pair's; the
    // address's count stays, so that one good account cannot launder a spray of guesses at others.
    if (auto r = uow.throttle().clear(keys.pair); !r) return r;
    if (auto r = uow.throttle().clear(keys.account); !r) return r;
    if (auto r = uow.sessions().create(principal.session); !r) return r;
    if (auto r = uow.users().record_login(user->id, now); !r) return r;
    return uow.audit().record(login_event(lookup->org, user, *username, "login", "Signed in"), now);
  });
  if (!stored) return stored.error();
  principal.user.last_login_at = now;
  auto res = json_ok(session_json(principal, config, now));
  res.set(boost::beast::http::field::set_cookie, session_cookie(token, config));
  return res;
}

Result<Response> logout(RequestContext& ctx) {
  const auto& p = ctx.principal();
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.sessions().remove(p.session.token_hash); !r) return r;
    return uow.audit().record(login_event(p.org, p.user, p.user.username, "logout", "Signed out"), ctx.now());
  });
  if (!done) return done.error();
  auto res = empty_response(204);
  res.set(boost::beast::http::field::set_cookie, expired_session_cookie(ctx.app().config()));
  return res;
}

Result<Response> change_password(RequestContext& ctx) {
  const auto& p = ctx.principal();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto current = body->string("currentPassword", true, 1024);
  auto next = body->string("newPassword", true, 1024);
  if (next)
    if (auto why = check_password(ctx.app().config().password, *next, p.user.username))
      body->error("newPassword", *why);
  if (auto r = body->finish(); !r) return r.error();
  std::string stored_hash;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto cred = (*uow)->users().find_credentials(p.user.username);
    if (!cred) return cred.error();
    if (*cred) stored_hash = (*cred)->password_hash;
  }
  if (!verify_password(stored_hash, *current))
    return Error::validation({{"currentPassword", "is not your current password"}});
  const auto hash = hash_password(*next, ctx.app().config().hash_strength);
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.users().set_password_hash(p.user.id, hash); !r) return r;
    // Anyone else holding a session on this account is signed out: the password may have leaked.
    if (auto r = uow.sessions().remove_for_user(p.user.id, p.session.token_hash); !r) return r;
    return uow.audit().record(
        ctx.audit_event("password_change", "user", std::to_string(p.user.id), "Changed own password", nullptr,
                        nullptr, user_scope(p.org, p.user)),
        ctx.now());
  });
  if (!done) return done.error();
  return empty_response(204);
}

}  // namespace

void add_auth_routes(Router& router) {
  router.add(Method::post, "/api/v1/auth/login", Access::anyone, login);
  router.add(Method::post, "/api/v1/auth/logout", Access::signed_in, logout);
  router.add(Method::get, "/api/v1/auth/session", Access::signed_in,
             [](RequestContext& ctx) -> Result<Response> {
               return json_ok(session_json(ctx.principal(), ctx.app().config(), ctx.now()));
             });
  router.add(Method::put, "/api/v1/auth/password", Access::signed_in, change_password);
}

}  // namespace hqms::http
