#pragma once
// Slows password guessing without letting anyone lock another person out (NIST SP 800-63B §5.2.2: limit
// failed attempts, preferably by growing the time between them rather than by a hard lockout).
//
// Failures are counted under three keys: the account and the address together (the pair), the account from
// anywhere, and the address against any account. The pair is what throttles: past its free failures each
// further failure doubles the wait before that address may try that account again. The account and address
// counts only slow pairs that have failed themselves: a correct password from an address that has not failed
// on the account is never refused because of somebody else's failures (issue 12, finding 4), so a flood from
// one address, or every user sharing a proxy's address, cannot lock anyone out.
#include <chrono>
#include <optional>
#include <string>

#include "core/common/timestamp.hpp"

namespace hqms {

struct ThrottlePolicy {
  int free_failures = 5;                         // failures before any wait
  std::chrono::seconds first_delay{30};          // the wait after the first failure past the free ones
  std::chrono::seconds longest_delay{15 * 60};   // the wait doubles up to this
  std::chrono::seconds forget_after{24 * 3600};  // a key with no failure for this long starts afresh
};

struct ThrottleState {
  int failures = 0;  // consecutive failures, forgotten after policy.forget_after
  Timestamp last_failure{};
  std::optional<Timestamp> locked_until;  // no attempt under this key before then
};

// Seconds until the key may try again, or nullopt when it may try now.
std::optional<int> throttle_retry_after(const ThrottleState& state, Timestamp now);
ThrottleState throttle_after_failure(const ThrottleState& state, Timestamp now, const ThrottlePolicy& policy);
// The wait after `failures` consecutive failures: none within the free ones, then first_delay doubling.
std::chrono::seconds throttle_delay(int failures, const ThrottlePolicy& policy);

// The keys an attempt is counted under. Usernames hold no spaces (check_username), so a pair key reads back
// unambiguously and every pair of one account shares the prefix pair_prefix(username).
struct ThrottleKeys {
  std::string pair, account, address;
};
ThrottleKeys throttle_keys(const std::string& username, const std::string& address);
std::string account_throttle_key(const std::string& username);  // "user:<name>": shown on the user's page
std::string pair_prefix(const std::string& username);

// What a sign-in attempt is judged on: the states of its three keys as stored now.
struct SignInThrottles {
  ThrottleState pair;
  ThrottleState account;
  ThrottleState address;
};

// Seconds the attempt must wait, or nullopt when its password is to be checked now. A pair with no failure in
// memory (`forget_after`) is always let through.
std::optional<int> sign_in_retry_after(const SignInThrottles& throttles, Timestamp now,
                                       const ThrottlePolicy& pair_policy);

}  // namespace hqms
