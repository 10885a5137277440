#pragma once
// The 5x5 risk matrix: likelihood x consequence, the score and its band. The band edges are the
// organisation's to set; the defaults are low 1-3, moderate 4-6, high 8-12, extreme 15-25.
#include <array>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace hqms {

enum class Likelihood { rare = 1, unlikely, possible, likely, almost_certain };
enum class Consequence { negligible = 1, minor, moderate, major, catastrophic };
std::span<const Likelihood> all_likelihoods();
std::span<const Consequence> all_consequences();
std::string_view to_string(Likelihood v);
std::string_view to_string(Consequence v);
std::optional<Likelihood> likelihood_from_string(std::string_view s);
std::optional<Consequence> consequence_from_string(std::string_view s);
std::string_view label(Likelihood v);
std::string_view label(Consequence v);
std::optional<Likelihood> likelihood_from_level(int level);  // 1..5
std::optional<Consequence> consequence_from_level(int level);

struct RiskRating {
  Likelihood likelihood = Likelihood::rare;
  Consequence consequence = Consequence::negligible;
  int score() const { return static_cast<int>(likelihood) * static_cast<int>(consequence); }
  bool operator==(const RiskRating&) const = default;
};

enum class RiskBand { low, moderate, high, extreme };
std::span<const RiskBand> all_risk_bands();
std::string_view to_string(RiskBand v);
std::optional<RiskBand> risk_band_from_string(std::string_view s);
std::string_view label(RiskBand v);

// The lowest score of each band above low.
struct RiskBands {
  int moderate_from = 4;
  int high_from = 8;
  int extreme_from = 15;
  bool operator==(const RiskBands&) const = default;
};

// Field errors (`moderateFrom`, `highFrom`, `extremeFrom`): 2 <= moderate < high < extreme <= 25.
std::vector<FieldError> check_bands(const RiskBands& bands);
RiskBand band_of(int score, const RiskBands& bands);
inline RiskBand band_of(const RiskRating& r, const RiskBands& bands) {
  return band_of(r.score(), bands);
}

// Counts per cell, indexed [likelihood-1][consequence-1].
using HeatMapCounts = std::array<std::array<int, 5>, 5>;
HeatMapCounts heat_map(std::span<const RiskRating> ratings);

}  // namespace hqms
