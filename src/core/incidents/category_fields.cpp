#include "core/incidents/category_fields.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace hqms {
namespace {

constexpr std::size_t kAnswerMaxLength = 500;

constexpr std::array kYesNoUnknown{
    DetailChoice{"yes", "Yes"},
    DetailChoice{"no", "No"},
    DetailChoice{"unknown", "Unknown"},
};
constexpr std::array kYesNo{
    DetailChoice{"yes", "Yes"},
    DetailChoice{"no", "No"},
};

// Fall.
constexpr std::array kFallAssistance{
    DetailChoice{"assisted", "Assisted (staff were helping the patient)"},
    DetailChoice{"unassisted", "Unassisted"},
    DetailChoice{"unknown", "Unknown"},
};
constexpr std::array kFallInjury{
    DetailChoice{"none", "No injury"},
    DetailChoice{"minor", "Minor injury (bruise, abrasion)"},
    DetailChoice{"major", "Major injury (fracture, head injury)"},
    DetailChoice{"death", "Death"},
    DetailChoice{"unknown", "Unknown"},
};
constexpr std::array kFall{
    CategoryField{.name = "assisted",
                  .label = "Was the fall assisted?",
                  .kind = DetailKind::choice,
                  .choices = kFallAssistance,
                  .required = true},
    CategoryField{.name = "injury",
                  .label = "Injury from the fall",
                  .kind = DetailKind::choice,
                  .choices = kFallInjury,
                  .required = true},
    CategoryField{.name = "riskAssessmentDone",
                  .label = "Was a fall risk assessment done before the fall?",
                  .kind = DetailKind::choice,
                  .choices = kYesNoUnknown,
                  .required = true},
    CategoryField{.name = "activity",
                  .label = "What was the patient doing?",
                  .choices = {},
                  .help = "Walking to the toilet, getting out of bed, transferring to a chair ..."},
};

// Medication or other substance.
constexpr std::array kMedicationStage{
    DetailChoice{"prescribing", "Prescribing"}, DetailChoice{"transcribing", "Transcribing"},
    DetailChoice{"dispensing", "Dispensing"},   DetailChoice{"administering", "Administering"},
    DetailChoice{"monitoring", "Monitoring"},
};
constexpr std::array kMedication{
    CategoryField{.name = "drug",
                  .label = "Medication or substance",
                  .choices = {},
                  .required = true,
                  .help = "The generic name where known."},
    CategoryField{.name = "stage",
                  .label = "Stage of the medication process",
                  .kind = DetailKind::choice,
                  .choices = kMedicationStage,
                  .required = true},
    CategoryField{
        .name = "route", .label = "Route", .choices = {}, .help = "Oral, intravenous, subcutaneous ..."},
    CategoryField{
        .name = "dose", .label = "Dose", .choices = {}, .help = "As given, and as intended if they differ."},
};

// Blood or blood product.
constexpr std::array kBloodProducts{
    DetailChoice{"red_cells", "Red cells"}, DetailChoice{"platelets", "Platelets"},
    DetailChoice{"plasma", "Plasma"},       DetailChoice{"cryoprecipitate", "Cryoprecipitate"},
    DetailChoice{"other", "Other"},
};
constexpr std::array kTransfusionStage{
    DetailChoice{"ordering", "Ordering"},
    DetailChoice{"sampling", "Sample collection and labelling"},
    DetailChoice{"laboratory", "Laboratory testing"},
    DetailChoice{"issue", "Issue from the blood bank"},
    DetailChoice{"administration", "Administration"},
};
constexpr std::array kBloodProduct{
    CategoryField{.name = "product",
                  .label = "Blood product",
                  .kind = DetailKind::choice,
                  .choices = kBloodProducts,
                  .required = true},
    CategoryField{.name = "stage",
                  .label = "Stage of the transfusion process",
                  .kind = DetailKind::choice,
                  .choices = kTransfusionStage},
};

// Device or medical/surgical supply, including health IT.
constexpr std::array kDevice{
    CategoryField{.name = "deviceName", .label = "Device, supply or system", .choices = {}, .required = true},
    CategoryField{.name = "healthIt",
                  .label = "Was health IT involved?",
                  .kind = DetailKind::choice,
                  .choices = kYesNo,
                  .help = "Electronic record, order entry, pump software, barcode scanning ..."},
    CategoryField{.name = "manufacturer", .label = "Manufacturer", .choices = {}},
};

// Healthcare-associated infection.
constexpr std::array kInfectionTypes{
    DetailChoice{"clabsi", "CLABSI (central line-associated bloodstream infection)"},
    DetailChoice{"cauti", "CAUTI (catheter-associated urinary tract infection)"},
    DetailChoice{"ssi", "SSI (surgical site infection)"},
    DetailChoice{"vap", "VAP (ventilator-associated pneumonia)"},
    DetailChoice{"c_difficile", "C. difficile infection"},
    DetailChoice{"mrsa_bacteraemia", "MRSA bacteraemia"},
    DetailChoice{"other", "Other"},
};
constexpr std::array kInfection{
    CategoryField{.name = "infectionType",
                  .label = "Type of infection",
                  .kind = DetailKind::choice,
                  .choices = kInfectionTypes,
                  .required = true},
};

// Perinatal.
constexpr std::array kPerinatalAffected{
    DetailChoice{"mother", "Mother"},
    DetailChoice{"neonate", "Neonate"},
    DetailChoice{"both", "Mother and neonate"},
};
constexpr std::array kPerinatal{
    CategoryField{.name = "affected",
                  .label = "Who was affected?",
                  .kind = DetailKind::choice,
                  .choices = kPerinatalAffected,
                  .required = true},
};

// Pressure injury.
constexpr std::array kPressureInjuryStages{
    DetailChoice{"stage_1", "Stage 1"},         DetailChoice{"stage_2", "Stage 2"},
    DetailChoice{"stage_3", "Stage 3"},         DetailChoice{"stage_4", "Stage 4"},
    DetailChoice{"unstageable", "Unstageable"}, DetailChoice{"deep_tissue_injury", "Deep tissue injury"},
};
constexpr std::array kPressureInjury{
    CategoryField{.name = "stage",
                  .label = "Stage of the worst pressure injury",
                  .kind = DetailKind::choice,
                  .choices = kPressureInjuryStages,
                  .required = true},
    CategoryField{.name = "presentOnAdmission",
                  .label = "Present on admission?",
                  .kind = DetailKind::choice,
                  .choices = kYesNoUnknown},
};

// Surgery or anesthesia.
constexpr std::array kSurgicalEventKinds{
    DetailChoice{"wrong_site", "Wrong site"},
    DetailChoice{"wrong_procedure", "Wrong procedure"},
    DetailChoice{"wrong_patient", "Wrong patient"},
    DetailChoice{"retained_foreign_object", "Retained foreign object"},
    DetailChoice{"anaesthesia_event", "Anaesthesia event"},
    DetailChoice{"other", "Other"},
};
constexpr std::array kSurgery{
    CategoryField{.name = "eventKind",
                  .label = "Kind of event",
                  .kind = DetailKind::choice,
                  .choices = kSurgicalEventKinds,
                  .required = true},
};

// Venous thromboembolism.
constexpr std::array kVteTypes{
    DetailChoice{"dvt", "Deep vein thrombosis (DVT)"},
    DetailChoice{"pe", "Pulmonary embolism (PE)"},
};
constexpr std::array kVte{
    CategoryField{.name = "vteType",
                  .label = "Type of thromboembolism",
                  .kind = DetailKind::choice,
                  .choices = kVteTypes,
                  .required = true},
    CategoryField{.name = "prophylaxisGiven",
                  .label = "Was VTE prophylaxis given?",
                  .kind = DetailKind::choice,
                  .choices = kYesNoUnknown},
};

bool blank(const std::string& s) {
  return s.find_first_not_of(" \t\r\n") == std::string::npos;
}

const CategoryField* find_field(std::span<const CategoryField> fields, std::string_view name) {
  auto it =
      std::find_if(fields.begin(), fields.end(), [&](const CategoryField& f) { return f.name == name; });
  return it == fields.end() ? nullptr : &*it;
}

std::string choice_list(std::span<const DetailChoice> choices) {
  std::string out;
  for (const auto& c : choices) out += (out.empty() ? "" : ", ") + std::string(c.id);
  return out;
}

std::string key(std::string_view name) {
  return "details." + std::string(name);
}

}  // namespace

