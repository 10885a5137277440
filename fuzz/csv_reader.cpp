// The raw RFC 4180 reader (src/core/import/csv_reader.hpp), and the cutting of a file into parts that the
// encounter import reads on several threads: reading the parts one after another must give exactly the
// records (fields and physical lines) and the error of reading the whole, as split_csv_records promises. The
// first byte picks the separator and the number of parts; the rest is the file.
#include "core/import/csv_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "expect.hpp"

namespace {

struct Read {
  std::vector<std::pair<std::size_t, std::vector<std::string>>> records;
  std::optional<hqms::CsvError> error;
};

// Reads every record of `reader` into `into` (copies: a record's views die with the next one).
void read_all(hqms::CsvReader& reader, Read& into) {
  while (const auto* record = reader.next()) {
    std::vector<std::string> fields(record->fields.begin(), record->fields.end());
    into.records.emplace_back(record->line, std::move(fields));
  }
  into.error = reader.error();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using hqms::fuzz::expect;
  if (size == 0) return 0;
  const char separator = (data[0] & 1) != 0 ? ';' : ',';
  const std::size_t parts = 2 + (data[0] >> 1) % 3;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);

  // The header as the imports read it, its columns by name.
  hqms::CsvReader head(text, separator);
  const auto* header = head.next();
  if (!header) return 0;
  const auto columns = hqms::csv_columns(*header, {"encounter_id", "site", "department"});
  expect(columns.names.size() == header->fields.size(), "one column name per header field");
  for (const auto& name : columns.names) (void)columns.at(name);
  const auto records_from = head.offset(), records_line = head.line();

  Read whole;
  read_all(head, whole);

  const auto pieces = hqms::split_csv_records(text, records_from, records_line, parts, separator);
  expect(!pieces.empty() && pieces.size() <= parts, "between one part and the number asked for");
  std::size_t at = records_from;
  Read joined;
  for (const auto& piece : pieces) {
    expect(piece.text.data() == text.data() + at, "the parts follow one another");
    at += piece.text.size();
    hqms::CsvReader reader(piece.text, separator, piece.first_line);
    read_all(reader, joined);
    if (joined.error) break;  // where a one-go read stops
  }
  expect(at == text.size() || joined.error, "the parts cover the rest of the file");
  expect(joined.records == whole.records, "the parts read as the whole does");
  expect(joined.error.has_value() == whole.error.has_value(), "the parts fail where the whole does");
  if (whole.error)
    expect(joined.error->line == whole.error->line && joined.error->message == whole.error->message,
           "the parts' error is the whole's");
  return 0;
}
