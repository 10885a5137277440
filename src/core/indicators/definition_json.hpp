#pragma once
// An indicator definition as JSON, in the names of the API contract (IndicatorJson with its Measure and
// Condition): the form analysts' own definitions are kept in the database, and the form the API shows any
// definition in. One mapping for both, so that what is stored reads back as it is shown.
#include <nlohmann/json.hpp>

#include "core/common/result.hpp"
#include "core/indicators/indicator_definition.hpp"

namespace hqms::indicators {

// {column, is} | {column, in} | {column, notIn} | {column, startsWith} | {column, anyStartsWith} |
// {column, between: [min|null, max|null]}
nlohmann::json condition_json(const Condition& condition);
// {source, aggregate, column|null, where: [Condition]}
nlohmann::json measure_json(const Measure& measure);
// Every IndicatorJson field but version and retired, which belong to where the definition is kept:
// code, name, description, domain, domainLabel, type, per, unitLabel, numerator, denominator|null, direction,
// target|null, alertThreshold|null, period, strata, chart, rules, citation, builtIn.
nlohmann::json definition_json(const IndicatorDefinition& definition);

// Reads what definition_json writes (domainLabel, version and retired are ignored). Names outside the value
// sets, missing fields and wrong JSON types are an Error (validation) with field errors named like the JSON
// ("numerator.where[1].in"); whether the definition makes sense is check_indicator's part.
Result<IndicatorDefinition> definition_from_json(const nlohmann::json& json);

}  // namespace hqms::indicators
