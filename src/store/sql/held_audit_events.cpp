// SqlAuditLog's held events: anonymous records' audit entries kept back until their day is over.
#include <algorithm>

#include "core/audit/held_event.hpp"
#include "core/common/crypto.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<void> SqlAuditLog::hold(const AuditEvent& event, Timestamp day) {
  // A random key, not a sequence: the held rows must not record their order either.
  return c_.execute("INSERT INTO held_audit_event(hold_key, day, event_json) VALUES (?1, ?2, ?3)",
                    random_token(), format_date(day), held_event_json(event).dump());
}

Result<int> SqlAuditLog::release_held(Timestamp today) {
  const std::string before = format_date(today);
  auto st = c_.prepare("SELECT hold_key, day, event_json FROM held_audit_event WHERE day < ?1" +
                       for_update(c_.dialect()));
  if (!st) return st.error();
  struct Held {
    std::string key, day, json;
  };
  auto held = read_rows(st->bind_all(before), [](const Statement& row) {
    return Held{row.text(0), row.text(1), row.text(2)};
  });
  if (!held) return held.error();
  // Oldest day first, so the trail's days still run forward; within a day, no order at all.
  shuffle_unpredictably(*held);
  std::stable_sort(held->begin(), held->end(), [](const Held& a, const Held& b) { return a.day < b.day; });
  for (const auto& h : *held) {
    auto json = nlohmann::json::parse(h.json, nullptr, false);
    auto event = held_event_from_json(json);
    if (!event) return event.error();
    auto day = parse_iso(h.day + "T00:00:00Z");
    if (!day) return Error::internal("a held audit event has a malformed day: " + h.day);
    if (auto r = append(*event, *day); !r) return r.error();
    if (auto r = c_.execute("DELETE FROM held_audit_event WHERE hold_key = ?1", h.key); !r) return r.error();
  }
  return static_cast<int>(held->size());
}

}  // namespace hqms::store::sql
