#include "core/indicators/table_pass.hpp"

#include <algorithm>

namespace hqms::indicators {
namespace {

constexpr std::size_t block = 2048;

}  // namespace

template <class Add>
void TablePass::run(std::size_t begin, std::size_t end, bool medians_only, Add add) const {
  // Scratch for one block, allocated once per call (per thread), never per row.
  std::vector<std::uint8_t> in_window(block);
  std::vector<std::uint8_t> keep(block);
  std::vector<std::uint32_t> offset(block);
  std::vector<std::uint32_t> unit(block);
  std::vector<std::uint32_t> selected(block);
  std::vector<std::uint32_t> record(periods.size() * block);
  std::vector<std::uint32_t> stratum(slicings.size() * block);
  const auto span = static_cast<std::uint32_t>(to - from);

  for (std::size_t first = begin; first < end; first += block) {
    const std::size_t n = std::min(block, end - first);
    for (std::size_t i = 0; i < n; ++i) {
      // Unsigned: a day before `from` wraps to a large offset and fails the same test as one after `to`.
      const auto off = static_cast<std::uint32_t>(period_day[first + i] - from);
      const bool inside = off <= span;
      in_window[i] = inside;
      offset[i] = inside ? off : 0;
      unit[i] = unit_of[site[first + i] * departments + department[first + i]];
    }
    for (std::size_t r = 0; r < periods.size(); ++r) {
      const auto* period = periods[r].data();
      auto* out = record.data() + r * block;
      for (std::size_t i = 0; i < n; ++i) out[i] = period[offset[i]] * units + unit[i];
    }
    for (std::size_t s = 0; s < slicings.size(); ++s) {
      const auto& slicing = slicings[s];
      auto* out = stratum.data() + s * block;
      if (slicing.stratum == nullptr) {
        std::fill_n(out, n, 0u);
      } else {
        const auto* codes = slicing.stratum + first;
        const auto* stratum_of = slicing.stratum_of.data();
        for (std::size_t i = 0; i < n; ++i) out[i] = stratum_of[codes[i]];
      }
    }
    for (const auto& counted : measures) {
      const auto& measure = counted.measure;
      if (medians_only && measure.aggregate() != Aggregate::median) continue;
      std::copy_n(in_window.data(), n, keep.data());
      measure.filter(first, n, keep.data());
      if (measure.aggregate() == Aggregate::sum || measure.aggregate() == Aggregate::sum_of_squares) {
        // Adding zero changes no cell: most stays have no central-line or catheter days.
        const auto* values = measure.values() + first;
        for (std::size_t i = 0; i < n; ++i) keep[i] &= static_cast<std::uint8_t>(values[i] != 0);
      }
      std::size_t kept = 0;
      for (std::size_t i = 0; i < n; ++i) {
        selected[kept] = static_cast<std::uint32_t>(i);
        kept += keep[i];
      }
      if (kept == 0) continue;
      for (const auto& target : counted.targets) {
        const auto& slicing = slicings[target.slicing];
        add(measure, target, slicing, first, record.data() + slicing.resolution * block,
            stratum.data() + target.slicing * block, selected.data(), kept);
      }
    }
  }
}

void TablePass::count(std::size_t begin, std::size_t end, std::vector<Records>& records) const {
  run(begin, end, false,
      [&](const CompiledMeasure& measure, const Target& target, const Slicing& slicing, std::size_t first,
          const std::uint32_t* record, const std::uint32_t* stratum, const std::uint32_t* selected,
          std::size_t kept) {
        auto& into = records[slicing.resolution];
        if (measure.aggregate() == Aggregate::sum) {
          const auto width = sum_width[slicing.resolution];
          auto* cells = into.sums.data() + target.offset;
          const auto* values = measure.values() + first;
          for (std::size_t j = 0; j < kept; ++j) {
            const auto i = selected[j];
            cells[std::size_t{record[i]} * width + stratum[i]] += values[i];
          }
        } else if (measure.aggregate() == Aggregate::sum_of_squares) {
          const auto width = sum_width[slicing.resolution];
          auto* cells = into.sums.data() + target.offset;
          const auto* values = measure.values() + first;
          for (std::size_t j = 0; j < kept; ++j) {
            const auto i = selected[j];
            const double value = values[i];
            cells[std::size_t{record[i]} * width + stratum[i]] += value * value;
          }
        } else {
          const auto width = count_width[slicing.resolution];
          auto* cells = into.counts.data() + target.offset;
          for (std::size_t j = 0; j < kept; ++j) {
            const auto i = selected[j];
            cells[std::size_t{record[i]} * width + stratum[i]] += 1;
          }
        }
      });
}

void TablePass::fill_medians(std::size_t begin, std::size_t end,
                             std::vector<std::vector<std::uint32_t>>& cursor,
                             std::vector<std::vector<float>>& values) const {
  run(begin, end, true,
      [&](const CompiledMeasure& measure, const Target& target, const Slicing& slicing, std::size_t first,
          const std::uint32_t* record, const std::uint32_t* stratum, const std::uint32_t* selected,
          std::size_t kept) {
        auto* next = cursor[target.accumulator].data();
        auto* out = values[target.accumulator].data();
        const auto* in = measure.values() + first;
        for (std::size_t j = 0; j < kept; ++j) {
          const auto i = selected[j];
          out[next[std::size_t{record[i]} * slicing.strata + stratum[i]]++] = in[i];
        }
      });
}

}  // namespace hqms::indicators
