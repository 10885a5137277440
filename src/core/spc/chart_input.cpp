#include "core/spc/chart_input.hpp"

#include <algorithm>
#include <cmath>

namespace hqms::spc {
namespace {

std::string indexed(const char* name, std::size_t i) {
  return std::string(name) + "[" + std::to_string(i) + "]";
}

}  // namespace

bool is_excluded(const ChartInput& input, std::size_t index) {
  return std::any_of(input.exclusions.begin(), input.exclusions.end(),
                     [&](const Exclusion& e) { return e.index == index; });
}

std::vector<FieldError> check_denominators(const ChartInput& input) {
  std::vector<FieldError> errors;
  if (input.denominators.size() != input.values.size()) {
    errors.push_back({"denominators", "There must be one denominator for each value."});
    return errors;
  }
  for (std::size_t i = 0; i < input.denominators.size(); ++i) {
    const double d = input.denominators[i];
    if (!std::isfinite(d) || d <= 0) errors.push_back({indexed("denominators", i), "Must be above zero."});
  }
  return errors;
}

std::vector<FieldError> check_counts(const ChartInput& input) {
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < input.values.size(); ++i)
    if (input.values[i] < 0) errors.push_back({indexed("values", i), "A count cannot be negative."});
  return errors;
}

Result<std::vector<PhaseSegment>> plan_phases(const ChartInput& input, std::size_t min_basis_points) {
  const std::size_t n = input.values.size();
  std::vector<FieldError> errors;
  if (n == 0) errors.push_back({"values", "A chart needs at least one value."});
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isfinite(input.values[i])) errors.push_back({indexed("values", i), "Must be a finite number."});
  for (std::size_t i = 0; i < input.exclusions.size(); ++i) {
    const auto& e = input.exclusions[i];
    if (e.index >= n) errors.push_back({indexed("exclusions", i) + ".index", "Is not a point of the chart."});
    if (e.reason.empty())
      errors.push_back({indexed("exclusions", i) + ".reason", "An exclusion needs a reason."});
  }
  std::size_t previous = 0;
  for (std::size_t i = 0; i < input.process_changes.size(); ++i) {
    const auto& c = input.process_changes[i];
    if (c.at == 0 || c.at >= n || c.at <= previous)
      errors.push_back({indexed("process_changes", i) + ".at",
                        "Must fall inside the series, after the previous process change."});
    if (c.reason.empty())
      errors.push_back({indexed("process_changes", i) + ".reason", "A process change needs a reason."});
    previous = std::max(previous, c.at);
  }
  if (!errors.empty()) return Error::validation(std::move(errors));

  std::vector<PhaseSegment> phases;
  for (std::size_t p = 0; p <= input.process_changes.size(); ++p) {
    PhaseSegment s;
    s.begin = p == 0 ? 0 : input.process_changes[p - 1].at;
    s.end = p < input.process_changes.size() ? input.process_changes[p].at : n;
    const auto baseline = p == 0 ? input.baseline_points : input.process_changes[p - 1].baseline_points;
    for (std::size_t i = s.begin; i < s.end; ++i) {
      if (baseline && s.basis.size() >= *baseline) break;
      if (!is_excluded(input, i)) s.basis.push_back(i);
    }
    if (s.basis.size() < min_basis_points) {
      const std::string field = p == 0 ? "values" : indexed("process_changes", p - 1);
      errors.push_back({field, "A phase needs at least " + std::to_string(min_basis_points) +
                                   " non-excluded points to set its limits."});
    }
    phases.push_back(std::move(s));
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return phases;
}

}  // namespace hqms::spc
