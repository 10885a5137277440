#pragma once
// The sources an indicator can count from, and their columns: the names indicator filters use, and the
// names the import files and the API document (docs/user-guide/indicators.md lists them with meanings).
//
// encounters   one row per hospital stay or ED visit (imported: CSV or FHIR R4 bulk NDJSON)
//   dimensions  site, department, encounter_class (inpatient | emergency | day_case), age_band, sex,
//   ethnicity,
//               payer, primary_diagnosis (ICD-10 code), disposition
//   code_list   procedures (procedure codes)
//   days        admission_day, discharge_day (period_day)
//   numbers     patient_days, central_line_days, urinary_catheter_days, medication_doses, ed_minutes (NaN
//   when
//               the stay did not start in the ED)
//   flags       readmitted_30d, died, left_without_being_seen, clabsi, cauti, surgical_site_infection,
//               pressure_injury, surgical (has at least one procedure)
// incidents    one row per patient-safety event reported in HQMS (not deleted)
//   dimensions  site, department, category, event_type, harm, merp
//   days        occurred_day (period_day)
//   flags       reached_patient (event_type incident), harmful (harm mild, moderate, severe or death),
//               medication_error_reached (medication, NCC MERP C to I)
// capa         one row per CAPA with a due date: the later of its last non-cancelled action's due date and
// its
//              effectiveness check's due date (CAPAs with neither are not counted)
//   dimensions  site, department, source, state (cancelled ones included: filter them out)
//   days        due_day (period_day)
//   flags       closed, closed_on_time (closed no later than its due date)
// survey       one row per answered item of a patient-experience survey response (imported CSV)
//   dimensions  site, department, item, age_band, sex, ethnicity, payer
//   days        visit_day (period_day)
//   numbers     answer
//   flags       top_box (the answer is in the item's top box)
// observations one row per compliance observation (imported CSV; hand hygiene and other audits)
//   dimensions  site, department, kind (hand_hygiene...), moment
//   days        observed_day (period_day)
//   flags       compliant
// complaints   one row per complaint received (imported CSV until HQMS has its own complaints register)
//   dimensions  site, department, category, severity
//   days        received_day (period_day)
#include <span>
#include <string_view>

#include "core/indicators/fact_table.hpp"

namespace hqms::indicators {

inline constexpr std::string_view encounters_source = "encounters";
inline constexpr std::string_view incidents_source = "incidents";
inline constexpr std::string_view capa_source = "capa";
inline constexpr std::string_view survey_source = "survey";
inline constexpr std::string_view observations_source = "observations";
inline constexpr std::string_view complaints_source = "complaints";

const FactSchema& encounter_schema();
const FactSchema& incident_schema();
const FactSchema& capa_schema();
const FactSchema& survey_schema();
const FactSchema& observation_schema();
const FactSchema& complaint_schema();
std::span<const FactSchema* const> all_schemas();
const FactSchema* schema_of(std::string_view source);

// The demographic dimensions an indicator may be stratified by, besides site and department.
inline constexpr std::string_view stratum_dimensions[] = {"site", "department", "age_band",
                                                          "sex",  "ethnicity",  "payer"};

// Every table the engine reads, one per source (an empty table where nothing was imported yet).
struct IndicatorData {
  FactTable encounters{encounter_schema()};
  FactTable incidents{incident_schema()};
  FactTable capa{capa_schema()};
  FactTable survey{survey_schema()};
  FactTable observations{observation_schema()};
  FactTable complaints{complaint_schema()};

  const FactTable* table(std::string_view source) const;
};

}  // namespace hqms::indicators
