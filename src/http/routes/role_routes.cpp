#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

void add_role_routes(Router& router) {
  router.add(Method::get, "/api/v1/roles", Access::signed_in, [](RequestContext&) -> Result<Response> {
    auto items = nlohmann::json::array();
    for (auto role : all_roles()) {
      auto perms = nlohmann::json::array();
      for (auto p : permissions_of(role)) perms.push_back(to_string(p));
      items.push_back({{"role", to_string(role)},
                       {"label", label(role)},
                       {"description", description(role)},
                       {"permissions", std::move(perms)}});
    }
    return json_ok({{"items", std::move(items)}});
  });
}

}  // namespace hqms::http
