#include "store/audit/audit_checkpointing.hpp"

#include "core/audit/audit_chain.hpp"

namespace hqms::store {
namespace {

Error tampered(std::string what) {
  return Error::conflict("no audit checkpoint taken: " + std::move(what) + ". Run `hqms verify-audit`.");
}

}  // namespace

AuditCheckpointing::AuditCheckpointing(Database& db, AuditSigningKey key, CheckpointFile file,
                                       CheckpointPolicy policy)
    : db_(db), key_(std::move(key)), file_(std::move(file)), policy_(policy) {}

Result<std::optional<AuditCheckpoint>> AuditCheckpointing::take_if_due(Timestamp now) {
  return take_when(now, true);
}

Result<std::optional<AuditCheckpoint>> AuditCheckpointing::take(Timestamp now) {
  return take_when(now, false);
}

Result<std::optional<ChainHead>> AuditCheckpointing::head_to_sign(Timestamp now, bool only_if_due) {
  // A new process learns this key's newest checkpoint from the file as well as from the database: someone
  // who deleted the stored checkpoints with the tail they anchored must not get the cut trail signed.
  // Lines that do not read as a checkpoint of this key are left to verify-audit to report.
  if (!file_read_) {
    auto lines = read_checkpoint_file(file_.path());
    if (!lines) return lines.error();
    // From the end, where the newest lines are: a line is verified only if it would anchor a later entry than
    // any found so far, so a start checks a few signatures however long the file has grown (two servers
    // sharing a key may append out of order, hence no stopping at the first).
    for (auto line = lines->rbegin(); line != lines->rend(); ++line)
      if (line->checkpoint && (!last_ || line->checkpoint->seq > last_->seq) &&
          key_.public_key().signed_this(*line->checkpoint))
        last_ = *line->checkpoint;
    file_read_ = true;
  }
  auto uow = db_.begin(TxMode::read);
  if (!uow) return uow.error();
  auto& log = (*uow)->audit_checkpoints();
  auto head = log.head();
  if (!head) return head.error();
  auto stored = log.latest(key_.public_key().id());
  if (!stored) return stored.error();
  // A stored checkpoint counts only if this key really signed it.
  if (*stored && key_.public_key().signed_this(**stored) && (!last_ || (*stored)->seq > last_->seq))
    last_ = **stored;
  if (!*head) return std::optional<ChainHead>();
  const auto& h = **head;
  if (last_ && h.seq < last_->seq)
    return tampered("the trail ends at entry " + std::to_string(h.seq) + ", but entry " +
                    std::to_string(last_->seq) + " was checkpointed " + last_->at +
                    ": its tail has been cut");
  const bool due = only_if_due ? checkpoint_due(policy_, h.seq, last_, now) : (!last_ || h.seq > last_->seq);
  if (!due) return std::optional<ChainHead>();
  // The new signature vouches for everything up to the head, so what came since the last checkpoint must go
  // on from the hash that one signed, unaltered (the first checkpoint of a key checks the whole trail once).
  if (last_) {
    auto hash = log.entry_hash(last_->seq);
    if (!hash) return hash.error();
    if (*hash != last_->hash)
      return tampered("entry " + std::to_string(last_->seq) + " no longer has the hash checkpointed " +
                      last_->at + ": the trail has been rewritten");
  }
  AuditChainVerifier chain = last_ ? AuditChainVerifier(last_->seq, last_->hash) : AuditChainVerifier();
  auto walked =
      log.entries_between(last_ ? last_->seq : 0, h.seq, [&](const AuditEntry& e) { chain.feed(e); });
  if (!walked) return walked.error();
  if (!chain.verdict().ok)
    return tampered("the trail is broken at entry " + std::to_string(*chain.verdict().first_broken_seq) +
                    " (" + chain.verdict().reason + ")");
  return std::optional<ChainHead>(h);
}

Result<std::optional<AuditCheckpoint>> AuditCheckpointing::take_when(Timestamp now, bool only_if_due) {
  auto head = head_to_sign(now, only_if_due);
  if (!head) return head.error();
  if (!*head) return std::optional<AuditCheckpoint>();
  auto checkpoint = key_.sign((*head)->seq, (*head)->hash, now);
  // The file first: it is the copy that counts against someone who controls the database.
  if (auto appended = file_.append(checkpoint); !appended) return appended.error();
  auto stored =
      in_write_transaction(db_, [&](UnitOfWork& uow) { return uow.audit_checkpoints().add(checkpoint); });
  if (!stored) return stored.error();
  last_ = checkpoint;
  return std::optional<AuditCheckpoint>(checkpoint);
}

}  // namespace hqms::store
