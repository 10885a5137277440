#pragma once
// What an import says about a file: how many records it read, took and refused, and why each refused one was
// refused, by line, so that the person who exported the file can fix it at the source.
#include <cstddef>
#include <string>
#include <vector>

namespace hqms {

struct ImportProblem {
  std::string file;       // the file's name (FHIR bulk exports come as one file per resource type)
  std::size_t line = 0;   // physical line (1-based) where the record starts
  std::string record_id;  // the record's own id when it could be read
  std::string field;      // the column or FHIR element at fault; empty for the whole record
  std::string message;
};

struct ImportTally {
  std::size_t records_read = 0;
  std::size_t records_valid = 0;
  std::size_t records_rejected = 0;
  // The first max_problems problems; records_rejected counts them all.
  std::vector<ImportProblem> problems;
  static constexpr std::size_t max_problems = 1000;

  void reject(ImportProblem problem);  // counts and keeps the first max_problems
  // Adds the tally of the next part of the same file (its problems follow this one's, up to max_problems).
  void add(ImportTally next);
};

}  // namespace hqms
