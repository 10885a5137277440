#include "core/indicators/compiled_measure.hpp"

#include <cmath>
#include <limits>
#include <string>

namespace hqms::indicators {
namespace {

bool starts_with_any(std::string_view text, const std::vector<std::string>& prefixes) {
  for (const auto& prefix : prefixes) {
    if (text.starts_with(prefix)) return true;
  }
  return false;
}

bool is_any(std::string_view text, const std::vector<std::string>& values) {
  for (const auto& value : values) {
    if (text == value) return true;
  }
  return false;
}

}  // namespace

Result<CompiledMeasure> CompiledMeasure::compile(const Measure& measure, const FactTable& table,
                                                 const std::string& field) {
  const auto& schema = table.schema();
  CompiledMeasure compiled;
  compiled.table_ = &table;
  compiled.aggregate_ = measure.aggregate;
  compiled.flags_ = table.flags().data();
  if (measure.aggregate != Aggregate::count) {
    auto column = schema.index_of(measure.column);
    if (!column || schema.columns[*column].kind != ColumnKind::number) {
      return Error::validation({{field + ".column", "Not a number column of " + schema.source + "."}});
    }
    compiled.values_ = table.number(*column).data();
  }
  for (std::size_t i = 0; i < measure.where.size(); ++i) {
    const auto& condition = measure.where[i];
    const auto column = schema.index_of(condition.column);
    const auto kind = column ? schema.columns[*column].kind : ColumnKind::dimension;
    using Test = Condition::Test;
    const bool fits = column && [&] {
      switch (condition.test) {
        case Test::is:
          return kind == ColumnKind::flag;
        case Test::in:
        case Test::not_in:
        case Test::starts_with:
          return kind == ColumnKind::dimension;
        case Test::any_starts_with:
          return kind == ColumnKind::code_list;
        case Test::between:
          return kind == ColumnKind::number || kind == ColumnKind::day;
      }
      return false;
    }();
    if (!fits) {
      return Error::validation({{field + ".where[" + std::to_string(i) + "].column",
                                 "Not a column of " + schema.source + " this test fits."}});
    }
    switch (condition.test) {
      case Test::is: {
        const std::uint32_t bit = 1u << table.flag_bit(*column);
        compiled.flag_mask_ |= bit;
        compiled.flag_expected_ =
            condition.flag ? (compiled.flag_expected_ | bit) : (compiled.flag_expected_ & ~bit);
        break;
      }
      case Test::in:
      case Test::not_in:
      case Test::starts_with: {
        const auto& dictionary = table.dictionary(*column);
        DimensionTest test{table.dimension(*column).data(), std::vector<std::uint8_t>(dictionary.size())};
        for (std::uint32_t code = 0; code < dictionary.size(); ++code) {
          const auto text = dictionary.text(code);
          const bool match = condition.test == Test::starts_with ? starts_with_any(text, condition.values)
                                                                 : is_any(text, condition.values);
          test.accepts[code] = (condition.test == Test::not_in) ? !match : match;
        }
        compiled.dimensions_.push_back(std::move(test));
        break;
      }
      case Test::any_starts_with: {
        const auto& dictionary = table.dictionary(*column);
        CodeListTest test{*column, std::vector<std::uint8_t>(dictionary.size())};
        for (std::uint32_t code = 0; code < dictionary.size(); ++code) {
          test.accepts[code] = starts_with_any(dictionary.text(code), condition.values);
        }
        compiled.code_lists_.push_back(std::move(test));
        break;
      }
      case Test::between: {
        RangeTest test;
        test.min = condition.min.value_or(-std::numeric_limits<double>::infinity());
        test.max = condition.max.value_or(std::numeric_limits<double>::infinity());
        if (kind == ColumnKind::number) {
          test.numbers = table.number(*column).data();
        } else {
          test.days = table.day(*column).data();
        }
        compiled.ranges_.push_back(test);
        break;
      }
    }
  }
  return compiled;
}

void CompiledMeasure::filter(std::size_t begin, std::size_t n, std::uint8_t* keep) const {
  // Each test is a tight loop over the block that the compiler vectorises; the costly code-list test runs
  // last and only on rows still kept.
  if (flag_mask_ != 0) {
    const auto* flags = flags_ + begin;
    for (std::size_t i = 0; i < n; ++i)
      keep[i] &= static_cast<std::uint8_t>((flags[i] & flag_mask_) == flag_expected_);
  }
  for (const auto& test : dimensions_) {
    const auto* codes = test.codes + begin;
    const auto* accepts = test.accepts.data();
    for (std::size_t i = 0; i < n; ++i) keep[i] &= accepts[codes[i]];
  }
  for (const auto& test : ranges_) {
    if (test.numbers != nullptr) {
      const auto* numbers = test.numbers + begin;
      for (std::size_t i = 0; i < n; ++i) {
        const double v = numbers[i];
        keep[i] &= static_cast<std::uint8_t>(v >= test.min && v <= test.max);
      }
    } else {
      const auto* days = test.days + begin;
      for (std::size_t i = 0; i < n; ++i) {
        const double v = days[i];
        keep[i] &= static_cast<std::uint8_t>(v >= test.min && v <= test.max);
      }
    }
  }
  if (values_ != nullptr) {
    const auto* values = values_ + begin;
    for (std::size_t i = 0; i < n; ++i) keep[i] &= static_cast<std::uint8_t>(!std::isnan(values[i]));
  }
  for (const auto& test : code_lists_) {
    for (std::size_t i = 0; i < n; ++i) {
      if (keep[i] == 0) continue;
      std::uint8_t any = 0;
      for (auto code : table_->codes(test.column, begin + i)) any |= test.accepts[code];
      keep[i] = any;
    }
  }
}

}  // namespace hqms::indicators
