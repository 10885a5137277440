#include "store/audit/chain_verification.hpp"

namespace hqms::store {

Result<ChainVerdict> verify_audit_chain(Database& db) {
  auto uow = db.begin(TxMode::read);
  if (!uow) return uow.error();
  AuditChainVerifier verifier;
  auto scanned = (*uow)->audit().scan([&](const AuditEntry& e) {
    verifier.feed(e);
    return verifier.verdict().ok;
  });
  if (!scanned) return scanned.error();
  return verifier.verdict();
}

}  // namespace hqms::store
