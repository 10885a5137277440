#include "core/import/import_report.hpp"

#include "core/import/record_refusal.hpp"

namespace hqms {

void ImportTally::reject(ImportProblem problem) {
  ++records_rejected;
  if (problems.size() < max_problems) problems.push_back(std::move(problem));
}

void ImportTally::add(ImportTally next) {
  records_read += next.records_read;
  records_valid += next.records_valid;
  records_rejected += next.records_rejected;
  for (auto& problem : next.problems) {
    if (problems.size() == max_problems) break;
    problems.push_back(std::move(problem));
  }
}

namespace importing {

void reject_record(ImportTally& tally, std::string_view file_name, std::size_t line,
                   std::string_view record_id, std::span<const FieldError> errors) {
  if (errors.empty()) {
    tally.reject({std::string(file_name), line, std::string(record_id), "", "refused"});
    return;
  }
  tally.reject({std::string(file_name), line, std::string(record_id), errors[0].field, errors[0].message});
  // The record is counted once; its further faults are listed with it while there is room.
  for (std::size_t i = 1; i < errors.size() && tally.problems.size() < ImportTally::max_problems; ++i)
    tally.problems.push_back(
        {std::string(file_name), line, std::string(record_id), errors[i].field, errors[i].message});
}

}  // namespace importing
}  // namespace hqms
