#pragma once
// The indicator engine's data: one columnar table per source (encounters, incidents, survey answers...).
// Columns are plain arrays (structure of arrays) so that one pass over millions of rows reads only the
// columns an indicator set uses; text dimensions are dictionary-encoded to 32-bit codes so a filter on a
// dimension becomes a table lookup by code, and rows are appended without any heap allocation of their own.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hqms::indicators {

// Days since 1970-01-01 (UTC), the resolution every indicator period is built from.
using DayNumber = std::int32_t;

// The distinct texts of one dimension column, each with its code (0, 1, 2... in order of first sight).
class Dictionary {
 public:
  std::uint32_t code_of(std::string_view text);  // adds the text when new
  std::optional<std::uint32_t> find(std::string_view text) const;
  std::string_view text(std::uint32_t code) const { return texts_[code]; }
  std::size_t size() const { return texts_.size(); }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
  };
  std::vector<std::string> texts_;
  std::unordered_map<std::string, std::uint32_t, Hash, std::equal_to<>> codes_;
};

enum class ColumnKind {
  dimension,  // text, dictionary-encoded (site, department, sex, diagnosis code...)
  code_list,  // several dictionary-encoded codes per row (procedure codes), stored as offsets + codes
  flag,       // yes/no, one bit of the row's flag word (at most 32 flags per table)
  number,     // float; NaN where the source gave none
  day,        // DayNumber
};

struct ColumnSpec {
  std::string name;  // what indicator filters name: "patient_days", "age_band"
  ColumnKind kind = ColumnKind::dimension;
  std::string label;  // "Patient-days", shown in the workbench
};

// A source's columns. Every source has the dimensions "site" and "department" (unit codes as in HQMS) and one
// day column that places a row in a period (`period_day`).
struct FactSchema {
  std::string source;  // "encounters", "incidents", "capa", "survey", "observations", "complaints"
  std::string label;
  std::vector<ColumnSpec> columns;
  std::string period_day;  // e.g. "discharge_day"

  std::optional<std::size_t> index_of(std::string_view name) const;
  const ColumnSpec* find(std::string_view name) const;
};

class FactTable {
 public:
  explicit FactTable(FactSchema schema);

  const FactSchema& schema() const { return schema_; }
  std::size_t rows() const { return rows_; }

  // Column access by the column's index in the schema; the kind must match (checked by assert).
  std::span<const std::uint32_t> dimension(std::size_t column) const;
  const Dictionary& dictionary(std::size_t column) const;  // dimension and code_list columns
  std::span<const float> number(std::size_t column) const;
  std::span<const DayNumber> day(std::size_t column) const;
  // Bit k of a row's word is the k-th flag column of the schema (flag_bit(column) tells k).
  std::span<const std::uint32_t> flags() const { return flags_; }
  std::uint32_t flag_bit(std::size_t column) const;
  // Codes of a code_list column for one row.
  std::span<const std::uint32_t> codes(std::size_t column, std::size_t row) const;

  void reserve(std::size_t rows);

  // Appending: begin_row(), set the columns (unset ones are 0 / empty / NaN / false), end_row().
  void begin_row();
  void set_dimension(std::size_t column, std::string_view text);
  void add_code(std::size_t column, std::string_view code);
  void set_flag(std::size_t column, bool value);
  void set_number(std::size_t column, double value);
  void set_day(std::size_t column, DayNumber value);
  void end_row();

  // Appends every row of `other` (a complete table of the same source), recoding its dimensions into this
  // table's dictionaries; texts new to this table are added in `other`'s order of first sight, so the result
  // is the table that appending the rows one by one would have built. Parts of one file read on several
  // threads become one table this way.
  void append(const FactTable& other);

 private:
  struct Column {
    ColumnKind kind;
    std::uint32_t slot;        // index into the kind's storage below (bit number for flags)
    std::uint32_t dictionary;  // index into dictionaries_ (dimension and code_list columns)
  };
  static constexpr std::uint32_t unset = 0xFFFFFFFFu;  // a dimension not set in the row being appended

  FactSchema schema_;
  std::vector<Column> columns_;
  std::size_t rows_ = 0;
  std::vector<std::vector<std::uint32_t>> dimensions_;  // by dimension slot
  std::vector<std::size_t> dimension_columns_;          // the schema column of each dimension slot
  std::vector<Dictionary> dictionaries_;                // one per dimension / code_list column
  std::vector<std::vector<float>> numbers_;
  std::vector<std::vector<DayNumber>> days_;
  std::vector<std::uint32_t> flags_;
  std::vector<std::vector<std::uint32_t>> list_offsets_;  // rows + 1 per code_list column
  std::vector<std::vector<std::uint32_t>> list_codes_;
};

}  // namespace hqms::indicators
