#include "core/risk/risk_matrix.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

RiskRating rating(int l, int c) {
  return RiskRating{*likelihood_from_level(l), *consequence_from_level(c)};
}

TEST(RiskMatrix, LikelihoodsRoundTripWithLevelsOneToFive) {
  const std::vector<std::string_view> ids{"rare", "unlikely", "possible", "likely", "almost_certain"};
  ASSERT_EQ(all_likelihoods().size(), 5u);
  for (int level = 1; level <= 5; ++level) {
    const auto l = all_likelihoods()[static_cast<std::size_t>(level - 1)];
    EXPECT_EQ(static_cast<int>(l), level);
    EXPECT_EQ(likelihood_from_level(level), l);
    EXPECT_EQ(to_string(l), ids[static_cast<std::size_t>(level - 1)]);
    EXPECT_EQ(likelihood_from_string(to_string(l)), l);
  }
  EXPECT_EQ(label(Likelihood::almost_certain), "Almost certain");
  EXPECT_EQ(label(Likelihood::rare), "Rare");
  EXPECT_FALSE(likelihood_from_level(0));
  EXPECT_FALSE(likelihood_from_level(6));
  EXPECT_FALSE(likelihood_from_string("Almost certain"));
}

TEST(RiskMatrix, ConsequencesRoundTripWithLevelsOneToFive) {
  const std::vector<std::string_view> ids{"negligible", "minor", "moderate", "major", "catastrophic"};
  ASSERT_EQ(all_consequences().size(), 5u);
  for (int level = 1; level <= 5; ++level) {
    const auto c = all_consequences()[static_cast<std::size_t>(level - 1)];
    EXPECT_EQ(static_cast<int>(c), level);
    EXPECT_EQ(consequence_from_level(level), c);
    EXPECT_EQ(to_string(c), ids[static_cast<std::size_t>(level - 1)]);
    EXPECT_EQ(consequence_from_string(to_string(c)), c);
  }
  EXPECT_EQ(label(Consequence::catastrophic), "Catastrophic");
  EXPECT_FALSE(consequence_from_level(0));
  EXPECT_FALSE(consequence_from_level(-1));
  EXPECT_FALSE(consequence_from_level(6));
  EXPECT_FALSE(consequence_from_string("severe"));
}

TEST(RiskMatrix, BandsRoundTrip) {
  const std::vector<std::string_view> ids{"low", "moderate", "high", "extreme"};
  ASSERT_EQ(all_risk_bands().size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(to_string(all_risk_bands()[i]), ids[i]);
    EXPECT_EQ(risk_band_from_string(ids[i]), all_risk_bands()[i]);
  }
  EXPECT_EQ(label(RiskBand::extreme), "Extreme");
  EXPECT_EQ(label(RiskBand::moderate), "Moderate");
  EXPECT_FALSE(risk_band_from_string("critical"));
}

TEST(RiskMatrix, ScoreIsLikelihoodTimesConsequence) {
  for (int l = 1; l <= 5; ++l)
    for (int c = 1; c <= 5; ++c) EXPECT_EQ(rating(l, c).score(), l * c);
  EXPECT_EQ((RiskRating{Likelihood::likely, Consequence::major}.score()), 16);
}

TEST(RiskMatrix, DefaultBandsOnEveryCell) {
  // Rows likelihood 1..5, columns consequence 1..5: the matrix printed on the organisation's policy.
  using B = RiskBand;
  const B lo = B::low, mo = B::moderate, hi = B::high, ex = B::extreme;
  const std::array<std::array<B, 5>, 5> expected{{
      {lo, lo, lo, mo, mo},  // rare:            1  2  3  4  5
      {lo, mo, mo, hi, hi},  // unlikely:        2  4  6  8 10
      {lo, mo, hi, hi, ex},  // possible:        3  6  9 12 15
      {mo, hi, hi, ex, ex},  // likely:          4  8 12 16 20
      {mo, hi, ex, ex, ex},  // almost certain:  5 10 15 20 25
  }};
  const RiskBands defaults;
  for (int l = 1; l <= 5; ++l)
    for (int c = 1; c <= 5; ++c)
      EXPECT_EQ(band_of(rating(l, c), defaults),
                expected[static_cast<std::size_t>(l - 1)][static_cast<std::size_t>(c - 1)])
          << "L" << l << " x C" << c;
}

