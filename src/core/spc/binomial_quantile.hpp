#pragma once
// The lower quantile of a binomial distribution with success probability 1/2: the smallest k with
// P(X <= k) >= p for X ~ Binomial(trials, 1/2), as R's qbinom(p, trials, 0.5) returns it. The Anhøj
// crossings rule needs only this one case. Written by hand because the C++ libraries we build with (the
// Debian packages in the foundation) carry no statistics library, and Boost.Math would be a large dependency
// for a dozen lines.
#include <cstddef>

namespace hqms::spc {

std::size_t binomial_half_quantile(double p, std::size_t trials);

}  // namespace hqms::spc
