// A small directory of active people, for assigning a handler, an investigator, a team member, an action
// owner or a risk owner. It shows names and departments only (no e-mail, roles or sign-in data), so it is
// open to everyone who assigns work, across the organisation: an investigation often needs someone from
// another department.
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

void add_people_routes(Router& router) {
  router.add(Method::get, "/api/v1/people", Access::signed_in, [](RequestContext& ctx) -> Result<Response> {
    const auto policy = ctx.policy();
    if (!policy.allows_somewhere(Permission::incidents_triage) &&
        !policy.allows_somewhere(Permission::investigations_manage) &&
        !policy.allows_somewhere(Permission::capa_manage) &&
        !policy.allows_somewhere(Permission::risks_manage))
      return ctx.deny("look people up to assign work", std::nullopt);
    QueryReader query(ctx.req());
    store::UserQuery q;
    q.text = query.text("q", 100);
    q.active = true;
    q.visible.everything = true;
    q.page.limit = query.integer("limit", 1, 50).value_or(20);
    q.page.sort_field = "displayName";
    if (auto r = query.finish(); !r) return r.error();
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto found = (*uow)->users().list(q);
    if (!found) return found.error();
    auto items = nlohmann::json::array();
    for (const auto& u : found->items) {
      const auto* dept = u.home_department_id ? ctx.org().department(*u.home_department_id) : nullptr;
      items.push_back(
          {{"id", u.id}, {"displayName", u.display_name}, {"departmentName", dept ? dept->name : ""}});
    }
    return json_ok({{"items", std::move(items)}});
  });
}

}  // namespace hqms::http
