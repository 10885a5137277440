#pragma once
#include <optional>
#include <string>

#include "core/access/access_policy.hpp"
#include "core/common/result.hpp"
#include "core/investigations/investigation.hpp"
#include "core/paging/page.hpp"

namespace hqms::store {

struct InvestigationQuery {
  ScopeFilter visible;
  Id caller_id = 0;  // also sees those they lead or sit on the team of
  std::optional<InvestigationState> state;
  std::string text;  // matches reference or title
  PageRequest page;
};

class InvestigationRepository {
 public:
  virtual ~InvestigationRepository() = default;
  // Stores it, links its events (each event belongs to at most one investigation) and answers the id.
  virtual Result<Id> create(const Investigation& inv) = 0;
  virtual Result<Investigation> get(Id id) = 0;
  // Saves when `inv.version` is still the stored one (conflict otherwise); action ids are kept for actions
  // that already had one.
  virtual Result<void> update(const Investigation& inv) = 0;
  virtual Result<Page<Investigation>> list(const InvestigationQuery& query) = 0;
};

}  // namespace hqms::store
