// Three years of stays and ED visits for St Brigid's, as an EHR export would hand them over: about 1,600 a
// month across the wards and the two emergency departments, with case mix, lengths of stay, device-days,
// infections, readmissions and deaths at rates close to published acute-hospital figures. The special causes
// of demo_indicator_plan.hpp are planted here: the line-care bundle, the mortality surge and the ED trend.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "cli/demo/demo_indicator_plan.hpp"

namespace hqms::cli {
namespace {

using std::chrono::sys_days;

// Shares over encounters::age_bands: 0-17, 18-44, 45-64, 65-74, 75-84, 85+.
using AgeMix = std::array<double, 6>;
constexpr AgeMix kMedicalAges{0, 0.10, 0.22, 0.22, 0.28, 0.18};
constexpr AgeMix kSurgicalAges{0, 0.22, 0.32, 0.22, 0.16, 0.08};
constexpr AgeMix kChildren{1, 0, 0, 0, 0, 0};
constexpr AgeMix kMothers{0, 0.97, 0.03, 0, 0, 0};
constexpr AgeMix kRehabAges{0, 0.02, 0.10, 0.25, 0.38, 0.25};
constexpr AgeMix kCriticalAges{0, 0.15, 0.35, 0.25, 0.18, 0.07};
constexpr AgeMix kEmergencyAges{0.18, 0.35, 0.22, 0.11, 0.09, 0.05};

// A ward's monthly admissions and what a stay there looks like.
struct Ward {
  const char* site;
  const char* code;
  double admissions;      // inpatient discharges a month
  double los_median;      // days (log-normal)
  double via_ed;          // share admitted through the site's emergency department
  double line_share;      // stays with a central line
  double line_days;       // mean line-days of those
  double catheter_share;  // stays with an indwelling urinary catheter
  double catheter_days;
  double death;             // in-hospital death
  double readmission;       // unplanned readmission within 30 days
  double operative;         // stays with an operation (procedure codes)
  double pressure_per_day;  // hospital-acquired pressure injury, stage 2+, per patient-day
  const AgeMix* ages;
  std::array<const char*, 6> diagnoses;
  std::array<const char*, 3> operations;
};

const Ward kWards[] = {
    {"MAIN",
     "ICU",
     35,
     4.5,
     0.45,
     0.85,
     5.5,
     0.85,
     5,
     0.13,
     0.10,
     0,
     0.004,
     &kCriticalAges,
     {"A41.9", "J96.0", "I46.9", "S06.5", "J18.9", "K65.0"},
     {nullptr, nullptr, nullptr}},
    {"MAIN",
     "SURG",
     200,
     4.0,
     0.30,
     0.15,
     4,
     0.40,
     2.5,
     0.01,
     0.08,
     1,
     0.0006,
     &kSurgicalAges,
     {"K80.2", "K35.8", "M16.1", "S72.0", "K40.9", "C18.7"},
     {"0FT44ZZ", "0DTJ4ZZ", "0SR9019"}},
    {"MAIN",
     "MED",
     300,
     6.5,
     0.80,
     0.10,
     6,
     0.15,
     5,
     0.045,
     0.14,
     0,
     0.0012,
     &kMedicalAges,
     {"I50.9", "J18.9", "J44.1", "N39.0", "I63.9", "A41.9"},
     {nullptr, nullptr, nullptr}},
    {"MAIN",
     "PAED",
     70,
     2.0,
     0.55,
     0.02,
     4,
     0.03,
     2,
     0.001,
     0.05,
     0,
     0.0002,
     &kChildren,
     {"J21.9", "J45.9", "A08.4", "R56.0", "J18.9", "S06.0"},
     {nullptr, nullptr, nullptr}},
    {"MAIN",
     "MAT",
     140,
     2.3,
     0.05,
     0.01,
     2,
     0.30,
     1,
     0.0002,
     0.03,
     0.30,
     0.0001,
     &kMothers,
     {"O80", "O82", "O34.2", "O42.0", "O70.1", "O14.1"},
     {"10D00Z1", "10D00Z1", "10D00Z1"}},
    {"NORTH",
     "NMED",
     120,
     8.0,
     0.70,
     0.05,
     6,
     0.12,
     6,
     0.04,
     0.13,
     0,
     0.0012,
     &kMedicalAges,
     {"I50.9", "J44.1", "N39.0", "J18.9", "E86", "R29.6"},
     {nullptr, nullptr, nullptr}},
    {"NORTH",
     "NREH",
     35,
     24.0,
     0,
     0.01,
     5,
     0.08,
     10,
     0.01,
     0.07,
     0,
     0.0008,
     &kRehabAges,
     {"I69.3", "S72.0", "M17.1", "G35", "I69.4", "T84.0"},
     {nullptr, nullptr, nullptr}},
};

// The emergency departments' visits that end in the ED (those admitted are counted with their ward).
struct EmergencyDepartment {
  const char* site;
  const char* code;
  double visits;          // a month, not admitted
  double minutes_median;  // arrival to departure, discharged patients
  double lwbs;            // left without being seen, baseline share
};
const EmergencyDepartment kEmergencyDepartments[] = {
    {"MAIN", "ED", 430, 170, 0.025},
    {"NORTH", "NED", 200, 110, 0.015},
};

constexpr std::array<std::pair<const char*, double>, 9> kEthnicities{{{"white_irish", 0.755},
                                                                      {"other_white", 0.095},
                                                                      {"asian_irish", 0.045},
                                                                      {"black_irish", 0.023},
                                                                      {"irish_traveller", 0.015},
                                                                      {"mixed", 0.012},
                                                                      {"arab", 0.006},
                                                                      {"other", 0.014},
                                                                      {"unknown", 0.035}}};
constexpr std::array<std::pair<const char*, double>, 4> kPayers{
    {{"public", 0.55}, {"private", 0.38}, {"self_pay", 0.05}, {"other", 0.02}}};

class Generator {
 public:
  explicit Generator(const DemoMonths& months) : months_(months), rng_(20231101) {}

