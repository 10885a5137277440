#include "core/capa/capa_ageing.hpp"

#include <algorithm>
#include <map>

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

constexpr EnumTable<AgeBand, kAgeBandCount> kBands{{
    {AgeBand::up_to_30, "0-30", "0-30 days"},
    {AgeBand::up_to_60, "31-60", "31-60 days"},
    {AgeBand::up_to_90, "61-90", "61-90 days"},
    {AgeBand::up_to_180, "91-180", "91-180 days"},
    {AgeBand::over_180, "180+", "Over 180 days"},
}};

// The upper edge of each band but the last, inclusive.
constexpr std::array<int, kAgeBandCount - 1> kBandEnds{30, 60, 90, 180};

double median(std::vector<int> values) {
  if (values.empty()) return 0;
  const auto mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

}  // namespace

std::span<const AgeBand> all_age_bands() {
  return enum_values(kBands);
}

std::string_view to_string(AgeBand v) {
  return enum_name(kBands, v).id;
}

AgeBand age_band(int days_open) {
  for (std::size_t i = 0; i < kBandEnds.size(); ++i)
    if (days_open <= kBandEnds[i]) return kBands[i].value;
  return AgeBand::over_180;
}

AgeingReport ageing_report(std::span<const OpenCapaAge> open, Date today) {
  AgeingReport report;
  std::map<Id, AgeingRow> by_department;
  std::vector<int> ages;
  ages.reserve(open.size());
  for (const auto& capa : open) {
    // A CAPA dated after today (a clock a little ahead somewhere) counts as opened today.
    const int days = std::max(0, static_cast<int>((today - capa.opened_on).count()));
    const auto band = static_cast<std::size_t>(age_band(days));
    auto& row = by_department[capa.department_id];
    row.department_id = capa.department_id;
    ++row.counts[band];
    ++row.total;
    row.oldest_days = std::max(row.oldest_days, days);
    ++report.totals[band];
    ++report.total;
    if (capa.overdue) {
      ++row.overdue;
      ++report.overdue;
    }
    ages.push_back(days);
  }
  for (auto& [id, row] : by_department) report.rows.push_back(row);
  // The map gave ascending ids; a stable sort keeps them as the tie-break.
  std::stable_sort(report.rows.begin(), report.rows.end(),
                   [](const AgeingRow& a, const AgeingRow& b) { return a.total > b.total; });
  report.median_days = median(std::move(ages));
  return report;
}

}  // namespace hqms
