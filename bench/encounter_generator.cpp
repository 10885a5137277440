#include "bench/encounter_generator.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <memory>
#include <numbers>
#include <random>
#include <span>
#include <stdexcept>
#include <string_view>

#include "bench/fhir_export.hpp"
#include "bench/text_output.hpp"
#include "core/capa/corrective_action.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/incidents/classification.hpp"

namespace hqms::bench {
namespace {

// ---- random numbers: only the engine's raw 64-bit output is used, so every platform draws the same ----

class Draw {
 public:
  explicit Draw(std::uint64_t seed) : engine_(seed) {}
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return uniform() < p; }
  std::size_t below(std::size_t n) { return static_cast<std::size_t>(uniform() * static_cast<double>(n)); }
  int between(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
  // Box-Muller; the second value of each pair is thrown away to keep the stream simple to reason about.
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log stays finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }
  double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
  // Poisson by inversion: fine for the small means drawn here.
  int poisson(double mean) {
    if (mean > 30) return std::max(0, static_cast<int>(std::lround(mean + std::sqrt(mean) * normal())));
    const double limit = std::exp(-mean);
    int k = 0;
    for (double p = uniform(); p > limit; p *= uniform()) ++k;
    return k;
  }

 private:
  std::mt19937_64 engine_;
};

// A discrete distribution as a cumulative table, picked by binary search.
class Weights {
 public:
  Weights() = default;
  explicit Weights(std::span<const double> weights) {
    double total = 0;
    for (double w : weights) cumulative_.push_back(total += w);
    for (double& c : cumulative_) c /= total;
  }
  std::size_t pick(Draw& draw) const {
    const double u = draw.uniform();
    const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
    return std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
  }
  std::size_t size() const { return cumulative_.size(); }

