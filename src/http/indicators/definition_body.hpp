#pragma once
// An indicator definition as analysts send it (the workbench, the API): IndicatorJson without builtIn,
// version and retired. Every problem is named by its path in the JSON ("numerator.where[1].column"): first
// the shape of the document (definition_from_json: types, known words, required fields), then, once it reads,
// the rules of check_indicator and the lengths the database keeps, so the workbench can put each message
// beside the control it belongs to.
#include <nlohmann/json.hpp>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/indicator_definition.hpp"

namespace hqms::http {

struct DefinitionReading {
  indicators::IndicatorDefinition definition;  // built_in = false
  std::vector<FieldError> errors;              // one per field, paths relative to the definition
};

// Reads `doc`. A preview may leave the code empty (`code_required` false): it is then checked as a
// placeholder and stays empty. builtIn, domainLabel, version and retired are ignored, so an IndicatorJson can
// be sent back as it came.
DefinitionReading read_definition(const nlohmann::json& doc, bool code_required = true);

// read_definition as a request body: the definition, or a 422 listing every field error.
Result<indicators::IndicatorDefinition> definition_from_body(const nlohmann::json& doc);

}  // namespace hqms::http
