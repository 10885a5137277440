#pragma once
// A funnel plot compares units (departments, sites) at one point in time: each unit's proportion or rate is
// plotted against its denominator, around the overall value, with limits that narrow as the denominator
// grows. Following the NHS / Spiegelhalter (2005) practice, with the normal approximation: for a proportion
// p0 +- z sqrt(p0 (1 - p0) / n), for a rate r0 +- z sqrt(r0 / n), at 95% (z = 1.959964) and 99.8%
// (z = 3.090232) two-sided; lower limits floored at 0, proportions capped at 1. (qicharts2 has no funnel
// plot; exact binomial or Poisson limits are a later refinement for very small denominators.)
#include <string>
#include <vector>

#include "core/common/result.hpp"

namespace hqms::spc {

enum class FunnelMeasure { proportion, rate };

struct FunnelUnit {
  std::string name;
  double numerator = 0;
  double denominator = 0;
};

struct FunnelPoint {
  std::string name;
  double value = 0;
  double lower_95 = 0;
  double upper_95 = 0;
  double lower_998 = 0;
  double upper_998 = 0;
  bool outside_95 = false;
  bool outside_998 = false;
};

struct FunnelPlot {
  double overall = 0;
  std::vector<FunnelPoint> units;
};

// The two-sided normal quantiles: qnorm(0.975) and qnorm(0.999).
inline constexpr double z_95 = 1.959963984540054;
inline constexpr double z_998 = 3.090232306167813;

// `per` scales rates for display (1000 for per 1000 patient-days), after the limits are computed.
Result<FunnelPlot> funnel_plot(const std::vector<FunnelUnit>& units, FunnelMeasure measure, double per = 1);

}  // namespace hqms::spc
