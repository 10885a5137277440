#include "http/routing/paging.hpp"

#include <algorithm>
#include <charconv>

namespace hqms::http {
namespace {

template <class T>
std::optional<T> to_number(std::string_view text) {
  T value{};
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

PageRequest QueryReader::page(std::initializer_list<std::string_view> sort_fields,
                              std::string_view default_sort) {
  PageRequest page;
  if (auto limit = integer("limit", 1, PageRequest::kMaxLimit)) page.limit = *limit;
  if (auto raw = req_.query_value("offset")) {
    auto offset = to_number<std::int64_t>(*raw);
    if (!offset || *offset < 0)
      errors_.push_back({"offset", "must be a whole number of 0 or more"});
    else
      page.offset = *offset;
  }
  std::string sort(req_.query_value("sort").value_or(std::string(default_sort)));
  page.descending = !sort.empty() && sort.front() == '-';
  page.sort_field = page.descending ? sort.substr(1) : sort;
  if (std::find(sort_fields.begin(), sort_fields.end(), page.sort_field) == sort_fields.end()) {
    std::string allowed;
    for (auto f : sort_fields) allowed += (allowed.empty() ? "" : ", ") + std::string(f);
    errors_.push_back({"sort", "must be one of " + allowed + " (prefix - for descending)"});
  }
  return page;
}

std::optional<int> QueryReader::integer(std::string_view name, int min, int max) {
  auto raw = req_.query_value(name);
  if (!raw) return std::nullopt;
  auto value = to_number<int>(*raw);
  if (!value || *value < min || *value > max) {
    errors_.push_back({std::string(name),
                       "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max)});
    return std::nullopt;
  }
  return value;
}

std::optional<Id> QueryReader::id(std::string_view name) {
  auto raw = req_.query_value(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto value = to_number<Id>(*raw);
  if (!value || *value <= 0) {
    errors_.push_back({std::string(name), "must be a positive id"});
    return std::nullopt;
  }
  return value;
}

std::optional<bool> QueryReader::boolean(std::string_view name) {
  auto raw = req_.query_value(name);
  if (!raw || raw->empty()) return std::nullopt;
  if (*raw == "true") return true;
  if (*raw == "false") return false;
  errors_.push_back({std::string(name), "must be true or false"});
  return std::nullopt;
}

std::optional<Timestamp> QueryReader::date(std::string_view name) {
  auto raw = req_.query_value(name);
  if (!raw || raw->empty()) return std::nullopt;
  auto value = parse_date_or_instant(*raw);
  if (!value) errors_.push_back({std::string(name), "must be a date (YYYY-MM-DD) or an ISO-8601 UTC time"});
  return value;
}

std::string QueryReader::text(std::string_view name, std::size_t max_length) {
  auto raw = req_.query_value(name).value_or("");
  if (raw.size() > max_length) {
    errors_.push_back({std::string(name), "must be at most " + std::to_string(max_length) + " characters"});
    return {};
  }
  return raw;
}

Result<void> QueryReader::finish() const {
  if (errors_.empty()) return {};
  return Error::validation(errors_, "The query has invalid parameters.");
}

}  // namespace hqms::http
