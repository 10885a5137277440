#include "bench/fhir_export.hpp"

#include <algorithm>
#include <optional>

#include "bench/text_output.hpp"

namespace hqms::bench {

struct FhirWriter::Files {
  explicit Files(const std::filesystem::path& d)
      : patient((std::filesystem::create_directories(d), d / "Patient.ndjson")),
        encounter(d / "Encounter.ndjson"),
        condition(d / "Condition.ndjson"),
        procedure(d / "Procedure.ndjson"),
        medication(d / "MedicationAdministration.ndjson"),
        device(d / "DeviceUseStatement.ndjson") {}
  FileOut patient, encounter, condition, procedure, medication, device;
};

FhirWriter::FhirWriter(const std::filesystem::path& directory) : files_(std::make_unique<Files>(directory)) {}
FhirWriter::~FhirWriter() = default;

namespace {

// The FHIR R4 codes of the values HQMS carries: the inverse of the import's mapping (imports.md).
std::string_view class_code(std::string_view encounter_class) {
  return encounter_class == "inpatient" ? "IMP" : encounter_class == "emergency" ? "EMER" : "SS";
}

// HL7 discharge-disposition codes; "lwbs" is HQMS's own code system (HL7 has none for it).
void disposition_coding(FileOut& out, std::string_view disposition) {
  constexpr std::string_view hl7 = "http://terminology.hl7.org/CodeSystem/discharge-disposition";
  std::string_view system = hl7, code = "oth";
  if (disposition == "home")
    code = "home";
  else if (disposition == "transfer")
    code = "other-hcf";
  else if (disposition == "care_facility")
    code = "snf";
  else if (disposition == "died")
    code = "exp";
  else if (disposition == "against_advice")
    code = "aadvice";
  else if (disposition == "left_without_being_seen")
    system = "https://hqms.example.org/fhir/CodeSystem/disposition", code = "lwbs";
  out << "{\"system\":\"" << system << "\",\"code\":\"" << code << "\"}";
}

void reference(FileOut& out, std::string_view key, std::string_view type, char prefix, std::uint64_t n) {
  out << '"' << key << "\":{\"reference\":\"" << type << '/';
  out.id(prefix, n) << "\"}";
}

// Noon of the third calendar day of the stay: the first moment the NHSN day-3 rule counts a condition as
// hospital-acquired (a stay too short for it reports the onset at discharge, and the import then reads the
// condition as present on admission).
std::int64_t hospital_onset(std::int64_t admitted, std::int64_t discharged) {
  const std::int64_t day3 = (std::int64_t{floor_div(admitted, 86400)} + 2) * 86400 + 12 * 3600;
  return std::min(day3, discharged);
}

}  // namespace

void FhirWriter::patient(const FhirPatient& p) {
  auto& out = files_->patient;
  out << "{\"resourceType\":\"Patient\",\"id\":\"";
  out.id('P', p.patient_no) << "\",\"gender\":\"" << p.gender << "\",\"birthDate\":\"";
  out.date(p.birth_day) << "\",\"extension\":[{\"url\":\"http://hl7.org/fhir/us/core/StructureDefinition/"
                           "us-core-ethnicity\",\"extension\":[{\"url\":\"text\",\"valueString\":\""
                        << p.ethnicity << "\"}]}]}";
  out.end_record();
}

void FhirWriter::stay(const FhirStay& s) {
  auto& e = files_->encounter;
  e << "{\"resourceType\":\"Encounter\",\"id\":\"";
  e.id('E', s.encounter_no)
      << "\",\"status\":\"finished\",\"class\":{\"system\":\"http://terminology.hl7.org/"
         "CodeSystem/v3-ActCode\",\"code\":\""
      << class_code(s.encounter_class) << "\"},";
  reference(e, "subject", "Patient", 'P', s.patient_no);
  e << ",\"period\":{\"start\":\"";
  e.instant(s.admitted) << "\",\"end\":\"";
  e.instant(s.discharged) << "\"},\"serviceProvider\":{\"identifier\":{\"value\":\"" << s.site
                          << "\"}},\"location\":[{\"location\":{\"identifier\":{\"value\":\"" << s.department
                          << "\"}}}],\"hospitalization\":{\"dischargeDisposition\":{\"coding\":[";
  disposition_coding(e, s.disposition);
  e << "]}},\"extension\":[{\"url\":\"https://hqms.example.org/fhir/StructureDefinition/"
       "payer\",\"valueString\":\""
    << s.payer << "\"}],\"diagnosis\":[{";
  reference(e, "condition", "Condition", 'D', s.encounter_no);
  e << ",\"rank\":1}]}";
  e.end_record();

  const auto condition = [&](char prefix, std::uint64_t n, std::string_view code,
                             std::optional<std::int64_t> onset) {
    auto& c = files_->condition;
    c << "{\"resourceType\":\"Condition\",\"id\":\"";
    c.id(prefix, n) << "\",";
    reference(c, "subject", "Patient", 'P', s.patient_no);
    c << ',';
    reference(c, "encounter", "Encounter", 'E', s.encounter_no);
    c << ",\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/"
         "condition-category\","
         "\"code\":\"encounter-diagnosis\"}]}],\"code\":{\"coding\":[{\"system\":\"http://hl7.org/fhir/sid/"
      << (onset ? "icd-10-cm" : "icd-10") << "\",\"code\":\"" << code << "\"}]}";
    if (onset) {
      c << ",\"onsetDateTime\":\"";
      c.instant(*onset) << '"';
    }
    c << '}';
    c.end_record();
  };
  condition('D', s.encounter_no, s.diagnosis, std::nullopt);
  // Hospital-acquired conditions, coded as the import reads them (ICD-10-CM).
  const auto onset = hospital_onset(s.admitted, s.discharged);
  if (s.clabsi) condition('H', ++next_id_, "T80.211A", onset);
  if (s.cauti) condition('H', ++next_id_, "T83.511A", onset);
  if (s.ssi) condition('H', ++next_id_, "T81.41XA", onset);
  if (s.pressure) condition('H', ++next_id_, "L89.152", onset);

  for (const auto code : s.procedures) {
    auto& p = files_->procedure;
    p << "{\"resourceType\":\"Procedure\",\"id\":\"";
    p.id('R', ++next_id_) << "\",\"status\":\"completed\",";
    reference(p, "subject", "Patient", 'P', s.patient_no);
    p << ',';
    reference(p, "encounter", "Encounter", 'E', s.encounter_no);
    p << ",\"code\":{\"coding\":[{\"system\":\"http://www.cms.gov/Medicare/Coding/ICD10\",\"code\":\"" << code
      << "\"}]}}";
    p.end_record();
  }
  for (int i = 0; i < s.doses; ++i) {
    auto& m = files_->medication;
    m << "{\"resourceType\":\"MedicationAdministration\",\"id\":\"";
    m.id('M', ++next_id_) << "\",\"status\":\"completed\",";
    reference(m, "subject", "Patient", 'P', s.patient_no);
    m << ',';
    reference(m, "context", "Encounter", 'E', s.encounter_no);
    m << ",\"medicationCodeableConcept\":{\"text\":\"as prescribed\"},\"effectiveDateTime\":\"";
    m.instant(s.admitted + (s.discharged - s.admitted) * (i + 1) / (s.doses + 1)) << "\"}";
    m.end_record();
  }
  // Devices from the admission day: `days` calendar days of overlap with the stay, as NHSN counts them.
  const auto device = [&](std::string_view snomed, std::string_view display, int days) {
    auto& d = files_->device;
    d << "{\"resourceType\":\"DeviceUseStatement\",\"id\":\"";
    d.id('U', ++next_id_) << "\",\"status\":\"completed\",";
    reference(d, "subject", "Patient", 'P', s.patient_no);
    d << ",\"device\":{\"display\":\"" << display << "\"},\"timingPeriod\":{\"start\":\"";
    d.instant(s.admitted) << "\",\"end\":\"";
    const std::int64_t last_day_noon =
        (std::int64_t{floor_div(s.admitted, 86400)} + days - 1) * 86400 + 12 * 3600;
    d.instant(std::min(std::max(last_day_noon, s.admitted), s.discharged))
        << "\"},\"extension\":[{\"url\":\"https://hqms.example.org/fhir/StructureDefinition/device-type\","
           "\"valueCoding\":{\"system\":\"http://snomed.info/sct\",\"code\":\""
        << snomed << "\"}}]}";
    d.end_record();
  };
  if (s.line_days > 0) device("52124006", "central venous catheter", s.line_days);
  if (s.catheter_days > 0) device("23973005", "indwelling urinary catheter", s.catheter_days);
}

std::vector<GeneratedFile> FhirWriter::close() {
  return {files_->patient.close(),   files_->encounter.close(),  files_->condition.close(),
          files_->procedure.close(), files_->medication.close(), files_->device.close()};
}

}  // namespace hqms::bench
