#include "http/app.hpp"
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

// Whether the newest stored checkpoint holds: signed by this server's key, and the trail still has its entry
// with the signed hash. It reads the database's copy; `hqms verify-audit --checkpoints` holds the trail to
// the file outside the database, which is what counts against someone who controls the database.
std::optional<std::string> checkpoint_problem(const AuditCheckpoint& c,
                                              const std::optional<AuditPublicKey>& key,
                                              const std::optional<std::string>& entry_hash) {
  const auto seq = std::to_string(c.seq);
  if (!key) return "this server has no audit key, so the signature was not checked";
  if (c.key_id != key->id()) return "signed by key " + c.key_id + ", not this server's key " + key->id();
  if (!key->signed_this(c)) return "the signature does not verify: the checkpoint was altered";
  if (!entry_hash) return "entry " + seq + " is no longer in the trail";
  if (*entry_hash != c.hash)
    return "entry " + seq + " no longer has the signed hash: the trail was rewritten";
  return std::nullopt;
}

Result<Response> last_checkpoint(RequestContext& ctx) {
  if (auto r = ctx.require_organisation_wide(Permission::audit_read, "see the audit trail's last checkpoint");
      !r)
    return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto& log = (*uow)->audit_checkpoints();
  auto head = log.head();
  if (!head) return head.error();
  auto latest = log.latest("");
  if (!latest) return latest.error();
  const auto& key = ctx.app().config().audit_key;
  nlohmann::json out{{"enabled", key.has_value()},
                     {"keyId", key ? nlohmann::json(key->id()) : nlohmann::json()},
                     {"headSeq", *head ? (*head)->seq : 0},
                     {"checkpoint", nullptr}};
  if (*latest) {
    const auto& c = **latest;
    auto entry_hash = log.entry_hash(c.seq);
    if (!entry_hash) return entry_hash.error();
    const auto problem = checkpoint_problem(c, key, *entry_hash);
    out["checkpoint"] = {{"seq", c.seq},
                         {"hash", c.hash},
                         {"at", c.at},
                         {"keyId", c.key_id},
                         {"verified", key ? nlohmann::json(!problem) : nlohmann::json()},
                         {"problem", problem ? nlohmann::json(*problem) : nlohmann::json()}};
  }
  return json_ok(out);
}

}  // namespace

void add_audit_routes(Router& router) {
  router.add(Method::get, "/api/v1/audit", Access::signed_in, list_audit);
  router.add(Method::get, "/api/v1/audit/activity", Access::signed_in, audit_activity);
  router.add(Method::get, "/api/v1/audit/verify", Access::signed_in, verify_audit);
  router.add(Method::get, "/api/v1/audit/checkpoint", Access::signed_in, last_checkpoint);
}

}  // namespace hqms::http
