#pragma once
// A Measure's filter compiled against one table, once per computation, so that the pass over millions of rows
// does only table lookups and comparisons: a dimension test is an accept/reject byte per dictionary code
// (decided once per distinct value, and a value the dictionary lacks simply matches no code), the flag tests
// one mask and expected pattern on the flag word, a range two comparisons (NaN fails both), a code-list test
// a byte per code of the list's dictionary.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/common/result.hpp"
#include "core/indicators/fact_table.hpp"
#include "core/indicators/indicator_definition.hpp"

namespace hqms::indicators {

class CompiledMeasure {
 public:
  // Fails (validation, naming `field` + ".where[i].column" or ".column") on a column the table lacks or of
  // the wrong kind: check_indicator catches these first, this keeps a bad definition from reading out of
  // bounds.
  static Result<CompiledMeasure> compile(const Measure& measure, const FactTable& table,
                                         const std::string& field);

  Aggregate aggregate() const { return aggregate_; }
  // The summed column (sum, median); null for count.
  const float* values() const { return values_; }

  // Clears keep[i] for each row begin + i (i < n) the filter rejects; a sum or median also rejects rows whose
  // column is NaN (the source gave no value: it is not a zero).
  void filter(std::size_t begin, std::size_t n, std::uint8_t* keep) const;

 private:
  struct DimensionTest {
    const std::uint32_t* codes;
    std::vector<std::uint8_t> accepts;  // by dictionary code
  };
  struct RangeTest {
    const float* numbers = nullptr;   // number column, or
    const DayNumber* days = nullptr;  // day column
    double min;
    double max;
  };
  struct CodeListTest {
    std::size_t column;
    std::vector<std::uint8_t> accepts;  // by code of the list's dictionary
  };

  const FactTable* table_ = nullptr;
  Aggregate aggregate_ = Aggregate::count;
  const float* values_ = nullptr;
  const std::uint32_t* flags_ = nullptr;
  std::uint32_t flag_mask_ = 0;
  std::uint32_t flag_expected_ = 0;
  std::vector<DimensionTest> dimensions_;
  std::vector<RangeTest> ranges_;
  std::vector<CodeListTest> code_lists_;
};

}  // namespace hqms::indicators
