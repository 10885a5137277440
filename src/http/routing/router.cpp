#include "http/routing/router.hpp"

namespace hqms::http {
namespace {

std::vector<std::string_view> segments(std::string_view path) {
  std::vector<std::string_view> out;
  while (!path.empty()) {
    if (path.front() == '/') path.remove_prefix(1);
    auto slash = path.find('/');
    out.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash);
  }
  return out;
}

bool match_pattern(std::string_view pattern, std::string_view path,
                   std::map<std::string, std::string, std::less<>>& params) {
  auto want = segments(pattern), got = segments(path);
  if (want.size() != got.size()) return false;
  params.clear();
  for (std::size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (got[i].empty()) return false;
      params.emplace(std::string(want[i].substr(1, want[i].size() - 2)), std::string(got[i]));
    } else if (want[i] != got[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

void Router::add(Method method, std::string pattern, Access access, Handler handler, BodyKind body) {
  routes_.push_back(Route{method, std::move(pattern), access, std::move(handler), body});
}

RouteMatch Router::match(Method method, std::string_view path) const {
  RouteMatch m;
  std::map<std::string, std::string, std::less<>> params;
  for (const auto& r : routes_) {
    if (!match_pattern(r.pattern, path, params)) continue;
    if (r.method == method || (method == Method::head && r.method == Method::get)) {
      m.route = &r;
      m.params = std::move(params);
      return m;
    }
    m.allowed.push_back(r.method);
  }
  return m;
}

}  // namespace hqms::http
