#pragma once
// The one project-wide result type: errors are values at every layer boundary
// (g++ 12 has no std::expected).
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace hqms {

enum class ErrorKind {
  bad_request,      // the request itself is malformed
  malformed_json,   // the body is not JSON at all
  validation,       // well-formed but breaks a rule; carries field errors
  unauthenticated,  // no valid session
  session_expired,  // session ended by the idle timeout
  invalid_credentials,
  forbidden,
  not_found,
  conflict,
  rate_limited,
  unavailable,             // database unreachable, shutting down
  serialization_conflict,  // a concurrent transaction won; retrying the whole transaction may succeed
  internal,
};

struct FieldError {
  std::string field;
  std::string message;
  bool operator==(const FieldError&) const = default;
};

struct Error {
  ErrorKind kind = ErrorKind::internal;
  std::string message;
  std::vector<FieldError> fields;
  std::optional<int> retry_after_seconds;

  static Error of(ErrorKind kind, std::string message) { return Error{kind, std::move(message), {}, {}}; }
  static Error validation(std::vector<FieldError> fields,
                          std::string message = "The request has invalid fields.") {
    return Error{ErrorKind::validation, std::move(message), std::move(fields), {}};
  }
  static Error not_found(std::string message) { return of(ErrorKind::not_found, std::move(message)); }
  static Error conflict(std::string message) { return of(ErrorKind::conflict, std::move(message)); }
  static Error forbidden(std::string message) { return of(ErrorKind::forbidden, std::move(message)); }
  static Error internal(std::string message) { return of(ErrorKind::internal, std::move(message)); }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : state_(std::move(value)) {}      // NOLINT: implicit on purpose, like std::expected
  Result(Error error) : state_(std::move(error)) {}  // NOLINT

  bool ok() const { return std::holds_alternative<T>(state_); }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<T>(state_); }
  const T& value() const& { return std::get<T>(state_); }
  T&& value() && { return std::get<T>(std::move(state_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const Error& error() const { return std::get<Error>(state_); }

 private:
  std::variant<T, Error> state_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

}  // namespace hqms
