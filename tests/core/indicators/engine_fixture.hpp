#pragma once
// Twenty encounters and seven incidents whose indicator figures are worked out by hand in engine_test.cpp.
// The window is January and February 2026; two encounters and one incident fall outside it (with values that
// would change every figure if they were counted).
#include <cmath>
#include <string>
#include <vector>

#include "core/indicators/indicator_engine.hpp"

namespace hqms::indicators::testing {

constexpr DayNumber jan_1 = 20454;  // 2026-01-01
constexpr DayNumber feb_1 = jan_1 + 31;
constexpr DayNumber feb_28 = feb_1 + 27;
constexpr float none = NAN;

struct Stay {
  const char* site;
  const char* department;
  DayNumber discharge;
  const char* age_band;
  const char* sex;
  const char* diagnosis;
  std::vector<const char*> procedures;
  double patient_days;
  float ed_minutes;
  bool died;
  bool readmitted;
  const char* disposition;
};

// Units: (N, CARD), (N, ICU), (S, ICU) from encounters, and (S, ER) from incidents only.
inline const std::vector<Stay> stays{
    {"N", "CARD", jan_1, "65-74", "F", "I21.0", {"0SR9"}, 5, 120, false, true, "home"},         // 0
    {"N", "CARD", jan_1 + 19, "75-84", "M", "I50", {}, 3, none, true, false, "died"},           // 1
    {"N", "CARD", feb_1 + 2, "65-74", "F", "I21.4", {}, 4, 200, false, false, "home"},          // 2
    {"N", "CARD", feb_28, "18-44", "M", "J18", {"02H", "0SRB"}, 2, none, false, true, "home"},  // 3
    {"N", "ICU", jan_1 + 4, "85+", "F", "I22", {}, 10, 60, true, false, "died"},                // 4
    {"N", "ICU", jan_1 + 24, "65-74", "M", "A41", {}, 7, 90, false, false, "home"},             // 5
    {"N", "ICU", feb_1 + 9, "75-84", "F", "I21", {}, 6, none, false, false, "transfer"},        // 6
    {"N", "ICU", feb_1 + 10, "18-44", "M", "J18", {"0DT"}, 1, 30, false, true, "home"},         // 7
    {"S", "ICU", jan_1 + 6, "18-44", "F", "A41", {}, 8, none, true, false, "died"},             // 8
    {"S", "ICU", jan_1 + 7, "65-74", "M", "I50", {}, 2, 300, false, false, "home"},             // 9
    {"S", "ICU", feb_1 + 13, "85+", "F", "I21", {"0SR"}, 9, 45, false, true, "home"},           // 10
    {"S", "ICU", feb_1 + 14, "75-84", "M", "K35", {"0DT"}, 3, 15, false, false, "home"},        // 11
    {"N", "CARD", jan_1 + 11, "85+", "F", "I25", {}, 4, 80, false, false, "home"},              // 12
    {"N", "CARD", feb_1 + 19, "65-74", "M", "I21.9", {"0SR1"}, 6, none, false, false, "home"},  // 13
    {"N", "ICU", jan_1 + 29, "75-84", "M", "A41", {}, 12, 240, true, false, "died"},            // 14
    {"S", "ICU", jan_1 + 30, "65-74", "F", "I22.1", {}, 5, 100, false, true, "home"},           // 15
    {"S", "ICU", feb_1, "18-44", "M", "J18", {}, 1, 20, false, false, "home"},                  // 16
    {"S", "ICU", feb_28 - 1, "65-74", "F", "I63", {}, 4, none, false, false, "home"},           // 17
    {"N", "CARD", jan_1 - 1, "65-74", "F", "I21", {"0SR"}, 50, 500, true, true, "died"},  // 18: December
    {"S", "ICU", feb_28 + 1, "85+", "M", "I21", {"0SR"}, 70, 700, true, true, "died"},    // 19: March
};

struct Event {
  const char* site;
  const char* department;
  const char* category;
  DayNumber occurred;
};

inline const std::vector<Event> events{
    {"N", "CARD", "fall", jan_1 + 4},       {"N", "CARD", "fall", jan_1 + 14},
    {"N", "ICU", "medication", jan_1 + 19}, {"N", "ICU", "fall", feb_1 + 1},
    {"S", "ICU", "fall", feb_1 + 9},        {"S", "ER", "fall", feb_1 + 10},
    {"N", "CARD", "fall", jan_1 - 2},  // December: outside
};

inline void add_stay(FactTable& table, const Stay& stay) {
  const auto& schema = table.schema();
  const auto at = [&](std::string_view name) { return *schema.index_of(name); };
  table.begin_row();
  table.set_dimension(at("site"), stay.site);
  table.set_dimension(at("department"), stay.department);
  table.set_dimension(at("age_band"), stay.age_band);
  table.set_dimension(at("sex"), stay.sex);
  table.set_dimension(at("primary_diagnosis"), stay.diagnosis);
  table.set_dimension(at("disposition"), stay.disposition);
  for (const auto* code : stay.procedures) table.add_code(at("procedures"), code);
  table.set_day(at("discharge_day"), stay.discharge);
  table.set_number(at("patient_days"), stay.patient_days);
  table.set_number(at("ed_minutes"), stay.ed_minutes);
  table.set_flag(at("died"), stay.died);
  table.set_flag(at("readmitted_30d"), stay.readmitted);
  table.set_flag(at("surgical"), !stay.procedures.empty());
  table.end_row();
}

inline IndicatorData hospital() {
  IndicatorData data;
  for (const auto& stay : stays) add_stay(data.encounters, stay);
  const auto& schema = data.incidents.schema();
  for (const auto& event : events) {
    data.incidents.begin_row();
    data.incidents.set_dimension(*schema.index_of("site"), event.site);
    data.incidents.set_dimension(*schema.index_of("department"), event.department);
    data.incidents.set_dimension(*schema.index_of("category"), event.category);
    data.incidents.set_day(*schema.index_of("occurred_day"), event.occurred);
    data.incidents.end_row();
  }
  return data;
}

inline Condition is(std::string column, bool flag) {
  Condition c;
  c.column = std::move(column);
  c.test = Condition::Test::is;
  c.flag = flag;
  return c;
}

inline Condition values(std::string column, Condition::Test test, std::vector<std::string> values) {
  Condition c;
  c.column = std::move(column);
  c.test = test;
  c.values = std::move(values);
  return c;
}

inline Condition between(std::string column, std::optional<double> min, std::optional<double> max) {
  Condition c;
  c.column = std::move(column);
  c.test = Condition::Test::between;
  c.min = min;
  c.max = max;
  return c;
}

inline Measure count_of(std::string source, std::vector<Condition> where = {}) {
  return Measure{std::move(source), Aggregate::count, "", std::move(where)};
}

inline Measure aggregate_of(std::string source, Aggregate aggregate, std::string column,
                            std::vector<Condition> where = {}) {
  return Measure{std::move(source), aggregate, std::move(column), std::move(where)};
}

// A valid definition of `type` (charted as a run chart, which fits every type).
inline IndicatorDefinition indicator(std::string code, IndicatorType type, Measure numerator,
                                     std::optional<Measure> denominator = std::nullopt, double per = 1) {
  IndicatorDefinition d;
  d.code = std::move(code);
  d.name = d.code;
  d.type = type;
  d.per = per;
  d.numerator = std::move(numerator);
  d.denominator = std::move(denominator);
  d.chart = ChartType::run;
  return d;
}

}  // namespace hqms::indicators::testing
