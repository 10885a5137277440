#pragma once
#include "store/audit/audit_checkpoint_log.hpp"
#include "store/sql/audit_entry_rows.hpp"

namespace hqms::store::sql {

class SqlAuditCheckpointLog final : public AuditCheckpointLog {
 public:
  explicit SqlAuditCheckpointLog(Connection& c) : c_(c) {}
  Result<void> add(const AuditCheckpoint& checkpoint) override;
  Result<std::optional<AuditCheckpoint>> latest(const std::string& key_id) override;
  Result<std::vector<AuditCheckpoint>> all() override;
  Result<std::optional<ChainHead>> head() override;
  Result<std::optional<std::string>> entry_hash(std::int64_t seq) override;
  Result<void> entries_between(std::int64_t after, std::int64_t until,
                               const std::function<void(const AuditEntry&)>& visit) override;

 private:
  Connection& c_;
};

}  // namespace hqms::store::sql
