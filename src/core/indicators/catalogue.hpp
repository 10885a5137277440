#pragma once
// The indicators HQMS ships: standard hospital measures, each following a published definition that its
// citation names (docs/user-guide/indicators.md explains each, with its source and where HQMS simplifies).
#include <span>
#include <string_view>

#include "core/indicators/indicator_definition.hpp"

namespace hqms::indicators {

std::span<const IndicatorDefinition> catalogue();
const IndicatorDefinition* catalogue_indicator(std::string_view code);

}  // namespace hqms::indicators
