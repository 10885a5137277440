#include "core/auth/base32.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

// The one place a TOTP secret is turned into what the database keeps, and back. Today that is its base32
// text; encrypting it at rest (like patient identifiers) means changing these two functions only.
std::string sealed_totp_secret(const std::string& secret) {
  return base32_encode(secret);
}
std::string opened_totp_secret(const std::string& stored) {
  return base32_decode(stored).value_or(std::string());
}

constexpr const char* kRequiredKey = "second_factor_required";

}  // namespace

Result<std::optional<Authenticator>> SqlSecondFactorRepository::find(Id user_id) {
  auto st = c_.prepare(
      "SELECT user_id, secret, created_at, confirmed_at, last_step FROM second_factor WHERE user_id = ?1");
  if (!st) return st.error();
  st->bind_all(user_id);
  return read_first(*st, [](Statement& row) {
    return Authenticator{row.int64(0), opened_totp_secret(row.text(1)), timestamp_from_db(row.text(2)),
                         timestamp_from_db(row.opt_text(3)), row.opt_int64(4)};
  });
}

Result<void> SqlSecondFactorRepository::start_enrolment(Id user_id, const std::string& secret, Timestamp at) {
  return c_.execute(
      "INSERT INTO second_factor(user_id, secret, created_at, confirmed_at, last_step) VALUES (?1, ?2, ?3, "
      "NULL, NULL) ON CONFLICT(user_id) DO UPDATE SET secret = excluded.secret, created_at = "
      "excluded.created_at WHERE second_factor.confirmed_at IS NULL",
      user_id, sealed_totp_secret(secret), to_db(at));
}

Result<void> SqlSecondFactorRepository::confirm(Id user_id, std::int64_t step, Timestamp at) {
  if (auto r = c_.execute(
          "UPDATE second_factor SET confirmed_at = ?2, last_step = ?3 WHERE user_id = ?1 AND confirmed_at IS "
          "NULL",
          user_id, to_db(at), step);
      !r)
    return r;
  if (c_.changes() != 1) return Error::conflict("There is no pending enrolment to confirm.");
  return {};
}

Result<bool> SqlSecondFactorRepository::accept_step(Id user_id, std::int64_t step) {
  if (auto r = c_.execute("UPDATE second_factor SET last_step = ?2 WHERE user_id = ?1 AND (last_step < ?2 OR "
                          "last_step IS NULL)",
                          user_id, step);
      !r)
    return r.error();
  return c_.changes() == 1;
}

Result<void> SqlSecondFactorRepository::remove(Id user_id) {
  if (auto r = c_.execute("DELETE FROM recovery_code WHERE user_id = ?1", user_id); !r) return r;
  return c_.execute("DELETE FROM second_factor WHERE user_id = ?1", user_id);
}

Result<void> SqlSecondFactorRepository::replace_recovery_codes(Id user_id,
                                                               const std::vector<std::string>& code_hashes) {
  if (auto r = c_.execute("DELETE FROM recovery_code WHERE user_id = ?1", user_id); !r) return r;
  for (const auto& hash : code_hashes)
    if (auto r = c_.execute("INSERT INTO recovery_code(user_id, code_hash, used_at) VALUES (?1, ?2, NULL)",
                            user_id, hash);
        !r)
      return r;
  return {};
}

Result<bool> SqlSecondFactorRepository::use_recovery_code(Id user_id, const std::string& code_hash,
                                                          Timestamp at) {
  if (auto r = c_.execute(
          "UPDATE recovery_code SET used_at = ?3 WHERE user_id = ?1 AND code_hash = ?2 AND used_at IS NULL",
          user_id, code_hash, to_db(at));
      !r)
    return r.error();
  return c_.changes() == 1;
}

Result<int> SqlSecondFactorRepository::recovery_codes_left(Id user_id) {
  auto st = c_.prepare("SELECT COUNT(*) FROM recovery_code WHERE user_id = ?1 AND used_at IS NULL");
  if (!st) return st.error();
  auto row = st->bind_all(user_id).step();
  if (!row) return row.error();
  return static_cast<int>(st->int64(0));
}

Result<void> SqlSecondFactorRepository::create_challenge(const SignInChallenge& challenge, Timestamp now) {
  if (auto r = c_.execute("DELETE FROM sign_in_challenge WHERE expires_at < ?1", to_db(now)); !r) return r;
  return c_.execute(
      "INSERT INTO sign_in_challenge(token_hash, user_id, expires_at, failures) VALUES (?1, ?2, ?3, ?4)",
      challenge.token_hash, challenge.user_id, to_db(challenge.expires_at), challenge.failures);
}

Result<std::optional<SignInChallenge>> SqlSecondFactorRepository::find_challenge(
    const std::string& token_hash) {
  auto st = c_.prepare(
      "SELECT token_hash, user_id, expires_at, failures FROM sign_in_challenge WHERE token_hash = ?1");
  if (!st) return st.error();
  st->bind_all(token_hash);
  return read_first(*st, [](Statement& row) {
    return SignInChallenge{row.text(0), row.int64(1), timestamp_from_db(row.text(2)),
                           static_cast<int>(row.int64(3))};
  });
}

Result<void> SqlSecondFactorRepository::count_challenge_failure(const std::string& token_hash) {
  return c_.execute("UPDATE sign_in_challenge SET failures = failures + 1 WHERE token_hash = ?1", token_hash);
}

Result<bool> SqlSecondFactorRepository::remove_challenge(const std::string& token_hash) {
  if (auto r = c_.execute("DELETE FROM sign_in_challenge WHERE token_hash = ?1", token_hash); !r)
    return r.error();
  return c_.changes() == 1;
}

Result<bool> SqlSecondFactorRepository::required_for_privileged() {
  auto st = c_.prepare("SELECT value FROM security_setting WHERE setting_key = ?1");
  if (!st) return st.error();
  st->bind_all(kRequiredKey);
  auto value = read_first(*st, [](Statement& row) { return row.text(0); });
  if (!value) return value.error();
  return *value == std::optional<std::string>("true");
}

Result<void> SqlSecondFactorRepository::set_required_for_privileged(bool required) {
  return c_.execute(
      "INSERT INTO security_setting(setting_key, value) VALUES (?1, ?2) ON CONFLICT(setting_key) DO UPDATE "
      "SET value = excluded.value",
      kRequiredKey, required ? "true" : "false");
}

}  // namespace hqms::store::sql
