#include "http/indicators/definition_body.hpp"

#include <algorithm>

#include "core/indicators/definition_json.hpp"

namespace hqms::http {
namespace {

constexpr std::string_view kPreviewCode = "workbench_preview";

struct TextLimit {
  std::string_view field;
  std::size_t max;
};
// What the definition's texts may hold (name is check_indicator's).
constexpr TextLimit kTextLimits[] = {{"description", 4000}, {"unitLabel", 100}, {"citation", 1000}};

void text_limits(const indicators::IndicatorDefinition& d, std::vector<FieldError>& errors) {
  for (const auto& [field, max] : kTextLimits) {
    const std::string& text = field == "description" ? d.description
                              : field == "unitLabel" ? d.unit_label
                                                     : d.citation;
    if (text.size() > max)
      errors.push_back({std::string(field), "must be at most " + std::to_string(max) + " characters"});
  }
}

// One message per field, the first (the most basic) kept.
std::vector<FieldError> first_per_field(const std::vector<FieldError>& errors) {
  std::vector<FieldError> out;
  for (const auto& e : errors)
    if (std::none_of(out.begin(), out.end(), [&](const FieldError& f) { return f.field == e.field; }))
      out.push_back(e);
  return out;
}

}  // namespace

DefinitionReading read_definition(const nlohmann::json& doc, bool code_required) {
  DefinitionReading reading;
  if (!doc.is_object()) {
    reading.errors.push_back({"", "must be an indicator definition (a JSON object)"});
    return reading;
  }
  auto document = doc;
  // Whether the analyst may say so or not, what comes through the API is their own definition.
  document.erase("builtIn");
  const bool placeholder =
      !code_required && (!document.contains("code") || document["code"].is_null() || document["code"] == "");
  if (placeholder) document["code"] = kPreviewCode;
  auto read = indicators::definition_from_json(document);
  if (!read) {
    reading.errors = first_per_field(read.error().fields);
    return reading;
  }
  reading.definition = std::move(*read);
  reading.definition.built_in = false;
  auto errors = indicators::check_indicator(reading.definition);
  text_limits(reading.definition, errors);
  reading.errors = first_per_field(errors);
  if (placeholder) reading.definition.code.clear();
  return reading;
}

Result<indicators::IndicatorDefinition> definition_from_body(const nlohmann::json& doc) {
  auto reading = read_definition(doc);
  if (!reading.errors.empty())
    return Error::validation(std::move(reading.errors), "The indicator definition is invalid.");
  return std::move(reading.definition);
}

}  // namespace hqms::http
