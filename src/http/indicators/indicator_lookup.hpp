#pragma once
// Finding an indicator by its code as the API shows it: the catalogue's (with the analysts' saved target,
// alert threshold, chart and rules applied) or an analyst's own from the workbench.
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/indicator_definition.hpp"
#include "store/database.hpp"

namespace hqms::http {

struct ResolvedIndicator {
  indicators::IndicatorDefinition definition;  // settings applied
  // Custom: the definition's version; built-in: the settings' version, 0 when never set.
  int version = 0;
  bool retired = false;
};

// Catalogue first, then the analysts' own; a 404 Error when neither knows the code.
Result<ResolvedIndicator> find_indicator(store::UnitOfWork& uow, std::string_view code);
// The same in a read transaction of its own, for routes that need nothing else from the store with it.
Result<ResolvedIndicator> find_indicator(store::Database& db, std::string_view code);
// The catalogue in its order, then the analysts' own by code.
Result<std::vector<ResolvedIndicator>> all_indicators(store::UnitOfWork& uow, bool include_retired);

}  // namespace hqms::http
