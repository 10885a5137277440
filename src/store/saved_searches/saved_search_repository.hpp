#pragma once
// Named list filters a person keeps for a module ("open falls in ED this quarter").
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms::store {

struct SavedSearch {
  Id id = 0;
  Id user_id = 0;
  std::string module;
  std::string name;
  std::string query;  // the list's query string
  Timestamp created_at{};
};

class SavedSearchRepository {
 public:
  virtual ~SavedSearchRepository() = default;
  virtual Result<std::vector<SavedSearch>> list(Id user_id, const std::string& module) = 0;
  virtual Result<Id> create(const SavedSearch& search) = 0;  // conflict when the name is taken
  virtual Result<SavedSearch> get(Id id) = 0;
  virtual Result<void> remove(Id id) = 0;
};

}  // namespace hqms::store
