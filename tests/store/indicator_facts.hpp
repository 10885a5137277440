#pragma once
// Reading the engine's tables back in tests: a row's dimension text, flag, number and day by column name.
#include <gtest/gtest.h>

#include <chrono>
#include <string>

#include "core/common/timestamp.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::test {

inline std::size_t fact_column(const indicators::FactTable& t, std::string_view name) {
  auto index = t.schema().index_of(name);
  EXPECT_TRUE(index.has_value()) << name;
  return index.value_or(0);
}

inline std::string fact_text(const indicators::FactTable& t, std::size_t row, std::string_view name) {
  const auto c = fact_column(t, name);
  return std::string(t.dictionary(c).text(t.dimension(c)[row]));
}

inline bool fact_flag(const indicators::FactTable& t, std::size_t row, std::string_view name) {
  return ((t.flags()[row] >> t.flag_bit(fact_column(t, name))) & 1u) != 0;
}

inline double fact_number(const indicators::FactTable& t, std::size_t row, std::string_view name) {
  return t.number(fact_column(t, name))[row];
}

inline indicators::DayNumber fact_day(const indicators::FactTable& t, std::size_t row,
                                      std::string_view name) {
  return t.day(fact_column(t, name))[row];
}

// The day number of a YYYY-MM-DD date.
inline indicators::DayNumber day_number(const char* iso_date) {
  return static_cast<indicators::DayNumber>(
      std::chrono::floor<std::chrono::days>(*parse_date_or_instant(iso_date)).time_since_epoch().count());
}

}  // namespace hqms::test
