#pragma once
// The list conventions, read from the query string in one place: limit, offset, sort=field|-field.
#include <initializer_list>
#include <optional>
#include <string_view>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"
#include "core/paging/page.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

// Collects every query-parameter problem so that one 422 lists them all.
class QueryReader {
 public:
  explicit QueryReader(const Request& req) : req_(req) {}

  PageRequest page(std::initializer_list<std::string_view> sort_fields, std::string_view default_sort);
  std::optional<Id> id(std::string_view name);
  std::optional<bool> boolean(std::string_view name);
  std::optional<Timestamp> date(std::string_view name);
  std::optional<int> integer(std::string_view name, int min, int max);
  std::string text(std::string_view name, std::size_t max_length = 200);
  // One of an enumeration's ids, parsed by `parse`; absent or empty gives nullopt.
  template <class E>
  std::optional<E> choice(std::string_view name, std::optional<E> (*parse)(std::string_view)) {
    auto raw = text(name);
    if (raw.empty()) return std::nullopt;
    auto value = parse(raw);
    if (!value) errors_.push_back({std::string(name), "is not one of the accepted values"});
    return value;
  }
  Result<void> finish() const;

 private:
  const Request& req_;
  std::vector<FieldError> errors_;
};

}  // namespace hqms::http
