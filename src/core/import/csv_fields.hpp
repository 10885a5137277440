#pragma once
// What the four CSV imports (encounters, survey responses, observations, complaints) share: the header check,
// the reading of flags, numbers and answers, and the row loop that counts, reports and hands on records. One
// piece of code, so that a "yes" or a "2.5" means the same in every file.
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <exception>
#include <functional>
#include <optional>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "core/common/result.hpp"
#include "core/import/csv_reader.hpp"
#include "core/import/import_report.hpp"
#include "core/import/record_refusal.hpp"

namespace hqms::importing {

inline constexpr std::size_t no_column = static_cast<std::size_t>(-1);

struct WantedColumn {
  std::string_view name;
  bool required = true;
};

// Spaces and tabs around a value are not part of it (spreadsheets pad columns).
inline std::string_view trimmed(std::string_view text) {
  std::size_t first = 0, last = text.size();
  while (first < last && (text[first] == ' ' || text[first] == '\t')) ++first;
  while (last > first && (text[last - 1] == ' ' || text[last - 1] == '\t')) --last;
  return text.substr(first, last - first);
}

// The value at a header position, trimmed; blank when the file has no such column.
inline std::string_view field_at(const CsvRecord& row, std::size_t position) {
  return position < row.fields.size() ? trimmed(row.fields[position]) : std::string_view{};
}

// 1/0, true/false, yes/no, y/n in any case; blank is no. Nothing when the text is none of these.
std::optional<bool> parse_flag(std::string_view text);

// A decimal number with '.' as the decimal point (no thousands separators, no "nan" or "inf").
std::optional<double> parse_number(std::string_view text);

// A whole number, for survey answers.
std::optional<int> parse_whole(std::string_view text);

// The header's positions of `wanted` (no_column where an optional column is absent) and the number of
// columns, or a validation error naming every missing required column.
struct CsvHeader {
  std::vector<std::size_t> positions;
  std::size_t columns = 0;
};
Result<CsvHeader> read_csv_header(CsvReader& reader, std::span<const WantedColumn> wanted);

// A record the CSV reader could not split (an unterminated quote): the structure of the rest of the file
// cannot be trusted, so the import fails as a whole.
Error broken_structure(const CsvError& error);

// The row loop every CSV import runs: `read_row(row, errors)` builds the record from the row, adds what is
// wrong with it to `errors`, hands it to the sink when nothing is, and returns the record's id for the
// report. Rows with another number of fields than the header (an unquoted separator inside a value shifts
// every column after it) are refused before they are read. wanted[0] is the record's id column.
template <class ReadRow>
ImportTally read_rows(std::string_view file_name, CsvReader& reader, const CsvHeader& header,
                      ReadRow& read_row) {
  const auto& positions = header.positions;
  ImportTally tally;
  std::vector<FieldError> errors;
  while (const CsvRecord* row = reader.next()) {
    ++tally.records_read;
    errors.clear();
    std::string_view id;
    if (row->fields.size() != header.columns) {
      id = field_at(*row, positions[0]);
      errors.push_back({"", "the row has " + std::to_string(row->fields.size()) +
                                " fields where the header has " + std::to_string(header.columns) +
                                " (a value holding the separator must be quoted)"});
    } else {
      id = read_row(*row, positions, errors);
    }
    if (errors.empty()) {
      ++tally.records_valid;
    } else {
      reject_record(tally, file_name, row->line, id, errors);
    }
  }
  return tally;
}

// read_csv_rows over up to `parts` record-aligned parts of the file at once, one thread each (the import of a
// large extract is parsing-bound, and a hospital server has cores to spare). make_read_row(k) gives part k
// its own row reader, and through it its own sink, which gets part k's records in file order. The tally,
// its problems' order and lines, and the error of a broken file are those of reading the file in one go;
// after an error, what the sinks got is to be thrown away (as after a one-go read).
template <class MakeReadRow>
Result<ImportTally> read_csv_rows_in_parts(std::string_view file_name, std::string_view text,
                                           std::span<const WantedColumn> wanted, std::size_t parts,
                                           MakeReadRow&& make_read_row) {
  CsvReader head(text);
  auto header = read_csv_header(head, wanted);
  if (!header) return header.error();
  const auto pieces = split_csv_records(text, head.offset(), head.line(), std::max<std::size_t>(parts, 1));

  using RowReader = decltype(make_read_row(std::size_t{0}));
  std::vector<RowReader> readers;
  for (std::size_t k = 0; k < pieces.size(); ++k) readers.push_back(make_read_row(k));
  std::vector<ImportTally> tallies(pieces.size());
  std::vector<std::optional<CsvError>> broken(pieces.size());
  std::vector<std::exception_ptr> failures(pieces.size());
  const auto read_part = [&](std::size_t k) {
    try {
      CsvReader reader(pieces[k].text, ',', pieces[k].first_line);
      tallies[k] = read_rows(file_name, reader, *header, readers[k]);
      broken[k] = reader.error();
    } catch (...) {
      failures[k] = std::current_exception();
    }
  };
  {
    std::vector<std::jthread> threads;
    for (std::size_t k = 1; k < pieces.size(); ++k) threads.emplace_back(read_part, k);
    read_part(0);
  }
  for (const auto& failure : failures)
    if (failure) std::rethrow_exception(failure);
  // The first broken record in file order is where a one-go read stops; later parts do not count.
  ImportTally tally;
  for (std::size_t k = 0; k < pieces.size(); ++k) {
    if (broken[k]) return broken_structure(*broken[k]);
    tally.add(std::move(tallies[k]));
  }
  return tally;
}

// The file in one go, on the calling thread.
template <class ReadRow>
Result<ImportTally> read_csv_rows(std::string_view file_name, std::string_view text,
                                  std::span<const WantedColumn> wanted, ReadRow&& read_row) {
  return read_csv_rows_in_parts(file_name, text, wanted, 1, [&](std::size_t) { return std::ref(read_row); });
}

}  // namespace hqms::importing
