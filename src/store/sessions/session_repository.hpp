#pragma once
#include <optional>
#include <string>

#include "core/auth/session.hpp"
#include "core/common/result.hpp"

namespace hqms::store {

class SessionRepository {
 public:
  virtual ~SessionRepository() = default;
  virtual Result<void> create(const Session& session) = 0;
  virtual Result<std::optional<Session>> find(const std::string& token_hash) = 0;
  virtual Result<void> touch(const std::string& token_hash, Timestamp at) = 0;
  virtual Result<void> remove(const std::string& token_hash) = 0;
  // Signs a user out everywhere but the session that asked (password change, deactivation).
  virtual Result<void> remove_for_user(Id user_id, const std::string& except_token_hash) = 0;
  virtual Result<int> remove_idle_since(Timestamp cutoff) = 0;
};

}  // namespace hqms::store
