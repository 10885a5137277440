#include "core/indicators/indicator_definition.hpp"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/indicators/sources.hpp"

namespace hqms::indicators {
namespace {

constexpr EnumTable<IomDomain, 6> kDomains{{
    {IomDomain::safe, "safe", "Safe",
     "Avoiding harm to patients from the care that is intended to help them."},
    {IomDomain::effective, "effective", "Effective",
     "Services based on scientific knowledge to all who could benefit, and not to those who would not."},
    {IomDomain::patient_centred, "patient_centred", "Patient-centred",
     "Care that respects and responds to each patient's preferences, needs and values."},
    {IomDomain::timely, "timely", "Timely", "Reducing waits and sometimes harmful delays."},
    {IomDomain::efficient, "efficient", "Efficient",
     "Avoiding waste of equipment, supplies, ideas and energy."},
    {IomDomain::equitable, "equitable", "Equitable",
     "Care that does not vary in quality because of gender, ethnicity, geography or socio-economic status."},
}};

constexpr EnumTable<IndicatorType, 5> kTypes{{
    {IndicatorType::rate, "rate", "Rate per N units"},
    {IndicatorType::proportion, "proportion", "Proportion"},
    {IndicatorType::mean, "mean", "Mean"},
    {IndicatorType::median, "median", "Median"},
    {IndicatorType::count, "count", "Count"},
}};

constexpr EnumTable<Direction, 2> kDirections{{
    {Direction::higher_is_better, "higher_is_better", "Higher is better"},
    {Direction::lower_is_better, "lower_is_better", "Lower is better"},
}};

constexpr EnumTable<PeriodUnit, 3> kPeriods{{
    {PeriodUnit::week, "week", "Week"},
    {PeriodUnit::month, "month", "Month"},
    {PeriodUnit::quarter, "quarter", "Quarter"},
}};

constexpr EnumTable<ChartType, 10> kCharts{{
    {ChartType::run, "run", "Run chart"},
    {ChartType::xmr, "xmr", "XmR (individuals)"},
    {ChartType::p, "p", "p chart"},
    {ChartType::p_prime, "p_prime", "p′ chart (Laney)"},
    {ChartType::u, "u", "u chart"},
    {ChartType::u_prime, "u_prime", "u′ chart (Laney)"},
    {ChartType::c, "c", "c chart"},
    {ChartType::g, "g", "g chart (opportunities between events)"},
    {ChartType::t, "t", "t chart (time between events)"},
    {ChartType::xbar_s, "xbar_s", "Xbar-S chart"},
}};

constexpr EnumTable<RuleSet, 2> kRuleSets{{
    {RuleSet::anhoej, "anhoej", "Anhøj run rules"},
    {RuleSet::making_data_count, "making_data_count", "NHS Making Data Count"},
}};

constexpr EnumTable<Aggregate, 4> kAggregates{{
    {Aggregate::count, "count", "Count of rows"},
    {Aggregate::sum, "sum", "Sum of a column"},
    {Aggregate::median, "median", "Median of a column"},
    {Aggregate::sum_of_squares, "sum_of_squares", "Sum of a column's squares"},
}};

bool fits(Condition::Test test, ColumnKind kind) {
  switch (test) {
    case Condition::Test::is:
      return kind == ColumnKind::flag;
    case Condition::Test::in:
    case Condition::Test::not_in:
    case Condition::Test::starts_with:
      return kind == ColumnKind::dimension;
    case Condition::Test::any_starts_with:
      return kind == ColumnKind::code_list;
    case Condition::Test::between:
      return kind == ColumnKind::number || kind == ColumnKind::day;
  }
  return false;
}

std::string_view test_name(Condition::Test test) {
  switch (test) {
    case Condition::Test::is:
      return "is";
    case Condition::Test::in:
      return "in";
    case Condition::Test::not_in:
      return "notIn";
    case Condition::Test::starts_with:
      return "startsWith";
    case Condition::Test::any_starts_with:
      return "anyStartsWith";
    case Condition::Test::between:
      return "between";
  }
  return "";
}

std::string_view kind_name(ColumnKind kind) {
  switch (kind) {
    case ColumnKind::dimension:
      return "a dimension";
    case ColumnKind::code_list:
      return "a code list";
    case ColumnKind::flag:
      return "a flag";
    case ColumnKind::number:
      return "a number";
    case ColumnKind::day:
      return "a date";
  }
  return "";
}

void check_measure(const Measure& measure, const std::string& at, std::vector<FieldError>& errors) {
  const FactSchema* schema = schema_of(measure.source);
  if (!schema) {
    errors.push_back({at + ".source", "Unknown source \"" + measure.source + "\"."});
    return;
  }
  if (measure.aggregate == Aggregate::sum_of_squares)
    errors.push_back({at + ".aggregate", "A measure is a count, a sum or a median."});
  if (measure.aggregate == Aggregate::count) {
    if (!measure.column.empty())
      errors.push_back({at + ".column", "A count counts rows: it takes no column."});
  } else {
    const ColumnSpec* column = schema->find(measure.column);
    if (measure.column.empty())
      errors.push_back(
          {at + ".column", "A " + std::string(to_string(measure.aggregate)) + " needs a column."});
    else if (!column)
      errors.push_back(
          {at + ".column", "The " + schema->source + " source has no column \"" + measure.column + "\"."});
    else if (column->kind != ColumnKind::number)
      errors.push_back({at + ".column", "\"" + measure.column + "\" is " +
                                            std::string(kind_name(column->kind)) +
                                            "; only a number can be summed or have a median."});
  }
  for (std::size_t i = 0; i < measure.where.size(); ++i) {
    const Condition& c = measure.where[i];
    const std::string here = at + ".where[" + std::to_string(i) + "]";
    const ColumnSpec* column = schema->find(c.column);
    if (!column) {
      errors.push_back(
          {here + ".column", "The " + schema->source + " source has no column \"" + c.column + "\"."});
      continue;
    }
    if (!fits(c.test, column->kind)) {
      errors.push_back({here, "\"" + std::string(test_name(c.test)) + "\" does not fit \"" + c.column +
                                  "\", which is " + std::string(kind_name(column->kind)) + "."});
      continue;
    }
    const bool takes_values = c.test == Condition::Test::in || c.test == Condition::Test::not_in ||
                              c.test == Condition::Test::starts_with ||
                              c.test == Condition::Test::any_starts_with;
    if (takes_values && c.values.empty())
      errors.push_back({here, "\"" + std::string(test_name(c.test)) + "\" needs at least one value."});
    if (takes_values &&
        std::any_of(c.values.begin(), c.values.end(), [](const auto& v) { return v.empty(); }))
      errors.push_back({here, "Values must not be empty."});
    if (c.test == Condition::Test::between) {
      if (!c.min && !c.max)
        errors.push_back({here, "\"between\" needs a lower or an upper bound."});
      else if ((c.min && !std::isfinite(*c.min)) || (c.max && !std::isfinite(*c.max)))
        errors.push_back({here, "Bounds must be finite numbers."});
      else if (c.min && c.max && *c.min > *c.max)
        errors.push_back({here, "The lower bound is above the upper bound."});
    }
  }
}

bool valid_code(const std::string& code) {
  if (code.empty() || code.size() > 64 || !(code[0] >= 'a' && code[0] <= 'z')) return false;
  return std::all_of(code.begin(), code.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
  });
}

}  // namespace

