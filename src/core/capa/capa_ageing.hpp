#pragma once
// The ageing report: open CAPAs by how long they have been open, per department. Open means not closed and
// not cancelled.
#include <array>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

// 0-30, 31-60, 61-90, 91-180 and over 180 days.
enum class AgeBand { up_to_30, up_to_60, up_to_90, up_to_180, over_180 };
inline constexpr std::size_t kAgeBandCount = 5;
std::span<const AgeBand> all_age_bands();
std::string_view to_string(AgeBand v);  // "0-30", "31-60", "61-90", "91-180", "180+"
AgeBand age_band(int days_open);

struct OpenCapaAge {
  Id department_id = 0;
  Date opened_on{};
  bool overdue = false;
};

struct AgeingRow {
  Id department_id = 0;
  std::array<int, kAgeBandCount> counts{};
  int total = 0;
  int overdue = 0;
  int oldest_days = 0;
};

struct AgeingReport {
  std::vector<AgeingRow> rows;  // one per department with open CAPAs, most open first, then by id
  std::array<int, kAgeBandCount> totals{};
  int total = 0;
  int overdue = 0;
  double median_days = 0;  // median age of all open CAPAs; 0 when none
};

// A CAPA opened after `today` counts as 0 days old.
AgeingReport ageing_report(std::span<const OpenCapaAge> open, Date today);

}  // namespace hqms
