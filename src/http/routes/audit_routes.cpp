#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"
#include "store/audit/chain_verification.hpp"

namespace hqms::http {
namespace {

Result<Response> list_audit(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::audit_read, "read the audit trail"); !r) return r.error();
  QueryReader query(ctx.req());
  store::AuditQuery q;
  q.page = query.page({"seq", "at"}, "-seq");
  q.actor_id = query.id("actorId");
  q.entity_type = query.text("entityType", 64);
  q.entity_id = query.text("entityId", 64);
  q.action = query.text("action", 64);
  q.text = query.text("q", 200);
  q.from = query.date("from");
  q.until = query.date("to");
  if (auto r = query.finish(); !r) return r.error();
  // A bare `to` date means "through that day".
  if (q.until && ctx.req().query_value("to")->size() == 10) *q.until += std::chrono::days(1);
  q.visible = ctx.policy().scope_filter(Permission::audit_read);
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto page = (*uow)->audit().list(q);
  if (!page) return page.error();
  return json_ok(page_json(*page, audit_entry_json));
}

Result<Response> audit_activity(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::audit_read, "read the audit trail"); !r) return r.error();
  QueryReader query(ctx.req());
  const int days = query.integer("days", 1, 366).value_or(30);
  if (auto r = query.finish(); !r) return r.error();
  const auto today = std::chrono::floor<std::chrono::days>(ctx.now());
  const Timestamp from = today - std::chrono::days(days - 1);
  const Timestamp until = today + std::chrono::days(1);
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto counts = (*uow)->audit().activity(from, until, ctx.policy().scope_filter(Permission::audit_read));
  if (!counts) return counts.error();
  // Every day is present, zeros included, so charts need not fill gaps.
  auto out = nlohmann::json::array();
  std::size_t next = 0;
  for (auto day = from; day < until; day += std::chrono::days(1)) {
    const auto date = format_date(day);
    std::int64_t count = 0;
    if (next < counts->size() && (*counts)[next].date == date) count = (*counts)[next++].count;
    out.push_back({{"date", date}, {"count", count}});
  }
  return json_ok({{"days", std::move(out)}});
}

Result<Response> verify_audit(RequestContext& ctx) {
  if (auto r = ctx.require_organisation_wide(Permission::audit_read, "verify the whole audit trail"); !r)
    return r.error();
  auto verdict = store::verify_audit_chain(ctx.db());
  if (!verdict) return verdict.error();
  const auto& v = *verdict;
  return json_ok(
      {{"ok", v.ok},
       {"checked", v.checked},
       {"firstBrokenSeq", v.first_broken_seq ? nlohmann::json(*v.first_broken_seq) : nlohmann::json()},
       {"reason", v.ok ? nlohmann::json() : nlohmann::json(v.reason)}});
}

}  // namespace

void add_audit_routes(Router& router) {
  router.add(Method::get, "/api/v1/audit", Access::signed_in, list_audit);
  router.add(Method::get, "/api/v1/audit/activity", Access::signed_in, audit_activity);
  router.add(Method::get, "/api/v1/audit/verify", Access::signed_in, verify_audit);
}

}  // namespace hqms::http
