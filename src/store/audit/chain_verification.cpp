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

Result<TrailVerdict> verify_audit_trail(Database& db, CheckpointAgreement agreement) {
  auto uow = db.begin(TxMode::read);
  if (!uow) return uow.error();
  auto stored = (*uow)->audit_checkpoints().all();
  if (!stored) return stored.error();
  for (const auto& checkpoint : *stored) agreement.expect(checkpoint, "the database");
  AuditChainVerifier verifier;
  // Past a broken link the chain has nothing more to say, but the checkpoints still need every entry.
  auto scanned = (*uow)->audit().scan([&](const AuditEntry& e) {
    verifier.feed(e);
    agreement.feed(e);
    return true;
  });
  if (!scanned) return scanned.error();
  return TrailVerdict{verifier.verdict(), agreement.verdict(), stored->size()};
}

}  // namespace hqms::store
