#include "http/problems/problem.hpp"

#include <nlohmann/json.hpp>

namespace hqms::http {

Problem problem(int status, std::string type, std::string title, std::string detail) {
  return Problem{status, std::move(type), std::move(title), std::move(detail), {}, {}};
}

Problem problem_from(const Error& e) {
  switch (e.kind) {
    case ErrorKind::bad_request:
      return problem(400, "/problems/bad-request", "Bad request", e.message);
    case ErrorKind::malformed_json:
      return problem(400, "/problems/malformed-json", "Malformed JSON", e.message);
    case ErrorKind::validation: {
      auto p = problem(422, "/problems/validation", "Validation failed", e.message);
      p.errors = e.fields;
      return p;
    }
    case ErrorKind::unauthenticated:
      return problem(401, "/problems/unauthenticated", "Sign-in required", e.message);
    case ErrorKind::session_expired:
      return problem(401, "/problems/session-expired", "Session expired", e.message);
    case ErrorKind::invalid_credentials:
      return problem(401, "/problems/invalid-credentials", "Sign-in failed", e.message);
    case ErrorKind::forbidden:
      return problem(403, "/problems/forbidden", "Forbidden", e.message);
    case ErrorKind::not_found:
      return problem(404, "/problems/not-found", "Not found", e.message);
    case ErrorKind::conflict: {
      auto p = problem(409, "/problems/conflict", "Conflict", e.message);
      p.errors = e.fields;
      return p;
    }
    case ErrorKind::rate_limited: {
      auto p = problem(429, "/problems/too-many-requests", "Too many requests", e.message);
      p.retry_after_seconds = e.retry_after_seconds;
      return p;
    }
    case ErrorKind::serialization_conflict:
    case ErrorKind::unavailable:
      return problem(503, "/problems/unavailable", "Service unavailable",
                     "The service is temporarily unavailable. Please try again shortly.");
    case ErrorKind::internal:
      break;
  }
  return problem(500, "/problems/internal", "Internal error",
                 "Something went wrong on our side. The error has been logged.");
}

Response problem_response(const Problem& p, std::string_view instance) {
  nlohmann::json doc{{"type", p.type},
                     {"title", p.title},
                     {"status", p.status},
                     {"detail", p.detail},
                     {"instance", instance}};
  if (!p.errors.empty()) {
    auto& errors = doc["errors"] = nlohmann::json::array();
    for (const auto& f : p.errors) errors.push_back({{"field", f.field}, {"message", f.message}});
  }
  auto res = text_response(p.status, doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                           "application/problem+json");
  if (p.retry_after_seconds)
    res.set(boost::beast::http::field::retry_after, std::to_string(*p.retry_after_seconds));
  return res;
}

}  // namespace hqms::http
