#pragma once
// What a control chart is drawn from: the series, the points left out of the limits (with the reason an
// analyst must give), the documented process changes that start a new phase with its own limits, and the
// baseline after which a phase's limits are frozen. Shared by every chart type.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace hqms::spc {

// A point that is still plotted but gives the limits and the rules no weight (a data-entry error, a known
// one-off such as a ward closure). The reason is required: an unexplained exclusion hides a signal.
struct Exclusion {
  std::size_t index = 0;
  std::string reason;
};

// A documented change to the process (a new protocol, a new ward). Limits are recalculated from here on,
// as qicharts2's `part` and plotthedots' `rebase` do.
struct ProcessChange {
  std::size_t at = 0;  // index of the first point of the new phase
  std::string reason;
  std::optional<std::size_t> baseline_points;  // this phase's baseline; none = every point
};

struct ChartInput {
  // The measurement (I, run, c, g, t charts), the numerator (p, u), or the subgroup mean (Xbar).
  std::vector<double> values;
  // Denominators for p and u charts, subgroup sizes for Xbar-S; empty where the chart needs none.
  std::vector<double> denominators;
  // Subgroup standard deviations for Xbar-S; empty otherwise.
  std::vector<double> subgroup_sds;
  std::vector<Exclusion> exclusions;
  // Limits of the first phase come from its first k non-excluded points only, then stay frozen (qicharts2
  // `freeze`, plotthedots `fix_after_n_points`); none = from every non-excluded point of the phase.
  std::optional<std::size_t> baseline_points;
  std::vector<ProcessChange> process_changes;
};

// One phase: points [begin, end) and the points whose values set its limits (non-excluded, within baseline).
struct PhaseSegment {
  std::size_t begin = 0;
  std::size_t end = 0;
  std::vector<std::size_t> basis;
};

// Checks what every chart shares (finite values, exclusions and process changes in range and explained,
// enough basis points per phase) and splits the series into phases.
Result<std::vector<PhaseSegment>> plan_phases(const ChartInput& input, std::size_t min_basis_points);

// Checks the denominators (p, u) or subgroup sizes: as many as values, finite and above zero.
std::vector<FieldError> check_denominators(const ChartInput& input);

// Checks counts: finite, not negative.
std::vector<FieldError> check_counts(const ChartInput& input);

bool is_excluded(const ChartInput& input, std::size_t index);

}  // namespace hqms::spc
