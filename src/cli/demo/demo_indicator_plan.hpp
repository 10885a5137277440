#pragma once
// The demo hospital's three years of indicator data: which months, which units, and the special causes
// planted in otherwise common-cause data, so the dashboards have something true to find. Each cause is placed
// by month index (0 = the first of the 36 months, 35 = the last complete month before the clock's today);
// docs/user-guide/indicators.md describes them for the people who walk through the demo.
//
//   month 18  CLABSI falls: a central-line insertion and maintenance bundle starts on every unit (a process
//             change annotation starts a new phase on the CLABSI chart, organisation and ICU).
//   month 24  Hand hygiene shifts up from about 79% to about 91% after a WHO 5 Moments campaign (annotated).
//   month 26  One month of high in-hospital mortality (an influenza surge on the medical wards and ICU):
//             a point beyond the upper limit.
//   28 - 35   ED "left without being seen" at the Main Campus rises every month from 3% to 10% (a trend of 8
//             points on the ED's chart; the organisation's chart climbs past its upper limit).
//   33 - 35   Falls on General Medicine (MED) rise month on month, the last beyond the limit: a concern
//             signal a manager can open a CAPA from.
// Everything else is common-cause variation (seeded, so every demo is the same), with equity gaps to find by
// stratifying: Irish Traveller and self-paying patients leave the ED unseen about twice as often, Travellers
// are readmitted more and rate their care lower.
#include <chrono>
#include <string>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"

namespace hqms::cli {

inline constexpr int kDemoMonths = 36;
inline constexpr int kLineBundleMonth = 18;
inline constexpr int kHandHygieneCampaignMonth = 24;
inline constexpr int kMortalitySurgeMonth = 26;
inline constexpr int kLwbsTrendFirstMonth = 28;
inline constexpr int kMedFallsRiseFirstMonth = 33;

// The 36 calendar months that end with the last complete month before `now`.
struct DemoMonths {
  std::chrono::year_month first;

  std::chrono::year_month at(int index) const { return first + std::chrono::months(index); }
  std::chrono::sys_days first_day(int index) const { return std::chrono::sys_days(at(index) / 1); }
  int days_in(int index) const {
    return static_cast<int>(
               (std::chrono::sys_days(at(index) / std::chrono::last) - first_day(index)).count()) +
           1;
  }
  std::string label(int index) const;  // "2025-05", as the chart's period axis writes it
};
DemoMonths demo_months(Timestamp now);

// Records as the demo writes them: the imports' records hold views, these own their text.
struct DemoEncounter {
  std::string id, pseudonym, site, department, encounter_class, age_band, sex, ethnicity, payer, diagnosis,
      disposition;
  std::vector<std::string> procedures;
  std::int64_t admitted_at = 0, discharged_at = 0;
  double patient_days = 0, central_line_days = 0, urinary_catheter_days = 0, medication_doses = 0;
  std::optional<double> ed_minutes;
  bool readmitted_30d = false, clabsi = false, cauti = false, ssi = false, pressure_injury = false;
};

struct DemoSurveyResponse {
  std::string id, site, department, age_band, sex, ethnicity, payer;
  indicators::DayNumber visit_day = 0;
  std::vector<std::pair<std::string, int>> answers;  // item id, answer
};

struct DemoObservation {
  std::string id, site, department, moment;
  indicators::DayNumber observed_day = 0;
  bool compliant = false;
};

struct DemoComplaint {
  std::string id, site, department, category, severity;
  indicators::DayNumber received_day = 0;
};

// Generators (seeded): each returns the same records for the same months.
std::vector<DemoEncounter> demo_encounters(const DemoMonths& months);
std::vector<DemoSurveyResponse> demo_survey_responses(const DemoMonths& months);
std::vector<DemoObservation> demo_hand_hygiene(const DemoMonths& months);
std::vector<DemoComplaint> demo_complaints(const DemoMonths& months);

}  // namespace hqms::cli
