#include "core/incidents/classification.hpp"

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

constexpr EnumTable<EventType, 3> kEventTypes{{
    {EventType::incident, "incident", "Incident", "A patient safety event that reached the patient."},
    {EventType::near_miss, "near_miss", "Near miss", "An event that did not reach the patient."},
    {EventType::unsafe_condition, "unsafe_condition", "Unsafe condition",
     "A circumstance that increases the probability of a patient safety event."},
}};

constexpr EnumTable<EventCategory, 10> kCategories{{
    {EventCategory::blood_product, "blood_product", "Blood or blood product", ""},
    {EventCategory::device, "device", "Device or medical/surgical supply, including health IT", ""},
    {EventCategory::fall, "fall", "Fall", ""},
    {EventCategory::healthcare_associated_infection, "healthcare_associated_infection",
     "Healthcare-associated infection", ""},
    {EventCategory::medication, "medication", "Medication or other substance", ""},
    {EventCategory::perinatal, "perinatal", "Perinatal", ""},
    {EventCategory::pressure_injury, "pressure_injury", "Pressure injury", ""},
    {EventCategory::surgery_anesthesia, "surgery_anesthesia", "Surgery or anesthesia", ""},
    {EventCategory::venous_thromboembolism, "venous_thromboembolism", "Venous thromboembolism", ""},
    {EventCategory::other, "other", "Other", ""},
}};

// AHRQ Common Formats harm scale.
constexpr EnumTable<HarmLevel, 6> kHarm{{
    {HarmLevel::death, "death", "Death", "Dead at the time of assessment."},
    {HarmLevel::severe, "severe", "Severe harm",
     "Bodily or psychological injury (including pain or disfigurement) that interferes significantly with "
     "functional ability or quality of life."},
    {HarmLevel::moderate, "moderate", "Moderate harm",
     "Bodily or psychological injury adversely affecting functional ability or quality of life, but not at "
     "the "
     "level of severe harm."},
    {HarmLevel::mild, "mild", "Mild harm",
     "Minimal symptoms or loss of function, or injury limited to additional treatment, monitoring, and/or "
     "increased length of stay."},
    {HarmLevel::no_harm, "no_harm", "No harm", "Event reached patient, but no harm was evident."},
    {HarmLevel::unknown, "unknown", "Unknown", "The degree of harm cannot be determined yet."},
}};

constexpr EnumTable<HarmDuration, 3> kDurations{{
    {HarmDuration::permanent, "permanent", "Permanent", ""},
    {HarmDuration::temporary, "temporary", "Temporary", ""},
    {HarmDuration::unknown, "unknown", "Unknown", ""},
}};

// NCC MERP Index for Categorizing Medication Errors, in its official wording.
constexpr EnumTable<MerpCategory, 9> kMerp{{
    {MerpCategory::A, "A", "Category A", "Circumstances or events that have the capacity to cause error."},
    {MerpCategory::B, "B", "Category B",
     "An error occurred but the error did not reach the patient (an \"error of omission\" does reach the "
     "patient)."},
    {MerpCategory::C, "C", "Category C",
     "An error occurred that reached the patient but did not cause patient harm."},
    {MerpCategory::D, "D", "Category D",
     "An error occurred that reached the patient and required monitoring to confirm that it resulted in no "
     "harm "
     "to the patient and/or required intervention to preclude harm."},
    {MerpCategory::E, "E", "Category E",
     "An error occurred that may have contributed to or resulted in temporary harm to the patient and "
     "required "
     "intervention."},
    {MerpCategory::F, "F", "Category F",
     "An error occurred that may have contributed to or resulted in temporary harm to the patient and "
     "required "
     "initial or prolonged hospitalization."},
    {MerpCategory::G, "G", "Category G",
     "An error occurred that may have contributed to or resulted in permanent patient harm."},
    {MerpCategory::H, "H", "Category H",
     "An error occurred that required intervention necessary to sustain life."},
    {MerpCategory::I, "I", "Category I",
     "An error occurred that may have contributed to or resulted in the patient's death."},
}};

}  // namespace

std::span<const EventType> all_event_types() {
  return enum_values(kEventTypes);
}
std::span<const EventCategory> all_event_categories() {
  return enum_values(kCategories);
}
std::span<const HarmLevel> all_harm_levels() {
  return enum_values(kHarm);
}
std::span<const MerpCategory> all_merp_categories() {
  return enum_values(kMerp);
}

std::string_view to_string(EventType v) {
  return enum_name(kEventTypes, v).id;
}
std::string_view to_string(EventCategory v) {
  return enum_name(kCategories, v).id;
}
std::string_view to_string(HarmLevel v) {
  return enum_name(kHarm, v).id;
}
std::string_view to_string(HarmDuration v) {
  return enum_name(kDurations, v).id;
}
std::string_view to_string(MerpCategory v) {
  return enum_name(kMerp, v).id;
}
std::optional<EventType> event_type_from_string(std::string_view s) {
  return enum_from_id(kEventTypes, s);
}
std::optional<EventCategory> event_category_from_string(std::string_view s) {
  return enum_from_id(kCategories, s);
}
std::optional<HarmLevel> harm_level_from_string(std::string_view s) {
  return enum_from_id(kHarm, s);
}
std::optional<HarmDuration> harm_duration_from_string(std::string_view s) {
  return enum_from_id(kDurations, s);
}
std::optional<MerpCategory> merp_category_from_string(std::string_view s) {
  return enum_from_id(kMerp, s);
}

std::string_view label(EventType v) {
  return enum_name(kEventTypes, v).label;
}
std::string_view label(EventCategory v) {
  return enum_name(kCategories, v).label;
}
std::string_view label(HarmLevel v) {
  return enum_name(kHarm, v).label;
}
std::string_view label(HarmDuration v) {
  return enum_name(kDurations, v).label;
}
std::string_view label(MerpCategory v) {
  return enum_name(kMerp, v).label;
}
std::string_view meaning(EventType v) {
  return enum_name(kEventTypes, v).meaning;
}
std::string_view meaning(MerpCategory v) {
  return enum_name(kMerp, v).meaning;
}
std::string_view meaning(HarmLevel v) {
  return enum_name(kHarm, v).meaning;
}

}  // namespace hqms
