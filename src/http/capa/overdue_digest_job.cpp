#include "http/capa/overdue_digest_job.hpp"

#include "http/capa/capa_json.hpp"

namespace hqms::http {

using nlohmann::json;

Result<void> InAppDigestDelivery::deliver(const OverdueDigest& digest) {
  std::vector<Id> people;
  for (const auto* list : {&digest.own, &digest.team})
    for (const auto& a : *list)
      if (a.owner_id) people.push_back(*a.owner_id);
  auto names = uow_.users().display_names(people);
  if (!names) return names.error();
  auto items = json::array();
  for (const auto* list : {&digest.own, &digest.team})
    for (const auto& a : *list) items.push_back(overdue_item_json(org_, a, *names, digest.day));
  store::Notification n;
  n.user_id = digest.user_id;
  n.kind = kOverdueDigestKind;
  n.day = digest.day;
  n.title = digest.title;
  n.body = digest.body;
  n.payload = items.dump();
  n.created_at = now_;
  auto id = uow_.notifications().put(n);
  if (!id) return id.error();
  return {};
}

Result<DigestRun> run_overdue_digest(store::Database& db, Timestamp now, std::optional<Date> day,
                                     const DigestRequester& by) {
  const Date on = day.value_or(utc_day(now));
  return store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<DigestRun> {
    auto org = uow.org().load();
    if (!org) return org.error();
    auto overdue = uow.capa().overdue_actions(on);
    if (!overdue) return overdue.error();
    auto managers = uow.notifications().department_managers();
    if (!managers) return managers.error();
    const auto digests = overdue_digests(*overdue, *managers, on);
    InAppDigestDelivery in_app(uow, *org, now);
    for (const auto& d : digests)
      if (auto r = in_app.deliver(d); !r) return r.error();
    if (auto r = uow.notifications().record_run(kOverdueDigestKind, on, now); !r) return r.error();
    DigestRun run{on, static_cast<int>(digests.size()), static_cast<int>(overdue->size())};
    AuditEvent e;
    e.actor_id = by.user_id;
    e.actor_username = by.username;
    e.action = "digest";
    e.entity_type = "capa";
    e.entity_id = "digest-" + date_text(on);
    e.summary = "Sent the overdue-actions digest for " + date_text(on) + " to " + std::to_string(run.users) +
                (run.users == 1 ? " person (" : " people (") + std::to_string(run.items) + " overdue items)";
    e.after = {{"day", date_text(on)}, {"users", run.users}, {"items", run.items}};
    if (auto r = uow.audit().record(e, now); !r) return r.error();
    return run;
  });
}

Result<std::optional<DigestRun>> run_overdue_digest_if_due(store::Database& db, Timestamp now) {
  const auto today = utc_day(now);
  {
    auto uow = db.begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto ran = (*uow)->notifications().ran_on(kOverdueDigestKind, today);
    if (!ran) return ran.error();
    if (*ran) return std::optional<DigestRun>();
  }
  auto run = run_overdue_digest(db, now, today);
  if (!run) return run.error();
  return std::optional<DigestRun>(*run);
}

}  // namespace hqms::http
