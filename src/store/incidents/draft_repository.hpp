#pragma once
// Report forms saved while they are being filled in, so that a lost connection loses nothing. Each person
// sees only their own.
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms::store {

struct Draft {
  std::string key;
  std::string form;  // JSON text, as the browser sent it
  Timestamp updated_at{};
};

class DraftRepository {
 public:
  virtual ~DraftRepository() = default;
  virtual Result<std::vector<Draft>> list(Id user_id) = 0;
  virtual Result<void> put(Id user_id, const Draft& draft) = 0;
  virtual Result<void> remove(Id user_id, const std::string& key) = 0;  // not_found when absent
};

}  // namespace hqms::store
