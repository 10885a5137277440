#pragma once
// Records counted per unit and day rather than per patient: compliance observations (hand hygiene audits
// following the WHO "My 5 Moments") and complaints received (until HQMS has its own complaints register).
#include <span>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/indicators/fact_table.hpp"

namespace hqms::encounters {

inline constexpr std::string_view observation_kinds[] = {"hand_hygiene"};
// WHO 5 Moments; "" where the audit does not record it.
inline constexpr std::string_view hand_hygiene_moments[] = {
    "before_patient", "before_aseptic", "after_body_fluid", "after_patient", "after_surroundings"};

struct ObservationRecord {
  std::string_view observation_id;  // unique; importing it again updates it
  std::string_view kind;
  std::string_view site;
  std::string_view department;
  indicators::DayNumber observed_day = 0;
  std::string_view moment;
  bool compliant = false;
};

inline constexpr std::string_view complaint_categories[] = {
    "clinical_care", "communication", "staff_attitude", "waiting_times", "environment", "billing", "other"};
inline constexpr std::string_view complaint_severities[] = {"low", "moderate", "high"};

struct ComplaintRecord {
  std::string_view complaint_id;  // unique; importing it again updates it
  std::string_view site;
  std::string_view department;
  indicators::DayNumber received_day = 0;
  std::string_view category;
  std::string_view severity;
};

std::vector<FieldError> check_observation(const ObservationRecord& record, const KnownUnits* units);
std::vector<FieldError> check_complaint(const ComplaintRecord& record, const KnownUnits* units);
void append_observation(indicators::FactTable& table, const ObservationRecord& record);
void append_complaint(indicators::FactTable& table, const ComplaintRecord& record);

}  // namespace hqms::encounters
