#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

// What a caller asks to record; the audit log adds sequence, time and the hash chain.
struct AuditEvent {
  std::optional<Id> actor_id;
  std::string actor_username;  // kept verbatim: usernames can change, the record must not
  std::string action;          // create, update, delete, login, logout, login_failed, permission_denied, ...
  std::string entity_type;
  std::string entity_id;
  std::string summary;
  nlohmann::json before;  // null when nothing existed before
  nlohmann::json after;   // null when nothing exists after
  std::optional<Id> site_id;
  std::optional<Id> department_id;
};

// An entry as stored. Everything is kept as the exact text that was hashed, so that a changed byte anywhere,
// even one that would parse to the same value, breaks the chain.
struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;  // ISO-8601 UTC
  std::optional<Id> actor_id;
  std::string actor_username;
  std::string action;
  std::string entity_type;
  std::string entity_id;
  std::string summary;
  std::string before;  // JSON text, empty when there was nothing before
  std::string after;   // JSON text, empty when nothing exists after
  std::optional<Id> site_id;
  std::optional<Id> department_id;
  std::string prev_hash;
  std::string hash;
};

// Seals an event as the entry that follows `prev_hash` in the chain.
AuditEntry seal_audit_entry(const AuditEvent& event, std::int64_t seq, Timestamp at, std::string prev_hash);

}  // namespace hqms