 private:
  std::vector<double> cumulative_;
};

// Zipf-like weights 1/(k+1)^0.9: a department's top few diagnoses are most of its stays.
Weights zipf(std::size_t n) {
  std::vector<double> w(n);
  for (std::size_t k = 0; k < n; ++k) w[k] = 1.0 / std::pow(static_cast<double>(k + 1), 0.9);
  return Weights(w);
}

// ---- the network ----

constexpr std::array<std::string_view, 15> kDepartments{"ED",   "ICU", "MED",  "SURG", "ORTH",
                                                        "CARD", "ONC", "PAED", "MAT",  "GER",
                                                        "NEU",  "REN", "RESP", "REH",  "DAY"};
enum Dept { ED, ICU, MED, SURG, ORTH, CARD, ONC, PAED, MAT, GER, NEU, REN, RESP, REH, DAY };
constexpr std::size_t kSites = 20;

// Hospitals H13..H20 are small district hospitals without oncology and neurology.
bool site_has(std::size_t site, std::size_t dept) {
  return !(site >= 12 && (dept == ONC || dept == NEU));
}
double site_size(std::size_t site) {
  return site < 3 ? 2.2 : site < 12 ? 1.0 : 0.45;
}

enum Klass : std::uint8_t { inpatient, emergency, day_case };

struct DepartmentProfile {
  double share;  // of all encounters
  Klass klass;
  std::array<double, 6> age;  // weights of encounters::age_bands
  double los_median_days, los_sigma;
  double ed_start;  // share of stays that began in the ED
  double line;      // share of stays with a central line
  double catheter;  // share with a urinary catheter
  double death;     // in-hospital mortality
  double readmit;   // 30-day readmission
  double pressure;  // hospital-acquired pressure injury
  double surgical;  // share with at least one procedure
};

// clang-format off
constexpr std::array<DepartmentProfile, 15> kProfiles{{
    //  share  class      0-17  18-44 45-64 65-74 75-84 85+    LOS  sigma  ED    line  cath  death  readm press surg
    {0.330, emergency, {0.20, 0.34, 0.22, 0.11, 0.09, 0.04}, 0.0, 0.0, 1.00, 0.00, 0.00, 0.001, 0.00, 0.000, 0.00},
    {0.020, inpatient, {0.02, 0.15, 0.30, 0.25, 0.20, 0.08}, 4.0, 0.80, 0.60, 0.60, 0.70, 0.100, 0.12, 0.050, 0.25},
    {0.130, inpatient, {0.00, 0.15, 0.27, 0.22, 0.22, 0.14}, 2.5, 0.85, 0.80, 0.04, 0.10, 0.025, 0.16, 0.020, 0.03},
    {0.060, inpatient, {0.02, 0.30, 0.33, 0.18, 0.12, 0.05}, 3.0, 0.80, 0.45, 0.05, 0.35, 0.010, 0.11, 0.015, 0.75},
    {0.045, inpatient, {0.04, 0.22, 0.26, 0.20, 0.18, 0.10}, 3.5, 0.75, 0.40, 0.02, 0.30, 0.012, 0.09, 0.020, 0.80},
    {0.045, inpatient, {0.00, 0.07, 0.30, 0.28, 0.25, 0.10}, 3.0, 0.75, 0.70, 0.05, 0.12, 0.025, 0.17, 0.015, 0.35},
    {0.030, inpatient, {0.01, 0.10, 0.35, 0.30, 0.19, 0.05}, 4.5, 0.80, 0.35, 0.30, 0.12, 0.050, 0.20, 0.020, 0.15},
    {0.040, inpatient, {1.00, 0.00, 0.00, 0.00, 0.00, 0.00}, 1.8, 0.80, 0.70, 0.02, 0.03, 0.001, 0.06, 0.003, 0.08},
    {0.050, inpatient, {0.03, 0.95, 0.02, 0.00, 0.00, 0.00}, 2.0, 0.50, 0.15, 0.00, 0.25, 0.0002, 0.04, 0.002, 1.00},
    {0.035, inpatient, {0.00, 0.00, 0.00, 0.10, 0.45, 0.45}, 5.5, 0.80, 0.85, 0.02, 0.18, 0.050, 0.19, 0.045, 0.02},
    {0.030, inpatient, {0.01, 0.12, 0.25, 0.25, 0.25, 0.12}, 4.0, 0.85, 0.80, 0.03, 0.15, 0.040, 0.12, 0.025, 0.05},
    {0.020, inpatient, {0.01, 0.12, 0.30, 0.27, 0.22, 0.08}, 4.0, 0.80, 0.60, 0.15, 0.15, 0.030, 0.19, 0.020, 0.10},
    {0.035, inpatient, {0.01, 0.08, 0.25, 0.28, 0.26, 0.12}, 3.5, 0.80, 0.85, 0.03, 0.10, 0.040, 0.18, 0.020, 0.03},
    {0.010, inpatient, {0.00, 0.08, 0.22, 0.27, 0.28, 0.15}, 14.0, 0.60, 0.00, 0.00, 0.10, 0.005, 0.07, 0.015, 0.00},
    {0.120, day_case,  {0.04, 0.22, 0.33, 0.22, 0.15, 0.04}, 0.0, 0.0, 0.00, 0.00, 0.00, 0.0001, 0.00, 0.000, 0.80},
}};
// clang-format on

// About 300 common ICD-10 codes, each department's list ordered from its most frequent.
const std::array<std::vector<std::string_view>, 15> kDiagnoses{{
    {"R07.4", "R10.4", "J06.9", "S06.0", "S93.4", "S62.5", "S01.8", "N39.0", "R51",   "R55",
     "T78.4", "J45.9", "S52.5", "S82.6", "K52.9", "R11",   "M54.5", "F10.0", "L03.1", "H10.9"},
    {"A41.9", "J96.0", "I46.9", "J80",   "R57.0", "I61.9", "S06.5", "T40.2", "K85.9", "E10.1",
     "J18.9", "I21.0", "N17.9", "G93.1", "J15.9", "I26.9", "K92.2", "T79.4", "S27.0", "R65.1"},
    {"J18.9", "N39.0", "J44.1", "A09",   "E87.1", "D64.9", "R55",   "L03.1", "K29.7", "E11.9",
     "F05.9", "R41.0", "E86",   "K70.3", "A41.9", "I80.2", "D50.9", "K57.3", "M79.6", "I50.9"},
    {"K35.8", "K80.2", "K40.9", "K56.6", "K57.3", "C18.9", "K61.0", "K85.9", "K92.2", "L02.4",
     "K43.9", "K81.0", "K59.0", "C20",   "T81.4", "K63.1", "K62.5", "N20.0", "K25.4", "R10.3"},
    {"S72.0", "M17.1", "M16.1", "S72.1", "S82.2", "S52.5", "S42.2", "S32.0", "M48.0", "S83.5",
     "M51.1", "S22.4", "T84.0", "S92.3", "M75.1", "S62.6", "S82.8", "M23.2", "S43.0", "M19.0"},
    {"I21.4", "I48.9", "I50.0", "I21.0", "I20.0", "I21.1", "I25.1", "I44.2", "I47.1", "I35.0",
     "I49.5", "R07.4", "I42.0", "I10",   "I26.9", "I31.3", "I33.0", "I71.0", "I51.4", "I95.1"},
    {"C34.9", "C50.9", "C18.9", "C61",   "D70",   "C25.9", "C16.9", "C85.9", "C92.0", "C90.0",
     "C79.5", "C78.7", "C56",   "C67.9", "C71.9", "C64",   "C22.0", "C15.9", "R50.8", "C80.1"},
    {"J21.9", "J18.9", "A08.4", "J45.9", "R56.0", "J06.9", "N39.0", "K35.8", "S06.0", "J05.0",
     "E10.1", "P59.9", "R50.9", "L03.1", "K59.0", "R11",   "B34.9", "H66.9", "S52.5", "T78.4"},
    {"O80",   "O82",   "O70.0", "O42.0", "O48",   "O24.4", "O13",   "O14.1", "O72.1", "O36.5",
     "O47.0", "O41.0", "O32.1", "O60.1", "O20.0", "O21.0", "O03.9", "O00.9", "O99.4", "O26.8"},
    {"S72.0", "R29.6", "N39.0", "J18.9", "F05.1", "I50.9", "R26.8", "E86",   "F03", "I63.9",
     "A41.9", "L89.1", "R41.8", "M80.0", "J69.0", "K59.0", "D64.9", "E87.1", "R53", "I95.1"},
    {"I63.9", "G45.9", "I63.5", "G40.9", "I61.9", "G35",   "G43.9", "G20", "G61.0", "G03.9",
     "G93.4", "R51",   "G41.9", "I60.9", "G70.0", "G91.9", "H81.1", "R42", "G44.2", "S06.5"},
    {"N17.9", "N18.5", "N18.4", "E87.5", "N04.9", "T86.1", "N10",   "N13.6", "I12.0", "N39.0",
     "E87.1", "N05.9", "D63.8", "T82.4", "N25.8", "E83.5", "N20.0", "N28.9", "R34",   "N00.9"},
    {"J44.1", "J44.0", "J18.9", "J45.9", "J84.1", "J96.0", "J90",   "J93.9", "C34.9", "I26.9",
     "J47",   "J15.9", "A15.0", "J86.9", "J98.4", "R04.2", "J43.9", "J69.0", "J80",   "J22"},
    {"Z50.1", "I69.3", "Z47.1", "G82.2", "Z96.6", "Z89.5", "Z48.8", "T91.3", "M62.8", "R26.8",
     "S06.9", "G20",   "I69.4", "Z75.1", "M17.1", "Z98.8", "G95.9", "Z87.8", "Z09",   "R53"},
    {"K63.5", "K21.9", "H25.9", "C44.9", "N97.9", "D25.9", "K64.9", "M72.0", "G56.0", "N40",
     "Z51.1", "Z49.1", "K57.3", "D12.6", "L72.1", "N84.0", "M65.3", "R31",   "Z12.1", "H26.9"},
}};

// ICD-10-PCS codes of the operations each surgical department does, most frequent first.
const std::array<std::vector<std::string_view>, 15> kProcedures{{
    {},
    {"0BH17EZ", "5A1955Z", "02HV33Z", "0B110F4"},
    {"0DJ08ZZ", "3E033GC"},
    {"0DTJ4ZZ", "0FT44ZZ", "0YQ54ZZ", "0DTN4ZZ", "0DTP0ZZ", "0DB68ZX", "0DN80ZZ", "0WJG4ZZ", "0DTE0ZZ",
     "0D160ZA"},
    {"0SR90J9", "0SRC0J9", "0QS604Z", "0QSH04Z", "0PSJ04Z", "0SG00A0", "0SRB0J9", "0QS734Z", "0SBD4ZZ",
     "0RQJ4ZZ"},
    {"027034Z", "4A023N7", "02703DZ", "0JH606Z", "02583ZZ", "021009W", "5A2204Z", "02HK3JZ"},
    {"3E04305", "0DJ08ZZ"},
    {"0DTJ4ZZ", "0HQ9XZZ"},
    {"10E0XZZ", "10D00Z1", "0W8NXZZ", "10D00Z0", "0UT90ZZ"},
    {"0DJ08ZZ"},
    {"03CG3ZZ", "00H00MZ"},
    {"5A1D70Z", "03170ZD"},
    {"0BJ08ZZ", "0W9930Z"},
    {},
    {"0DJD8ZZ", "0DJ08ZZ", "08DJ3ZZ", "0DBN8ZX", "01N50ZZ", "0JB10ZZ", "0VT08ZZ", "0TJB8ZZ", "3E04305",
     "5A1D70Z"},
}};

constexpr std::array<std::string_view, 6> kEthnicities{"white", "asian", "black",
                                                       "mixed", "other", "unknown"};
constexpr std::array<double, 6> kEthnicityWeights{0.70, 0.10, 0.07, 0.04, 0.03, 0.06};
constexpr std::array<std::string_view, 4> kPayers{"medicare", "medicaid", "commercial", "self_pay"};

std::string site_code(std::size_t site) {
  char s[4] = {'H', static_cast<char>('0' + (site + 1) / 10), static_cast<char>('0' + (site + 1) % 10), 0};
  return s;
}

// Discharge days 2023-01-01 .. 2025-12-31 weighted by season (winter +12%), weekday (fewer at weekends) and
// 3% growth a year.
class Calendar {
 public:
  Calendar() {
    first_ = days_from_civil(first_year, 1, 1);
    last_ = days_from_civil(last_year, 12, 31);
    std::vector<double> w;
    for (int day = first_; day <= last_; ++day) {
      const auto c = civil_from_days(day);
      const double season =
          1.0 + 0.12 * std::cos(2.0 * std::numbers::pi * (static_cast<double>(c.m) - 1.0) / 12.0);
      const int weekday = (day + 4) % 7;  // 1970-01-01 was a Thursday; 0 = Sunday
      const double week = weekday == 0 || weekday == 6 ? 0.8 : 1.05;
      w.push_back(season * week * std::pow(1.03, c.y - first_year));
    }
    weights_ = Weights(w);
  }
  int pick(Draw& draw) const { return first_ + static_cast<int>(weights_.pick(draw)); }
  int first() const { return first_; }
  int last() const { return last_; }

