// A person's own second factor (status, enrolment with a QR code, confirmation, recovery codes, switching it
// off), an administrator's reset of someone else's, and the organisation's setting that requires one of
// administrators and organisation-wide roles. Enrolment and status answer a session restricted to enrolling
// (Access::enrolling); everything else needs a full session.
#include "core/auth/base32.hpp"
#include "core/auth/one_time_password.hpp"
#include "core/auth/recovery_codes.hpp"
#include "core/auth/second_factor.hpp"
#include "http/auth/second_factor_standing.hpp"
#include "http/auth/sign_in_throttle.hpp"
#include "http/json/body_reader.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routes/user_access.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

struct Standing {
  std::optional<store::Authenticator> authenticator;
  int recovery_codes_left = 0;
  bool required = false;  // the organisation requires one of this person
};

Result<Standing> standing_of(store::UnitOfWork& uow, const User& user) {
  Standing s;
  auto& factors = uow.second_factors();
  auto authenticator = factors.find(user.id);
  if (!authenticator) return authenticator.error();
  s.authenticator = std::move(*authenticator);
  auto left = factors.recovery_codes_left(user.id);
  if (!left) return left.error();
  s.recovery_codes_left = *left;
  auto required = factors.required_for_privileged();
  if (!required) return required.error();
  s.required = *required && needs_second_factor(user.grants);
  return s;
}

json standing_json(const Standing& s) {
  const auto& a = s.authenticator;
  return {{"enrolled", a && a->confirmed()},
          {"pending", a && !a->confirmed()},
          {"confirmedAt", a && a->confirmed_at ? json(format_iso(*a->confirmed_at)) : json(nullptr)},
          {"recoveryCodesLeft", s.recovery_codes_left},
          {"required", s.required}};
}

Result<Standing> read_standing(RequestContext& ctx, const User& user) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return standing_of(**uow, user);
}

AuditEvent own_event(RequestContext& ctx, std::string action, std::string summary) {
  const auto& p = ctx.principal();
  return ctx.audit_event(std::move(action), "user", std::to_string(p.user.id), std::move(summary), nullptr,
                         nullptr, user_scope(p.org, p.user));
}

// New recovery codes for `user`, stored as hashes; the codes themselves are answered once and kept nowhere.
Result<std::vector<std::string>> issue_recovery_codes(store::UnitOfWork& uow, Id user_id) {
  auto codes = new_recovery_codes();
  std::vector<std::string> hashes;
  for (const auto& c : codes) hashes.push_back(recovery_code_hash(c));
  if (auto r = uow.second_factors().replace_recovery_codes(user_id, hashes); !r) return r.error();
  return codes;
}

Result<Response> show_own(RequestContext& ctx) {
  auto s = read_standing(ctx, ctx.principal().user);
  if (!s) return s.error();
  return json_ok(standing_json(*s));
}

Result<Response> start_enrolment(RequestContext& ctx) {
  const auto& p = ctx.principal();
  const auto secret = new_totp_secret();
  auto started = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto existing = uow.second_factors().find(p.user.id);
    if (!existing) return existing.error();
    if (*existing && (*existing)->confirmed())
      return Error::conflict("You already have a second factor. Switch it off first to set up a new one.");
    if (auto r = uow.second_factors().start_enrolment(p.user.id, secret, ctx.now()); !r) return r;
    return uow.audit().record(
        own_event(ctx, "second_factor_enrolment_started", "Started setting up an authenticator app"),
        ctx.now());
  });
  if (!started) return started.error();
  return json_ok({{"secret", base32_encode(secret)},
                  {"otpauthUri", otpauth_uri(secret, p.user.username, p.org.name)},
                  {"issuer", otp_issuer(p.org.name)},
                  {"account", p.user.username}});
}

