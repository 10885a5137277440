#pragma once
// The encounter CSV import: one row per stay, with the documented columns (docs/user-guide/imports.md):
// encounter_id, patient_pseudonym, site, department, encounter_class, admitted_at, discharged_at, age_band,
// sex, ethnicity, payer, primary_diagnosis, procedure_codes ('|'-separated), disposition, patient_days,
// central_line_days, urinary_catheter_days, medication_doses, ed_minutes (blank when not an ED start),
// readmitted_30d, clabsi, cauti, surgical_site_infection, pressure_injury (flags: 1/0, true/false, yes/no,
// blank = no). Date-times are ISO 8601 (2025-03-04T10:15:00Z, 2025-03-04T10:15+01:00, or 2025-03-04 10:15
// taken as UTC). Columns may come in any order; unknown columns are ignored.
#include <functional>
#include <span>
#include <string_view>

#include "core/common/result.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/import/import_report.hpp"

namespace hqms {

using EncounterSink = std::function<void(const encounters::EncounterRecord&)>;

// Reads the whole file and gives each valid record to `sink` in file order; invalid ones are counted and
// reported with their line. A missing required column or a malformed CSV structure is an Error (validation,
// with the columns as field errors), because then no row can be trusted.
Result<ImportTally> read_encounter_csv(std::string_view file_name, std::string_view text,
                                       const encounters::KnownUnits* units, const EncounterSink& sink);

// The same, reading up to sinks.size() record-aligned parts of the file at once, one thread each: sink k gets
// the valid records of part k in file order (so appending what sink 0, 1... got, in that order, gives the
// records of a one-go read). `units` is only read.
Result<ImportTally> read_encounter_csv_in_parts(std::string_view file_name, std::string_view text,
                                                const encounters::KnownUnits* units,
                                                std::span<const EncounterSink> sinks);

}  // namespace hqms
