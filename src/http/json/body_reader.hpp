#pragma once
// Reads a JSON request body field by field, collecting every problem so that one 422 lists them all.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

// The version number a body gives: a whole number an int holds. nullopt for anything else, which is refused
// ("must be the version number you are changing") rather than narrowed: 4294967297 would otherwise pass for
// version 1.
std::optional<int> version_number(const nlohmann::json& value);

class BodyReader {
 public:
  // 400 when the body is not JSON; 422 when it is not an object.
  static Result<BodyReader> parse(const Request& req);
  static Result<BodyReader> parse_text(std::string_view text);

  bool has(std::string_view field) const { return body_.contains(field); }
  const nlohmann::json& at(std::string_view field) const { return body_.at(field); }
  // The whole body, for documents read by a mapping of their own (FHIR).
  const nlohmann::json& document() const { return body_; }
  std::optional<std::string> string(std::string_view field, bool required, std::size_t max_length = 1000);
  // Absent: nullopt. Present: the id, or an empty optional for JSON null.
  std::optional<std::optional<Id>> nullable_id(std::string_view field);
  std::optional<bool> boolean(std::string_view field);
  // One of an enumeration's ids; JSON null or absent gives nullopt ("is required" when `required`).
  template <class E>
  std::optional<E> choice(std::string_view field, bool required,
                          std::optional<E> (*parse)(std::string_view)) {
    auto it = body_.find(field);
    if (it == body_.end() || it->is_null()) {
      if (required) error(std::string(field), "is required");
      return std::nullopt;
    }
    std::optional<E> value;
    if (it->is_string()) value = parse(it->get<std::string>());
    if (!value) error(std::string(field), "is not one of the accepted values");
    return value;
  }
  // The version of the record the caller edited, when given (the web pages always give it), into `version`:
  // the store's version check then refuses a record saved since by someone else rather than overwriting it.
  void version(int& version);
  // A day (YYYY-MM-DD, or an instant taken as its UTC day): nullopt when absent or invalid (the error noted),
  // an empty day when null, which clears it. "is required" for absent or null when `required`.
  std::optional<std::optional<Date>> nullable_day(std::string_view field, bool required = false);
  // An ISO-8601 instant, or a YYYY-MM-DD day (its start, UTC), given as a string.
  std::optional<Timestamp> instant(std::string_view field, bool required);
  void error(std::string field, std::string message) {
    errors_.push_back({std::move(field), std::move(message)});
  }
  void errors(const std::vector<FieldError>& more) {
    errors_.insert(errors_.end(), more.begin(), more.end());
  }
  bool ok() const { return errors_.empty(); }
  Result<void> finish() const;

 private:
  explicit BodyReader(nlohmann::json body) : body_(std::move(body)) {}
  nlohmann::json body_;
  std::vector<FieldError> errors_;
};

}  // namespace hqms::http
