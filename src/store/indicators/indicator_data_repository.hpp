#pragma once
// The data indicators are counted from: imported stays, survey answers, compliance observations and
// complaints (each kept by its source id, so importing a file again updates instead of duplicating), the
// record of each import run, and the loading of everything, HQMS's own incidents and CAPAs included, into
// the engine's columnar tables.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/import/import_report.hpp"
#include "core/indicators/sources.hpp"
#include "core/org/organisation.hpp"

namespace hqms::store {

enum class ImportKind { encounters_csv, encounters_fhir, survey_csv, observations_csv, complaints_csv };
std::string_view to_string(ImportKind v);
std::optional<ImportKind> import_kind_from_string(std::string_view s);

enum class ImportOutcome {
  completed,
  rejected
};  // rejected: --strict and something was invalid; nothing kept

struct ImportRun {
  Id id = 0;
  ImportKind kind = ImportKind::encounters_csv;
  std::string file_name;
  std::string file_sha256;  // hex; the same file imported again is recognised (and changes nothing)
  bool strict = false;
  ImportOutcome outcome = ImportOutcome::completed;
  std::int64_t records_read = 0;
  std::int64_t records_inserted = 0;
  std::int64_t records_updated = 0;
  std::int64_t records_unchanged = 0;
  std::int64_t records_rejected = 0;
  std::vector<ImportProblem> problems;  // the first ImportTally::max_problems
  std::optional<Id> imported_by;        // none from the command line
  Timestamp started_at{};
  Timestamp finished_at{};
};

enum class UpsertResult { inserted, updated, unchanged };

// The ids the records' site and department codes stand for (checked before, by check_*).
struct UnitIds {
  Id site_id = 0;
  Id department_id = 0;
};

class IndicatorDataRepository {
 public:
  virtual ~IndicatorDataRepository() = default;

  // Keyed by the record's own id; a record equal to the stored one is unchanged and keeps its import run.
  virtual Result<UpsertResult> upsert_encounter(const encounters::EncounterRecord& record, UnitIds unit,
                                                Id import_run_id) = 0;
  // Replaces the response's answers.
  virtual Result<UpsertResult> upsert_survey_response(const encounters::SurveyResponseRecord& record,
                                                      UnitIds unit, Id import_run_id) = 0;
  virtual Result<UpsertResult> upsert_observation(const encounters::ObservationRecord& record, UnitIds unit,
                                                  Id import_run_id) = 0;
  virtual Result<UpsertResult> upsert_complaint(const encounters::ComplaintRecord& record, UnitIds unit,
                                                Id import_run_id) = 0;

  // Stores the run (id assigned) as it finished; a rejected strict run is recorded though nothing was kept.
  // An import records its run when it starts (the rows it writes point at it) and finishes it at the end.
  virtual Result<Id> record_import_run(const ImportRun& run) = 0;
  // Writes the run's outcome, counts, problems and finish time over what record_import_run stored.
  virtual Result<void> finish_import_run(const ImportRun& run) = 0;
  virtual Result<std::vector<ImportRun>> list_import_runs(int limit) = 0;  // newest first, without problems
  virtual Result<std::optional<ImportRun>> find_import_run(Id id) = 0;     // with problems
  // The latest completed run of this kind and file hash, if any.
  virtual Result<std::optional<ImportRun>> find_completed_run(ImportKind kind, std::string_view sha256) = 0;

  // Every table the engine reads, HQMS's incidents and CAPAs included, with site and department as codes.
  virtual Result<void> load(indicators::IndicatorData& data) = 0;
  // Changes whenever anything load() reads changes (imports, incidents, CAPAs): a cheap check for caches.
  virtual Result<std::string> data_version() = 0;
};

}  // namespace hqms::store
