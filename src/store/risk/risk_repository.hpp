#pragma once
// The risk register: risks with their controls and review history, and the organisation's band edges.
#include <optional>
#include <string>
#include <vector>

#include "core/access/access_policy.hpp"
#include "core/paging/page.hpp"
#include "core/risk/risk.hpp"

namespace hqms::store {

struct RiskQuery {
  ScopeFilter visible;  // by where the risk was raised (site/department; organisation-level risks need
                        // visible.everything)
  Id caller_id = 0;     // also sees those they own
  std::optional<RiskCategory> category;
  std::optional<RiskStatus> status;
  std::optional<ScopeRef> register_scope;  // risks whose current register is exactly this scope
  std::optional<Id> department_id;         // raised in this department
  std::optional<Id> owner_id;
  std::optional<int> min_residual_score;  // residual score at least / at most (band filters)
  std::optional<int> max_residual_score;
  std::optional<RiskRating> residual;     // exactly this heat-map cell
  std::optional<Date> review_overdue_on;  // open risks whose review date is before this day
  std::string text;                       // reference, title or description
  PageRequest page;  // sort: residualScore, inherentScore, reviewDueOn, updatedAt, reference, title
};

class RiskRepository {
 public:
  virtual ~RiskRepository() = default;
  virtual Result<Id> create(const Risk& risk) = 0;  // assigns the reference; reviews given are stored too
  virtual Result<Risk> get(Id id) = 0;
  virtual Result<Risk> get_for_update(Id id) = 0;
  // Saves when `risk.version` is still the stored one (conflict otherwise) and bumps it. Controls are
  // replaced; reviews are append-only (id 0 added).
  virtual Result<void> update(const Risk& risk) = 0;
  virtual Result<Page<Risk>> list(const RiskQuery& query) = 0;
  // Residual ratings of every risk under the filters (paging ignored), for the heat map.
  virtual Result<std::vector<RiskRating>> residual_ratings(const RiskQuery& query) = 0;

  virtual Result<RiskBands> bands() = 0;
  virtual Result<void> set_bands(const RiskBands& bands) = 0;
};

}  // namespace hqms::store
