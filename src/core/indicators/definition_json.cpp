#include "core/indicators/definition_json.hpp"

#include <utility>

namespace hqms::indicators {

using nlohmann::json;

namespace {

constexpr std::pair<Condition::Test, std::string_view> kTests[] = {
    {Condition::Test::is, "is"},
    {Condition::Test::in, "in"},
    {Condition::Test::not_in, "notIn"},
    {Condition::Test::starts_with, "startsWith"},
    {Condition::Test::any_starts_with, "anyStartsWith"},
    {Condition::Test::between, "between"},
};

std::string_view test_name(Condition::Test test) {
  for (const auto& [t, name] : kTests)
    if (t == test) return name;
  return "is";
}

json optional_number(const std::optional<double>& v) {
  return v ? json(*v) : json(nullptr);
}

// Collects every problem of a document at once, each under the JSON path it was found at.
class Reader {
 public:
  std::vector<FieldError> errors;

  const json* member(const json& object, std::string_view key, const std::string& path, bool required) {
    if (!object.is_object()) return nullptr;
    auto it = object.find(key);
    if (it == object.end() || (it->is_null() && required)) {
      if (required) errors.push_back({path, "is required"});
      return nullptr;
    }
    return it->is_null() ? nullptr : &*it;
  }

  std::string text(const json& object, std::string_view key, const std::string& path, bool required = true) {
    const json* v = member(object, key, path, required);
    if (!v) return {};
    if (!v->is_string()) {
      errors.push_back({path, "must be text"});
      return {};
    }
    return v->get<std::string>();
  }

  std::optional<double> number(const json& object, std::string_view key, const std::string& path,
                               bool required) {
    const json* v = member(object, key, path, required);
    if (!v) return std::nullopt;
    if (!v->is_number()) {
      errors.push_back({path, "must be a number"});
      return std::nullopt;
    }
    return v->get<double>();
  }

  // An enumeration by its id; `fallback` where absent or unknown (the error says which).
  template <class E, class Parse>
  E choice(const json& object, std::string_view key, const std::string& path, Parse parse, E fallback) {
    const json* v = member(object, key, path, true);
    if (!v) return fallback;
    if (v->is_string())
      if (auto e = parse(v->get<std::string>())) return *e;
    errors.push_back({path, "is not one of the known values"});
    return fallback;
  }

  std::vector<std::string> texts(const json& value, const std::string& path) {
    std::vector<std::string> out;
    if (!value.is_array()) {
      errors.push_back({path, "must be a list of text"});
      return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
      if (value[i].is_string())
        out.push_back(value[i].get<std::string>());
      else
        errors.push_back({path + "[" + std::to_string(i) + "]", "must be text"});
    }
    return out;
  }

  Condition condition(const json& value, const std::string& path) {
    Condition c;
    if (!value.is_object()) {
      errors.push_back({path, "must be an object"});
      return c;
    }
    c.column = text(value, "column", path + ".column");
    int tests = 0;
    for (const auto& [test, name] : kTests) {
      auto it = value.find(name);
      if (it == value.end()) continue;
      ++tests;
      c.test = test;
      const std::string at = path + "." + std::string(name);
      switch (test) {
        case Condition::Test::is:
          if (it->is_boolean())
            c.flag = it->get<bool>();
          else
            errors.push_back({at, "must be true or false"});
          break;
        case Condition::Test::between:
          if (!it->is_array() || it->size() != 2) {
            errors.push_back({at, "must be [min, max], either null"});
            break;
          }
          for (std::size_t end = 0; end < 2; ++end) {
            const auto& bound = (*it)[end];
            if (bound.is_null()) continue;
            if (!bound.is_number()) {
              errors.push_back({at + "[" + std::to_string(end) + "]", "must be a number or null"});
              continue;
            }
            (end == 0 ? c.min : c.max) = bound.get<double>();
          }
          break;
        default:
          c.values = texts(*it, at);
      }
    }
    if (tests != 1)
      errors.push_back({path, "needs exactly one test: is, in, notIn, startsWith, anyStartsWith or between"});
    return c;
  }

