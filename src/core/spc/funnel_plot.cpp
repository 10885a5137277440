#include "core/spc/funnel_plot.hpp"

#include <algorithm>
#include <cmath>

namespace hqms::spc {

Result<FunnelPlot> funnel_plot(const std::vector<FunnelUnit>& units, FunnelMeasure measure, double per) {
  std::vector<FieldError> errors;
  if (units.empty()) errors.push_back({"units", "A funnel plot needs at least one unit."});
  if (!(per > 0)) errors.push_back({"per", "Must be above zero."});
  double numerator = 0;
  double denominator = 0;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const auto& u = units[i];
    const std::string at = "units[" + std::to_string(i) + "]";
    if (!std::isfinite(u.numerator) || u.numerator < 0)
      errors.push_back({at + ".numerator", "A count cannot be negative."});
    if (!std::isfinite(u.denominator) || u.denominator <= 0)
      errors.push_back({at + ".denominator", "Must be above zero."});
    else if (measure == FunnelMeasure::proportion && u.numerator > u.denominator)
      errors.push_back({at + ".numerator", "The numerator cannot exceed the denominator."});
    numerator += u.numerator;
    denominator += u.denominator;
  }
  if (!errors.empty()) return Error::validation(std::move(errors));

  FunnelPlot plot;
  const double overall = numerator / denominator;
  plot.overall = overall * per;
  for (const auto& u : units) {
    const double sigma = measure == FunnelMeasure::proportion
                             ? std::sqrt(overall * (1 - overall) / u.denominator)
                             : std::sqrt(overall / u.denominator);
    auto lower = [&](double z) { return std::max(0.0, overall - z * sigma) * per; };
    auto upper = [&](double z) {
      const double v = overall + z * sigma;
      return (measure == FunnelMeasure::proportion ? std::min(1.0, v) : v) * per;
    };
    FunnelPoint p{u.name,       u.numerator / u.denominator * per,
                  lower(z_95),  upper(z_95),
                  lower(z_998), upper(z_998),
                  false,        false};
    p.outside_95 = p.value < p.lower_95 || p.value > p.upper_95;
    p.outside_998 = p.value < p.lower_998 || p.value > p.upper_998;
    plot.units.push_back(std::move(p));
  }
  return plot;
}

}  // namespace hqms::spc
