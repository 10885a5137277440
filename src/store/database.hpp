#pragma once
// The seam between HQMS and its database: http and cli see only these interfaces, never a dialect.
#include <memory>
#include <optional>
#include <string>

#include "core/common/result.hpp"
#include "store/audit/audit_log.hpp"
#include "store/auth/throttle_repository.hpp"
#include "store/org/org_repository.hpp"
#include "store/sessions/session_repository.hpp"
#include "store/users/user_repository.hpp"

namespace hqms::store {

enum class TxMode { read, write };

// One transaction and the repositories that work inside it. Destroying it without commit() rolls back,
// so an error anywhere in a request leaves nothing half-written.
class UnitOfWork {
 public:
  virtual ~UnitOfWork() = default;
  virtual OrgRepository& org() = 0;
  virtual UserRepository& users() = 0;
  virtual SessionRepository& sessions() = 0;
  virtual ThrottleRepository& throttle() = 0;
  virtual AuditLog& audit() = 0;
  virtual Result<void> commit() = 0;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Result<std::unique_ptr<UnitOfWork>> begin(TxMode mode) = 0;
  virtual Result<void> ping() = 0;
  virtual Result<int> schema_version() = 0;
};

struct DatabaseOptions {
  int pool_size = 4;
  std::optional<int> migrate_to;  // for upgrade tests: stop at this schema version
};

// `location` is a file name, or `sqlite:FILE`.
Result<std::unique_ptr<Database>> open_database(const std::string& location,
                                                const DatabaseOptions& options = {});

// Runs `work` in one write transaction and commits when it succeeds.
template <class Work>
auto in_write_transaction(Database& db, Work&& work) -> decltype(work(std::declval<UnitOfWork&>())) {
  auto uow = db.begin(TxMode::write);
  if (!uow) return uow.error();
  auto result = work(**uow);
  if (!result) return result;
  if (auto committed = (*uow)->commit(); !committed) return committed.error();
  return result;
}

}  // namespace hqms::store
