#include "http/auth/session_opening.hpp"

#include "core/common/crypto.hpp"
#include "http/auth/second_factor_standing.hpp"
#include "http/auth/session_auth.hpp"
#include "http/json/mapping.hpp"

namespace hqms::http {

nlohmann::json session_json(const Principal& p, const ServerConfig& config, Timestamp now) {
  AccessPolicy policy(p.org, p.user.grants);
  auto perms = nlohmann::json::array();
  if (!p.must_enrol_second_factor)
    for (auto perm : policy.permissions()) perms.push_back(to_string(perm));
  return {
      {"user", user_json(p.org, p.user, now)}, {"organisation", {{"id", p.org.id}, {"name", p.org.name}}},
      {"permissions", std::move(perms)},       {"mustEnrolSecondFactor", p.must_enrol_second_factor},
      {"csrfToken", p.session.csrf_token},     {"idleTimeoutSeconds", config.session.idle_timeout.count()}};
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

Result<Response> open_session(RequestContext& ctx, const Organisation& org, User user,
                              const std::string& summary,
                              const std::function<Result<void>(store::UnitOfWork&)>& also) {
  const auto now = ctx.now();
  const std::string token = random_token();
  Principal principal{std::move(user), Session{"", 0, random_token(), now, now}, org, false};
  principal.session.token_hash = sha256_hex(token);
  principal.session.user_id = principal.user.id;
  const auto& u = principal.user;
  auto stored = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<bool> {
    if (auto r = also(uow); !r) return r.error();
    if (auto r = uow.sessions().create(principal.session); !r) return r.error();
    if (auto r = uow.users().record_login(u.id, now); !r) return r.error();
    auto must_enrol = must_enrol_second_factor(uow, u);
    if (!must_enrol) return must_enrol.error();
    auto logged = uow.audit().record(
        login_event(
            org, u, u.username, "login",
            *must_enrol ? summary + " (may only set up a second factor until one is enrolled)" : summary),
        now);
    if (!logged) return logged.error();
    return *must_enrol;
  });
  if (!stored) return stored.error();
  principal.must_enrol_second_factor = *stored;
  principal.user.last_login_at = now;
  auto res = json_ok(session_json(principal, ctx.app().config(), now));
  res.set(boost::beast::http::field::set_cookie, session_cookie(token, ctx.app().config()));
  return res;
}

}  // namespace hqms::http
