#pragma once
// The HL7 FHIR R4 bulk-data import (NDJSON, one resource per line, as the $export operation writes it):
// Patient, Encounter, Condition, Procedure, Observation, MedicationAdministration and DeviceUseStatement,
// parsed with simdjson's On-Demand API for speed. Resources are joined to their stay by reference
// (Encounter.subject -> Patient; Condition/Procedure/Observation .encounter, MedicationAdministration.context
// -> Encounter; DeviceUseStatement by patient and time, since R4 gives it no encounter), and each stay
// becomes one EncounterRecord. The mapping of every element is documented in docs/user-guide/imports.md.
#include <span>
#include <string_view>

#include "core/common/result.hpp"
#include "core/import/encounter_csv.hpp"
#include "core/import/import_report.hpp"

namespace hqms {

struct NdjsonFile {
  std::string_view name;  // reported in problems
  std::string_view text;  // the whole file; simdjson needs simdjson::SIMDJSON_PADDING readable bytes after
                          // the end, which the reader arranges itself (copying when it must)
};

// Files may come in any order and mix resource types. Resources of other types are counted and skipped.
// A resource that is not valid JSON, lacks a required element or points at an unknown stay or patient is a
// problem with its file and line; an encounter whose record breaks check_encounter is refused as a whole.
// readmitted_30d is derived: another inpatient admission of the same patient within 30 days of discharge.
Result<ImportTally> read_fhir_bulk(std::span<const NdjsonFile> files, const encounters::KnownUnits* units,
                                   const EncounterSink& sink);

}  // namespace hqms
