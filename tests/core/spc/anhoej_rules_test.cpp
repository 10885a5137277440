#include "core/spc/anhoej_rules.hpp"

#include <gtest/gtest.h>

#include "core/spc/binomial_quantile.hpp"

namespace hqms::spc {
namespace {

// The published Anhøj table (Anhøj & Olesen 2014, qicharts2 vignette): for n useful points, the longest run
// allowed (round(log2 n) + 3) and the fewest crossings allowed (qbinom(0.05, n - 1, 0.5)). The crossings were
// checked by summing C(n - 1, k) / 2^(n - 1) in exact rational arithmetic.
struct TableRow {
  std::size_t n;
  std::size_t longest_run_max;
  std::size_t crossings_min;
};
constexpr TableRow anhoej_table[] = {
    {10, 6, 2},   {11, 6, 2},   {12, 7, 3},   {13, 7, 3},   {14, 7, 4},   {15, 7, 4},   {16, 7, 4},
    {17, 7, 5},   {18, 7, 5},   {19, 7, 6},   {20, 7, 6},   {21, 7, 6},   {22, 7, 7},   {23, 8, 7},
    {24, 8, 8},   {25, 8, 8},   {26, 8, 8},   {27, 8, 9},   {28, 8, 9},   {29, 8, 10},  {30, 8, 10},
    {31, 8, 11},  {32, 8, 11},  {33, 8, 11},  {34, 8, 12},  {35, 8, 12},  {36, 8, 13},  {37, 8, 13},
    {38, 8, 14},  {39, 8, 14},  {40, 8, 14},  {41, 8, 15},  {42, 8, 15},  {43, 8, 16},  {44, 8, 16},
    {45, 8, 17},  {46, 9, 17},  {47, 9, 17},  {48, 9, 18},  {49, 9, 18},  {50, 9, 19},  {51, 9, 19},
    {52, 9, 20},  {53, 9, 20},  {54, 9, 21},  {55, 9, 21},  {56, 9, 21},  {57, 9, 22},  {58, 9, 22},
    {59, 9, 23},  {60, 9, 23},  {61, 9, 24},  {62, 9, 24},  {63, 9, 25},  {64, 9, 25},  {65, 9, 25},
    {66, 9, 26},  {67, 9, 26},  {68, 9, 27},  {69, 9, 27},  {70, 9, 28},  {71, 9, 28},  {72, 9, 29},
    {73, 9, 29},  {74, 9, 29},  {75, 9, 30},  {76, 9, 30},  {77, 9, 31},  {78, 9, 31},  {79, 9, 32},
    {80, 9, 32},  {81, 9, 33},  {82, 9, 33},  {83, 9, 34},  {84, 9, 34},  {85, 9, 34},  {86, 9, 35},
    {87, 9, 35},  {88, 9, 36},  {89, 9, 36},  {90, 9, 37},  {91, 10, 37}, {92, 10, 38}, {93, 10, 38},
    {94, 10, 39}, {95, 10, 39}, {96, 10, 39}, {97, 10, 40}, {98, 10, 40}, {99, 10, 41}, {100, 10, 41},
};

TEST(AnhoejRules, ThresholdsMatchThePublishedTableForTenToOneHundredPoints) {
  std::size_t rows = 0;
  for (const auto& row : anhoej_table) {
    EXPECT_EQ(longest_run_threshold(row.n), row.longest_run_max) << "n = " << row.n;
    EXPECT_EQ(crossings_threshold(row.n), row.crossings_min) << "n = " << row.n;
    ++rows;
  }
  EXPECT_EQ(rows, 91u);
}

TEST(AnhoejRules, BinomialQuantileMatchesSmallCasesByHand) {
  // Binomial(4, 1/2): P(0) = 1/16 = 0.0625 >= 0.05, so the 5% quantile is 0.
  EXPECT_EQ(binomial_half_quantile(0.05, 4), 0u);
  // Binomial(5, 1/2): P(0) = 1/32 = 0.03125 < 0.05; P(<=1) = 6/32 >= 0.05 -> 1.
  EXPECT_EQ(binomial_half_quantile(0.05, 5), 1u);
  // The median of Binomial(2, 1/2): P(<=0) = 1/4, P(<=1) = 3/4 -> 1; exactly reaching p counts.
  EXPECT_EQ(binomial_half_quantile(0.5, 2), 1u);
  EXPECT_EQ(binomial_half_quantile(0.25, 2), 0u);
  EXPECT_EQ(binomial_half_quantile(0.05, 0), 0u);
  // Far beyond where 2^-n underflows a double (checked in exact rational arithmetic).
  EXPECT_EQ(binomial_half_quantile(0.05, 3999), 1947u);
}

std::vector<double> centred(const std::vector<double>& values, double centre = 0) {
  return std::vector<double>(values.size(), centre);
}

TEST(AnhoejRules, RunOfExactlyTheThresholdIsNoSignalButOneMoreIs) {
  // 12 useful points: longest run allowed round(log2 12) + 3 = 7, crossings at least 3.
  // A run of 7 above, then alternating: crossings 5 >= 3.
  std::vector<double> at{1, 1, 1, 1, 1, 1, 1, -1, 1, -1, 1, -1};
  auto r = analyse_runs(at, centred(at));
  EXPECT_EQ(r.useful_points, 12u);
  EXPECT_EQ(r.longest_run, 7u);
  EXPECT_EQ(r.longest_run_max, 7u);
  EXPECT_EQ(r.crossings, 5u);
  EXPECT_FALSE(r.signal);
  std::vector<double> over{1, 1, 1, 1, 1, 1, 1, 1, -1, 1, -1, 1};
  r = analyse_runs(over, centred(over));
  EXPECT_EQ(r.longest_run, 8u);
  EXPECT_EQ(r.crossings, 4u);
  EXPECT_TRUE(r.signal);
}

TEST(AnhoejRules, CrossingsAtTheMinimumAreNoSignalButOneFewerIs) {
  // 12 useful points need at least 3 crossings. Runs 3,3,3,3 = 3 crossings, longest run 3.
  std::vector<double> at{1, 1, 1, -1, -1, -1, 1, 1, 1, -1, -1, -1};
  auto r = analyse_runs(at, centred(at));
  EXPECT_EQ(r.crossings, 3u);
  EXPECT_EQ(r.crossings_min, 3u);
  EXPECT_FALSE(r.signal);
  // Runs 4,4,4 = 2 crossings: too few, though no run is long.
  std::vector<double> fewer{1, 1, 1, 1, -1, -1, -1, -1, 1, 1, 1, 1};
  r = analyse_runs(fewer, centred(fewer));
  EXPECT_EQ(r.crossings, 2u);
  EXPECT_EQ(r.longest_run, 4u);
  EXPECT_TRUE(r.signal);
}

TEST(AnhoejRules, PointsOnTheCentreLineAreNotUseful) {
  // The zeros neither break the run nor count: 7 useful points in one run of 7.
  std::vector<double> v{1, 0, 1, 1, 0, 1, 1, 1, 0, 1};
  auto r = analyse_runs(v, centred(v));
  EXPECT_EQ(r.useful_points, 7u);
  EXPECT_EQ(r.longest_run, 7u);
  EXPECT_EQ(r.longest_run_max, 6u);  // round(log2 7 = 2.807) + 3
  EXPECT_TRUE(r.signal);
}

TEST(AnhoejRules, NoUsefulPointsMeansNoSignal) {
  std::vector<double> v{2, 2, 2};
  auto r = analyse_runs(v, centred(v, 2));
  EXPECT_EQ(r.useful_points, 0u);
  EXPECT_FALSE(r.signal);
}

}  // namespace
}  // namespace hqms::spc
