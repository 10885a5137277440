// HQMS event reports out as FHIR R4 AdverseEvent resources.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/incidents/incident_rules.hpp"
#include "core/interop/fhir_adverse_event.hpp"
#include "core/interop/fhir_vocabulary.hpp"

namespace hqms {
namespace {

using json = nlohmann::json;
using namespace fhir;

json coding(const char* system, std::string_view code, std::string_view display) {
  return {{"system", system}, {"code", code}, {"display", display}};
}

json concept_of(const char* system, std::string_view code, std::string_view display) {
  return {{"coding", json::array({coding(system, code, display)})}};
}

json code_extension(const char* url, std::string_view code) {
  return {{"url", url}, {"valueCode", code}};
}

json string_extension(const char* url, const std::string& value) {
  return {{"url", url}, {"valueString", value}};
}

json category_of(EventCategory category) {
  json codings = json::array({coding(kEventCategorySystem, to_string(category), label(category))});
  // Only the generic codes fit every event of an HQMS category; the finer ones (wrong dose, wrong rate ...)
  // would claim more than the report says.
  std::string_view fhir;
  if (category == EventCategory::medication) fhir = "product-use-error";
  if (category == EventCategory::device) fhir = "product-problem";
  if (const auto* c = fhir_category(fhir)) codings.push_back(coding(kCategorySystem, c->code, c->display));
  return {{"coding", codings}};
}

json extensions_of(const IncidentSubmission& e) {
  json out = json::array({code_extension(kEventTypeUrl, to_string(e.type)),
                          code_extension(kHarmUrl, to_string(e.harm)),
                          code_extension(kHarmDurationUrl, to_string(e.harm_duration))});
  if (e.merp) out.push_back(code_extension(kMerpUrl, to_string(*e.merp)));
  for (const auto& [name, value] : e.details)
    out.push_back(
        {{"url", kEventDetailUrl},
         {"extension", json::array({code_extension("name", name), string_extension("value", value)})}});
  if (!e.people_involved.empty()) out.push_back(string_extension(kPeopleInvolvedUrl, e.people_involved));
  if (!e.immediate_actions.empty())
    out.push_back(string_extension(kImmediateActionsUrl, e.immediate_actions));
  return out;
}

json absent_subject(std::string_view reason, std::string_view display) {
  return {{"extension", json::array({code_extension(kDataAbsentReasonUrl, reason)})}, {"display", display}};
}

// AdverseEvent.subject is required (1..1), so a report without a patient still says why there is none.
json subject_of(const IncidentSubmission& e, bool include_patient) {
  if (e.type == EventType::unsafe_condition) return absent_subject("not-applicable", "No patient involved");
  if (!e.patient) return absent_subject("unknown", "Patient not recorded");
  if (!include_patient) return absent_subject("masked", "masked");
  json subject{{"type", "Patient"}, {"identifier", {{"value", e.patient->identifier}}}};
  if (!e.patient->name.empty()) subject["display"] = e.patient->name;
  return subject;
}

json location_of(const IncidentSubmission& e, const Organisation& org) {
  const auto* department = org.department(e.department_id);
  if (!department) return e.location.empty() ? json() : json{{"display", e.location}};
  std::string display = department->name;
  if (!e.location.empty()) display += ", " + e.location;
  return {{"extension", json::array({code_extension(kDepartmentUrl, department->code)})},
          {"display", display}};
}

// Seriousness in the pharmacovigilance sense: death, life-threatening or lasting damage.
std::optional<std::string_view> seriousness_of(HarmLevel harm, HarmDuration duration) {
  switch (harm) {
    case HarmLevel::death:
    case HarmLevel::severe:
      return "serious";
    case HarmLevel::moderate:
      return duration == HarmDuration::permanent ? "serious" : "non-serious";
    case HarmLevel::mild:
    case HarmLevel::no_harm:
      return "non-serious";
    case HarmLevel::unknown:
      break;
  }
  return std::nullopt;
}

std::optional<std::string_view> severity_of(HarmLevel harm) {
  switch (harm) {
    case HarmLevel::mild:
      return "mild";
    case HarmLevel::moderate:
      return "moderate";
    case HarmLevel::severe:
    case HarmLevel::death:
      return "severe";
    default:
      return std::nullopt;
  }
}

std::string_view outcome_of(HarmLevel harm, HarmDuration duration) {
  if (harm == HarmLevel::unknown) return "unknown";
  if (harm == HarmLevel::death) return "fatal";
  if (harm == HarmLevel::no_harm) return "resolved";
  if (duration == HarmDuration::permanent) return "resolvedWithSequelae";
  if (duration == HarmDuration::temporary) return "recovering";
  return "ongoing";
}

std::string_view outcome_display(std::string_view code) {
  if (code == "resolved") return "Resolved";
  if (code == "recovering") return "Recovering";
  if (code == "ongoing") return "Ongoing";
  if (code == "resolvedWithSequelae") return "Resolved with Sequelae";
  if (code == "fatal") return "Fatal";
  return "Unknown";
}

std::string capitalised(std::string_view code) {
  std::string out(code);
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

json suspect_entities_of(const IncidentSubmission& e) {
  const auto named = [&](const char* field, const char* type) -> json {
    auto it = e.details.find(field);
    if (it == e.details.end() || it->second.empty()) return json::array();
    json entity{{"instance", {{"type", type}, {"display", it->second}}}};
    return json::array({entity});
  };
  if (e.category == EventCategory::medication) return named("drug", "Medication");
  if (e.category == EventCategory::device) return named("deviceName", "Device");
  return json::array();
}

}  // namespace

json to_fhir_adverse_event(const IncidentReport& report, const FhirExportContext& context) {
  const auto& e = report.event;
  json ae{{"resourceType", "AdverseEvent"}, {"id", std::to_string(report.id)}};
  if (!report.reference.empty())
    ae["identifier"] = {{"system", kReferenceSystem}, {"value", report.reference}};
  ae["extension"] = extensions_of(e);
  ae["actuality"] = e.type == EventType::incident ? "actual" : "potential";
  ae["category"] = json::array({category_of(e.category)});
  ae["event"] = {{"text", e.description}};
  ae["subject"] = subject_of(e, context.include_patient);
  ae["date"] = format_iso(e.occurred_at);
  // HQMS asks one time, when it happened or was found; it stands for both.
  ae["detected"] = format_iso(e.occurred_at);
  // An anonymous report keeps only its day, so as not to give away who was on shift.
  ae["recordedDate"] = report.anonymous ? format_date(report.submitted_at) : format_iso(report.submitted_at);
  if (auto location = location_of(e, context.org); !location.is_null()) ae["location"] = location;

  if (auto code = seriousness_of(e.harm, e.harm_duration))
    ae["seriousness"] = concept_of(kSeriousnessSystem, *code, *code == "serious" ? "Serious" : "Non-serious");
  if (auto code = severity_of(e.harm))
    ae["severity"] = concept_of(kSeveritySystem, *code, capitalised(*code));
  // What became of someone an event never reached is not an outcome.
  if (e.type == EventType::incident) {
    const auto outcome = outcome_of(e.harm, e.harm_duration);
    ae["outcome"] = concept_of(kOutcomeSystem, outcome, outcome_display(outcome));
  }
  if (!context.recorder_display.empty()) ae["recorder"] = {{"display", context.recorder_display}};
  if (!context.handler_display.empty())
    ae["contributor"] = json::array({json{{"display", context.handler_display}}});
  if (auto suspects = suspect_entities_of(e); !suspects.empty()) ae["suspectEntity"] = suspects;
  return ae;
}

}  // namespace hqms
