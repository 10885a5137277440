#pragma once
// The import of a data file for the indicators, one service for `hqms import` and POST /api/v1/imports:
// reads the file with the core readers, checks every record against the organisation's units and the
// departments the person may import into, keeps everything valid in one write transaction (or, strict,
// nothing at all when anything was refused), and records the run with its problems and an audit entry.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "store/database.hpp"

namespace hqms::store {

struct ImportFile {
  std::string name;  // as the problems name it
  std::string text;  // the whole file
};

struct ImportRequest {
  ImportKind kind = ImportKind::encounters_csv;
  std::vector<ImportFile> files;  // exactly one, except FHIR bulk exports (one file per resource type)
  bool strict = false;
  std::optional<Id> imported_by;                // none from the command line
  std::string imported_by_username = "system";  // the audit entry's actor
  // The departments the person may import into; rows for others are refused as problems ("outside your
  // scope"). Empty: every department (the command line).
  std::function<bool(Id department_id)> may_import;
};

// The finished run, as recorded (rejected runs too: the report is the point). An Error when the files
// cannot be read at all (a missing column, not CSV: validation, with the columns as field errors) or the
// database fails; then nothing is recorded. The same file again is a harmless run in which everything comes
// out unchanged.
Result<ImportRun> run_import(Database& db, const ImportRequest& request, const Clock& clock);

// The hash a run records for its files: the file's SHA-256, or for several files the SHA-256 of their
// hashes in order of name, so that the same export comes out the same whatever order its files came in.
std::string files_sha256(const std::vector<ImportFile>& files);

}  // namespace hqms::store
