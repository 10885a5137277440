#include "store/sql/connection.hpp"

namespace hqms::store::sql {

std::string id_list(const std::vector<std::int64_t>& ids) {
  std::string out = "[";
  for (std::size_t i = 0; i < ids.size(); ++i) out += (i ? "," : "") + std::to_string(ids[i]);
  return out + "]";
}

std::string order_clause(const PageRequest& page,
                         std::initializer_list<std::pair<std::string_view, std::string_view>> columns,
                         std::string_view tiebreak) {
  std::string_view column = columns.begin()->second;
  for (const auto& [field, col] : columns)
    if (field == page.sort_field) column = col;
  const char* dir = page.descending ? " DESC" : " ASC";
  return " ORDER BY " + std::string(column) + dir + ", " + std::string(tiebreak) + dir;
}

}  // namespace hqms::store::sql
