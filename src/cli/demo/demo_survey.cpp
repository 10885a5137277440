// What patients tell St Brigid's: about 250 HCAHPS-style survey responses a month from discharged inpatients,
// and about 15 complaints. Top-box shares sit near the US national averages HCAHPS Online publishes, a little
// lower where patients wait longest; Irish Traveller respondents rate their care lower, the gap the equity
// panel shows.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "cli/demo/demo_indicator_plan.hpp"

namespace hqms::cli {
namespace {

struct Share {
  const char* value;
  double weight;
};

template <std::size_t N>
const char* pick(std::mt19937& rng, const std::array<Share, N>& options) {
  double total = 0;
  for (const auto& o : options) total += o.weight;
  double roll = std::uniform_real_distribution<double>(0, total)(rng);
  for (const auto& o : options) {
    if (roll < o.weight) return o.value;
    roll -= o.weight;
  }
  return options.back().value;
}

struct SurveyedWard {
  const char* site;
  const char* code;
  double responses;  // a month
  std::array<Share, 6> ages;
};

const SurveyedWard kSurveyedWards[] = {
    {"MAIN",
     "MED",
     70,
     {{{"0-17", 0}, {"18-44", 10}, {"45-64", 22}, {"65-74", 24}, {"75-84", 28}, {"85+", 16}}}},
    {"MAIN",
     "SURG",
     60,
     {{{"0-17", 0}, {"18-44", 22}, {"45-64", 32}, {"65-74", 22}, {"75-84", 16}, {"85+", 8}}}},
    {"MAIN", "MAT", 40, {{{"0-17", 0}, {"18-44", 97}, {"45-64", 3}, {"65-74", 0}, {"75-84", 0}, {"85+", 0}}}},
    {"MAIN",
     "PAED",
     20,
     {{{"0-17", 100}, {"18-44", 0}, {"45-64", 0}, {"65-74", 0}, {"75-84", 0}, {"85+", 0}}}},
    {"MAIN",
     "ICU",
     8,
     {{{"0-17", 0}, {"18-44", 15}, {"45-64", 35}, {"65-74", 25}, {"75-84", 18}, {"85+", 7}}}},
    {"NORTH",
     "NMED",
     35,
     {{{"0-17", 0}, {"18-44", 8}, {"45-64", 20}, {"65-74", 24}, {"75-84", 30}, {"85+", 18}}}},
    {"NORTH",
     "NREH",
     17,
     {{{"0-17", 0}, {"18-44", 2}, {"45-64", 10}, {"65-74", 25}, {"75-84", 38}, {"85+", 25}}}},
};

constexpr std::array<Share, 9> kEthnicities{{{"white_irish", 75.5},
                                             {"other_white", 9.5},
                                             {"asian_irish", 4.5},
                                             {"black_irish", 2.3},
                                             {"irish_traveller", 1.5},
                                             {"mixed", 1.2},
                                             {"arab", 0.6},
                                             {"other", 1.4},
                                             {"unknown", 3.5}}};
constexpr std::array<Share, 4> kPayers{{{"public", 55}, {"private", 38}, {"self_pay", 5}, {"other", 2}}};

// Each item's top-box share, and whether every respondent answers it (the three the dashboard shows) or
// about two in three do.
struct ItemShare {
  const char* item;
  double top_box;
  bool always;
};
constexpr ItemShare kItems[] = {
    {"overall_rating", 0.70, true},         {"recommend", 0.71, true},
    {"nurse_communication", 0.80, true},    {"doctor_communication", 0.79, false},
    {"staff_responsiveness", 0.64, false},  {"cleanliness", 0.74, false},
    {"discharge_information", 0.87, false},
};

}  // namespace

std::vector<DemoSurveyResponse> demo_survey_responses(const DemoMonths& months) {
  std::mt19937 rng(20231102);
  auto uniform = [&] { return std::uniform_real_distribution<double>(0, 1)(rng); };
  std::vector<DemoSurveyResponse> out;
  out.reserve(static_cast<std::size_t>(kDemoMonths) * 260);
  int sequence = 0;
  for (int month = 0; month < kDemoMonths; ++month) {
    const auto first = static_cast<indicators::DayNumber>(months.first_day(month).time_since_epoch().count());
    for (const auto& ward : kSurveyedWards) {
      const int n = std::poisson_distribution<int>(ward.responses)(rng);
      for (int i = 0; i < n; ++i) {
        DemoSurveyResponse r;
        r.id = fmt::format("HX{:06d}", ++sequence);
        r.site = ward.site;
        r.department = ward.code;
        r.visit_day = first + static_cast<indicators::DayNumber>(uniform() * months.days_in(month));
        r.age_band = pick(rng, ward.ages);
        const double s = uniform();
        r.sex = std::string_view(ward.code) == "MAT" ? "female"
                : s < 0.51                           ? "female"
                : s < 0.997                          ? "male"
                                                     : "unknown";
        r.ethnicity = pick(rng, kEthnicities);
        r.payer = pick(rng, kPayers);
        // Some respondents are happier than others overall; Traveller respondents less often say "always".
        const double mood = std::normal_distribution<double>(0, 0.08)(rng);
        const double gap = r.ethnicity == "irish_traveller" ? -0.15
                           : r.ethnicity == "black_irish"   ? -0.05
                                                            : 0;
        for (const auto& item : kItems) {
          if (!item.always && uniform() > 0.65) continue;
          const auto* scale = encounters::survey_item(item.item);
          if (!scale) continue;
          int answer = 0;
          if (uniform() < std::clamp(item.top_box + mood + gap, 0.05, 0.98))
            answer = scale->top_box_from +
                     static_cast<int>(uniform() * (scale->max_answer - scale->top_box_from + 1));
          else
            answer = scale->min_answer +
                     static_cast<int>(std::sqrt(uniform()) * (scale->top_box_from - scale->min_answer));
          r.answers.emplace_back(item.item, std::min(answer, scale->max_answer));
        }
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

std::vector<DemoComplaint> demo_complaints(const DemoMonths& months) {
  std::mt19937 rng(20231103);
  constexpr std::array<Share, 9> kUnits{{{"ED", 33},
                                         {"MED", 15},
                                         {"SURG", 12},
                                         {"MAT", 8},
                                         {"NED", 10},
                                         {"NMED", 9},
                                         {"PAED", 5},
                                         {"NREH", 5},
                                         {"ICU", 3}}};
  constexpr std::array<Share, 7> kCategories{{{"waiting_times", 26},
                                              {"communication", 24},
                                              {"clinical_care", 18},
                                              {"staff_attitude", 14},
                                              {"environment", 8},
                                              {"billing", 5},
                                              {"other", 5}}};
  constexpr std::array<Share, 3> kSeverities{{{"low", 62}, {"moderate", 31}, {"high", 7}}};
  std::vector<DemoComplaint> out;
  int sequence = 0;
  for (int month = 0; month < kDemoMonths; ++month) {
    const auto first = static_cast<indicators::DayNumber>(months.first_day(month).time_since_epoch().count());
    const int n = std::poisson_distribution<int>(15)(rng);
    for (int i = 0; i < n; ++i) {
      DemoComplaint c;
      c.id = fmt::format("CMP{:05d}", ++sequence);
      c.department = pick(rng, kUnits);
      c.site = c.department == "NED" || c.department == "NMED" || c.department == "NREH" ? "NORTH" : "MAIN";
      c.received_day = first + static_cast<indicators::DayNumber>(
                                   std::uniform_real_distribution<double>(0, 1)(rng) * months.days_in(month));
      c.category = pick(rng, kCategories);
      c.severity = pick(rng, kSeverities);
      out.push_back(std::move(c));
    }
  }
  return out;
}

}  // namespace hqms::cli
