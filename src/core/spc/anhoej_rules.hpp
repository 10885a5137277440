#pragma once
// The Anhøj runs rules as qicharts2 applies them (runs.analysis in R/helper.functions.R): a phase signals
// non-random variation when its longest run on one side of the centre line is unusually long, or when the
// series crosses the centre line unusually few times. Points on the centre line are not useful: they neither
// make nor break a run.
#include <cstddef>
#include <vector>

namespace hqms::spc {

struct RunsAnalysis {
  std::size_t useful_points = 0;  // points not on the centre line
  std::size_t longest_run = 0;
  std::size_t longest_run_max = 0;  // a longer run is a signal
  std::size_t crossings = 0;
  std::size_t crossings_min = 0;  // fewer crossings are a signal
  bool signal = false;
};

// Schilling (2012): the longest run expected in n useful points is round(log2(n)) + 3.
std::size_t longest_run_threshold(std::size_t useful_points);
// Chen (2010): fewer crossings than the 5% quantile of Binomial(n - 1, 1/2) is a signal.
std::size_t crossings_threshold(std::size_t useful_points);

// values and centres pair up point by point (the centre may differ by point). With no useful points there is
// nothing to judge and no signal, as in qicharts2.
RunsAnalysis analyse_runs(const std::vector<double>& values, const std::vector<double>& centres);

}  // namespace hqms::spc
