#include "core/import/csv_fields.hpp"

#include <cmath>
#include <string>

namespace hqms::importing {
namespace {

bool same_word(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i] >= 'A' && text[i] <= 'Z' ? static_cast<char>(text[i] - 'A' + 'a') : text[i];
    if (c != lower_word[i]) return false;
  }
  return true;
}

}  // namespace

std::optional<bool> parse_flag(std::string_view text) {
  if (text.empty() || text == "0" || same_word(text, "false") || same_word(text, "no") ||
      same_word(text, "n"))
    return false;
  if (text == "1" || same_word(text, "true") || same_word(text, "yes") || same_word(text, "y")) return true;
  return std::nullopt;
}

std::optional<double> parse_number(std::string_view text) {
  if (text.empty()) return std::nullopt;
  const char* first = text.data();
  const char* last = first + text.size();
  if (*first == '+') ++first;  // from_chars refuses a leading plus that spreadsheets write
  double value = 0;
  // Fixed format: no exponent, no "nan"/"inf", and the decimal point '.' whatever the locale.
  const auto [end, ec] = std::from_chars(first, last, value, std::chars_format::fixed);
  if (ec != std::errc{} || end != last || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<int> parse_whole(std::string_view text) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

Result<CsvHeader> read_csv_header(CsvReader& reader, std::span<const WantedColumn> wanted) {
  const CsvRecord* header_row = reader.next();
  if (!header_row) {
    if (reader.error()) return broken_structure(*reader.error());
    return Error::validation({{"header", "the file is empty: the first line must name the columns"}},
                             "The file has no header row.");
  }
  std::vector<std::string_view> required;
  for (const auto& column : wanted)
    if (column.required) required.push_back(column.name);
  const auto columns = csv_columns(*header_row, required);
  if (!columns.missing.empty()) {
    std::vector<FieldError> missing;
    for (const auto& name : columns.missing)
      missing.push_back({name, "required column missing from the header"});
    return Error::validation(std::move(missing), "The header lacks required columns.");
  }
  CsvHeader header;
  header.columns = header_row->fields.size();
  header.positions.reserve(wanted.size());
  for (const auto& column : wanted) header.positions.push_back(columns.at(column.name).value_or(no_column));
  return header;
}

Error broken_structure(const CsvError& error) {
  return Error::validation({{"line " + std::to_string(error.line), error.message}},
                           "The file is not well-formed CSV at line " + std::to_string(error.line) + ".");
}

}  // namespace hqms::importing
