#include "core/capa/capa_ageing.hpp"

#include <gtest/gtest.h>

#include "core/capa/capa_fixture.hpp"

namespace hqms {
namespace {

using namespace std::chrono;
using test::day;

const Date kToday = day(2027, 6, 30);

OpenCapaAge opened(Id department, int days_ago, bool overdue = false) {
  return OpenCapaAge{.department_id = department, .opened_on = kToday - days{days_ago}, .overdue = overdue};
}

TEST(AgeingReport, BandsHaveStableNamesInOrder) {
  const std::vector<std::string_view> ids{"0-30", "31-60", "61-90", "91-180", "180+"};
  ASSERT_EQ(all_age_bands().size(), kAgeBandCount);
  for (std::size_t i = 0; i < ids.size(); ++i) EXPECT_EQ(to_string(all_age_bands()[i]), ids[i]);
}

TEST(AgeingReport, BandEdgesAreInclusiveAtTheTop) {
  EXPECT_EQ(age_band(0), AgeBand::up_to_30);
  EXPECT_EQ(age_band(30), AgeBand::up_to_30);
  EXPECT_EQ(age_band(31), AgeBand::up_to_60);
  EXPECT_EQ(age_band(60), AgeBand::up_to_60);
  EXPECT_EQ(age_band(61), AgeBand::up_to_90);
  EXPECT_EQ(age_band(90), AgeBand::up_to_90);
  EXPECT_EQ(age_band(91), AgeBand::up_to_180);
  EXPECT_EQ(age_band(180), AgeBand::up_to_180);
  EXPECT_EQ(age_band(181), AgeBand::over_180);
  EXPECT_EQ(age_band(3650), AgeBand::over_180);
}

TEST(AgeingReport, NothingOpenGivesAnEmptyReport) {
  const auto report = ageing_report({}, kToday);
  EXPECT_TRUE(report.rows.empty());
  EXPECT_EQ(report.total, 0);
  EXPECT_EQ(report.overdue, 0);
  EXPECT_EQ(report.median_days, 0);
  EXPECT_EQ(report.totals, (std::array<int, kAgeBandCount>{}));
}

TEST(AgeingReport, CountsPerDepartmentAndBand) {
  const std::vector<OpenCapaAge> open{opened(100, 30),       opened(100, 31, true), opened(100, 181, true),
                                      opened(200, 90),       opened(200, 91),       opened(100, 5),
                                      opened(101, 200, true)};
  const auto report = ageing_report(open, kToday);
  ASSERT_EQ(report.rows.size(), 3u);
  // Most open CAPAs first.
  const auto& ed = report.rows[0];
  EXPECT_EQ(ed.department_id, 100);
  EXPECT_EQ(ed.counts, (std::array<int, kAgeBandCount>{2, 1, 0, 0, 1}));
  EXPECT_EQ(ed.total, 4);
  EXPECT_EQ(ed.overdue, 2);
  EXPECT_EQ(ed.oldest_days, 181);
  const auto& ward = report.rows[1];
  EXPECT_EQ(ward.department_id, 200);
  EXPECT_EQ(ward.counts, (std::array<int, kAgeBandCount>{0, 0, 1, 1, 0}));
  EXPECT_EQ(ward.total, 2);
  EXPECT_EQ(ward.overdue, 0);
  EXPECT_EQ(ward.oldest_days, 91);
  EXPECT_EQ(report.rows[2].department_id, 101);
  EXPECT_EQ(report.rows[2].oldest_days, 200);

  EXPECT_EQ(report.totals, (std::array<int, kAgeBandCount>{2, 1, 1, 1, 2}));
  EXPECT_EQ(report.total, 7);
  EXPECT_EQ(report.overdue, 3);
}

TEST(AgeingReport, EqualCountsSortByDepartmentId) {
  const std::vector<OpenCapaAge> open{opened(200, 1), opened(101, 1), opened(100, 1), opened(101, 2)};
  const auto report = ageing_report(open, kToday);
  ASSERT_EQ(report.rows.size(), 3u);
  EXPECT_EQ(report.rows[0].department_id, 101);
  EXPECT_EQ(report.rows[1].department_id, 100);
  EXPECT_EQ(report.rows[2].department_id, 200);
}

TEST(AgeingReport, MedianOfAnOddCountIsTheMiddleAge) {
  const std::vector<OpenCapaAge> open{opened(100, 100), opened(100, 3), opened(200, 40)};
  EXPECT_EQ(ageing_report(open, kToday).median_days, 40);
}

TEST(AgeingReport, MedianOfAnEvenCountIsTheMeanOfTheMiddleTwo) {
  const std::vector<OpenCapaAge> open{opened(100, 100), opened(100, 3), opened(200, 40), opened(200, 11)};
  EXPECT_DOUBLE_EQ(ageing_report(open, kToday).median_days, 25.5);
  const std::vector<OpenCapaAge> two{opened(100, 10), opened(100, 20)};
  EXPECT_DOUBLE_EQ(ageing_report(two, kToday).median_days, 15);
}

TEST(AgeingReport, OpenedAfterTodayCountsAsOpenedToday) {
  const std::vector<OpenCapaAge> open{opened(100, -2)};
  const auto report = ageing_report(open, kToday);
  ASSERT_EQ(report.rows.size(), 1u);
  EXPECT_EQ(report.rows[0].oldest_days, 0);
  EXPECT_EQ(report.totals[0], 1);
}

}  // namespace
}  // namespace hqms
