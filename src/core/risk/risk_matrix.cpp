#include "core/risk/risk_matrix.hpp"

#include <string>

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

constexpr EnumTable<Likelihood, 5> kLikelihoods{{
    {Likelihood::rare, "rare", "Rare", "May happen only in exceptional circumstances"},
    {Likelihood::unlikely, "unlikely", "Unlikely", "Could happen at some time"},
    {Likelihood::possible, "possible", "Possible", "Might happen occasionally"},
    {Likelihood::likely, "likely", "Likely", "Will probably happen, but is not persistent"},
    {Likelihood::almost_certain, "almost_certain", "Almost certain", "Expected to happen, possibly often"},
}};

constexpr EnumTable<Consequence, 5> kConsequences{{
    {Consequence::negligible, "negligible", "Negligible", "No harm, or minimal impact"},
    {Consequence::minor, "minor", "Minor", "Minor harm needing first aid or a short delay"},
    {Consequence::moderate, "moderate", "Moderate", "Moderate harm needing further treatment"},
    {Consequence::major, "major", "Major", "Major harm or long-term incapacity"},
    {Consequence::catastrophic, "catastrophic", "Catastrophic", "Death, or harm to many"},
}};

constexpr EnumTable<RiskBand, 4> kBands{{
    {RiskBand::low, "low", "Low"},
    {RiskBand::moderate, "moderate", "Moderate"},
    {RiskBand::high, "high", "High"},
    {RiskBand::extreme, "extreme", "Extreme"},
}};

constexpr int kLevels = 5;
constexpr int kMaxScore = kLevels * kLevels;

template <class E>
std::optional<E> from_level(int level) {
  if (level < 1 || level > kLevels) return std::nullopt;
  return static_cast<E>(level);
}

}  // namespace

std::span<const Likelihood> all_likelihoods() {
  return enum_values(kLikelihoods);
}
std::span<const Consequence> all_consequences() {
  return enum_values(kConsequences);
}
std::string_view to_string(Likelihood v) {
  return enum_name(kLikelihoods, v).id;
}
std::string_view to_string(Consequence v) {
  return enum_name(kConsequences, v).id;
}
std::optional<Likelihood> likelihood_from_string(std::string_view s) {
  return enum_from_id(kLikelihoods, s);
}
std::optional<Consequence> consequence_from_string(std::string_view s) {
  return enum_from_id(kConsequences, s);
}
std::string_view label(Likelihood v) {
  return enum_name(kLikelihoods, v).label;
}
std::string_view label(Consequence v) {
  return enum_name(kConsequences, v).label;
}
std::optional<Likelihood> likelihood_from_level(int level) {
  return from_level<Likelihood>(level);
}
std::optional<Consequence> consequence_from_level(int level) {
  return from_level<Consequence>(level);
}

std::span<const RiskBand> all_risk_bands() {
  return enum_values(kBands);
}
std::string_view to_string(RiskBand v) {
  return enum_name(kBands, v).id;
}
std::optional<RiskBand> risk_band_from_string(std::string_view s) {
  return enum_from_id(kBands, s);
}
std::string_view label(RiskBand v) {
  return enum_name(kBands, v).label;
}

std::vector<FieldError> check_bands(const RiskBands& bands) {
  std::vector<FieldError> errors;
  // Score 1 is always low, so moderate starts at 2 at the earliest; 25 is the top of a 5x5 matrix.
  if (bands.moderate_from < 2 || bands.moderate_from > kMaxScore)
    errors.push_back({"moderateFrom", "must be between 2 and " + std::to_string(kMaxScore)});
  if (bands.high_from <= bands.moderate_from)
    errors.push_back(
        {"highFrom", "must be above moderateFrom (" + std::to_string(bands.moderate_from) + ")"});
  if (bands.extreme_from <= bands.high_from)
    errors.push_back({"extremeFrom", "must be above highFrom (" + std::to_string(bands.high_from) + ")"});
  else if (bands.extreme_from > kMaxScore)
    errors.push_back({"extremeFrom", "must be at most " + std::to_string(kMaxScore)});
  return errors;
}

RiskBand band_of(int score, const RiskBands& bands) {
  if (score >= bands.extreme_from) return RiskBand::extreme;
  if (score >= bands.high_from) return RiskBand::high;
  if (score >= bands.moderate_from) return RiskBand::moderate;
  return RiskBand::low;
}

HeatMapCounts heat_map(std::span<const RiskRating> ratings) {
  HeatMapCounts counts{};
  for (const auto& r : ratings) {
    const auto l = static_cast<int>(r.likelihood), c = static_cast<int>(r.consequence);
    // A rating read from a damaged row must not write outside the grid.
    if (l < 1 || l > kLevels || c < 1 || c > kLevels) continue;
    ++counts[static_cast<std::size_t>(l - 1)][static_cast<std::size_t>(c - 1)];
  }
  return counts;
}

}  // namespace hqms
