#include "core/indicators/fact_table.hpp"

#include <cassert>
#include <cmath>
#include <limits>
#include <utility>

namespace hqms::indicators {

std::uint32_t Dictionary::code_of(std::string_view text) {
  if (auto found = codes_.find(text); found != codes_.end()) return found->second;
  const auto code = static_cast<std::uint32_t>(texts_.size());
  texts_.emplace_back(text);
  codes_.emplace(std::string(text), code);
  return code;
}

std::optional<std::uint32_t> Dictionary::find(std::string_view text) const {
  if (auto found = codes_.find(text); found != codes_.end()) return found->second;
  return std::nullopt;
}

std::optional<std::size_t> FactSchema::index_of(std::string_view name) const {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].name == name) return i;
  }
  return std::nullopt;
}

const ColumnSpec* FactSchema::find(std::string_view name) const {
  auto index = index_of(name);
  return index ? &columns[*index] : nullptr;
}

FactTable::FactTable(FactSchema schema) : schema_(std::move(schema)) {
  std::uint32_t flag_count = 0;
  for (std::size_t i = 0; i < schema_.columns.size(); ++i) {
    Column column{schema_.columns[i].kind, 0, unset};
    switch (column.kind) {
      case ColumnKind::dimension:
        column.slot = static_cast<std::uint32_t>(dimensions_.size());
        column.dictionary = static_cast<std::uint32_t>(dictionaries_.size());
        dimensions_.emplace_back();
        dimension_columns_.push_back(i);
        dictionaries_.emplace_back();
        break;
      case ColumnKind::code_list:
        column.slot = static_cast<std::uint32_t>(list_offsets_.size());
        column.dictionary = static_cast<std::uint32_t>(dictionaries_.size());
        list_offsets_.push_back({0});
        list_codes_.emplace_back();
        dictionaries_.emplace_back();
        break;
      case ColumnKind::flag:
        column.slot = flag_count++;
        break;
      case ColumnKind::number:
        column.slot = static_cast<std::uint32_t>(numbers_.size());
        numbers_.emplace_back();
        break;
      case ColumnKind::day:
        column.slot = static_cast<std::uint32_t>(days_.size());
        days_.emplace_back();
        break;
    }
    columns_.push_back(column);
  }
  // One 32-bit word holds a row's flags; a schema with more is a programming error, not data.
  assert(flag_count <= 32);
}

std::span<const std::uint32_t> FactTable::dimension(std::size_t column) const {
  assert(columns_[column].kind == ColumnKind::dimension);
  return std::span(dimensions_[columns_[column].slot]).first(rows_);
}

const Dictionary& FactTable::dictionary(std::size_t column) const {
  assert(columns_[column].dictionary != unset);
  return dictionaries_[columns_[column].dictionary];
}

std::span<const float> FactTable::number(std::size_t column) const {
  assert(columns_[column].kind == ColumnKind::number);
  return std::span(numbers_[columns_[column].slot]).first(rows_);
}

std::span<const DayNumber> FactTable::day(std::size_t column) const {
  assert(columns_[column].kind == ColumnKind::day);
  return std::span(days_[columns_[column].slot]).first(rows_);
}

std::uint32_t FactTable::flag_bit(std::size_t column) const {
  assert(columns_[column].kind == ColumnKind::flag);
  return columns_[column].slot;
}

std::span<const std::uint32_t> FactTable::codes(std::size_t column, std::size_t row) const {
  assert(columns_[column].kind == ColumnKind::code_list);
  const auto slot = columns_[column].slot;
  const auto& offsets = list_offsets_[slot];
  return std::span(list_codes_[slot]).subspan(offsets[row], offsets[row + 1] - offsets[row]);
}

void FactTable::reserve(std::size_t rows) {
  for (auto& column : dimensions_) column.reserve(rows);
  for (auto& column : numbers_) column.reserve(rows);
  for (auto& column : days_) column.reserve(rows);
  flags_.reserve(rows);
  for (auto& offsets : list_offsets_) offsets.reserve(rows + 1);
}

