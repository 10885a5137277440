#pragma once
// RFC 9457 problem documents: the one shape every API error takes.
#include <string>

#include "core/common/result.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

struct Problem {
  int status = 500;
  std::string type;  // e.g. /problems/validation
  std::string title;
  std::string detail;
  std::vector<FieldError> errors;
  std::optional<int> retry_after_seconds;
};

// Internal errors keep their detail out of the response (it may hold SQL); the caller logs it.
Problem problem_from(const Error& error);
Problem problem(int status, std::string type, std::string title, std::string detail);
Response problem_response(const Problem& p, std::string_view instance);

}  // namespace hqms::http