std::span<const IomDomain> all_iom_domains() {
  return enum_values(kDomains);
}
std::string_view to_string(IomDomain v) {
  return enum_name(kDomains, v).id;
}
std::string_view label(IomDomain v) {
  return enum_name(kDomains, v).label;
}
std::optional<IomDomain> iom_domain_from_string(std::string_view s) {
  return enum_from_id(kDomains, s);
}
std::string_view to_string(IndicatorType v) {
  return enum_name(kTypes, v).id;
}
std::optional<IndicatorType> indicator_type_from_string(std::string_view s) {
  return enum_from_id(kTypes, s);
}
std::string_view to_string(Direction v) {
  return enum_name(kDirections, v).id;
}
std::optional<Direction> direction_from_string(std::string_view s) {
  return enum_from_id(kDirections, s);
}
std::string_view to_string(PeriodUnit v) {
  return enum_name(kPeriods, v).id;
}
std::optional<PeriodUnit> period_unit_from_string(std::string_view s) {
  return enum_from_id(kPeriods, s);
}
std::string_view to_string(ChartType v) {
  return enum_name(kCharts, v).id;
}
std::string_view label(ChartType v) {
  return enum_name(kCharts, v).label;
}
std::optional<ChartType> chart_type_from_string(std::string_view s) {
  return enum_from_id(kCharts, s);
}
std::string_view to_string(RuleSet v) {
  return enum_name(kRuleSets, v).id;
}
std::optional<RuleSet> rule_set_from_string(std::string_view s) {
  return enum_from_id(kRuleSets, s);
}
std::string_view to_string(Aggregate v) {
  return enum_name(kAggregates, v).id;
}
std::optional<Aggregate> aggregate_from_string(std::string_view s) {
  return enum_from_id(kAggregates, s);
}