Result<Response> confirm_enrolment(RequestContext& ctx) {
  const auto& p = ctx.principal();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto code = body->string("code", true, 32);
  if (auto r = body->finish(); !r) return r.error();
  auto confirmed =
      store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<std::vector<std::string>> {
        auto pending = uow.second_factors().find(p.user.id);
        if (!pending) return pending.error();
        if (!*pending || (*pending)->confirmed())
          return Error::conflict("There is no authenticator being set up. Start again.");
        auto step = match_totp((*pending)->secret, *code, ctx.now(), std::nullopt);
        if (!step)
          return Error::validation(
              {{"code", "is not the code your authenticator app shows now"}},
              "The code does not match. Check the app's clock and try the current code.");
        if (auto r = uow.second_factors().confirm(p.user.id, *step, ctx.now()); !r) return r.error();
        auto codes = issue_recovery_codes(uow, p.user.id);
        if (!codes) return codes.error();
        // Sessions opened before the second factor existed end: only this one stays.
        if (auto r = uow.sessions().remove_for_user(p.user.id, p.session.token_hash); !r) return r.error();
        auto logged =
            uow.audit().record(own_event(ctx, "second_factor_enrolled",
                                         "Set up an authenticator app; " + std::to_string(codes->size()) +
                                             " recovery codes issued"),
                               ctx.now());
        if (!logged) return logged.error();
        return codes;
      });
  if (!confirmed) return confirmed.error();
  return json_ok({{"recoveryCodes", *confirmed}});
}

// Changing one's second factor asks again who is there: a current code (spent by the check) or the password.
// A wrong one counts against the account's sign-in throttle.
Result<void> check_proof(RequestContext& ctx, const store::Authenticator& authenticator) {
  const auto& user = ctx.principal().user;
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto code = body->string("code", false, 32);
  auto password = body->string("password", false, 1024);
  if (!code && !password) body->error("code", "is required (or your password)");
  if (code && password) body->error("password", "give either a code or your password, not both");
  if (auto r = body->finish(); !r) return r.error();

  const auto keys = throttle_keys(user.username, ctx.req().remote_address);
  std::string hash;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto wait = sign_in_wait(**uow, keys, ctx.app().config(), ctx.now());
    if (!wait) return wait.error();
    if (*wait) return Error{ErrorKind::rate_limited, "Too many failed attempts. Try again later.", {}, *wait};
    auto cred = (*uow)->users().find_credentials(user.username);
    if (!cred) return cred.error();
    if (*cred) hash = (*cred)->password_hash;
  }
  std::optional<std::int64_t> step;
  if (code) step = match_totp(authenticator.secret, *code, ctx.now(), authenticator.last_step);
  const bool right = code ? step.has_value() : verify_password(hash, *password);
  auto checked = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<bool> {
    bool ok = right;
    if (ok && step) {
      auto accepted = uow.second_factors().accept_step(user.id, *step);
      if (!accepted) return accepted.error();
      ok = *accepted;
    }
    if (ok) return true;
    if (auto r = count_failed_sign_in(uow, keys, ctx.app().config(), ctx.now()); !r) return r.error();
    auto logged =
        uow.audit().record(own_event(ctx, "second_factor_check_failed",
                                     code ? "Gave a wrong authenticator code to change the second factor"
                                          : "Gave a wrong password to change the second factor"),
                           ctx.now());
    if (!logged) return logged.error();
    return false;
  });
  if (!checked) return checked.error();
  if (*checked) return {};
  if (code) return Error::validation({{"code", "is not the code your authenticator app shows now"}});
  return Error::validation({{"password", "is not your current password"}});
}

Result<store::Authenticator> confirmed_authenticator(RequestContext& ctx) {
  auto s = read_standing(ctx, ctx.principal().user);
  if (!s) return s.error();
  if (!s->authenticator || !s->authenticator->confirmed())
    return Error::conflict("You have no second factor set up.");
  return *s->authenticator;
}

Result<Response> disable_own(RequestContext& ctx) {
  const auto& p = ctx.principal();
  auto authenticator = confirmed_authenticator(ctx);
  if (!authenticator) return authenticator.error();
  if (auto r = check_proof(ctx, *authenticator); !r) return r.error();
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.second_factors().remove(p.user.id); !r) return r;
    return uow.audit().record(
        own_event(ctx, "second_factor_disabled", "Switched off the authenticator app and recovery codes"),
        ctx.now());
  });
  if (!done) return done.error();
  return empty_response(204);
}

Result<Response> regenerate_own(RequestContext& ctx) {
  const auto& p = ctx.principal();
  auto authenticator = confirmed_authenticator(ctx);
  if (!authenticator) return authenticator.error();
  if (auto r = check_proof(ctx, *authenticator); !r) return r.error();
  auto codes =
      store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<std::vector<std::string>> {
        auto issued = issue_recovery_codes(uow, p.user.id);
        if (!issued) return issued.error();
        auto logged =
            uow.audit().record(own_event(ctx, "recovery_codes_regenerated",
                                         "Replaced the recovery codes; the earlier ones no longer work"),
                               ctx.now());
        if (!logged) return logged.error();
        return issued;
      });
  if (!codes) return codes.error();
  return json_ok({{"recoveryCodes", *codes}});
}

