#pragma once
// The one pass over a source table that counts every measure reading it. Rows are taken in blocks: for each
// block the period (a lookup by day within the window), the unit (a lookup by site and department code) and
// each stratum are worked out once into small arrays, then each measure filters the block column by column,
// and the rows it keeps are added into its cells. Nothing is allocated per row or per block.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/indicators/compiled_measure.hpp"
#include "core/indicators/fact_table.hpp"

namespace hqms::indicators {

struct TablePass {
  // One way of cutting the table into cells: a period resolution, and a stratum dimension or none.
  struct Slicing {
    std::size_t resolution = 0;              // index into periods
    const std::uint32_t* stratum = nullptr;  // the stratum column's codes; null when not stratified
    std::vector<std::uint32_t> stratum_of;   // stratum index by code
    std::uint32_t strata = 1;
  };
  // A measure counted under one slicing: its cells sit at `offset` in each record of the slicing's resolution
  // (one cell per stratum), in the counts for a count or median and in the sums for a sum; `accumulator` is
  // the caller's number for it.
  struct Target {
    std::size_t slicing = 0;
    std::size_t offset = 0;
    std::size_t accumulator = 0;
  };
  struct CountedMeasure {
    CompiledMeasure measure;
    std::vector<Target> targets;
  };
  // Cells are kept as one record per (period, unit) holding every target of a resolution side by side, so
  // that the cells one row adds to are neighbours in memory rather than a cache miss each; counts are 32-bit
  // to keep the records of a large network within the processor's cache.
  struct Records {
    std::vector<std::uint32_t> counts;  // [(period x units + unit) x count_width + offset + stratum]
    std::vector<double> sums;           // [(period x units + unit) x sum_width + offset + stratum]
  };

  const FactTable* table = nullptr;
  DayNumber from = 0;
  DayNumber to = 0;
  const DayNumber* period_day = nullptr;
  const std::uint32_t* site = nullptr;
  const std::uint32_t* department = nullptr;
  std::uint32_t departments = 0;                    // size of the department dictionary
  std::vector<std::uint32_t> unit_of;               // unit index by site code x departments + department code
  std::uint32_t units = 0;                          // of the whole CubeSet
  std::vector<std::vector<std::uint32_t>> periods;  // period index by day - from, one per resolution
  std::vector<std::size_t> count_width;             // per resolution
  std::vector<std::size_t> sum_width;               // per resolution
  std::vector<Slicing> slicings;
  std::vector<CountedMeasure> measures;

  // Adds rows [begin, end) into records[resolution]: 1 for a count or a median (the cell sizes for
  // fill_medians), the column's value for a sum, its square for a sum of squares.
  void count(std::size_t begin, std::size_t end, std::vector<Records>& records) const;
  // Writes each median target's values of rows [begin, end): a value of cube cell c ((period x units + unit)
  // x strata + stratum) goes to values[a][cursor[a][c]++], a being the target's accumulator.
  void fill_medians(std::size_t begin, std::size_t end, std::vector<std::vector<std::uint32_t>>& cursor,
                    std::vector<std::vector<float>>& values) const;

 private:
  template <class Add>
  void run(std::size_t begin, std::size_t end, bool medians_only, Add add) const;
};

}  // namespace hqms::indicators
