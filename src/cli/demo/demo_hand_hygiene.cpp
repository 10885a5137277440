// Hand hygiene audits on the wards, observed the WHO way (opportunities by the 5 Moments, each compliant or
// missed): about 400 opportunities a month. Compliance sits near 79% until the month-24 campaign (ward
// champions, alcohol rub at every bed space, monthly feedback), then near 91%, the HSE's 90% target.
#include <fmt/format.h>

#include <array>
#include <random>

#include "cli/demo/demo_indicator_plan.hpp"

namespace hqms::cli {
namespace {

struct AuditedUnit {
  const char* site;
  const char* code;
  double opportunities;  // a month
  double lift;           // the unit's own difference from the hospital's compliance
};

const AuditedUnit kUnits[] = {
    {"MAIN", "ED", 60, -0.04},   {"MAIN", "ICU", 50, 0.04},  {"MAIN", "SURG", 55, 0.0},
    {"MAIN", "MED", 65, -0.01},  {"MAIN", "PAED", 30, 0.02}, {"MAIN", "MAT", 35, 0.01},
    {"NORTH", "NED", 30, -0.03}, {"NORTH", "NMED", 45, 0.0}, {"NORTH", "NREH", 30, 0.01},
};

}  // namespace

std::vector<DemoObservation> demo_hand_hygiene(const DemoMonths& months) {
  std::mt19937 rng(20231104);
  auto uniform = [&] { return std::uniform_real_distribution<double>(0, 1)(rng); };
  std::vector<DemoObservation> out;
  out.reserve(static_cast<std::size_t>(kDemoMonths) * 420);
  int sequence = 0;
  for (int month = 0; month < kDemoMonths; ++month) {
    const auto first = static_cast<indicators::DayNumber>(months.first_day(month).time_since_epoch().count());
    const double base = month >= kHandHygieneCampaignMonth ? 0.91 : 0.79;
    for (const auto& unit : kUnits) {
      // Audits happen on a few days a month, so a unit's opportunities cluster on its audit days.
      const int n = std::poisson_distribution<int>(unit.opportunities)(rng);
      std::array<indicators::DayNumber, 3> audit_days{};
      for (auto& d : audit_days)
        d = first + static_cast<indicators::DayNumber>(uniform() * months.days_in(month));
      for (int i = 0; i < n; ++i) {
        DemoObservation o;
        o.id = fmt::format("HH{:06d}", ++sequence);
        o.site = unit.site;
        o.department = unit.code;
        o.observed_day = audit_days[static_cast<std::size_t>(uniform() * audit_days.size())];
        o.moment = encounters::hand_hygiene_moments[static_cast<std::size_t>(uniform() * 5)];
        // Before touching a patient is missed most often; after body-fluid exposure least.
        const double moment_lift = o.moment == "before_patient"     ? -0.05
                                   : o.moment == "after_body_fluid" ? 0.05
                                                                    : 0;
        o.compliant = uniform() < base + unit.lift + moment_lift;
        out.push_back(std::move(o));
      }
    }
  }
  return out;
}

}  // namespace hqms::cli