std::span<const CategoryField> category_fields(EventCategory category) {
  switch (category) {
    case EventCategory::blood_product:
      return kBloodProduct;
    case EventCategory::device:
      return kDevice;
    case EventCategory::fall:
      return kFall;
    case EventCategory::healthcare_associated_infection:
      return kInfection;
    case EventCategory::medication:
      return kMedication;
    case EventCategory::perinatal:
      return kPerinatal;
    case EventCategory::pressure_injury:
      return kPressureInjury;
    case EventCategory::surgery_anesthesia:
      return kSurgery;
    case EventCategory::venous_thromboembolism:
      return kVte;
    case EventCategory::other:
      break;
  }
  return {};
}

std::vector<FieldError> check_event_details(EventCategory category, const EventDetails& details) {
  std::vector<FieldError> errors;
  const auto fields = category_fields(category);
  const std::string category_name(label(category));

  // Answers to another category's questions are refused rather than dropped: they usually mean the reporter
  // changed the category and the answers no longer fit.
  for (const auto& [name, value] : details)
    if (!find_field(fields, name))
      errors.push_back({key(name), "is not a question for the category " + category_name});

  for (const auto& field : fields) {
    auto it = details.find(std::string(field.name));
    if (it == details.end() || blank(it->second)) {
      if (field.required)
        errors.push_back({key(field.name), "is required for the category " + category_name});
      continue;
    }
    const std::string& value = it->second;
    if (field.kind == DetailKind::choice) {
      const bool offered = std::any_of(field.choices.begin(), field.choices.end(),
                                       [&](const DetailChoice& c) { return c.id == value; });
      if (!offered)
        errors.push_back(
            {key(field.name), "\"" + value + "\" is not one of the choices: " + choice_list(field.choices)});
    } else if (value.size() > kAnswerMaxLength) {
      errors.push_back(
          {key(field.name), "must be at most " + std::to_string(kAnswerMaxLength) + " characters"});
    }
  }
  return errors;
}

}  // namespace hqms
