#pragma once
// How a patient-safety event is classified: event type, AHRQ Common Formats (Hospital) category, AHRQ harm
// scale, and for medication events the NCC MERP category.
#include <optional>
#include <span>
#include <string_view>

namespace hqms {

enum class EventType {
  incident,          // reached the patient
  near_miss,         // did not reach the patient
  unsafe_condition,  // a circumstance that could cause an event; no patient involved
};

enum class EventCategory {
  blood_product,
  device,  // device or medical/surgical supply, including health IT
  fall,
  healthcare_associated_infection,
  medication,  // medication or other substance
  perinatal,
  pressure_injury,
  surgery_anesthesia,
  venous_thromboembolism,
  other,
};

// AHRQ Common Formats harm scale.
enum class HarmLevel { death, severe, moderate, mild, no_harm, unknown };

enum class HarmDuration { permanent, temporary, unknown };

// NCC MERP Index for Categorizing Medication Errors.
enum class MerpCategory { A, B, C, D, E, F, G, H, I };

std::span<const EventType> all_event_types();
std::span<const EventCategory> all_event_categories();
std::span<const HarmLevel> all_harm_levels();
std::span<const MerpCategory> all_merp_categories();

std::string_view to_string(EventType v);
std::string_view to_string(EventCategory v);
std::string_view to_string(HarmLevel v);
std::string_view to_string(HarmDuration v);
std::string_view to_string(MerpCategory v);
std::optional<EventType> event_type_from_string(std::string_view s);
std::optional<EventCategory> event_category_from_string(std::string_view s);
std::optional<HarmLevel> harm_level_from_string(std::string_view s);
std::optional<HarmDuration> harm_duration_from_string(std::string_view s);
std::optional<MerpCategory> merp_category_from_string(std::string_view s);

std::string_view label(EventType v);
std::string_view label(EventCategory v);
std::string_view label(HarmLevel v);
std::string_view label(HarmDuration v);
std::string_view label(MerpCategory v);
std::string_view meaning(EventType v);
// The official wording of each NCC MERP category, shown beside the choice on the report form.
std::string_view meaning(MerpCategory v);
std::string_view meaning(HarmLevel v);

}  // namespace hqms
