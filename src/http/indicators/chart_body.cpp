#include "http/indicators/chart_body.hpp"

namespace hqms::http {

std::optional<std::string> scope_text(BodyReader& body, std::string_view field) {
  if (!body.has(field) || body.at(field).is_null()) return std::nullopt;
  const auto& value = body.at(field);
  if (value.is_string()) return value.get<std::string>();
  // {type, id} as AnnotationJson and ChartJson show a scope.
  if (value.is_object() && value.contains("type") && value["type"].is_string()) {
    const auto type = value["type"].get<std::string>();
    if (type == "organisation") return type;
    if (value.contains("id") && value["id"].is_number_integer())
      return type + ":" + std::to_string(value["id"].get<Id>());
  }
  body.error(std::string(field), "must be organisation, site:<id> or department:<id>");
  return std::nullopt;
}

std::optional<StratumChoice> stratum_choice(BodyReader& body, std::string_view field) {
  if (!body.has(field) || body.at(field).is_null()) return std::nullopt;
  const auto& value = body.at(field);
  StratumChoice choice;
  if (value.is_string()) {
    const auto text = value.get<std::string>();
    const auto colon = text.find(':');
    if (colon != std::string::npos) choice = {text.substr(0, colon), text.substr(colon + 1)};
  } else if (value.is_object() && value.value("dimension", nlohmann::json()).is_string() &&
             value.value("value", nlohmann::json()).is_string()) {
    choice = {value["dimension"].get<std::string>(), value["value"].get<std::string>()};
  }
  if (choice.dimension.empty() || choice.value.empty()) {
    body.error(std::string(field), "must be dimension:value, such as age_band:85+");
    return std::nullopt;
  }
  return choice;
}

ChartChoice chart_choice(BodyReader& body) {
  return {body.choice("chart", false, indicators::chart_type_from_string),
          body.choice("rules", false, indicators::rule_set_from_string)};
}

}  // namespace hqms::http
