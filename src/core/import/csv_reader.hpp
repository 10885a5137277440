#pragma once
// A streaming reader of RFC 4180 CSV for the encounter, survey and indicator imports. Written here rather
// than taken from a library: Debian ships no C++ CSV parser, and the imports need what general parsers rarely
// give together — the physical line number of every record for error reports, quoted fields spanning lines,
// no heap allocation per field (fields are views into the buffer unless a quoted field holds doubled quotes),
// and a UTF-8 byte-order mark skipped.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hqms {

struct CsvRecord {
  std::size_t line = 0;  // physical line (1-based) where the record starts, as an editor shows it
  std::vector<std::string_view>
      fields;  // valid until the next call to next(); views into the input or scratch
};

struct CsvError {
  std::size_t line = 0;
  std::string message;  // "unterminated quoted field", "text after a closing quote"
};

class CsvReader {
 public:
  // Reads `text` (the whole file, or a part of it from one record boundary to another). The separator is ','
  // unless told otherwise (';' for spreadsheets saved in many European locales). `first_line` is the
  // physical line the text starts on; a byte-order mark is looked for on line 1 only.
  explicit CsvReader(std::string_view text, char separator = ',', std::size_t first_line = 1);

  // The next record, or null at the end. The record is the reader's own, overwritten by the next call, so
  // reading a file allocates nothing per record once the first few have sized the buffers. Records end at LF
  // or CRLF; an empty line is skipped. A malformed record is reported through error() and reading stops (the
  // caller reports it with its line).
  const CsvRecord* next();
  const std::optional<CsvError>& error() const { return error_; }
  // Where the next record starts, and on which physical line.
  std::size_t offset() const { return pos_; }
  std::size_t line() const { return line_; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
  char separator_;
  std::optional<CsvError> error_;
  CsvRecord record_;
  std::vector<std::string> unescaped_;  // quoted fields with doubled quotes, rebuilt; reused between records
  // Positions in record_.fields of the rebuilt fields, in the order of unescaped_. Their views are set once
  // the record is complete, because unescaped_ may grow (and move its short strings) while the record is
  // read.
  std::vector<std::size_t> rebuilt_;
};

// The header row's column positions by name (names trimmed, compared case-insensitively), with the required
// names that are missing.
struct CsvColumns {
  std::vector<std::string> names;
  std::vector<std::string> missing;
  // Position of `name`, or nothing when the file has no such column.
  std::optional<std::size_t> at(std::string_view name) const;
};
CsvColumns csv_columns(const CsvRecord& header, const std::vector<std::string_view>& required);

// A stretch of a CSV file from one record boundary to another, with the physical line it starts on.
struct CsvPart {
  std::string_view text;
  std::size_t first_line = 1;
};

// Cuts text[from..] (`from` being a record boundary on line `from_line`) into at most `parts` parts of about
// equal size, each cut made after a line end that is outside any quoted field, by the reader's own rules (a
// quote opens a quoted field only at the start of a field; a doubled quote inside one does not close it).
// Reading the parts one after another gives exactly the records of reading the whole, so each part can be
// read on its own thread.
std::vector<CsvPart> split_csv_records(std::string_view text, std::size_t from, std::size_t from_line,
                                       std::size_t parts, char separator = ',');

}  // namespace hqms
