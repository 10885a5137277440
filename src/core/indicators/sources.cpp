#include "core/indicators/sources.hpp"

#include <array>
#include <string>
#include <utility>

namespace hqms::indicators {
namespace {

ColumnSpec dimension(std::string name, std::string label) {
  return {std::move(name), ColumnKind::dimension, std::move(label)};
}
ColumnSpec code_list(std::string name, std::string label) {
  return {std::move(name), ColumnKind::code_list, std::move(label)};
}
ColumnSpec flag(std::string name, std::string label) {
  return {std::move(name), ColumnKind::flag, std::move(label)};
}
ColumnSpec number(std::string name, std::string label) {
  return {std::move(name), ColumnKind::number, std::move(label)};
}
ColumnSpec day(std::string name, std::string label) {
  return {std::move(name), ColumnKind::day, std::move(label)};
}

}  // namespace

const FactSchema& encounter_schema() {
  static const FactSchema schema{std::string(encounters_source),
                                 "Encounters",
                                 {dimension("site", "Site"),
                                  dimension("department", "Department"),
                                  dimension("encounter_class", "Encounter class"),
                                  dimension("age_band", "Age band"),
                                  dimension("sex", "Sex"),
                                  dimension("ethnicity", "Ethnicity"),
                                  dimension("payer", "Payer"),
                                  dimension("primary_diagnosis", "Primary diagnosis (ICD-10)"),
                                  dimension("disposition", "Disposition"),
                                  code_list("procedures", "Procedures"),
                                  day("admission_day", "Admission day"),
                                  day("discharge_day", "Discharge day"),
                                  number("patient_days", "Patient-days"),
                                  number("central_line_days", "Central-line days"),
                                  number("urinary_catheter_days", "Urinary catheter days"),
                                  number("medication_doses", "Medication doses"),
                                  number("ed_minutes", "Minutes in the ED"),
                                  flag("readmitted_30d", "Readmitted within 30 days"),
                                  flag("died", "Died"),
                                  flag("left_without_being_seen", "Left without being seen"),
                                  flag("clabsi", "Central line-associated bloodstream infection"),
                                  flag("cauti", "Catheter-associated urinary tract infection"),
                                  flag("surgical_site_infection", "Surgical site infection"),
                                  flag("pressure_injury", "Pressure injury"),
                                  flag("surgical", "Surgical (at least one procedure)")},
                                 "discharge_day"};
  return schema;
}

const FactSchema& incident_schema() {
  static const FactSchema schema{
      std::string(incidents_source),
      "Patient-safety incidents",
      {dimension("site", "Site"), dimension("department", "Department"), dimension("category", "Category"),
       dimension("event_type", "Event type"), dimension("harm", "Harm"),
       dimension("merp", "NCC MERP category"), day("occurred_day", "Day it occurred"),
       flag("reached_patient", "Reached the patient"), flag("harmful", "Harmful"),
       flag("medication_error_reached", "Medication error that reached the patient")},
      "occurred_day"};
  return schema;
}

const FactSchema& capa_schema() {
  static const FactSchema schema{
      std::string(capa_source),
      "Corrective and preventive actions",
      {dimension("site", "Site"), dimension("department", "Department"), dimension("source", "Source"),
       dimension("state", "State"), day("due_day", "Due day"), flag("closed", "Closed"),
       flag("closed_on_time", "Closed on time")},
      "due_day"};
  return schema;
}

const FactSchema& survey_schema() {
  static const FactSchema schema{
      std::string(survey_source),
      "Patient-experience survey answers",
      {dimension("site", "Site"), dimension("department", "Department"), dimension("item", "Survey item"),
       dimension("age_band", "Age band"), dimension("sex", "Sex"), dimension("ethnicity", "Ethnicity"),
       dimension("payer", "Payer"), day("visit_day", "Visit day"), number("answer", "Answer"),
       flag("top_box", "Top-box answer")},
      "visit_day"};
  return schema;
}

const FactSchema& observation_schema() {
  static const FactSchema schema{std::string(observations_source),
                                 "Compliance observations",
                                 {dimension("site", "Site"), dimension("department", "Department"),
                                  dimension("kind", "Kind of observation"), dimension("moment", "Moment"),
                                  day("observed_day", "Day observed"), flag("compliant", "Compliant")},
                                 "observed_day"};
  return schema;
}

const FactSchema& complaint_schema() {
  static const FactSchema schema{
      std::string(complaints_source),
      "Complaints",
      {dimension("site", "Site"), dimension("department", "Department"), dimension("category", "Category"),
       dimension("severity", "Severity"), day("received_day", "Day received")},
      "received_day"};
  return schema;
}

std::span<const FactSchema* const> all_schemas() {
  static const std::array<const FactSchema*, 6> schemas{&encounter_schema(),   &incident_schema(),
                                                        &capa_schema(),        &survey_schema(),
                                                        &observation_schema(), &complaint_schema()};
  return schemas;
}

const FactSchema* schema_of(std::string_view source) {
  for (const auto* schema : all_schemas()) {
    if (schema->source == source) return schema;
  }
  return nullptr;
}

const FactTable* IndicatorData::table(std::string_view source) const {
  if (source == encounters_source) return &encounters;
  if (source == incidents_source) return &incidents;
  if (source == capa_source) return &capa;
  if (source == survey_source) return &survey;
  if (source == observations_source) return &observations;
  if (source == complaints_source) return &complaints;
  return nullptr;
}

}  // namespace hqms::indicators
