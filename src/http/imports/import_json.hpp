#pragma once
// How an import run looks on the wire (docs/openapi.yaml, ImportRun): its file, what it did with the records
// and, on the run's own page, every problem by file and line.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "store/indicators/indicator_data_repository.hpp"

namespace hqms::http {

// `names` gives importedBy's display name; the problems only when `with_problems` (the list leaves them out).
nlohmann::json import_run_json(const store::ImportRun& run, const std::map<Id, std::string>& names,
                               bool with_problems);

}  // namespace hqms::http
