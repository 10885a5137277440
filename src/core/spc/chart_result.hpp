#pragma once
// What every chart returns: per point the plotted value, its centre line and limits (per point, because p and
// u limits follow each point's denominator), and the signals; per phase the Anhøj runs analysis.
#include <cstddef>
#include <optional>
#include <vector>

#include "core/spc/anhoej_rules.hpp"
#include "core/spc/chart_input.hpp"

namespace hqms::spc {

// The centre and limits a chart type computes for one point. 3-sigma limits are the control limits; the
// 2-sigma ones are what the Making Data Count "two of three" rule compares with. A run chart has none.
struct PointLimits {
  double centre = 0;
  std::optional<double> lower;
  std::optional<double> upper;
  std::optional<double> lower_2sigma;
  std::optional<double> upper_2sigma;
};

struct ChartPoint {
  double value = 0;  // NaN where nothing is plotted (the first moving range)
  double centre = 0;
  std::optional<double> lower;
  std::optional<double> upper;
  std::optional<double> lower_2sigma;
  std::optional<double> upper_2sigma;
  std::size_t phase = 0;
  bool excluded = false;
  bool in_baseline = false;  // its value set the limits
  bool beyond_limits = false;
  bool runs_signal = false;  // its phase breaks an Anhøj rule (qicharts2 marks the whole phase)
};

struct PhaseResult {
  std::size_t begin = 0;
  std::size_t end = 0;
  RunsAnalysis runs;
};

struct ChartResult {
  std::vector<ChartPoint> points;
  std::vector<PhaseResult> phases;
};

// Puts the computed limits on the points and flags them: a point beyond its 3-sigma limits, and the phase's
// runs analysis over its non-excluded points. Excluded points keep their place but are never flagged.
ChartResult assemble_chart(const ChartInput& input, const std::vector<double>& plotted,
                           const std::vector<PhaseSegment>& phases, const std::vector<PointLimits>& limits);

}  // namespace hqms::spc