 private:
  int first_ = 0, last_ = 0;
  Weights weights_;
};

struct Unit {
  std::size_t site, dept;
};

// One stay as drawn, before it is written as CSV and FHIR.
struct DrawnStay {
  std::uint64_t encounter_no = 0, patient_no = 0;
  Unit unit{};
  Klass klass = inpatient;
  std::int64_t admitted = 0, discharged = 0;
  int birth_day = 0;
  std::size_t age_band = 0, sex = 0, ethnicity = 0, payer = 0;
  std::string_view diagnosis;
  std::array<std::string_view, 3> procedures{};
  std::size_t procedure_count = 0;
  std::string_view disposition;
  int patient_days = 0, line_days = 0, catheter_days = 0, doses = 0;
  int ed_minutes = -1;  // -1: the stay did not begin in the ED
  bool readmitted = false, clabsi = false, cauti = false, ssi = false, pressure = false;
};

std::size_t age_band_of(int birth_day, std::int64_t at) {
  const auto born = civil_from_days(birth_day);
  const auto now = civil_from_days(floor_div(at, 86400));
  int age = now.y - born.y - ((now.m < born.m || (now.m == born.m && now.d < born.d)) ? 1 : 0);
  return age < 18 ? 0 : age < 45 ? 1 : age < 65 ? 2 : age < 75 ? 3 : age < 85 ? 4 : 5;
}

class NetworkDraw {
 public:
  explicit NetworkDraw(std::uint64_t seed) : draw_(seed) {
    std::vector<double> w;
    for (std::size_t s = 0; s < kSites; ++s)
      for (std::size_t d = 0; d < kDepartments.size(); ++d) {
        if (!site_has(s, d)) continue;
        units_.push_back({s, d});
        w.push_back(site_size(s) * kProfiles[d].share);
      }
    unit_weights_ = Weights(w);
    for (std::size_t d = 0; d < kDepartments.size(); ++d) {
      ages_[d] = Weights(kProfiles[d].age);
      diagnoses_[d] = zipf(kDiagnoses[d].size());
      procedures_[d] = zipf(std::max<std::size_t>(1, kProcedures[d].size()));
    }
    ethnicity_ = Weights(kEthnicityWeights);
  }

