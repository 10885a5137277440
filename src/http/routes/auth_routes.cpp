#include "core/common/crypto.hpp"
#include "http/auth/session_auth.hpp"
#include "http/auth/session_opening.hpp"
#include "http/auth/sign_in_throttle.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routes/second_factor_sign_in.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

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
  auto wait = sign_in_wait(**uow, keys, ctx.app().config(), ctx.now());
  if (!wait) return wait.error();
  out.retry_after = *wait;
  return out;
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
      if (auto r = count_failed_sign_in(uow, keys, config, now); !r) return r;
      const char* why = !user ? "unknown username" : !password_ok ? "wrong password" : "account deactivated";
      return uow.audit().record(
          login_event(lookup->org, user, *username, "login_failed", std::string("Sign-in failed: ") + why),
          now);
    });
    if (!logged) return logged.error();
    return Error::of(ErrorKind::invalid_credentials, "The username or password is not correct.");
  }

  // Someone with a second factor gets a challenge for it, not a session (second_factor_sign_in.cpp).
  if (auto challenged = challenge_second_factor(ctx, lookup->org, *user); !challenged || *challenged)
    return challenged ? std::move(**challenged) : Result<Response>(challenged.error());
  return open_session(ctx, lookup->org, *user, "Signed in",
                      [&](store::UnitOfWork& uow) { return clear_failed_sign_ins(uow, keys); });
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
  router.add(Method::post, "/api/v1/auth/logout", Access::enrolling, logout);
  router.add(Method::get, "/api/v1/auth/session", Access::enrolling,
             [](RequestContext& ctx) -> Result<Response> {
               return json_ok(session_json(ctx.principal(), ctx.app().config(), ctx.now()));
             });
  router.add(Method::put, "/api/v1/auth/password", Access::signed_in, change_password);
}

}  // namespace hqms::http
