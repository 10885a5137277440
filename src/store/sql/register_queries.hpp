#pragma once
// What the repositories of the registers (CAPA, risk, FMEA) share: the pattern of a word typed into a list's
// search box, a list of names for in_text_list(), the readable reference people quote, and a row reader.
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sql {

// `lower(column) LIKE ?N ESCAPE '\'` with this pattern bound finds what was typed anywhere in the column; the
// LIKE wildcards typed are escaped so that they match only themselves.
inline std::string contains_pattern(const std::string& typed) {
  std::string like = "%";
  for (char c : typed) {
    if (c == '%' || c == '_' || c == '\\') like += '\\';
    like += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return like + "%";
}

// A JSON array of strings, for in_text_list(): one cached statement fits any list.
inline std::string text_list(const std::vector<std::string>& names) {
  return nlohmann::json(names).dump();
}

// PREFIX-<id, `width` digits at least>, with the year the record was created when `with_year`:
// CAPA-2026-0042, RSK-0042. Numbering by id is unique without a counter that concurrent writers would share.
inline std::string reference_number(const std::string& prefix, Id id, std::size_t width,
                                    std::optional<Timestamp> year_of = std::nullopt) {
  std::string number = std::to_string(id);
  if (number.size() < width) number.insert(0, width - number.size(), '0');
  return prefix + "-" + (year_of ? format_date(*year_of).substr(0, 4) + "-" : std::string()) + number;
}

// Runs a statement whose parameters are bound and hands each row to `read`.
template <class Read>
Result<void> each_row(Statement& st, Read read) {
  for (auto row = st.step();; row = st.step()) {
    if (!row) return row.error();
    if (!*row) return {};
    read(st);
  }
}

}  // namespace hqms::store::sql
