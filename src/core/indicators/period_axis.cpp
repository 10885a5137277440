// The period arithmetic behind PeriodAxis: calendar months and quarters and ISO 8601 weeks (Monday first;
// week 1 holds the year's first Thursday), all from std::chrono's civil calendar so that no date is off by
// one.
#include <chrono>
#include <cstdio>

#include "core/indicators/indicator_engine.hpp"

namespace hqms::indicators {
namespace {

using std::chrono::sys_days;
using std::chrono::year_month_day;

year_month_day civil(DayNumber day) {
  return year_month_day{sys_days{std::chrono::days{day}}};
}
DayNumber day_number(year_month_day date) {
  return static_cast<DayNumber>(sys_days{date}.time_since_epoch().count());
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

std::int64_t month_number(DayNumber day) {
  const auto date = civil(day);
  return static_cast<std::int64_t>(static_cast<int>(date.year())) * 12 + static_cast<unsigned>(date.month()) -
         1;
}

DayNumber first_of_month(std::int64_t month) {
  const auto year = floor_div(month, 12);
  const auto in_year = static_cast<unsigned>(month - year * 12) + 1;
  return day_number(std::chrono::year{static_cast<int>(year)} / std::chrono::month{in_year} / 1);
}

// The number of the period holding `day`, counted from an arbitrary origin that is the same for all days.
std::int64_t period_number(Resolution resolution, DayNumber day) {
  switch (resolution) {
    case Resolution::day:
      return day;
    case Resolution::week:  // weeks from Monday 1969-12-29 (1970-01-01 was a Thursday)
      return floor_div(day + 3, 7);
    case Resolution::month:
      return month_number(day);
    case Resolution::quarter:
      return floor_div(month_number(day), 3);
  }
  return day;
}

DayNumber period_start(Resolution resolution, std::int64_t number) {
  switch (resolution) {
    case Resolution::day:
      return static_cast<DayNumber>(number);
    case Resolution::week:
      return static_cast<DayNumber>(number * 7 - 3);
    case Resolution::month:
      return first_of_month(number);
    case Resolution::quarter:
      return first_of_month(number * 3);
  }
  return static_cast<DayNumber>(number);
}

}  // namespace

Resolution resolution_of(PeriodUnit unit) {
  switch (unit) {
    case PeriodUnit::week:
      return Resolution::week;
    case PeriodUnit::month:
      return Resolution::month;
    case PeriodUnit::quarter:
      return Resolution::quarter;
  }
  return Resolution::month;
}

std::optional<std::size_t> PeriodAxis::index_of(DayNumber day) const {
  if (day < first_day) return std::nullopt;
  const auto index = period_number(resolution, day) - period_number(resolution, first_day);
  if (index < 0 || static_cast<std::size_t>(index) >= count) return std::nullopt;
  return static_cast<std::size_t>(index);
}

DayNumber PeriodAxis::start(std::size_t index) const {
  return period_start(resolution, period_number(resolution, first_day) + static_cast<std::int64_t>(index));
}

DayNumber PeriodAxis::end(std::size_t index) const {
  return start(index + 1) - 1;
}

std::string PeriodAxis::label(std::size_t index) const {
  const auto first = start(index);
  char text[40];  // room for any int year, which the compiler cannot rule out
  if (resolution == Resolution::week) {
    // The ISO year is the year of the week's Thursday (29 December can be in week 1, 1 January in week 53).
    const auto thursday = first + 3;
    const auto year = civil(thursday).year();
    const auto week = (thursday - day_number(year / std::chrono::January / 1)) / 7 + 1;
    std::snprintf(text, sizeof text, "%04d-W%02d", static_cast<int>(year), week);
    return text;
  }
  const auto date = civil(first);
  const int year = static_cast<int>(date.year());
  const unsigned month = static_cast<unsigned>(date.month());
  switch (resolution) {
    case Resolution::day:
      std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, month, static_cast<unsigned>(date.day()));
      break;
    case Resolution::month:
      std::snprintf(text, sizeof text, "%04d-%02u", year, month);
      break;
    case Resolution::quarter:
      std::snprintf(text, sizeof text, "%04d-Q%u", year, (month - 1) / 3 + 1);
      break;
    case Resolution::week:
      break;
  }
  return text;
}

PeriodAxis period_axis(Resolution resolution, DayNumber from, DayNumber to) {
  PeriodAxis axis;
  axis.resolution = resolution;
  axis.first_day = period_start(resolution, period_number(resolution, from));
  if (to >= from) {
    axis.count =
        static_cast<std::size_t>(period_number(resolution, to) - period_number(resolution, from) + 1);
  }
  return axis;
}

}  // namespace hqms::indicators