void FactTable::begin_row() {
  // Every column gets its default now, so a row that sets only some columns still lines up.
  for (auto& column : dimensions_) column.push_back(unset);
  for (auto& column : numbers_) column.push_back(std::numeric_limits<float>::quiet_NaN());
  for (auto& column : days_) column.push_back(0);
  flags_.push_back(0);
}

void FactTable::set_dimension(std::size_t column, std::string_view text) {
  const auto& c = columns_[column];
  assert(c.kind == ColumnKind::dimension);
  dimensions_[c.slot].back() = dictionaries_[c.dictionary].code_of(text);
}

void FactTable::add_code(std::size_t column, std::string_view code) {
  const auto& c = columns_[column];
  assert(c.kind == ColumnKind::code_list);
  list_codes_[c.slot].push_back(dictionaries_[c.dictionary].code_of(code));
}

void FactTable::set_flag(std::size_t column, bool value) {
  const auto& c = columns_[column];
  assert(c.kind == ColumnKind::flag);
  const std::uint32_t bit = 1u << c.slot;
  flags_.back() = value ? (flags_.back() | bit) : (flags_.back() & ~bit);
}

void FactTable::set_number(std::size_t column, double value) {
  const auto& c = columns_[column];
  assert(c.kind == ColumnKind::number);
  numbers_[c.slot].back() = static_cast<float>(value);
}

void FactTable::set_day(std::size_t column, DayNumber value) {
  const auto& c = columns_[column];
  assert(c.kind == ColumnKind::day);
  days_[c.slot].back() = value;
}

void FactTable::end_row() {
  // An unset dimension reads as the empty text, which then is a value like any other (a stratum "" shows
  // "not recorded"); encoding it lazily keeps "" out of dictionaries whose rows always set the column.
  for (std::size_t slot = 0; slot < dimensions_.size(); ++slot) {
    auto& code = dimensions_[slot].back();
    if (code == unset) code = dictionaries_[columns_[dimension_columns_[slot]].dictionary].code_of("");
  }
  for (std::size_t slot = 0; slot < list_offsets_.size(); ++slot) {
    list_offsets_[slot].push_back(static_cast<std::uint32_t>(list_codes_[slot].size()));
  }
  ++rows_;
}

void FactTable::append(const FactTable& other) {
  assert(other.schema_.source == schema_.source && other.columns_.size() == columns_.size());
  std::vector<std::vector<std::uint32_t>> recode(dictionaries_.size());
  for (std::size_t d = 0; d < dictionaries_.size(); ++d) {
    const auto& theirs = other.dictionaries_[d];
    recode[d].reserve(theirs.size());
    for (std::uint32_t code = 0; code < theirs.size(); ++code)
      recode[d].push_back(dictionaries_[d].code_of(theirs.text(code)));
  }
  for (const auto& column : columns_) {
    switch (column.kind) {
      case ColumnKind::dimension: {
        auto& mine = dimensions_[column.slot];
        const auto& map = recode[column.dictionary];
        mine.reserve(rows_ + other.rows_);
        for (const auto code : other.dimensions_[column.slot]) mine.push_back(map[code]);
        break;
      }
      case ColumnKind::code_list: {
        auto& offsets = list_offsets_[column.slot];
        auto& codes = list_codes_[column.slot];
        const auto& map = recode[column.dictionary];
        const auto& their_offsets = other.list_offsets_[column.slot];
        const auto base = offsets.back();
        for (std::size_t row = 1; row < their_offsets.size(); ++row)
          offsets.push_back(base + their_offsets[row]);
        for (const auto code : other.list_codes_[column.slot]) codes.push_back(map[code]);
        break;
      }
      case ColumnKind::number: {
        auto& mine = numbers_[column.slot];
        const auto& theirs = other.numbers_[column.slot];
        mine.insert(mine.end(), theirs.begin(), theirs.end());
        break;
      }
      case ColumnKind::day: {
        auto& mine = days_[column.slot];
        const auto& theirs = other.days_[column.slot];
        mine.insert(mine.end(), theirs.begin(), theirs.end());
        break;
      }
      case ColumnKind::flag:
        break;  // all flags are in one word per row, copied below
    }
  }
  flags_.insert(flags_.end(), other.flags_.begin(), other.flags_.end());
  rows_ += other.rows_;
}

}  // namespace hqms::indicators
