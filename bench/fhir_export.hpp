#pragma once
// The synthetic stays as an HL7 FHIR R4 bulk export ($export NDJSON, one file per resource type), following
// the element mapping that `hqms import fhir` reads (src/core/import/fhir_bulk.hpp,
// docs/user-guide/imports.md): Patient, Encounter, Condition (the primary diagnosis and the
// healthcare-associated infections), Procedure, MedicationAdministration (one per dose) and
// DeviceUseStatement (central lines and urinary catheters, joined to their stay by patient and time).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "bench/encounter_generator.hpp"

namespace hqms::bench {

struct FhirPatient {
  std::uint64_t patient_no = 0;
  int birth_day = 0;  // day number
  std::string_view gender, ethnicity, payer;
};

struct FhirStay {
  std::uint64_t encounter_no = 0, patient_no = 0;
  std::string_view site, department, encounter_class;
  std::int64_t admitted = 0, discharged = 0;
  std::string_view payer;
  std::string_view diagnosis;
  std::span<const std::string_view> procedures;
  std::string_view disposition;
  int patient_days = 0, line_days = 0, catheter_days = 0, doses = 0;
  int ed_minutes = -1;
  bool clabsi = false, cauti = false, ssi = false, pressure = false;
};

class FhirWriter {
 public:
  explicit FhirWriter(const std::filesystem::path& directory);
  ~FhirWriter();
  FhirWriter(const FhirWriter&) = delete;
  FhirWriter& operator=(const FhirWriter&) = delete;

  void patient(const FhirPatient& patient);
  void stay(const FhirStay& stay);
  std::vector<GeneratedFile> close();

 private:
  struct Files;
  std::unique_ptr<Files> files_;
  std::uint64_t next_id_ = 0;  // ids of the resources besides Patient and Encounter
};

}  // namespace hqms::bench
