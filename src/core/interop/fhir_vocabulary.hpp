#pragma once
// The identifiers HQMS's FHIR AdverseEvent mapping uses, shared by its export and its import: HQMS's own
// code system and extensions, and the R4 code systems with the categories they map to.
#include <array>
#include <string_view>

#include "core/incidents/classification.hpp"

namespace hqms::fhir {

// HQMS's own definitions, for what FHIR R4 AdverseEvent has no element for.
constexpr const char* kEventCategorySystem = "https://hqms.example.org/fhir/CodeSystem/event-category";
constexpr const char* kReferenceSystem = "https://hqms.example.org/fhir/NamingSystem/event-reference";
constexpr const char* kHarmUrl = "https://hqms.example.org/fhir/StructureDefinition/harm";
constexpr const char* kHarmDurationUrl = "https://hqms.example.org/fhir/StructureDefinition/harm-duration";
constexpr const char* kMerpUrl = "https://hqms.example.org/fhir/StructureDefinition/merp-category";
constexpr const char* kEventTypeUrl = "https://hqms.example.org/fhir/StructureDefinition/event-type";
constexpr const char* kEventDetailUrl = "https://hqms.example.org/fhir/StructureDefinition/event-detail";
constexpr const char* kDepartmentUrl = "https://hqms.example.org/fhir/StructureDefinition/department";
constexpr const char* kPeopleInvolvedUrl =
    "https://hqms.example.org/fhir/StructureDefinition/people-involved";
constexpr const char* kImmediateActionsUrl =
    "https://hqms.example.org/fhir/StructureDefinition/immediate-actions";

// HL7's.
constexpr const char* kCategorySystem = "http://terminology.hl7.org/CodeSystem/adverse-event-category";
constexpr const char* kSeriousnessSystem = "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness";
constexpr const char* kSeveritySystem = "http://terminology.hl7.org/CodeSystem/adverse-event-severity";
constexpr const char* kOutcomeSystem = "http://terminology.hl7.org/CodeSystem/adverse-event-outcome";
constexpr const char* kDataAbsentReasonUrl = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

// The R4 adverse-event-category codes, and the HQMS category each one falls under on import.
struct FhirCategory {
  std::string_view code;
  std::string_view display;
  EventCategory hqms;
};
constexpr std::array<FhirCategory, 14> kFhirCategories{{
    {"product-problem", "Product Problem", EventCategory::device},
    {"product-quality", "Product Quality", EventCategory::device},
    {"product-use-error", "Product Use Error", EventCategory::medication},
    {"wrong-dose", "Wrong Dose", EventCategory::medication},
    {"incorrect-prescribing-information", "Incorrect Prescribing Information", EventCategory::medication},
    {"wrong-technique", "Wrong Technique", EventCategory::medication},
    {"wrong-route-of-administration", "Wrong Route of Administration", EventCategory::medication},
    {"wrong-rate", "Wrong Rate", EventCategory::medication},
    {"wrong-duration", "Wrong Duration", EventCategory::medication},
    {"wrong-time", "Wrong Time", EventCategory::medication},
    {"expired-drug", "Expired Drug", EventCategory::medication},
    {"medical-device-use-error", "Medical Device Use Error", EventCategory::device},
    {"problem-different-manufacturer", "Problem with Different Manufacturer of Same Medicine",
     EventCategory::medication},
    {"unsafe-physical-environment", "Unsafe Physical Environment", EventCategory::other},
}};

inline const FhirCategory* fhir_category(std::string_view code) {
  for (const auto& c : kFhirCategories)
    if (c.code == code) return &c;
  return nullptr;
}

}  // namespace hqms::fhir