  Draw& draw() { return draw_; }
  const Calendar& calendar() const { return calendar_; }
  Unit unit() { return units_[unit_weights_.pick(draw_)]; }
  Unit inpatient_unit() {
    for (;;)
      if (auto u = unit(); kProfiles[u.dept].klass == inpatient) return u;
  }

  // A first stay of a new patient, discharged on a day drawn from the calendar.
  DrawnStay first_stay(std::uint64_t encounter_no, std::uint64_t patient_no) {
    DrawnStay s;
    s.encounter_no = encounter_no;
    s.patient_no = patient_no;
    s.unit = unit();
    const int day = calendar_.pick(draw_);
    // Age at discharge within the department's band mix; the birth date follows, so FHIR's birthDate gives
    // the same band.
    const std::size_t band = ages_[s.unit.dept].pick(draw_);
    static constexpr int lo[] = {0, 18, 45, 65, 75, 85}, hi[] = {17, 44, 64, 74, 84, 99};
    const int age_days = draw_.between(lo[band] * 365 + 30, hi[band] * 365 + 300);
    s.birth_day = day - age_days;
    s.sex = s.unit.dept == MAT ? 0 : draw_.chance(0.008) ? 2 + draw_.below(2) : draw_.chance(0.51) ? 0 : 1;
    s.ethnicity = ethnicity_.pick(draw_);
    s.payer = band >= 3 ? (draw_.chance(0.85)  ? 0
                           : draw_.chance(0.6) ? 2
                                               : 1)
                        : (draw_.chance(0.62)  ? 2
                           : draw_.chance(0.7) ? 1
                           : draw_.chance(0.5) ? 3
                                               : 0);
    shape_stay(s, day);
    return s;
  }

  // The readmission that follows `previous` within 30 days, for the same patient.
  DrawnStay readmission(const DrawnStay& previous, std::uint64_t encounter_no) {
    DrawnStay s = previous;
    s.encounter_no = encounter_no;
    s.readmitted = false;
    s.unit = draw_.chance(0.5) ? previous.unit : Unit{previous.unit.site, MED};
    if (!site_has(s.unit.site, s.unit.dept) || kProfiles[s.unit.dept].klass != inpatient)
      s.unit = {previous.unit.site, MED};
    // Admission 1..29 days after the previous discharge; the discharge day follows from the stay's length.
    const std::int64_t admitted = previous.discharged + std::int64_t{draw_.between(1, 29)} * 86400 +
                                  static_cast<std::int64_t>(draw_.below(86400));
    shape_stay(s, 0, admitted);
    return s;
  }

  bool will_be_readmitted(const DrawnStay& s) {
    return s.klass == inpatient && s.disposition != "died" &&
           draw_.chance(1.08 * kProfiles[s.unit.dept].readmit);
  }

