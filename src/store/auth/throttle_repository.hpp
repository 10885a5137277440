#pragma once
// Login failure counters live in the database so that every server process sees the same counts.
#include <string>

#include "core/auth/login_throttle.hpp"
#include "core/common/result.hpp"

namespace hqms::store {

class ThrottleRepository {
 public:
  virtual ~ThrottleRepository() = default;
  virtual Result<ThrottleState> get(const std::string& key) = 0;  // a fresh state when the key is unknown
  virtual Result<void> put(const std::string& key, const ThrottleState& state) = 0;
  virtual Result<void> clear(const std::string& key) = 0;
  // Clears every count of one account: its own and those of each address it was tried from (a password
  // reset).
  virtual Result<void> clear_account(const std::string& username) = 0;
  // Forgets keys whose latest failure is older than `cutoff` (their counts would start afresh anyway), so
  // that the pairs of every address ever seen do not pile up.
  virtual Result<int> remove_quiet_since(Timestamp cutoff) = 0;
};

}  // namespace hqms::store
