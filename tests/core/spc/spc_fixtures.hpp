#pragma once
// Shared by the SPC tests: field names of a validation error and a tolerance for hand-computed limits.
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/spc/chart_input.hpp"

namespace hqms::spc::testing {

inline constexpr double exact = 1e-9;

inline std::vector<std::string> fields(const Error& error) {
  std::vector<std::string> out;
  for (const auto& e : error.fields) out.push_back(e.field);
  return out;
}

// Built field by field: g++ warns on aggregates initialised in part (-Wmissing-field-initializers).
inline ChartInput series(std::vector<double> values, std::vector<double> denominators = {}) {
  ChartInput in;
  in.values = std::move(values);
  in.denominators = std::move(denominators);
  return in;
}

inline ProcessChange change_at(std::size_t at, std::string reason, std::optional<std::size_t> baseline = {}) {
  return ProcessChange{at, std::move(reason), baseline};
}

inline bool has_field(const Error& error, const std::string& field) {
  for (const auto& e : error.fields)
    if (e.field == field) return true;
  return false;
}

}  // namespace hqms::spc::testing
