#pragma once
// The audit trail is a hash chain: each entry's SHA-256 covers its own content and the previous entry's
// hash, so changing, removing or reordering any entry breaks every link after it.
#include <optional>
#include <string>

#include "core/audit/audit_entry.hpp"

namespace hqms {

inline constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

// The exact bytes that are hashed: every field but the hash itself, as JSON with sorted keys.
std::string audit_canonical_form(const AuditEntry& entry);
std::string audit_entry_hash(const AuditEntry& entry);

struct ChainVerdict {
  bool ok = true;
  std::int64_t checked = 0;
  std::optional<std::int64_t> first_broken_seq;
  std::string reason;
};

// Fed the entries in sequence order; stops judging at the first break.
class AuditChainVerifier {
 public:
  AuditChainVerifier() = default;
  // Judges only the entries after one already vouched for (by a checkpoint): they must go on from its hash.
  AuditChainVerifier(std::int64_t after_seq, std::string after_hash)
      : expected_prev_(std::move(after_hash)), expected_seq_(after_seq + 1) {}
  void feed(const AuditEntry& entry);
  const ChainVerdict& verdict() const { return verdict_; }

 private:
  void fail(std::int64_t seq, std::string reason);
  ChainVerdict verdict_;
  std::string expected_prev_{kGenesisHash};
  std::int64_t expected_seq_ = 1;
};

}  // namespace hqms