 private:
  // Everything that depends on the department: class, times, diagnosis, procedures, devices, outcome.
  // Either the discharge day is given (a first stay) or the admission instant (a readmission).
  void shape_stay(DrawnStay& s, int discharge_day, std::optional<std::int64_t> admitted = std::nullopt) {
    const auto& p = kProfiles[s.unit.dept];
    s.klass = p.klass;
    std::int64_t length = 0;  // seconds
    bool from_ed = p.klass == emergency || draw_.chance(p.ed_start);
    if (p.klass == emergency) {
      s.ed_minutes = std::clamp(static_cast<int>(draw_.lognormal(200, 0.55)), 10, 2880);
      length = std::int64_t{s.ed_minutes} * 60;
    } else if (p.klass == day_case) {
      length = static_cast<std::int64_t>(draw_.lognormal(5, 0.35) * 3600);
      from_ed = false;
    } else {
      length =
          static_cast<std::int64_t>(std::min(draw_.lognormal(p.los_median_days, p.los_sigma), 120.0) * 86400);
      length = std::max<std::int64_t>(length, 4 * 3600);
    }
    if (from_ed && p.klass == inpatient)
      s.ed_minutes = std::clamp(static_cast<int>(draw_.lognormal(330, 0.5)), 30, 4320);
    if (!from_ed) s.ed_minutes = -1;
    if (admitted) {
      s.admitted = *admitted;
      s.discharged = s.admitted + length;
    } else {
      // Inpatients go home in the day (08:00..20:00); ED and day cases any time the unit is open.
      const int hour = p.klass == inpatient  ? draw_.between(8, 19)
                       : p.klass == day_case ? draw_.between(10, 19)
                                             : draw_.between(0, 23);
      s.discharged = std::int64_t{discharge_day} * 86400 + hour * 3600 + draw_.between(0, 3599);
      s.admitted = s.discharged - length;
    }
    s.age_band = age_band_of(s.birth_day, s.admitted);
    s.diagnosis = kDiagnoses[s.unit.dept][diagnoses_[s.unit.dept].pick(draw_)];

    s.procedure_count = 0;
    if (!kProcedures[s.unit.dept].empty() && draw_.chance(p.surgical)) {
      const std::size_t n = draw_.chance(0.2) ? 2 : 1;
      for (std::size_t i = 0; i < n; ++i) {
        const auto code = kProcedures[s.unit.dept][procedures_[s.unit.dept].pick(draw_)];
        if (std::find(s.procedures.begin(), s.procedures.begin() + s.procedure_count, code) ==
            s.procedures.begin() + s.procedure_count)
          s.procedures[s.procedure_count++] = code;
      }
    }
    const int midnights = floor_div(s.discharged, 86400) - floor_div(s.admitted, 86400);
    s.patient_days = p.klass == inpatient ? std::max(1, midnights) : 0;
    s.line_days = s.catheter_days = 0;
    if (p.klass == inpatient) {
      if (draw_.chance(p.line))
        s.line_days = std::clamp(static_cast<int>(s.patient_days * (0.5 + 0.5 * draw_.uniform()) + 0.5), 1,
                                 s.patient_days);
      if (draw_.chance(p.catheter))
        s.catheter_days = std::clamp(static_cast<int>(s.patient_days * (0.3 + 0.6 * draw_.uniform()) + 0.5),
                                     1, s.patient_days);
    }
    // Doses kept moderate (about 2.5 a patient-day) so that the FHIR export stays a few GB.
    s.doses = p.klass == inpatient ? draw_.poisson(2.5 * s.patient_days)
                                   : draw_.poisson(p.klass == emergency ? 0.8 : 1.5);

    // Outcome.
    if (p.klass == emergency) {
      const double u = draw_.uniform();
      s.disposition = u < 0.03    ? "left_without_being_seen"
                      : u < 0.04  ? "against_advice"
                      : u < 0.07  ? "transfer"
                      : u < 0.071 ? "died"
                      : u < 0.08  ? "other"
                                  : "home";
      if (s.disposition == "left_without_being_seen") {
        s.ed_minutes = std::min(s.ed_minutes, draw_.between(20, 240));
        s.discharged = s.admitted + std::int64_t{s.ed_minutes} * 60;
        s.doses = 0;
      }
    } else {
      const double age_factor = s.age_band >= 4 ? 1.3 : s.age_band == 3 ? 0.9 : s.age_band <= 1 ? 0.3 : 0.6;
      if (draw_.chance(p.death * age_factor))
        s.disposition = "died";
      else {
        const double u = draw_.uniform();
        s.disposition = u < 0.05                              ? "transfer"
                        : u < (s.age_band >= 4 ? 0.17 : 0.08) ? "care_facility"
                        : u < 0.185                           ? "against_advice"
                        : u < 0.19                            ? "other"
                                                              : "home";
      }
    }
    // Healthcare-associated harm.
    // NHSN counts an infection as hospital-acquired from the third calendar day of the stay.
    s.clabsi = midnights >= 2 && s.line_days > 0 &&
               draw_.chance(0.0011 * s.line_days * (s.unit.dept == ICU ? 1.4 : 1.0));
    s.cauti = midnights >= 2 && s.catheter_days > 0 && draw_.chance(0.0015 * s.catheter_days);
    s.ssi = s.procedure_count > 0 && p.klass != day_case && draw_.chance(s.unit.dept == SURG ? 0.03 : 0.018);
    s.pressure =
        midnights >= 2 && p.klass == inpatient && draw_.chance(p.pressure * (s.patient_days > 7 ? 1.8 : 0.8));
  }

