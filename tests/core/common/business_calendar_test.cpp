#include "core/common/business_calendar.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono;
constexpr Date day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / d};
}

TEST(BusinessCalendar, SkipsWeekends) {
  BusinessCalendar cal;
  const Date friday = day(2026, 11, 27);
  EXPECT_FALSE(cal.is_business_day(day(2026, 11, 28)));
  EXPECT_EQ(cal.add_business_days(friday, 1), day(2026, 11, 30)) << "Friday + 1 is Monday";
  EXPECT_EQ(cal.add_business_days(friday, 5), day(2026, 12, 4));
  EXPECT_EQ(cal.add_business_days(friday, 0), friday);
  EXPECT_EQ(cal.add_business_days(day(2026, 11, 28), 1), day(2026, 11, 30)) << "from a Saturday";
}

TEST(BusinessCalendar, SkipsHolidays) {
  BusinessCalendar cal({day(2026, 12, 25), day(2026, 12, 28), day(2027, 1, 1)});
  EXPECT_EQ(cal.add_business_days(day(2026, 12, 24), 1), day(2026, 12, 29));
  EXPECT_EQ(cal.add_business_days(day(2026, 12, 24), 3), day(2026, 12, 31));
  EXPECT_EQ(cal.add_business_days(day(2026, 12, 24), 4), day(2027, 1, 4));
  EXPECT_EQ(cal.business_days_between(day(2026, 12, 24), day(2027, 1, 4)), 4);
  EXPECT_EQ(cal.business_days_between(day(2027, 1, 4), day(2026, 12, 24)), -4);
}

TEST(BusinessCalendar, FortyFiveBusinessDays) {
  BusinessCalendar cal;
  // 45 business days are nine full weeks when no holiday falls in them.
  EXPECT_EQ(cal.add_business_days(day(2026, 11, 26), 45), day(2027, 1, 28));
  EXPECT_EQ(cal.business_days_between(day(2026, 11, 26), day(2027, 1, 28)), 45);
}

}  // namespace
}  // namespace hqms
