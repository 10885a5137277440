#pragma once
// The chart a request asks for (GET .../chart, .../series.csv): the indicator from the path, and scope,
// stratum, chart, rules, from and to from the query; the annotations recorded for that indicator and scope.
// One reading for every route that shows a chart, so that the CSV is exactly what the chart shows.
#include <nlohmann/json.hpp>
#include <optional>

#include "http/indicators/indicator_computation.hpp"
#include "http/indicators/indicator_lookup.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

struct ChartAnswer {
  ResolvedIndicator indicator;
  ScopeRef scope;
  std::optional<StratumChoice> stratum;
  nlohmann::json annotations = nlohmann::json::array();
  // When there is nothing to chart yet (no data, too few points) the chart is empty and its warnings say why.
  ComputedChart computed;
};

// Reads and checks the request (403 outside the caller's indicators.read scope, 404 unknown code, 422 a
// chart that does not fit) and computes the chart.
Result<ChartAnswer> chart_from_request(RequestContext& ctx, std::string_view action);

// ChartJson of the answer.
nlohmann::json chart_answer_json(const Organisation& org, const ChartAnswer& answer);

// "age_band:85+" -> {age_band, 85+}; none when absent, an Error (validation) when malformed.
Result<std::optional<StratumChoice>> read_stratum(const Request& req);

// Today as the engine counts days.
indicators::DayNumber today_of(const RequestContext& ctx);

// The annotations recorded for `code` at `scope`, as the chart uses them and as JSON.
struct ScopeAnnotations {
  std::vector<indicators::ChartAnnotation> notes;
  nlohmann::json json = nlohmann::json::array();
};
Result<ScopeAnnotations> scope_annotations(store::UnitOfWork& uow, const Organisation& org,
                                           std::string_view code, ScopeRef scope);

}  // namespace hqms::http