  std::vector<DemoEncounter> run();

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool chance(double p) { return uniform() < p; }
  int poisson(double mean) { return std::poisson_distribution<int>(mean)(rng_); }
  double lognormal(double median, double sigma) {
    return median * std::exp(sigma * std::normal_distribution<double>(0, 1)(rng_));
  }
  template <std::size_t N>
  const char* weighted(const std::array<std::pair<const char*, double>, N>& options) {
    double roll = uniform();
    for (const auto& [value, share] : options) {
      if (roll < share) return value;
      roll -= share;
    }
    return options.back().first;
  }
  const char* age_band(const AgeMix& mix) {
    double roll = uniform();
    for (std::size_t i = 0; i < mix.size(); ++i) {
      if (roll < mix[i]) return encounters::age_bands[i].data();
      roll -= mix[i];
    }
    return encounters::age_bands[3].data();
  }

  // Winter brings about 8% more admissions, summer about 6% fewer.
  double season(int month) const {
    const unsigned m = static_cast<unsigned>(months_.at(month).month());
    return m == 12 || m <= 2 ? 1.08 : (m >= 6 && m <= 8 ? 0.94 : 1.0);
  }

  DemoEncounter patient(const char* site, const char* department, const AgeMix& ages, bool maternity);
  void place(DemoEncounter& e, int month, double stay_seconds);
  void ward_stays(const Ward& w, int month);
  void ed_visits(const EmergencyDepartment& ed, int month);