bool chart_fits(IndicatorType type, ChartType chart) {
  switch (chart) {
    case ChartType::run:
    case ChartType::xmr:
      return true;
    case ChartType::p:
    case ChartType::p_prime:
      return type == IndicatorType::proportion;
    case ChartType::u:
    case ChartType::u_prime:
      return type == IndicatorType::rate;
    case ChartType::c:
      return type == IndicatorType::count;
    case ChartType::g:
      return type == IndicatorType::rate || type == IndicatorType::proportion;
    case ChartType::t:
      return type == IndicatorType::rate || type == IndicatorType::proportion || type == IndicatorType::count;
    case ChartType::xbar_s:
      return type == IndicatorType::mean;
  }
  return false;
}

std::vector<FieldError> check_indicator(const IndicatorDefinition& d) {
  std::vector<FieldError> errors;
  if (!valid_code(d.code))
    errors.push_back(
        {"code", "A code is 1 to 64 lower-case letters, digits or '_', starting with a letter."});
  if (d.name.empty()) errors.push_back({"name", "Name the indicator."});
  if (d.name.size() > 200) errors.push_back({"name", "At most 200 characters."});
  if (!std::isfinite(d.per) || d.per <= 0) errors.push_back({"per", "The multiplier must be above zero."});

  check_measure(d.numerator, "numerator", errors);
  const bool needs_denominator =
      d.type == IndicatorType::rate || d.type == IndicatorType::proportion || d.type == IndicatorType::mean;
  if (needs_denominator && !d.denominator)
    errors.push_back({"denominator", "A " + std::string(to_string(d.type)) + " needs a denominator."});
  if (!needs_denominator && d.denominator)
    errors.push_back({"denominator", "A " + std::string(to_string(d.type)) + " has no denominator."});
  if (d.denominator) {
    check_measure(*d.denominator, "denominator", errors);
    if (d.denominator->aggregate == Aggregate::median)
      errors.push_back({"denominator.aggregate", "A denominator is a count or a sum."});
  }
  const bool median_type = d.type == IndicatorType::median;
  if (median_type != (d.numerator.aggregate == Aggregate::median))
    errors.push_back({"numerator.aggregate", median_type ? "A median indicator takes the median of a column."
                                                         : "Only a median indicator takes a median."});
  if (d.type == IndicatorType::mean && d.numerator.aggregate != Aggregate::sum)
    errors.push_back({"numerator.aggregate", "A mean divides a sum of a column by a count."});
  if (d.type == IndicatorType::mean && d.denominator && d.denominator->aggregate != Aggregate::count)
    errors.push_back({"denominator.aggregate", "A mean divides a sum of a column by a count."});

  if (!chart_fits(d.type, d.chart))
    errors.push_back({"chart", "A " + std::string(label(d.chart)) + " does not fit a " +
                                   std::string(to_string(d.type)) + " indicator."});
  if (d.target && !std::isfinite(*d.target)) errors.push_back({"target", "The target must be a number."});
  if (d.alert_threshold && !std::isfinite(*d.alert_threshold))
    errors.push_back({"alertThreshold", "The alert threshold must be a number."});

  std::set<std::string> seen;
  for (std::size_t i = 0; i < d.strata.size(); ++i) {
    const std::string& dimension = d.strata[i];
    const std::string at = "strata[" + std::to_string(i) + "]";
    if (std::find(std::begin(stratum_dimensions), std::end(stratum_dimensions), dimension) ==
        std::end(stratum_dimensions)) {
      errors.push_back({at, "\"" + dimension + "\" is not a stratification dimension."});
      continue;
    }
    if (!seen.insert(dimension).second) errors.push_back({at, "\"" + dimension + "\" is listed twice."});
    for (const Measure* m : {&d.numerator, d.denominator ? &*d.denominator : nullptr}) {
      const FactSchema* schema = m ? schema_of(m->source) : nullptr;
      if (schema && !schema->find(dimension))
        errors.push_back(
            {at, "The " + schema->source + " source has no \"" + dimension + "\" to stratify by."});
    }
  }
  return errors;
}

}  // namespace hqms::indicators
