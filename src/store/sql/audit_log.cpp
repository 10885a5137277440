#include "core/audit/audit_chain.hpp"
#include "store/sql/audit_entry_rows.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

// Records of a department carry its site as well, so a site filter alone finds them.
std::string scope_condition(Dialect dialect) {
  return "(?1 = 1 OR " + in_id_list(dialect, "site_id", 2) + " OR " +
         in_id_list(dialect, "department_id", 3) + ")";
}

}  // namespace

Result<AuditEntry> SqlAuditLog::append(const AuditEvent& event, Timestamp at) {
  // Appends from every process take their turn here, so each sees the head the previous one wrote.
  if (const auto lock = audit_chain_lock(c_.dialect()); !lock.empty())
    if (auto r = c_.exec(lock); !r) return r.error();
  std::int64_t seq = 1;
  std::string prev_hash(kGenesisHash);
  {
    auto head = c_.prepare("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1");
    if (!head) return head.error();
    auto row = head->step();
    if (!row) return row.error();
    if (*row) {
      seq = head->int64(0) + 1;
      prev_hash = head->text(1);
    }
  }
  AuditEntry e = seal_audit_entry(event, seq, at, std::move(prev_hash));
  auto r = c_.execute(std::string("INSERT INTO audit_log(") + kAuditEntryColumns +
                          ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                      e.seq, e.at, e.actor_id, e.actor_username, e.action, e.entity_type, e.entity_id,
                      e.summary, e.before, e.after, e.site_id, e.department_id, e.prev_hash, e.hash);
  if (!r) return r.error();
  return e;
}

Result<Page<AuditEntry>> SqlAuditLog::list(const AuditQuery& q) {
  // The text condition is left out entirely when there are no words: both databases refuse an empty query.
  const std::string words = text_query(c_.dialect(), q.text);
  std::string where = std::string(" WHERE ") + scope_condition(c_.dialect()) +
                      " AND (actor_id = ?4 OR ?4 IS NULL) AND (?5 = '' OR entity_type = ?5)"
                      " AND (?6 = '' OR entity_id = ?6) AND (?7 = '' OR action = ?7)"
                      " AND (at >= ?8 OR ?8 IS NULL) AND (at < ?9 OR ?9 IS NULL)";
  if (!words.empty()) where += " AND " + audit_text_match(c_.dialect(), 10);
  auto bind = [&](Statement& st) {
    st.bind_all(q.visible.everything, id_list(q.visible.site_ids), id_list(q.visible.department_ids),
                q.actor_id, q.entity_type, q.entity_id, q.action, to_db(q.from), to_db(q.until));
    if (!words.empty()) st.bind(10, words);
  };
  return read_page<AuditEntry>(c_, kAuditEntryColumns, " FROM audit_log" + where,
                               order_clause(q.page, {{"seq", "seq"}, {"at", "at"}}, "seq"), q.page,
                               words.empty() ? 9 : 10, bind, read_audit_entry);
}

Result<std::vector<DayCount>> SqlAuditLog::activity(Timestamp from, Timestamp until,
                                                    const ScopeFilter& visible) {
  auto st = c_.prepare(std::string("SELECT substr(at, 1, 10) AS day, COUNT(*) FROM audit_log WHERE ") +
                       scope_condition(c_.dialect()) + " AND at >= ?4 AND at < ?5 GROUP BY day ORDER BY day");
  if (!st) return st.error();
  st->bind_all(visible.everything, id_list(visible.site_ids), id_list(visible.department_ids), to_db(from),
               to_db(until));
  std::vector<DayCount> days;
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) break;
    days.push_back(DayCount{st->text(0), st->int64(1)});
  }
  return days;
}

Result<void> SqlAuditLog::scan(const std::function<bool(const AuditEntry&)>& visit) {
  auto st = c_.prepare(std::string("SELECT ") + kAuditEntryColumns + " FROM audit_log ORDER BY seq");
  if (!st) return st.error();
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row || !visit(read_audit_entry(*st))) break;
  }
  return {};
}

}  // namespace hqms::store::sql
