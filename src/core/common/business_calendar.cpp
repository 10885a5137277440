#include "core/common/business_calendar.hpp"

namespace hqms {

bool BusinessCalendar::is_business_day(Date day) const {
  const std::chrono::weekday wd{day};
  if (wd == std::chrono::Saturday || wd == std::chrono::Sunday) return false;
  return !holidays_.contains(day);
}

Date BusinessCalendar::add_business_days(Date start, int n) const {
  Date day = start;
  const auto step = std::chrono::days(n >= 0 ? 1 : -1);
  for (int left = n >= 0 ? n : -n; left > 0;) {
    day += step;
    if (is_business_day(day)) --left;
  }
  return day;
}

int BusinessCalendar::business_days_between(Date from, Date to) const {
  const bool forward = from <= to;
  int count = 0;
  for (Date day = forward ? from : to; day < (forward ? to : from);) {
    day += std::chrono::days(1);
    if (is_business_day(day)) ++count;
  }
  return forward ? count : -count;
}

}  // namespace hqms
