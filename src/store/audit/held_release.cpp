#include "store/audit/held_release.hpp"

namespace hqms::store {

Result<int> release_held_audit_events(Database& db, Timestamp now) {
  return in_write_transaction(db, [&](UnitOfWork& uow) { return uow.audit().release_held(now); });
}

}  // namespace hqms::store
