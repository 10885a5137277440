#pragma once
// The Ed25519 key pair (RFC 8032, libsodium) that signs audit checkpoints. Its text forms are what the key
// files hold: one line, a label saying which half it is, then the bytes in hexadecimal. The label keeps a
// secret key from being taken for a public one, and the reverse.
#include <array>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/audit/audit_checkpoint.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"

namespace hqms {

class AuditPublicKey {
 public:
  static constexpr std::size_t kBytes = 32;
  explicit AuditPublicKey(const std::array<unsigned char, kBytes>& bytes) : bytes_(bytes) {}
  // "hqms-audit-public-key-v1 <64 hex digits>"
  static Result<AuditPublicKey> from_text(std::string_view text);
  std::string to_text() const;
  // The first 16 hex digits of the key's SHA-256: enough to tell keys apart in a checkpoint, not a secret.
  std::string id() const;
  // Signed by this key, and the signature covers exactly this checkpoint.
  bool signed_this(const AuditCheckpoint& checkpoint) const;
  bool operator==(const AuditPublicKey&) const = default;

 private:
  std::array<unsigned char, kBytes> bytes_;
};

class AuditSigningKey {
 public:
  static AuditSigningKey generate();
  // "hqms-audit-signing-key-v1 <64 hex digits of the seed>"
  static Result<AuditSigningKey> from_text(std::string_view text);
  std::string to_text() const;
  const AuditPublicKey& public_key() const { return public_; }
  AuditCheckpoint sign(std::int64_t seq, std::string hash, Timestamp at) const;

  AuditSigningKey(const AuditSigningKey&) = default;
  AuditSigningKey& operator=(const AuditSigningKey&) = default;
  // The secret does not outlive the object in memory.
  ~AuditSigningKey();

 private:
  static constexpr std::size_t kSeedBytes = 32;
  explicit AuditSigningKey(const std::array<unsigned char, kSeedBytes>& seed);
  std::array<unsigned char, 64> secret_{};
  AuditPublicKey public_{{}};
};

}  // namespace hqms
