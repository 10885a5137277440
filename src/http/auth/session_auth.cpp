#include "http/auth/session_auth.hpp"

#include "core/common/crypto.hpp"
#include "http/auth/second_factor_standing.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

Result<Principal> load_principal(store::Database& db, const std::string& token_hash) {
  auto uow = db.begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto session = (*uow)->sessions().find(token_hash);
  if (!session) return session.error();
  if (!*session) return Error::of(ErrorKind::unauthenticated, "Please sign in.");
  auto user = (*uow)->users().get((*session)->user_id);
  if (!user)
    return user.error().kind == ErrorKind::not_found
               ? Error::of(ErrorKind::unauthenticated, "Please sign in.")
               : user.error();
  auto org = (*uow)->org().load();
  if (!org) return org.error();
  auto must_enrol = must_enrol_second_factor(**uow, *user);
  if (!must_enrol) return must_enrol.error();
  return Principal{std::move(*user), std::move(**session), std::move(*org), *must_enrol};
}

Result<void> end_idle_session(App& app, const Principal& p) {
  return store::in_write_transaction(app.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.sessions().remove(p.session.token_hash); !r) return r;
    AuditEvent e;
    e.actor_id = p.user.id;
    e.actor_username = p.user.username;
    e.action = "logout";
    e.entity_type = "session";
    e.entity_id = std::to_string(p.user.id);
    e.summary = "Signed out automatically after inactivity";
    place_audit_event(e, p.org, user_scope(p.org, p.user));
    return uow.audit().record(e, app.clock().now());
  });
}

}  // namespace

bool is_state_changing(Method method) {
  return method == Method::post || method == Method::put || method == Method::patch ||
         method == Method::delete_;
}

Result<Principal> authenticate(App& app, const Request& req) {
  auto token = req.cookie(kSessionCookie);
  if (!token || token->empty() || token->size() > 128)
    return Error::of(ErrorKind::unauthenticated, "Please sign in.");
  auto principal = load_principal(app.db(), sha256_hex(*token));
  if (!principal) return principal.error();
  const auto now = app.clock().now();
  const auto& policy = app.config().session;
  if (!principal->user.active)
    return Error::of(ErrorKind::unauthenticated, "This account has been deactivated.");
  if (auto state = session_state(principal->session, now, policy); state != SessionState::active) {
    if (auto r = end_idle_session(app, *principal); !r) return r.error();
    return Error::of(ErrorKind::session_expired, state == SessionState::idle_expired
                                                     ? "You were signed out after a period of inactivity."
                                                     : "Your session has ended. Please sign in again.");
  }
  if (session_needs_touch(principal->session, now, policy)) {
    auto touched = store::in_write_transaction(app.db(), [&](store::UnitOfWork& uow) {
      return uow.sessions().touch(principal->session.token_hash, now);
    });
    if (!touched) return touched.error();
    principal->session.last_seen_at = now;
  }
  return principal;
}

bool csrf_token_matches(const Request& req, const Session& session) {
  auto sent = req.header(kCsrfHeader);
  return !sent.empty() && constant_time_equal(sent, session.csrf_token);
}

std::string session_cookie(const std::string& token, const ServerConfig& config) {
  return std::string(kSessionCookie) + "=" + token + "; Path=/; HttpOnly; SameSite=Strict" +
         (config.secure_cookies ? "; Secure" : "");
}

std::string expired_session_cookie(const ServerConfig& config) {
  return std::string(kSessionCookie) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict" +
         (config.secure_cookies ? "; Secure" : "");
}

}  // namespace hqms::http
