#pragma once
// One hospital stay or ED visit as the EHR exports it, the way every import (CSV, FHIR) hands it on: to the
// database on `hqms import`, to the engine's columnar table when the data is loaded. Text fields are views
// that stay valid only while the record is being handed on: imports stream millions of records and allocate
// nothing per record.
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/fact_table.hpp"

namespace hqms::encounters {

// Value sets (ids as the files and the API carry them).
inline constexpr std::string_view age_bands[] = {"0-17", "18-44", "45-64", "65-74", "75-84", "85+"};
inline constexpr std::string_view sexes[] = {"female", "male", "other",
                                             "unknown"};  // FHIR AdministrativeGender
inline constexpr std::string_view encounter_classes[] = {"inpatient", "emergency", "day_case"};
inline constexpr std::string_view dispositions[] = {
    "home", "transfer", "care_facility", "died", "left_without_being_seen", "against_advice", "other"};

struct EncounterRecord {
  std::string_view encounter_id;  // the source system's id; importing it again updates the stay in place
  std::string_view patient_pseudonym;
  std::string_view site;        // HQMS site code
  std::string_view department;  // HQMS department code (discharging department)
  std::string_view encounter_class;
  std::int64_t admitted_at = 0;    // Unix seconds, UTC
  std::int64_t discharged_at = 0;  // Unix seconds, UTC
  std::string_view age_band;       // at admission
  std::string_view sex;
  std::string_view ethnicity;  // the hospital's own categories; "unknown" when not recorded
  std::string_view payer;
  std::string_view primary_diagnosis;            // ICD-10 code, e.g. "I21.4"
  std::span<const std::string_view> procedures;  // procedure codes
  std::string_view disposition;
  double patient_days = 0;
  double central_line_days = 0;
  double urinary_catheter_days = 0;
  double medication_doses = 0;
  std::optional<double> ed_minutes;  // minutes from ED arrival to departure, when the stay began in the ED
  bool readmitted_30d = false;       // an unplanned readmission followed within 30 days of this discharge
  bool clabsi = false;               // central line-associated bloodstream infection (NHSN criteria)
  bool cauti = false;                // catheter-associated urinary tract infection (NHSN criteria)
  bool surgical_site_infection = false;
  bool pressure_injury = false;  // hospital-acquired, stage 2 or worse
};

// Which departments exist, by code, and the site each belongs to; imports reject rows naming others.
// Null where any code is accepted (the benchmark's synthetic network).
struct KnownUnits {
  // department code -> site code
  virtual ~KnownUnits() = default;
  virtual std::optional<std::string_view> site_of_department(std::string_view department) const = 0;
};

// The rules every record must keep, whatever file it came in: required fields, value sets, discharge not
// before admission, days not negative, device-days not above the stay's days + 1, the department known and at
// that site. Field names are the CSV column names.
std::vector<FieldError> check_encounter(const EncounterRecord& record, const KnownUnits* units);

// Appends the record as one row of the engine's encounters table (indicators::encounter_schema()).
void append_encounter(indicators::FactTable& table, const EncounterRecord& record);

}  // namespace hqms::encounters
