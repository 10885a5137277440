#pragma once
// A checkpoint anchors the audit trail outside the database: a signature over the sequence number and hash of
// the entry at the head of the chain at one moment. Every entry's hash covers the one before it, so the
// signed hash vouches for the whole trail up to that entry. Whoever can write to the database can cut the
// trail's tail or rewrite it and recompute every later hash, but cannot sign a checkpoint without the key,
// which is kept elsewhere; and the checkpoint file outside the database still names what the trail held.
#include <cstdint>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace hqms {

struct AuditCheckpoint {
  std::int64_t seq = 0;   // the entry at the head of the trail when the checkpoint was taken
  std::string hash;       // that entry's hash
  std::string at;         // when the checkpoint was signed, ISO-8601 UTC
  std::string key_id;     // the key that signed it (AuditPublicKey::id)
  std::string signature;  // Ed25519 (RFC 8032) over audit_checkpoint_canonical_form, base64 (RFC 4648)
  bool operator==(const AuditCheckpoint&) const = default;
};

// The exact bytes that are signed: every field but the signature, one labelled line each, after a label that
// says what they are, so that a signature over a checkpoint cannot pass for one over anything else.
std::string audit_checkpoint_canonical_form(const AuditCheckpoint& checkpoint);

// One line of the checkpoint file (JSON Lines, without the newline), and back. Parsing checks the form of
// every field, not the signature.
std::string audit_checkpoint_json_line(const AuditCheckpoint& checkpoint);
Result<AuditCheckpoint> parse_audit_checkpoint_line(std::string_view line);

}  // namespace hqms
