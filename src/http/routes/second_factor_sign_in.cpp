// The second step of signing in (RFC 6238 codes or recovery codes). A correct password of someone with a
// confirmed authenticator opens no session: it gives a challenge token, valid for five minutes and for one
// successful use, and only the token with a good code opens the session. Every step is audited, and wrong
// codes count against the account like wrong passwords.
#include "http/routes/second_factor_sign_in.hpp"

#include "core/auth/one_time_password.hpp"
#include "core/auth/recovery_codes.hpp"
#include "core/common/crypto.hpp"
#include "http/auth/session_opening.hpp"
#include "http/auth/sign_in_throttle.hpp"
#include "http/json/body_reader.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

constexpr std::chrono::minutes kChallengeLifetime{5};
// A challenge that has seen this many wrong codes is void: the password must be given again.
constexpr int kChallengeAttempts = 5;

Error challenge_gone() {
  return Error::of(ErrorKind::unauthenticated, "This sign-in has expired. Please enter your password again.");
}

// What the challenge, its person and their authenticator were when the request came in.
struct Attempt {
  store::SignInChallenge challenge;
  User user;
  Organisation org;
  std::optional<store::Authenticator> authenticator;
  std::optional<int> retry_after;
};

Result<std::optional<Attempt>> look_up(RequestContext& ctx, const std::string& token_hash) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto& factors = (*uow)->second_factors();
  auto challenge = factors.find_challenge(token_hash);
  if (!challenge) return challenge.error();
  if (!*challenge || (*challenge)->expires_at <= ctx.now()) return std::optional<Attempt>();
  auto user = (*uow)->users().get((*challenge)->user_id);
  if (!user) {
    if (user.error().kind == ErrorKind::not_found) return std::optional<Attempt>();
    return user.error();
  }
  auto org = (*uow)->org().load();
  if (!org) return org.error();
  auto authenticator = factors.find(user->id);
  if (!authenticator) return authenticator.error();
  auto wait = sign_in_wait(**uow, throttle_keys(user->username, ctx.req().remote_address), ctx.app().config(),
                           ctx.now());
  if (!wait) return wait.error();
  return std::optional<Attempt>(
      Attempt{std::move(**challenge), std::move(*user), std::move(*org), std::move(*authenticator), *wait});
}

// A failed attempt: recorded, counted against the challenge and the account, or the challenge removed.
Result<void> record_failure(RequestContext& ctx, const std::optional<Attempt>& attempt,
                            const std::string& token_hash, const std::string& why, bool count) {
  const auto now = ctx.now();
  return store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto& factors = uow.second_factors();
    if (!attempt) {
      if (auto r = factors.remove_challenge(token_hash); !r) return r.error();
      auto org = uow.org().load();
      if (!org) return org.error();
      return uow.audit().record(
          login_event(*org, std::nullopt, "", "login_failed", "Second sign-in step failed: " + why), now);
    }
    if (count) {
      if (attempt->challenge.failures + 1 >= kChallengeAttempts) {
        if (auto r = factors.remove_challenge(token_hash); !r) return r.error();
      } else if (auto r = factors.count_challenge_failure(token_hash); !r) {
        return r;
      }
      const auto keys = throttle_keys(attempt->user.username, ctx.req().remote_address);
      if (auto r = count_failed_sign_in(uow, keys, ctx.app().config(), now); !r) return r;
    } else if (auto r = factors.remove_challenge(token_hash); !r) {
      return r.error();
    }
    return uow.audit().record(login_event(attempt->org, attempt->user, attempt->user.username, "login_failed",
                                          "Sign-in failed: " + why),
                              now);
  });
}