  Measure measure(const json& value, const std::string& path) {
    Measure m;
    if (!value.is_object()) {
      errors.push_back({path, "must be an object"});
      return m;
    }
    m.source = text(value, "source", path + ".source");
    m.aggregate = choice(value, "aggregate", path + ".aggregate", aggregate_from_string, Aggregate::count);
    m.column = text(value, "column", path + ".column", false);
    if (const json* where = member(value, "where", path + ".where", false)) {
      if (!where->is_array()) {
        errors.push_back({path + ".where", "must be a list of conditions"});
      } else {
        for (std::size_t i = 0; i < where->size(); ++i)
          m.where.push_back(condition((*where)[i], path + ".where[" + std::to_string(i) + "]"));
      }
    }
    return m;
  }
};

}  // namespace

json condition_json(const Condition& condition) {
  json out = {{"column", condition.column}};
  const std::string name(test_name(condition.test));
  switch (condition.test) {
    case Condition::Test::is:
      out[name] = condition.flag;
      break;
    case Condition::Test::between:
      out[name] = json::array({optional_number(condition.min), optional_number(condition.max)});
      break;
    default:
      out[name] = condition.values;
  }
  return out;
}

json measure_json(const Measure& measure) {
  auto where = json::array();
  for (const auto& c : measure.where) where.push_back(condition_json(c));
  return {{"source", measure.source},
          {"aggregate", to_string(measure.aggregate)},
          {"column", measure.column.empty() ? json(nullptr) : json(measure.column)},
          {"where", std::move(where)}};
}

json definition_json(const IndicatorDefinition& d) {
  return {{"code", d.code},
          {"name", d.name},
          {"description", d.description},
          {"domain", to_string(d.domain)},
          {"domainLabel", label(d.domain)},
          {"type", to_string(d.type)},
          {"per", d.per},
          {"unitLabel", d.unit_label},
          {"numerator", measure_json(d.numerator)},
          {"denominator", d.denominator ? measure_json(*d.denominator) : json(nullptr)},
          {"direction", to_string(d.direction)},
          {"target", optional_number(d.target)},
          {"alertThreshold", optional_number(d.alert_threshold)},
          {"period", to_string(d.period)},
          {"strata", d.strata},
          {"chart", to_string(d.chart)},
          {"rules", to_string(d.rules)},
          {"citation", d.citation},
          {"builtIn", d.built_in}};
}

Result<IndicatorDefinition> definition_from_json(const json& j) {
  if (!j.is_object())
    return Error::validation({{"", "must be an object"}}, "An indicator must be an object.");
  Reader r;
  IndicatorDefinition d;
  d.code = r.text(j, "code", "code");
  d.name = r.text(j, "name", "name");
  d.description = r.text(j, "description", "description", false);
  d.domain = r.choice(j, "domain", "domain", iom_domain_from_string, IomDomain::safe);
  d.type = r.choice(j, "type", "type", indicator_type_from_string, IndicatorType::rate);
  d.per = r.number(j, "per", "per", true).value_or(1);
  d.unit_label = r.text(j, "unitLabel", "unitLabel", false);
  if (const json* numerator = r.member(j, "numerator", "numerator", true))
    d.numerator = r.measure(*numerator, "numerator");
  if (const json* denominator = r.member(j, "denominator", "denominator", false))
    d.denominator = r.measure(*denominator, "denominator");
  d.direction = r.choice(j, "direction", "direction", direction_from_string, Direction::lower_is_better);
  d.target = r.number(j, "target", "target", false);
  d.alert_threshold = r.number(j, "alertThreshold", "alertThreshold", false);
  d.period = r.choice(j, "period", "period", period_unit_from_string, PeriodUnit::month);
  if (const json* strata = r.member(j, "strata", "strata", false)) d.strata = r.texts(*strata, "strata");
  d.chart = r.choice(j, "chart", "chart", chart_type_from_string, ChartType::run);
  d.rules = r.choice(j, "rules", "rules", rule_set_from_string, RuleSet::making_data_count);
  d.citation = r.text(j, "citation", "citation", false);
  if (const json* built_in = r.member(j, "builtIn", "builtIn", false)) {
    if (built_in->is_boolean())
      d.built_in = built_in->get<bool>();
    else
      r.errors.push_back({"builtIn", "must be true or false"});
  }
  if (!r.errors.empty())
    return Error::validation(std::move(r.errors), "The indicator definition is invalid.");
  return d;
}

}  // namespace hqms::indicators
