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
};

}  // namespace hqms::store
