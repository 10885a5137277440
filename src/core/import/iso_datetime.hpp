#pragma once
// ISO 8601 date-times and dates as the import files carry them, read without std::chrono parsing or sscanf:
// an import reads two of them per row for millions of rows, and both of those are an order of magnitude
// slower than reading the fixed positions by hand.
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/indicators/fact_table.hpp"

namespace hqms::importing {

inline constexpr std::int64_t seconds_per_day = 86400;

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil); the date must
// exist.
constexpr std::int64_t days_from_civil(int year, unsigned month, unsigned day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const auto year_of_era = static_cast<unsigned>(year - era * 400);
  const unsigned day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
  const unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<std::int64_t>(day_of_era) - 719468;
}

// The UTC day an instant (Unix seconds) falls on; rounds down for instants before 1970 too.
constexpr indicators::DayNumber day_of(std::int64_t unix_seconds) {
  const auto day = unix_seconds >= 0 ? unix_seconds / seconds_per_day
                                     : -((-unix_seconds + seconds_per_day - 1) / seconds_per_day);
  return static_cast<indicators::DayNumber>(day);
}

// Unix seconds (UTC) of 2025-03-04T10:15:00Z, 2025-03-04T10:15:00.250+01:00, 2025-03-04T10:15+0100,
// 2025-03-04 10:15 (no zone: UTC) or a bare date 2025-03-04 (its midnight, UTC). Fractions of a second are
// dropped; a leap second (:60) counts as :59. Nothing else is accepted, not even surrounding spaces.
std::optional<std::int64_t> parse_date_time(std::string_view text);

// A calendar date YYYY-MM-DD that exists.
std::optional<indicators::DayNumber> parse_date(std::string_view text);

// The civil date of a day number, for age at admission.
struct CivilDate {
  int year = 1970;
  unsigned month = 1;
  unsigned day = 1;
};
CivilDate civil_from_days(std::int64_t days);

}  // namespace hqms::importing