Result<Response> complete_sign_in(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto token = body->string("challengeToken", true, 128);
  auto code = body->string("code", false, 32);
  auto recovery = body->string("recoveryCode", false, 64);
  if (token && token->empty()) body->error("challengeToken", "is required");
  if (!code && !recovery) body->error("code", "is required (or a recoveryCode)");
  if (code && recovery) body->error("recoveryCode", "give either a code or a recovery code, not both");
  if (auto r = body->finish(); !r) return r.error();

  const auto token_hash = sha256_hex(*token);
  auto attempt = look_up(ctx, token_hash);
  if (!attempt) return attempt.error();
  if (!*attempt) {
    if (auto r = record_failure(ctx, std::nullopt, token_hash, "unknown or expired challenge", false); !r)
      return r.error();
    return challenge_gone();
  }
  const auto& a = **attempt;
  if (!a.user.active || !a.authenticator || !a.authenticator->confirmed()) {
    const char* why = !a.user.active ? "account deactivated" : "second factor removed meanwhile";
    if (auto r = record_failure(ctx, *attempt, token_hash, why, false); !r) return r.error();
    return challenge_gone();
  }
  if (a.retry_after) {
    if (auto r = record_failure(ctx, *attempt, token_hash, "too many failed attempts", false); !r)
      return r.error();
    return Error{
        ErrorKind::rate_limited, "Too many failed sign-in attempts. Try again later.", {}, a.retry_after};
  }

  const auto now = ctx.now();
  std::optional<std::int64_t> step;
  if (code) step = match_totp(a.authenticator->secret, *code, now, a.authenticator->last_step);
  bool wrong = code ? !step : false;
  bool spent = false;  // the challenge was used by a concurrent request
  std::string summary = code ? "Signed in with an authenticator code" : "Signed in with a recovery code";
  auto opened =
      wrong ? Result<Response>(Error::of(ErrorKind::invalid_credentials, ""))
            : open_session(ctx, a.org, a.user, summary, [&](store::UnitOfWork& uow) -> Result<void> {
                spent = wrong = false;  // the work may run again after a conflict
                auto& factors = uow.second_factors();
                auto removed = factors.remove_challenge(token_hash);
                if (!removed) return removed.error();
                if (!*removed) {
                  spent = true;
                  return challenge_gone();
                }
                if (step) {
                  // The check-and-set is one statement: a code raced in twice passes once.
                  auto accepted = factors.accept_step(a.user.id, *step);
                  if (!accepted) return accepted.error();
                  wrong = !*accepted;
                } else {
                  auto used = factors.use_recovery_code(a.user.id, recovery_code_hash(*recovery), now);
                  if (!used) return used.error();
                  wrong = !*used;
                  if (!wrong) {
                    auto left = factors.recovery_codes_left(a.user.id);
                    if (!left) return left.error();
                    auto logged = uow.audit().record(
                        login_event(a.org, a.user, a.user.username, "recovery_code_used",
                                    "Used a recovery code to sign in; " + std::to_string(*left) + " left"),
                        now);
                    if (!logged) return logged;
                  }
                }
                if (wrong) return Error::of(ErrorKind::invalid_credentials, "");
                return clear_failed_sign_ins(uow, throttle_keys(a.user.username, ctx.req().remote_address));
              });
  if (opened || spent || !wrong) return opened;
  const std::string why = code ? "wrong second-factor code" : "wrong or used recovery code";
  if (auto r = record_failure(ctx, *attempt, token_hash, why, true); !r) return r.error();
  return Error::of(ErrorKind::invalid_credentials,
                   code ? "The code is not correct. Enter the code your authenticator app shows now."
                        : "That recovery code is not correct or has been used.");
}

}  // namespace

Result<std::optional<Response>> challenge_second_factor(RequestContext& ctx, const Organisation& org,
                                                        const User& user) {
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto authenticator = (*uow)->second_factors().find(user.id);
    if (!authenticator) return authenticator.error();
    if (!*authenticator || !(*authenticator)->confirmed()) return std::optional<Response>();
  }
  const auto now = ctx.now();
  const std::string token = random_token();
  auto stored = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    store::SignInChallenge challenge{sha256_hex(token), user.id, now + kChallengeLifetime, 0};
    if (auto r = uow.second_factors().create_challenge(challenge, now); !r) return r;
    return uow.audit().record(login_event(org, user, user.username, "login_second_factor",
                                          "Password accepted; asked for the second factor"),
                              now);
  });
  if (!stored) return stored.error();
  return std::optional<Response>(json_ok({{"secondFactorRequired", true},
                                          {"challengeToken", token},
                                          {"expiresInSeconds", kChallengeLifetime.count() * 60}}));
}

void add_second_factor_sign_in_routes(Router& router) {
  router.add(Method::post, "/api/v1/auth/login/second-factor", Access::anyone, complete_sign_in);
}

}  // namespace hqms::http
