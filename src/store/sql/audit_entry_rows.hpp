#pragma once
// How an audit entry is read from a row of audit_log: shared by the trail and its checkpoints.
#include "core/audit/audit_entry.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sql {

inline constexpr const char* kAuditEntryColumns =
    "seq, at, actor_id, actor_username, action, entity_type, entity_id, summary, before_json, after_json, "
    "site_id, department_id, prev_hash, hash";

inline AuditEntry read_audit_entry(const Statement& st) {
  return AuditEntry{st.int64(0),      st.text(1),       st.opt_int64(2), st.text(3), st.text(4),
                    st.text(5),       st.text(6),       st.text(7),      st.text(8), st.text(9),
                    st.opt_int64(10), st.opt_int64(11), st.text(12),     st.text(13)};
}

}  // namespace hqms::store::sql
