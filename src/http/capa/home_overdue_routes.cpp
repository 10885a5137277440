// Escalation on the home page: the caller's overdue actions and those of the departments they manage, the
// daily digests they were sent, and running the digest by hand.
#include <algorithm>

#include "http/capa/capa_json.hpp"
#include "http/capa/overdue_digest_job.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

// The departments the caller manages, as the digest counts them: department_manager grants on a department.
std::vector<Id> managed_departments(const RequestContext& ctx) {
  std::vector<Id> out;
  for (const auto& g : ctx.principal().user.grants)
    if (g.role == Role::department_manager && g.scope.type == ScopeType::department)
      out.push_back(g.scope.id);
  return out;
}

Result<Response> my_overdue_actions(RequestContext& ctx) {
  const auto me = ctx.principal().user.id;
  const auto today = utc_day(ctx.now());
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto overdue = (*uow)->capa().overdue_actions(today);
  if (!overdue) return overdue.error();
  const auto managed = managed_departments(ctx);
  std::vector<OverdueAction> own, team;
  for (const auto& a : *overdue) {
    if (a.owner_id == me)
      own.push_back(a);
    else if (std::find(managed.begin(), managed.end(), a.department_id) != managed.end())
      team.push_back(a);
  }
  const auto most_overdue = [](const OverdueAction& a, const OverdueAction& b) {
    return a.due_on != b.due_on ? a.due_on < b.due_on : a.capa_id < b.capa_id;
  };
  std::stable_sort(own.begin(), own.end(), most_overdue);
  std::stable_sort(team.begin(), team.end(), most_overdue);
  std::vector<Id> people;
  for (const auto* list : {&own, &team})
    for (const auto& a : *list)
      if (a.owner_id) people.push_back(*a.owner_id);
  auto names = (*uow)->users().display_names(people);
  if (!names) return names.error();
  auto items = [&](const std::vector<OverdueAction>& list) {
    auto out = json::array();
    for (const auto& a : list) out.push_back(overdue_item_json(ctx.org(), a, *names, today));
    return out;
  };
  return json_ok({{"own", items(own)}, {"team", items(team)}});
}

Result<Response> my_notifications(RequestContext& ctx) {
  QueryReader query(ctx.req());
  const int limit = query.integer("limit", 1, 100).value_or(20);
  if (auto r = query.finish(); !r) return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto found = (*uow)->notifications().for_user(ctx.principal().user.id, limit);
  if (!found) return found.error();
  auto items = json::array();
  for (const auto& n : *found) {
    auto payload = json::parse(n.payload, nullptr, false);
    items.push_back({{"id", n.id},
                     {"kind", n.kind},
                     {"day", date_text(n.day)},
                     {"title", n.title},
                     {"body", n.body},
                     {"items", payload.is_array() ? payload : json::array()},
                     {"createdAt", format_iso(n.created_at)},
                     {"readAt", n.read_at ? json(format_iso(*n.read_at)) : json(nullptr)}});
  }
  return json_ok({{"items", std::move(items)}});
}

// A notification is the reader's own inbox state, not a record: marking it read is not audited.
Result<Response> mark_notification_read(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    return uow.notifications().mark_read(ctx.principal().user.id, *id, ctx.now());
  });
  if (!done) return done.error();
  return empty_response(204);
}

Result<Response> run_digest_now(RequestContext& ctx) {
  if (auto r = ctx.require_organisation_wide(Permission::capa_manage, "run the overdue-actions digest"); !r)
    return r.error();
  auto body = BodyReader::parse_text(ctx.req().raw.body().empty() ? "{}" : ctx.req().raw.body());
  if (!body) return body.error();
  std::optional<Date> day;
  if (auto text = body->string("day", false, 10)) {
    auto parsed = parse_date_or_instant(*text);
    if (!parsed || text->size() != 10)
      body->error("day", "must be a date, YYYY-MM-DD");
    else
      day = utc_day(*parsed);
  }
  if (auto r = body->finish(); !r) return r.error();
  const auto& me = ctx.principal().user;
  auto run = run_overdue_digest(ctx.db(), ctx.now(), day, {me.id, me.username});
  if (!run) return run.error();
  return json_ok({{"day", date_text(run->day)}, {"users", run->users}, {"items", run->items}});
}

}  // namespace

// Registered before the CAPA routes, so that /capa/digests is never read as /capa/{id}.
void add_capa_escalation_routes(Router& router) {
  router.add(Method::get, "/api/v1/me/overdue-actions", Access::signed_in, my_overdue_actions);
  router.add(Method::get, "/api/v1/me/notifications", Access::signed_in, my_notifications);
  router.add(Method::post, "/api/v1/me/notifications/{id}/read", Access::signed_in, mark_notification_read);
  router.add(Method::post, "/api/v1/capa/digests", Access::signed_in, run_digest_now);
}

}  // namespace hqms::http
