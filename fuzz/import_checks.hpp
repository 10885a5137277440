#pragma once
// What every import reader's tally must say of itself, whatever the file: each record read is either taken or
// refused, every refusal has at least one problem listed (up to the cap), and the sink got the records taken.
#include <cstddef>

#include "core/common/result.hpp"
#include "core/import/import_report.hpp"
#include "expect.hpp"

namespace hqms::fuzz {

inline void expect_consistent(const Result<ImportTally>& tally, std::size_t handed_on) {
  if (!tally) {
    expect(tally.error().kind == ErrorKind::validation, "a file that cannot be read is a validation error");
    expect(!tally.error().fields.empty(), "a refused file names what is wrong");
    return;
  }
  expect(tally->records_valid + tally->records_rejected == tally->records_read,
         "each record read is taken or refused");
  expect(handed_on == tally->records_valid, "the sink gets every record taken");
  expect(tally->problems.size() >= std::min(tally->records_rejected, ImportTally::max_problems),
         "every refused record has its problem");
  expect(tally->problems.size() <= ImportTally::max_problems, "no more problems than the cap");
}

}  // namespace hqms::fuzz
