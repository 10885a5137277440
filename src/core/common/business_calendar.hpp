#pragma once
// Business days for regulatory clocks (a sentinel event's analysis is due in 45 business days): weekends and
// the organisation's holidays do not count.
#include <chrono>
#include <set>

namespace hqms {

using Date = std::chrono::sys_days;

// The UTC day an instant falls on: "today" for due dates, overdue checks and ages.
inline Date utc_day(std::chrono::sys_time<std::chrono::milliseconds> t) {
  return std::chrono::floor<std::chrono::days>(t);
}

class BusinessCalendar {
 public:
  BusinessCalendar() = default;
  explicit BusinessCalendar(std::set<Date> holidays) : holidays_(std::move(holidays)) {}

  bool is_business_day(Date day) const;
  // The day `n` business days after `start` (start itself never counts; n = 0 gives start).
  Date add_business_days(Date start, int n) const;
  // Business days after `from` up to and including `to`; negative when `to` is earlier.
  int business_days_between(Date from, Date to) const;

 private:
  std::set<Date> holidays_;
};

}  // namespace hqms