  Draw draw_;
  Calendar calendar_;
  std::vector<Unit> units_;
  Weights unit_weights_;
  std::array<Weights, 15> ages_, diagnoses_, procedures_;
  Weights ethnicity_;
};

void write_csv_header(FileOut& out) {
  out << "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,"
         "sex,"
         "ethnicity,payer,primary_diagnosis,procedure_codes,disposition,patient_days,central_line_days,"
         "urinary_catheter_days,medication_doses,ed_minutes,readmitted_30d,clabsi,cauti,surgical_site_"
         "infection,"
         "pressure_injury";
  out.end_record();
}

void write_csv_row(FileOut& out, const DrawnStay& s, const std::vector<std::string>& sites,
                   const std::vector<std::vector<std::string>>& departments) {
  out.id('E', s.encounter_no) << ',';
  out.id('P', s.patient_no) << ',' << sites[s.unit.site] << ',' << departments[s.unit.site][s.unit.dept]
                            << ',' << encounters::encounter_classes[s.klass] << ',';
  out.instant(s.admitted) << ',';
  out.instant(s.discharged) << ',' << encounters::age_bands[s.age_band] << ',' << encounters::sexes[s.sex]
                            << ',' << kEthnicities[s.ethnicity] << ',' << kPayers[s.payer] << ','
                            << s.diagnosis << ',';
  for (std::size_t i = 0; i < s.procedure_count; ++i) out << (i ? "|" : "") << s.procedures[i];
  out << ',' << s.disposition << ',';
  out.number(s.patient_days) << ',';
  out.number(s.line_days) << ',';
  out.number(s.catheter_days) << ',';
  out.number(s.doses) << ',';
  if (s.ed_minutes >= 0) out.number(s.ed_minutes);
  out << ',' << (s.readmitted ? '1' : '0') << ',' << (s.clabsi ? '1' : '0') << ',' << (s.cauti ? '1' : '0')
      << ',' << (s.ssi ? '1' : '0') << ',' << (s.pressure ? '1' : '0');
  out.end_record();
}

// ---- the unit-level sources ----

std::size_t scaled(std::size_t figure, std::size_t encounters) {
  return static_cast<std::size_t>(static_cast<double>(figure) * static_cast<double>(encounters) / 1e7 + 0.5);
}

void write_incidents(FileOut& out, NetworkDraw& net, std::size_t count, const std::vector<std::string>& sites,
                     const std::vector<std::vector<std::string>>& departments) {
  auto& d = net.draw();
  out << "incident_id,site,department,occurred_day,category,event_type,harm,merp,reached_patient,harmful,"
         "medication_error_reached";
  out.end_record();
  const auto categories = all_event_categories();
  // blood_product, device, fall, hai, medication, perinatal, pressure_injury, surgery_anesthesia, vte, other
  const std::array<double, 10> category_weights{0.02, 0.07, 0.25, 0.05, 0.22, 0.03, 0.10, 0.05, 0.03, 0.18};
  const Weights category_pick(category_weights);
  const std::array<double, 6> harm_weights{0.004, 0.026, 0.10, 0.25, 0.60, 0.02};  // death .. unknown
  const Weights harm_pick(harm_weights);
  for (std::size_t i = 0; i < count; ++i) {
    auto category = categories[category_pick.pick(d)];
    Unit unit = net.unit();
    if (category == EventCategory::perinatal) unit.dept = MAT;
    if (!site_has(unit.site, unit.dept)) unit.dept = MED;
    const double u = d.uniform();
    const auto type = u < 0.70   ? EventType::incident
                      : u < 0.92 ? EventType::near_miss
                                 : EventType::unsafe_condition;
    const auto harm = type == EventType::incident ? all_harm_levels()[harm_pick.pick(d)] : HarmLevel::no_harm;
    std::string_view merp;
    if (category == EventCategory::medication) {
      static constexpr std::string_view reached[] = {"C", "C", "C", "C", "C", "D", "D",
                                                     "D", "E", "F", "G", "H", "I"};
      merp = type != EventType::incident ? (d.chance(0.3) ? "A" : "B") : reached[d.below(std::size(reached))];
    }
    const bool harmful = harm == HarmLevel::death || harm == HarmLevel::severe ||
                         harm == HarmLevel::moderate || harm == HarmLevel::mild;
    const bool med_reached = category == EventCategory::medication && !merp.empty() && merp >= "C";
    out.id('I', i + 1) << ',' << sites[unit.site] << ',' << departments[unit.site][unit.dept] << ',';
    out.date(net.calendar().pick(d)) << ',' << to_string(category) << ',' << to_string(type) << ','
                                     << to_string(harm) << ',' << merp << ','
                                     << (type == EventType::incident ? '1' : '0') << ','
                                     << (harmful ? '1' : '0') << ',' << (med_reached ? '1' : '0');
    out.end_record();
  }
}

void write_capa(FileOut& out, NetworkDraw& net, std::size_t count, const std::vector<std::string>& sites,
                const std::vector<std::vector<std::string>>& departments) {
  auto& d = net.draw();
  out << "capa_id,site,department,source,state,due_day,closed,closed_on_time";
  out.end_record();
  const auto sources = all_capa_sources();
  for (std::size_t i = 0; i < count; ++i) {
    const Unit unit = net.unit();
    const int due = net.calendar().pick(d);
    const bool closed = d.chance(due < net.calendar().last() - 120 ? 0.9 : 0.5);
    const bool on_time = closed && d.chance(0.72);
    const auto state =
        closed ? CapaState::closed : all_capa_states()[d.below(4)];  // open .. awaiting_verification
    out.id('C', i + 1) << ',' << sites[unit.site] << ',' << departments[unit.site][unit.dept] << ','
                       << to_string(sources[d.below(sources.size())]) << ',' << to_string(state) << ',';
    out.date(due) << ',' << (closed ? '1' : '0') << ',' << (on_time ? '1' : '0');
    out.end_record();
  }
}

void write_survey(FileOut& out, NetworkDraw& net, std::size_t count, const std::vector<std::string>& sites,
                  const std::vector<std::vector<std::string>>& departments) {
  auto& d = net.draw();
  // The items of encounters::survey_items(), in that order, with the share of answers in the top box.
  struct Item {
    std::string_view id;
    int min, max, top_from;
    double top_share;
  };
  static constexpr Item items[] = {
      {"nurse_communication", 1, 4, 4, 0.80},   {"doctor_communication", 1, 4, 4, 0.81},
      {"staff_responsiveness", 1, 4, 4, 0.66},  {"medicine_communication", 1, 4, 4, 0.62},
      {"cleanliness", 1, 4, 4, 0.75},           {"quietness", 1, 4, 4, 0.62},
      {"discharge_information", 1, 2, 2, 0.87}, {"care_transition", 1, 4, 4, 0.52},
      {"overall_rating", 0, 10, 9, 0.73},       {"recommend", 1, 4, 4, 0.72}};
  out << "response_id,site,department,visit_date,age_band,sex,ethnicity,payer";
  for (const auto& item : items) out << ',' << item.id;
  out.end_record();
  for (std::size_t i = 0; i < count; ++i) {
    Unit unit = net.inpatient_unit();
    const double site_effect = 0.04 * (static_cast<double>(unit.site % 5) - 2.0);  // some sites do better
    const std::size_t band = unit.dept == PAED ? 0 : 1 + d.below(5);
    out.id('S', i + 1) << ',' << sites[unit.site] << ',' << departments[unit.site][unit.dept] << ',';
    out.date(net.calendar().pick(d)) << ',' << encounters::age_bands[band] << ','
                                     << encounters::sexes[unit.dept == MAT ? 0 : d.below(2)] << ','
                                     << kEthnicities[d.below(kEthnicities.size())] << ','
                                     << kPayers[d.below(kPayers.size())];
    for (const auto& item : items) {
      out << ',';
      if (d.chance(0.05)) continue;  // left blank
      int answer;
      if (d.chance(std::clamp(item.top_share + site_effect, 0.0, 1.0)))
        answer = d.between(item.top_from, item.max);
      else
        answer = d.between(item.min, item.top_from - 1);
      out.number(answer);
    }
    out.end_record();
  }
}

void write_observations(FileOut& out, NetworkDraw& net, std::size_t count,
                        const std::vector<std::string>& sites,
                        const std::vector<std::vector<std::string>>& departments) {
  auto& d = net.draw();
  out << "observation_id,kind,site,department,observed_on,moment,compliant";
  out.end_record();
  const int first = net.calendar().first(), span = net.calendar().last() - first;
  for (std::size_t i = 0; i < count; ++i) {
    const Unit unit = net.unit();
    const int day = net.calendar().pick(d);
    // Compliance improves over the three years (a hand-hygiene campaign), and ICU does best.
    const double p =
        0.78 + 0.10 * (day - first) / span + (unit.dept == ICU ? 0.05 : 0.0) - (unit.dept == ED ? 0.06 : 0.0);
    out.id('O', i + 1) << ",hand_hygiene," << sites[unit.site] << ',' << departments[unit.site][unit.dept]
                       << ',';
    out.date(day) << ',' << encounters::hand_hygiene_moments[d.below(5)] << ','
                  << (d.chance(p) ? "yes" : "no");
    out.end_record();
  }
}

void write_complaints(FileOut& out, NetworkDraw& net, std::size_t count,
                      const std::vector<std::string>& sites,
                      const std::vector<std::vector<std::string>>& departments) {
  auto& d = net.draw();
  out << "complaint_id,site,department,received_on,category,severity";
  out.end_record();
  static constexpr double category_weights[] = {0.25, 0.22, 0.15, 0.18, 0.07, 0.05, 0.08};
  static constexpr double severity_weights[] = {0.6, 0.32, 0.08};
  const Weights category(category_weights), severity(severity_weights);
  for (std::size_t i = 0; i < count; ++i) {
    const Unit unit = net.unit();
    out.id('Q', i + 1) << ',' << sites[unit.site] << ',' << departments[unit.site][unit.dept] << ',';
    out.date(net.calendar().pick(d)) << ',' << encounters::complaint_categories[category.pick(d)] << ','
                                     << encounters::complaint_severities[severity.pick(d)];
    out.end_record();
  }
}

}  // namespace