  const DemoMonths& months_;
  std::mt19937 rng_;
  std::vector<DemoEncounter> out_;
  int sequence_ = 0;
};

DemoEncounter Generator::patient(const char* site, const char* department, const AgeMix& ages,
                                 bool maternity) {
  DemoEncounter e;
  ++sequence_;
  e.id = fmt::format("SB{:07d}", sequence_);
  // About one stay in six is a patient seen before: pseudonyms repeat, as they do in a real export.
  const int person =
      chance(0.16) && sequence_ > 1000 ? sequence_ - 1 - static_cast<int>(uniform() * 1000) : sequence_;
  e.pseudonym = fmt::format("P{:08X}", static_cast<unsigned>(person) * 2654435761u);
  e.site = site;
  e.department = department;
  e.age_band = age_band(ages);
  const double s = uniform();
  e.sex = maternity ? "female" : s < 0.503 ? "female" : s < 0.995 ? "male" : s < 0.997 ? "other" : "unknown";
  e.ethnicity = weighted(kEthnicities);
  e.payer = weighted(kPayers);
  return e;
}

// Discharge on a day of the month at a plausible hour, admission `stay_seconds` before it.
void Generator::place(DemoEncounter& e, int month, double stay_seconds) {
  const auto day =
      months_.first_day(month) + std::chrono::days(static_cast<int>(uniform() * months_.days_in(month)));
  const std::int64_t midnight =
      std::chrono::duration_cast<std::chrono::seconds>(day.time_since_epoch()).count();
  e.discharged_at = midnight + 8 * 3600 + static_cast<std::int64_t>(uniform() * 14 * 3600);
  e.admitted_at = e.discharged_at - static_cast<std::int64_t>(stay_seconds);
}

void Generator::ward_stays(const Ward& w, int month) {
  const int n = poisson(w.admissions * season(month));
  const bool maternity = std::string_view(w.code) == "MAT";
  const bool bundle = month >= kLineBundleMonth;
  const bool surge = month == kMortalitySurgeMonth && w.death >= 0.04;
  for (int i = 0; i < n; ++i) {
    auto e = patient(w.site, w.code, *w.ages, maternity);
    e.encounter_class = "inpatient";
    const double los = std::max(1.0, std::round(lognormal(w.los_median, 0.55)));
    e.patient_days = los;
    place(e, month, los * 86400 - uniform() * 6 * 3600);
    e.diagnosis = w.diagnoses[static_cast<std::size_t>(uniform() * w.diagnoses.size())];
    if (chance(w.operative)) {
      e.procedures.emplace_back(w.operations[static_cast<std::size_t>(uniform() * w.operations.size())]);
      if (maternity) e.diagnosis = "O82";
    }
    if (chance(w.via_ed)) e.ed_minutes = std::round(lognormal(330, 0.45));
    if (chance(w.line_share))
      e.central_line_days = std::min(los, std::max(1.0, std::round(lognormal(w.line_days, 0.4))));
    if (chance(w.catheter_share))
      e.urinary_catheter_days = std::min(los, std::max(1.0, std::round(lognormal(w.catheter_days, 0.4))));
    e.medication_doses = std::round(los * 11 * (0.7 + 0.6 * uniform()));

    // The bundle cuts CLABSI from about 3.5 to about 0.7 per 1,000 line-days.
    const double per_line_day = bundle ? 0.0007 : 0.0035;
    e.clabsi = e.central_line_days > 0 && chance(e.central_line_days * per_line_day);
    e.cauti = e.urinary_catheter_days > 0 && chance(e.urinary_catheter_days * 0.0012);
    e.ssi = !e.procedures.empty() && chance(maternity ? 0.02 : 0.03);
    e.pressure_injury = chance(los * w.pressure_per_day);

    const std::string_view age = e.age_band;
    const double frailty = age == "85+"     ? 2.0
                           : age == "75-84" ? 1.4
                           : age == "65-74" ? 1.0
                           : age == "45-64" ? 0.6
                                            : 0.3;
    const double death = w.death * frailty * (surge ? 2.2 : 1.0);
    const double u = uniform();
    if (u < death)
      e.disposition = "died";
    else if (u < death + 0.03)
      e.disposition = "transfer";
    else if (u < death + 0.04)
      e.disposition = "against_advice";
    else if (u < death + 0.04 + (age == "85+" || age == "75-84" ? 0.15 : 0.02))
      e.disposition = "care_facility";
    else
      e.disposition = "home";
    if (e.disposition != "died") {
      const double gap = e.ethnicity == "irish_traveller" ? 1.6 : 1.0;
      const double older = age == "85+" ? 1.3 : 1.0;
      e.readmitted_30d = chance(w.readmission * gap * older);
    }
    out_.push_back(std::move(e));
  }
  // Day-case surgery: operated and home the same day, no inpatient days.
  if (std::string_view(w.code) != "SURG") return;
  const int day_cases = poisson(110 * season(month));
  for (int i = 0; i < day_cases; ++i) {
    auto e = patient(w.site, w.code, kSurgicalAges, false);
    e.encounter_class = "day_case";
    place(e, month, 4 * 3600 + uniform() * 5 * 3600);
    e.diagnosis =
        std::array{"K40.9", "H25.9", "K80.2", "N40", "M23.2"}[static_cast<std::size_t>(uniform() * 5)];
    e.procedures.emplace_back(
        std::array{"0YQ50ZZ", "08RJ3JZ", "0FT44ZZ"}[static_cast<std::size_t>(uniform() * 3)]);
    e.medication_doses = 3;
    e.ssi = chance(0.008);
    e.readmitted_30d = chance(0.02);
    e.disposition = "home";
    out_.push_back(std::move(e));
  }
}

void Generator::ed_visits(const EmergencyDepartment& ed, int month) {
  const int n = poisson(ed.visits * season(month));
  // At the Main Campus the share who leave unseen climbs every month from month 28: 3%, 4% ... 10%. The
  // number who leave is fixed from the share (not drawn), so the climb shows as a clean trend.
  const bool trend = std::string_view(ed.code) == "ED" && month >= kLwbsTrendFirstMonth;
  const double lwbs = trend ? 0.03 + 0.01 * (month - kLwbsTrendFirstMonth) : ed.lwbs;
  const auto leave = static_cast<std::size_t>(std::lround(lwbs * n));
  std::vector<DemoEncounter> visits;
  std::vector<std::pair<double, std::size_t>> keys;  // weighted sampling without replacement (Efraimidis)
  for (int i = 0; i < n; ++i) {
    auto e = patient(ed.site, ed.code, kEmergencyAges, false);
    e.encounter_class = "emergency";
    // Travellers and self-paying patients leave unseen about twice as often: the equity gap to find.
    const double weight = e.ethnicity == "irish_traveller" || e.payer == "self_pay" ? 2.0 : 1.0;
    keys.push_back({std::pow(uniform(), 1.0 / weight), visits.size()});
    visits.push_back(std::move(e));
  }
  std::sort(keys.begin(), keys.end(), std::greater<>());
  for (std::size_t k = 0; k < keys.size(); ++k) {
    auto& e = visits[keys[k].second];
    double minutes = 0;
    if (k < leave) {
      e.disposition = "left_without_being_seen";
      minutes = lognormal(120, 0.5);
    } else {
      const double v = uniform();
      e.disposition = v < 0.01 ? "against_advice" : v < 0.02 ? "transfer" : v < 0.0205 ? "died" : "home";
      minutes = lognormal(ed.minutes_median, 0.5);
    }
    e.ed_minutes = std::round(std::min(minutes, 1439.0));
  }
  for (auto& e : visits) {
    place(e, month, *e.ed_minutes * 60);
    e.diagnosis = std::array{
        "R07.4", "S93.4", "R10.4", "S61.0", "J06.9", "S52.5"}[static_cast<std::size_t>(uniform() * 6)];
    e.medication_doses = e.disposition == "left_without_being_seen" ? 0 : std::round(uniform() * 3);
    out_.push_back(std::move(e));
  }
}

std::vector<DemoEncounter> Generator::run() {
  out_.reserve(static_cast<std::size_t>(kDemoMonths) * 1700);
  for (int month = 0; month < kDemoMonths; ++month) {
    for (const auto& w : kWards) ward_stays(w, month);
    for (const auto& ed : kEmergencyDepartments) ed_visits(ed, month);
  }
  return std::move(out_);
}

}  // namespace

std::string DemoMonths::label(int index) const {
  const auto ym = at(index);
  return fmt::format("{:04d}-{:02d}", static_cast<int>(ym.year()), static_cast<unsigned>(ym.month()));
}

DemoMonths demo_months(Timestamp now) {
  const std::chrono::year_month_day today{std::chrono::floor<std::chrono::days>(now)};
  const auto this_month = today.year() / today.month();
  return DemoMonths{this_month - std::chrono::months(kDemoMonths)};
}

std::vector<DemoEncounter> demo_encounters(const DemoMonths& months) {
  return Generator(months).run();
}

}  // namespace hqms::cli
