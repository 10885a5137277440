#include "core/spc/binomial_quantile.hpp"

#include <cmath>
#include <limits>

namespace hqms::spc {

std::size_t binomial_half_quantile(double p, std::size_t trials) {
  // Each probability is C(trials, k) / 2^trials. Summing from k = 0 with the ratio
  // C(n, k + 1) = C(n, k) (n - k) / (k + 1) keeps every term exact to a rounding per step. In log space, so
  // that 2^-trials does not underflow beyond about a thousand trials.
  const double n = static_cast<double>(trials);
  const double log_half = std::log(0.5);
  // R's qbinom accepts a cumulative within a relative 64 epsilon of p (its "fuzz"), so that sums that land a
  // rounding below p still count as reaching it.
  const double target = p * (1 - 64 * std::numeric_limits<double>::epsilon());
  double log_term = n * log_half;  // log P(X = 0)
  double cumulative = 0;
  for (std::size_t k = 0; k <= trials; ++k) {
    cumulative += std::exp(log_term);
    if (cumulative >= target) return k;
    log_term += std::log((n - static_cast<double>(k)) / static_cast<double>(k + 1));
  }
  return trials;
}

}  // namespace hqms::spc
