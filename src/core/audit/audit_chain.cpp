#include "core/audit/audit_chain.hpp"

#include "core/common/crypto.hpp"

namespace hqms {
namespace {

nlohmann::json optional_id(const std::optional<Id>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json();
}

}  // namespace

AuditEntry seal_audit_entry(const AuditEvent& event, std::int64_t seq, Timestamp at, std::string prev_hash) {
  AuditEntry entry{seq,
                   format_iso(at),
                   event.actor_id,
                   event.actor_username,
                   event.action,
                   event.entity_type,
                   event.entity_id,
                   event.summary,
                   event.before.is_null() ? "" : event.before.dump(),
                   event.after.is_null() ? "" : event.after.dump(),
                   event.site_id,
                   event.department_id,
                   std::move(prev_hash),
                   {}};
  entry.hash = audit_entry_hash(entry);
  return entry;
}

std::string audit_canonical_form(const AuditEntry& e) {
  // nlohmann::json objects keep keys sorted, which makes this serialisation canonical.
  nlohmann::json doc{
      {"seq", e.seq},
      {"at", e.at},
      {"actorId", optional_id(e.actor_id)},
      {"actorUsername", e.actor_username},
      {"action", e.action},
      {"entityType", e.entity_type},
      {"entityId", e.entity_id},
      {"summary", e.summary},
      {"before", e.before},
      {"after", e.after},
      {"siteId", optional_id(e.site_id)},
      {"departmentId", optional_id(e.department_id)},
      {"prevHash", e.prev_hash},
  };
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string audit_entry_hash(const AuditEntry& entry) {
  return sha256_hex(audit_canonical_form(entry));
}

void AuditChainVerifier::fail(std::int64_t seq, std::string reason) {
  verdict_.ok = false;
  verdict_.first_broken_seq = seq;
  verdict_.reason = std::move(reason);
}

void AuditChainVerifier::feed(const AuditEntry& entry) {
  if (!verdict_.ok) return;
  ++verdict_.checked;
  if (entry.seq != expected_seq_)
    return fail(expected_seq_, "entry " + std::to_string(expected_seq_) + " is missing (found " +
                                   std::to_string(entry.seq) + ")");
  if (entry.prev_hash != expected_prev_)
    return fail(entry.seq, "its previous-hash does not match the hash of the entry before it");
  if (audit_entry_hash(entry) != entry.hash)
    return fail(entry.seq, "its content does not match its hash (the entry was altered)");
  expected_prev_ = entry.hash;
  ++expected_seq_;
}

}  // namespace hqms
