#pragma once
#include <functional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

class RequestContext;
using Handler = std::function<Result<Response>(RequestContext&)>;

enum class Access {
  anyone,     // no session needed (health, login)
  signed_in,  // a valid session; the handler then checks role and scope
  // A valid session, including one that may do nothing but set up a second factor (the organisation
  // requires one and the person has none yet): signing out, the session, and enrolling. Every signed_in
  // route refuses such a session with 403 /problems/second-factor-enrolment-required.
  enrolling,
  // No session, and nothing about the caller is kept: no access-log line (which would hold the moment and
  // the address), so that an anonymous report cannot be traced back to its reporter.
  anonymous_reporter,
};

enum class BodyKind {
  json,    // application/json or nothing
  binary,  // any media type: the handler checks it (file uploads)
};

struct Route {
  Method method;
  std::string pattern;  // /api/v1/users/{id}
  Access access;
  Handler handler;
  BodyKind body = BodyKind::json;
};

struct RouteMatch {
  const Route* route = nullptr;
  std::map<std::string, std::string, std::less<>> params;
  std::vector<Method> allowed;  // methods the path does answer, when route is null
};

class Router {
 public:
  void add(Method method, std::string pattern, Access access, Handler handler,
           BodyKind body = BodyKind::json);
  RouteMatch match(Method method, std::string_view path) const;
  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

}  // namespace hqms::http