Result<Response> show_person(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto person = load_user_in_scope(ctx, *id, Permission::users_read, "view this user's second factor");
  if (!person) return person.error();
  auto s = read_standing(ctx, *person);
  if (!s) return s.error();
  return json_ok(standing_json(*s));
}

Result<Response> reset_person(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  // Finding 2's rule: only an administrator whose scope holds every grant of the person (user_access.hpp).
  auto person = load_manageable_user(ctx, *id, "reset this user's second factor");
  if (!person) return person.error();
  if (person->id == ctx.principal().user.id)
    return Error::conflict("Use your own Account security page to change your second factor.");
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto before = uow.second_factors().find(person->id);
    if (!before) return before.error();
    if (auto r = uow.second_factors().remove(person->id); !r) return r;
    // Whoever holds the lost authenticator may hold a session too.
    if (auto r = uow.sessions().remove_for_user(person->id, ""); !r) return r;
    return uow.audit().record(ctx.audit_event("second_factor_reset", "user", std::to_string(person->id),
                                              (*before ? "Reset the second factor of "
                                                       : "Reset the second factor (none was set up) of ") +
                                                  person->username,
                                              json{{"enrolled", *before && (*before)->confirmed()}},
                                              json{{"enrolled", false}}, user_scope(ctx.org(), *person)),
                              ctx.now());
  });
  if (!done) return done.error();
  return empty_response(204);
}

Result<Response> show_settings(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::users_read, "view the sign-in security settings"); !r)
    return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto required = (*uow)->second_factors().required_for_privileged();
  if (!required) return required.error();
  return json_ok({{"requireSecondFactor", *required}});
}

Result<Response> save_settings(RequestContext& ctx) {
  if (auto r =
          ctx.require_organisation_wide(Permission::users_manage, "change the sign-in security settings");
      !r)
    return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto required = body->boolean("requireSecondFactor");
  if (!required) body->error("requireSecondFactor", "is required (true or false)");
  if (auto r = body->finish(); !r) return r.error();
  const auto& me = ctx.principal().user;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto& factors = uow.second_factors();
    auto before = factors.required_for_privileged();
    if (!before) return before.error();
    if (*required && !*before) {
      // Requiring it before having one would lock the administrator's own session down at once.
      auto mine = factors.find(me.id);
      if (!mine) return mine.error();
      if (!*mine || !(*mine)->confirmed())
        return Error::conflict("Set up your own second factor (Account security) before requiring one.");
    }
    if (auto r = factors.set_required_for_privileged(*required); !r) return r;
    return uow.audit().record(
        ctx.audit_event("update", "security_setting", "second_factor_required",
                        *required ? "Required a second factor for administrators and organisation-wide roles"
                                  : "No longer requires a second factor",
                        json{{"requireSecondFactor", *before}}, json{{"requireSecondFactor", *required}},
                        ScopeRef{ScopeType::organisation, ctx.org().id}),
        ctx.now());
  });
  if (!saved) return saved.error();
  return json_ok({{"requireSecondFactor", *required}});
}

}  // namespace

void add_second_factor_routes(Router& router) {
  router.add(Method::get, "/api/v1/auth/second-factor", Access::enrolling, show_own);
  router.add(Method::post, "/api/v1/auth/second-factor/enrolment", Access::enrolling, start_enrolment);
  router.add(Method::post, "/api/v1/auth/second-factor/enrolment/confirm", Access::enrolling,
             confirm_enrolment);
  router.add(Method::post, "/api/v1/auth/second-factor/disable", Access::signed_in, disable_own);
  router.add(Method::post, "/api/v1/auth/second-factor/recovery-codes", Access::signed_in, regenerate_own);
  router.add(Method::get, "/api/v1/users/{id}/second-factor", Access::signed_in, show_person);
  router.add(Method::delete_, "/api/v1/users/{id}/second-factor", Access::signed_in, reset_person);
  router.add(Method::get, "/api/v1/security-settings", Access::signed_in, show_settings);
  router.add(Method::put, "/api/v1/security-settings", Access::signed_in, save_settings);
}

}  // namespace hqms::http
