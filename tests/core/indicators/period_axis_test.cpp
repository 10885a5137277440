#include <gtest/gtest.h>

#include "core/indicators/indicator_engine.hpp"

namespace hqms::indicators {
namespace {

// Day numbers worked out independently (Python's datetime.date(...) - date(1970, 1, 1)).
constexpr DayNumber d2020_12_31 = 18627;  // Thursday, ISO 2020-W53
constexpr DayNumber d2021_01_03 = 18630;  // Sunday, still ISO 2020-W53
constexpr DayNumber d2021_01_04 = 18631;  // Monday, ISO 2021-W01
constexpr DayNumber d2024_12_30 = 20087;  // Monday, ISO 2025-W01
constexpr DayNumber d2025_12_31 = 20453;  // Wednesday, ISO 2026-W01
constexpr DayNumber d2026_01_01 = 20454;
constexpr DayNumber d2026_02_09 = 20493;  // Monday, ISO 2026-W07
constexpr DayNumber d2026_02_28 = 20512;
constexpr DayNumber d2026_03_01 = 20513;
constexpr DayNumber d2026_07_01 = 20635;
constexpr DayNumber d2026_09_30 = 20726;
constexpr DayNumber d2026_10_31 = 20757;

TEST(PeriodAxis, MonthsCoverTheWindowFromTheFirstOfTheMonth) {
  const auto axis = period_axis(Resolution::month, d2026_01_01 + 14, d2026_03_01 + 1);
  ASSERT_EQ(axis.count, 3u);
  EXPECT_EQ(axis.first_day, d2026_01_01);
  EXPECT_EQ(axis.label(0), "2026-01");
  EXPECT_EQ(axis.label(2), "2026-03");
  EXPECT_EQ(axis.start(1), d2026_01_01 + 31);
  EXPECT_EQ(axis.end(1), d2026_02_28);  // 2026 is not a leap year
  EXPECT_EQ(axis.index_of(d2026_02_28), 1u);
  EXPECT_EQ(axis.index_of(d2026_03_01), 2u);
  EXPECT_FALSE(axis.index_of(d2025_12_31).has_value());
  EXPECT_FALSE(axis.index_of(d2026_03_01 + 31).has_value());  // 1 April, after the axis
}

TEST(PeriodAxis, QuartersStartOnTheFirstOfJanuaryAprilJulyOctober) {
  const auto axis = period_axis(Resolution::quarter, d2026_07_01 + 40, d2026_10_31);
  ASSERT_EQ(axis.count, 2u);
  EXPECT_EQ(axis.first_day, d2026_07_01);
  EXPECT_EQ(axis.end(0), d2026_09_30);
  EXPECT_EQ(axis.start(1), d2026_09_30 + 1);
  EXPECT_EQ(axis.label(0), "2026-Q3");
  EXPECT_EQ(axis.label(1), "2026-Q4");
  const auto across_years = period_axis(Resolution::quarter, d2025_12_31, d2026_01_01);
  ASSERT_EQ(across_years.count, 2u);
  EXPECT_EQ(across_years.label(0), "2025-Q4");
  EXPECT_EQ(across_years.label(1), "2026-Q1");
}

TEST(PeriodAxis, IsoWeeksBelongToTheYearOfTheirThursday) {
  // 31 December 2020 to 4 January 2021: week 53 of 2020, then week 1 of 2021.
  const auto axis = period_axis(Resolution::week, d2020_12_31, d2021_01_04);
  ASSERT_EQ(axis.count, 2u);
  EXPECT_EQ(axis.first_day, d2020_12_31 - 3);  // Monday 28 December
  EXPECT_EQ(axis.label(0), "2020-W53");
  EXPECT_EQ(axis.label(1), "2021-W01");
  EXPECT_EQ(axis.index_of(d2021_01_03), 0u);
  EXPECT_EQ(axis.index_of(d2021_01_04), 1u);
  EXPECT_EQ(axis.end(0), d2021_01_03);
  // 30 December 2024 opens 2025's week 1; 31 December 2025 is in 2026's week 1.
  EXPECT_EQ(period_axis(Resolution::week, d2024_12_30, d2024_12_30).label(0), "2025-W01");
  EXPECT_EQ(period_axis(Resolution::week, d2025_12_31, d2025_12_31).label(0), "2026-W01");
  const auto february = period_axis(Resolution::week, d2026_02_09 + 3, d2026_02_09 + 6);
  EXPECT_EQ(february.count, 1u);
  EXPECT_EQ(february.first_day, d2026_02_09);
  EXPECT_EQ(february.label(0), "2026-W07");
}

TEST(PeriodAxis, DaysAreLabelledByDate) {
  const auto axis = period_axis(Resolution::day, d2026_10_31, d2026_10_31 + 1);
  ASSERT_EQ(axis.count, 2u);
  EXPECT_EQ(axis.label(0), "2026-10-31");
  EXPECT_EQ(axis.label(1), "2026-11-01");
  EXPECT_EQ(axis.end(0), d2026_10_31);
}

TEST(PeriodAxis, DaysBeforeTheEpochAndAnEmptyWindow) {
  const auto axis = period_axis(Resolution::month, -1, 0);  // 31 December 1969 and 1 January 1970
  ASSERT_EQ(axis.count, 2u);
  EXPECT_EQ(axis.label(0), "1969-12");
  EXPECT_EQ(axis.first_day, -31);
  EXPECT_EQ(period_axis(Resolution::week, -1, -1).label(0), "1970-W01");  // Wed 31 Dec 1969
  EXPECT_EQ(period_axis(Resolution::month, d2026_03_01, d2026_02_28).count, 0u);
}

TEST(PeriodAxis, ResolutionOfAnIndicatorsPeriodUnit) {
  EXPECT_EQ(resolution_of(PeriodUnit::week), Resolution::week);
  EXPECT_EQ(resolution_of(PeriodUnit::month), Resolution::month);
  EXPECT_EQ(resolution_of(PeriodUnit::quarter), Resolution::quarter);
}

}  // namespace
}  // namespace hqms::indicators
