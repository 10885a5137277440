#include "http/json/body_reader.hpp"

#include <algorithm>
#include <cstdint>
#include <limits>

namespace hqms::http {

Result<BodyReader> BodyReader::parse(const Request& req) {
  return parse_text(req.raw.body());
}

Result<BodyReader> BodyReader::parse_text(std::string_view text) {
  auto body = nlohmann::json::parse(text, nullptr, false);
  if (body.is_discarded()) return Error::of(ErrorKind::malformed_json, "The request body is not valid JSON.");
  if (!body.is_object())
    return Error::validation({{"", "must be a JSON object"}}, "The request body must be a JSON object.");
  return BodyReader(std::move(body));
}

std::optional<std::string> BodyReader::string(std::string_view field, bool required, std::size_t max_length) {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) error(std::string(field), "is required");
    return std::nullopt;
  }
  if (!it->is_string()) {
    error(std::string(field), "must be a string");
    return std::nullopt;
  }
  auto value = it->get<std::string>();
  if (value.size() > max_length) {
    error(std::string(field), "must be at most " + std::to_string(max_length) + " characters");
    return std::nullopt;
  }
  return value;
}

std::optional<std::optional<Id>> BodyReader::nullable_id(std::string_view field) {
  auto it = body_.find(field);
  if (it == body_.end()) return std::nullopt;
  if (it->is_null()) return std::optional<Id>();
  if (!it->is_number_integer() || it->get<Id>() <= 0) {
    error(std::string(field), "must be a positive id or null");
    return std::nullopt;
  }
  return std::optional<Id>(it->get<Id>());
}

std::optional<bool> BodyReader::boolean(std::string_view field) {
  auto it = body_.find(field);
  if (it == body_.end()) return std::nullopt;
  if (!it->is_boolean()) {
    error(std::string(field), "must be true or false");
    return std::nullopt;
  }
  return it->get<bool>();
}

std::optional<Timestamp> BodyReader::instant(std::string_view field, bool required) {
  auto text = string(field, required, 40);
  if (!text) return std::nullopt;
  auto value = parse_date_or_instant(*text);
  if (!value) error(std::string(field), "must be an ISO-8601 UTC time such as 2026-11-26T08:30:00Z");
  return value;
}

Result<void> BodyReader::finish() const {
  if (errors_.empty()) return {};
  // One message per field: the first is the most basic ("is required" before "must be 3 to 64 characters").
  std::vector<FieldError> first;
  for (const auto& e : errors_)
    if (std::none_of(first.begin(), first.end(), [&](const FieldError& f) { return f.field == e.field; }))
      first.push_back(e);
  return Error::validation(std::move(first));
}

std::optional<int> version_number(const nlohmann::json& value) {
  using limits = std::numeric_limits<int>;
  if (!value.is_number_integer()) return std::nullopt;
  if (value.is_number_unsigned()) {
    const auto number = value.get<std::uint64_t>();
    return number <= static_cast<std::uint64_t>(limits::max()) ? std::optional(static_cast<int>(number))
                                                               : std::nullopt;
  }
  const auto number = value.get<std::int64_t>();
  if (number < limits::min() || number > limits::max()) return std::nullopt;
  return static_cast<int>(number);
}

void BodyReader::version(int& version) {
  if (!has("version")) return;
  if (const auto number = version_number(at("version")))
    version = *number;
  else
    error("version", "must be the version number you are changing");
}

std::optional<std::optional<Date>> BodyReader::nullable_day(std::string_view field, bool required) {
  auto it = body_.find(field);
  if (it == body_.end() || it->is_null()) {
    if (required) error(std::string(field), "is required");
    if (it == body_.end()) return std::nullopt;
    return std::optional<Date>();
  }
  auto at = instant(field, required);
  if (!at) return std::nullopt;
  return std::optional<Date>(utc_day(*at));
}

}  // namespace hqms::http
