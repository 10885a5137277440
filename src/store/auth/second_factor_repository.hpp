#pragma once
// A person's TOTP authenticator and recovery codes, the sign-in challenges waiting for a code, and the
// organisation's setting that requires a second factor.
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms::store {

struct Authenticator {
  Id user_id = 0;
  std::string secret;  // the raw key bytes, as the repository gives them back opened
  Timestamp created_at{};
  std::optional<Timestamp> confirmed_at;  // none while the enrolment is pending
  std::optional<std::int64_t> last_step;  // the last time step accepted (RFC 6238 §5.2)
  bool confirmed() const { return confirmed_at.has_value(); }
};

struct SignInChallenge {
  std::string token_hash;
  Id user_id = 0;
  Timestamp expires_at{};
  int failures = 0;
};

class SecondFactorRepository {
 public:
  virtual ~SecondFactorRepository() = default;

  virtual Result<std::optional<Authenticator>> find(Id user_id) = 0;
  // Replaces a pending enrolment (or starts one) with a new secret; never touches a confirmed one.
  virtual Result<void> start_enrolment(Id user_id, const std::string& secret, Timestamp at) = 0;
  // Marks the pending enrolment confirmed, with the step of the code that confirmed it already spent.
  virtual Result<void> confirm(Id user_id, std::int64_t step, Timestamp at) = 0;
  // Records `step` as accepted when it is later than every step accepted before; false when it is not, so
  // that two requests racing with the same code cannot both pass.
  virtual Result<bool> accept_step(Id user_id, std::int64_t step) = 0;
  // Removes the authenticator and every recovery code.
  virtual Result<void> remove(Id user_id) = 0;

  virtual Result<void> replace_recovery_codes(Id user_id, const std::vector<std::string>& code_hashes) = 0;
  // Spends an unused code: false when there is no such unused code.
  virtual Result<bool> use_recovery_code(Id user_id, const std::string& code_hash, Timestamp at) = 0;
  virtual Result<int> recovery_codes_left(Id user_id) = 0;

  // Challenges: created after a correct password, gone when used, expired or failed too often. Creating
  // one also clears every expired one.
  virtual Result<void> create_challenge(const SignInChallenge& challenge, Timestamp now) = 0;
  virtual Result<std::optional<SignInChallenge>> find_challenge(const std::string& token_hash) = 0;
  virtual Result<void> count_challenge_failure(const std::string& token_hash) = 0;
  // True when it was there to remove: only one request can use a challenge.
  virtual Result<bool> remove_challenge(const std::string& token_hash) = 0;

  // The organisation's setting: a second factor required for administrators and organisation-wide roles.
  virtual Result<bool> required_for_privileged() = 0;
  virtual Result<void> set_required_for_privileged(bool required) = 0;
};

}  // namespace hqms::store
