#include "http/app.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "core/access/role.hpp"
#include "http/auth/second_factor_standing.hpp"
#include "http/auth/session_auth.hpp"
#include "http/problems/problem.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

// application/json, or a JSON-based type such as application/fhir+json (RFC 6839 "+json" suffix).
bool is_json(std::string_view content_type) {
  auto semi = content_type.find(';');
  auto media = content_type.substr(0, semi);
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  return media == "application/json" || (media.starts_with("application/") && media.ends_with("+json"));
}

Response answer_problem(const Problem& p, const std::string& instance) {
  return problem_response(p, instance);
}

}  // namespace

App::App(store::Database& db, const Clock& clock, ServerConfig config, AccessLogSink access_log)
    : db_(db),
      clock_(clock),
      config_(std::move(config)),
      static_files_(config_.web_root),
      access_log_(std::move(access_log)),
      anonymous_flood_limit_(config_.anonymous_limit) {
  add_all_routes(router_);
}

void add_security_headers(Response& res, bool api, bool tls) {
  namespace h = boost::beast::http;
  // A route may have set a stricter policy of its own (attachment downloads are sandboxed): keep it.
  if (res.find("Content-Security-Policy") == res.end())
    res.set("Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'");
  res.set("X-Content-Type-Options", "nosniff");
  res.set("X-Frame-Options", "DENY");
  res.set("Referrer-Policy", "no-referrer");
  res.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  res.set("Cross-Origin-Opener-Policy", "same-origin");
  if (tls) res.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  if (api) res.set(h::field::cache_control, "no-store");
}

Response App::dispatch(Request& req, std::string& route_label, std::optional<Id>& user_id, bool& unlogged) {
  auto match = router_.match(req.method(), req.path);
  if (!match.route) {
    if (!match.allowed.empty()) {
      route_label = "method_not_allowed";
      auto res = answer_problem(
          problem(405, "/problems/method-not-allowed", "Method not allowed",
                  "This resource does not answer " + std::string(req.raw.method_string()) + "."),
          req.path);
      std::string allow;
      for (auto m : match.allowed) allow += (allow.empty() ? "" : ", ") + std::string(to_string(m));
      res.set(boost::beast::http::field::allow, allow);
      return res;
    }
    if (req.method() == Method::get || req.method() == Method::head) {
      if (auto file = static_files_.serve(req)) {
        route_label = "static";
        return std::move(*file);
      }
    }
    route_label = "unmatched";
    return answer_problem(
        problem(404, "/problems/not-found", "Not found", "There is nothing at this address."), req.path);
  }
  const Route& route = *match.route;
  route_label = route.pattern;
  unlogged = route.access == Access::anonymous_reporter;
  req.params = std::move(match.params);

  if (route.body == BodyKind::json && !req.raw.body().empty() && !is_json(req.header("Content-Type")))
    return answer_problem(problem(415, "/problems/unsupported-media-type", "Unsupported media type",
                                  "Send the request body as application/json."),
                          req.path);

  RequestContext ctx(*this, req);
  if (route.access == Access::signed_in || route.access == Access::enrolling) {
    auto principal = authenticate(*this, req);
    if (!principal) return answer_problem(problem_from(principal.error()), req.path);
    user_id = principal->user.id;
    if (is_state_changing(req.method()) && !csrf_token_matches(req, principal->session))
      return answer_problem(problem(403, "/problems/csrf", "Missing or invalid CSRF token",
                                    "Send the X-CSRF-Token header given at sign-in with every change."),
                            req.path);
    if (principal->must_enrol_second_factor && route.access != Access::enrolling)
      return answer_problem(second_factor_enrolment_required(), req.path);
    ctx.set_principal(std::move(*principal));
  }
  auto result = route.handler(ctx);
  if (!result) {
    const auto& e = result.error();
    if (e.kind == ErrorKind::internal || e.kind == ErrorKind::unavailable ||
        e.kind == ErrorKind::serialization_conflict)
      spdlog::error("{} {}: {}", req.raw.method_string(), route.pattern, e.message);
    return answer_problem(problem_from(e), req.path);
  }
  return std::move(*result);
}

bool App::may_send_import_body(const RawRequest& header, const std::string& peer_address) {
  try {
    auto req = parse_target(header, client_address(header, peer_address, config_.trusted_proxies));
    if (!req) return false;
    auto principal = authenticate(*this, *req);
    if (!principal || principal->must_enrol_second_factor) return false;
    const auto& grants = principal->user.grants;
    return std::any_of(grants.begin(), grants.end(),
                       [](const Grant& g) { return role_has(g.role, Permission::data_import); });
  } catch (const std::exception& ex) {
    spdlog::error("checking an import's sender failed: {}", ex.what());
    return false;
  }
}

Response App::handle(const RawRequest& raw, const std::string& peer_address) {
  const std::string remote_address = client_address(raw, peer_address, config_.trusted_proxies);
  const auto started = std::chrono::steady_clock::now();
  const Metrics::InFlight in_flight(metrics_);
  std::string route_label = "invalid";
  std::optional<Id> user_id;
  bool unlogged = false;
  std::string path(raw.target().substr(0, raw.target().find('?')));
  Response res;
  try {
    auto req = parse_target(raw, remote_address);
    if (!req) {
      res = answer_problem(
          problem(400, "/problems/bad-request", "Bad request", "The request address is malformed."), "");
    } else {
      path = req->path;
      res = dispatch(*req, route_label, user_id, unlogged);
    }
  } catch (const std::exception& ex) {
    spdlog::error("unhandled exception for {} {}: {}", raw.method_string(), path, ex.what());
    res = answer_problem(problem_from(Error::internal(ex.what())), path);
  }
  res.version(raw.version());
  res.keep_alive(raw.keep_alive());
  add_security_headers(res, path.starts_with("/api/"), config_.secure_cookies);
  if (raw.method() == Method::head) res.body().clear();

  const auto duration =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
  const int status = static_cast<int>(res.result_int());
  metrics_.record(raw.method_string(), route_label, status, duration);
  if (access_log_ && !unlogged)
    access_log_(access_log_line(
        {clock_.now(), std::string(raw.method_string()), path, status, duration, user_id, remote_address}));
  return res;
}

}  // namespace hqms::http