TEST(RiskMatrix, DefaultBandEdges) {
  const RiskBands defaults;
  EXPECT_EQ(defaults, (RiskBands{4, 8, 15}));
  EXPECT_EQ(band_of(1, defaults), RiskBand::low);
  EXPECT_EQ(band_of(3, defaults), RiskBand::low);
  EXPECT_EQ(band_of(4, defaults), RiskBand::moderate);
  EXPECT_EQ(band_of(6, defaults), RiskBand::moderate);
  EXPECT_EQ(band_of(8, defaults), RiskBand::high);
  EXPECT_EQ(band_of(12, defaults), RiskBand::high);
  EXPECT_EQ(band_of(15, defaults), RiskBand::extreme);
  EXPECT_EQ(band_of(25, defaults), RiskBand::extreme);
}

TEST(RiskMatrix, CustomBands) {
  const RiskBands strict{3, 5, 10};
  EXPECT_EQ(band_of(2, strict), RiskBand::low);
  EXPECT_EQ(band_of(3, strict), RiskBand::moderate);
  EXPECT_EQ(band_of(4, strict), RiskBand::moderate);
  EXPECT_EQ(band_of(5, strict), RiskBand::high);
  EXPECT_EQ(band_of(9, strict), RiskBand::high);
  EXPECT_EQ(band_of(10, strict), RiskBand::extreme);
  EXPECT_EQ(band_of(rating(2, 5), strict), RiskBand::extreme);
  EXPECT_EQ(band_of(rating(2, 5), RiskBands{}), RiskBand::high);
}

TEST(RiskMatrix, CheckBands) {
  EXPECT_TRUE(check_bands(RiskBands{}).empty());
  EXPECT_TRUE(check_bands(RiskBands{2, 3, 4}).empty());
  EXPECT_TRUE(check_bands(RiskBands{2, 24, 25}).empty());
  EXPECT_EQ(fields(check_bands(RiskBands{1, 8, 15})), std::vector<std::string>{"moderateFrom"});
  EXPECT_EQ(fields(check_bands(RiskBands{4, 4, 15})), std::vector<std::string>{"highFrom"});
  EXPECT_EQ(fields(check_bands(RiskBands{4, 8, 8})), std::vector<std::string>{"extremeFrom"});
  EXPECT_EQ(fields(check_bands(RiskBands{4, 8, 26})), std::vector<std::string>{"extremeFrom"});
  EXPECT_EQ(fields(check_bands(RiskBands{10, 8, 6})), (std::vector<std::string>{"highFrom", "extremeFrom"}));
  EXPECT_EQ(fields(check_bands(RiskBands{0, 0, 0})),
            (std::vector<std::string>{"moderateFrom", "highFrom", "extremeFrom"}));
}

TEST(RiskMatrix, HeatMapCountsPerCell) {
  const std::vector<RiskRating> ratings{rating(1, 1), rating(4, 5), rating(4, 5), rating(5, 1), rating(1, 5)};
  const auto counts = heat_map(ratings);
  EXPECT_EQ(counts[0][0], 1);
  EXPECT_EQ(counts[3][4], 2);
  EXPECT_EQ(counts[4][0], 1);  // [likelihood-1][consequence-1]
  EXPECT_EQ(counts[0][4], 1);
  int total = 0;
  for (const auto& row : counts)
    for (int n : row) total += n;
  EXPECT_EQ(total, 5);
  EXPECT_EQ(heat_map({}), HeatMapCounts{});
}

}  // namespace
}  // namespace hqms
