#include "core/incidents/incident_report.hpp"

#include "core/common/enum_table.hpp"

namespace hqms {
namespace {

// After the Severity Assessment Code: how bad the worst credible outcome is, which ranks the triage queue.
constexpr EnumTable<Severity, 4> kSeverities{{
    {Severity::minor, "minor", "Minor", "No injury or increased length of stay; little or no impact."},
    {Severity::moderate, "moderate", "Moderate",
     "Increased length of stay or level of care, or a short-term effect on the patient."},
    {Severity::major, "major", "Major",
     "Permanent lessening of bodily function, or a major service disruption."},
    {Severity::catastrophic, "catastrophic", "Catastrophic",
     "Death or major permanent loss of function not related to the natural course of the illness."},
}};

}  // namespace

std::string_view to_string(Severity v) {
  return enum_name(kSeverities, v).id;
}
std::optional<Severity> severity_from_string(std::string_view s) {
  return enum_from_id(kSeverities, s);
}
std::string_view label(Severity v) {
  return enum_name(kSeverities, v).label;
}

}  // namespace hqms
