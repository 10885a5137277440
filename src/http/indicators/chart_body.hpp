#pragma once
// The parts of a request body that say which chart is meant, as the chart's query string says them: the
// scope ("department:3", or {type, id}), the stratum ("age_band:85+", or {dimension, value}), the chart type
// and the rule set. The workbench preview, the annotations and "open a CAPA from this signal" all take them.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/indicators/indicator_definition.hpp"
#include "http/indicators/indicator_json.hpp"
#include "http/json/body_reader.hpp"

namespace hqms::http {

// The scope as read_scope takes it ("organisation", "site:1", "department:3"); nullopt when absent or null.
// A value of the wrong shape is noted on `body` (and nullopt given).
std::optional<std::string> scope_text(BodyReader& body, std::string_view field = "scope");

// nullopt when absent or null; errors noted on `body`.
std::optional<StratumChoice> stratum_choice(BodyReader& body, std::string_view field = "stratum");

// Chart options a body may override (absent or null: the indicator's own).
struct ChartChoice {
  std::optional<indicators::ChartType> chart;
  std::optional<indicators::RuleSet> rules;
};
ChartChoice chart_choice(BodyReader& body);

}  // namespace hqms::http