NetworkSize NetworkSize::for_encounters(std::size_t encounters, std::size_t fhir_encounters) {
  const NetworkSize full;
  return {encounters,
          std::min(encounters, fhir_encounters),
          scaled(full.incidents, encounters),
          scaled(full.survey_responses, encounters),
          scaled(full.observations, encounters),
          scaled(full.complaints, encounters),
          scaled(full.capa, encounters)};
}

std::vector<std::string> network_sites() {
  std::vector<std::string> out;
  for (std::size_t s = 0; s < kSites; ++s) out.push_back(site_code(s));
  return out;
}

std::vector<std::string> network_departments() {
  std::vector<std::string> out;
  for (std::size_t s = 0; s < kSites; ++s)
    for (std::size_t d = 0; d < kDepartments.size(); ++d)
      if (site_has(s, d)) out.push_back(site_code(s) + "-" + std::string(kDepartments[d]));
  return out;
}

GeneratedNetwork generate_network(const std::filesystem::path& directory, const NetworkSize& size,
                                  std::uint64_t seed) {
  std::filesystem::create_directories(directory);
  const auto sites = network_sites();
  std::vector<std::vector<std::string>> departments(kSites);
  for (std::size_t s = 0; s < kSites; ++s)
    for (auto dept : kDepartments) departments[s].push_back(sites[s] + "-" + std::string(dept));

  GeneratedNetwork result;
  NetworkDraw net(seed);
  {
    FileOut csv(directory / "encounters.csv");
    write_csv_header(csv);
    std::unique_ptr<FhirWriter> fhir;
    if (size.fhir_encounters > 0) fhir = std::make_unique<FhirWriter>(directory / "fhir");
    std::uint64_t encounter_no = 0, patient_no = 0;
    while (encounter_no < size.encounters) {
      // One episode: a patient's first stay and the readmissions that follow it, written together so the
      // FHIR export holds whole episodes.
      const bool in_fhir = fhir && encounter_no < size.fhir_encounters;
      DrawnStay stay = net.first_stay(++encounter_no, ++patient_no);
      if (in_fhir)
        fhir->patient(FhirPatient{stay.patient_no, stay.birth_day, encounters::sexes[stay.sex],
                                  kEthnicities[stay.ethnicity], kPayers[stay.payer]});
      for (;;) {
        stay.readmitted = encounter_no < size.encounters && net.will_be_readmitted(stay);
        write_csv_row(csv, stay, sites, departments);
        if (in_fhir) {
          FhirStay f;
          f.encounter_no = stay.encounter_no;
          f.patient_no = stay.patient_no;
          f.site = sites[stay.unit.site];
          f.department = departments[stay.unit.site][stay.unit.dept];
          f.encounter_class = encounters::encounter_classes[stay.klass];
          f.admitted = stay.admitted;
          f.discharged = stay.discharged;
          f.diagnosis = stay.diagnosis;
          f.procedures = std::span(stay.procedures.data(), stay.procedure_count);
          f.disposition = stay.disposition;
          f.payer = kPayers[stay.payer];
          f.patient_days = stay.patient_days;
          f.line_days = stay.line_days;
          f.catheter_days = stay.catheter_days;
          f.doses = stay.doses;
          f.ed_minutes = stay.ed_minutes;
          f.clabsi = stay.clabsi;
          f.cauti = stay.cauti;
          f.ssi = stay.ssi;
          f.pressure = stay.pressure;
          fhir->stay(f);
          ++result.fhir_encounters;
        }
        if (stay.klass == inpatient) ++result.inpatient_stays;
        if (stay.klass == emergency) ++result.ed_visits;
        result.readmitted += stay.readmitted;
        result.deaths += stay.disposition == "died";
        result.left_without_being_seen += stay.disposition == "left_without_being_seen";
        if (!stay.readmitted) break;
        stay = net.readmission(stay, ++encounter_no);
      }
    }
    result.encounters_csv = csv.close();
    if (fhir) result.fhir_files = fhir->close();
  }
  const auto write = [&](const char* name, auto writer, std::size_t count) {
    FileOut out(directory / name);
    writer(out, net, count, sites, departments);
    return out.close();
  };
  result.incidents_csv = write("incidents.csv", write_incidents, size.incidents);
  result.capa_csv = write("capa.csv", write_capa, size.capa);
  result.survey_csv = write("survey.csv", write_survey, size.survey_responses);
  result.observations_csv = write("observations.csv", write_observations, size.observations);
  result.complaints_csv = write("complaints.csv", write_complaints, size.complaints);
  return result;
}

}  // namespace hqms::bench
