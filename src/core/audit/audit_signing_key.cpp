#include "core/audit/audit_signing_key.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/common/crypto.hpp"

namespace hqms {
namespace {

static_assert(AuditPublicKey::kBytes == crypto_sign_PUBLICKEYBYTES);
static_assert(crypto_sign_SECRETKEYBYTES == 64 && crypto_sign_SEEDBYTES == 32 && crypto_sign_BYTES == 64);

constexpr std::string_view kPublicLabel = "hqms-audit-public-key-v1";
constexpr std::string_view kSecretLabel = "hqms-audit-signing-key-v1";

void ensure_sodium() {
  static const int status = sodium_init();
  if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();
  return out;
}

// "<label> <hex>" with any surrounding white space (a trailing newline, a pasted space) ignored.
template <std::size_t N>
Result<std::array<unsigned char, N>> labelled_bytes(std::string_view text, std::string_view label,
                                                    std::string_view what) {
  const auto bad =
      Error::validation({}, "not an HQMS audit " + std::string(what) + ": expected a line \"" +
                                std::string(label) + " <" + std::to_string(N * 2) + " hexadecimal digits>\"");
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return bad;
  text = text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
  if (!text.starts_with(label) || text.size() != label.size() + 1 + N * 2 || text[label.size()] != ' ')
    return bad;
  const auto digits = text.substr(label.size() + 1);
  std::array<unsigned char, N> bytes{};
  std::size_t length = 0;
  if (sodium_hex2bin(bytes.data(), N, digits.data(), digits.size(), nullptr, &length, nullptr) != 0 ||
      length != N)
    return bad;
  return bytes;
}

}  // namespace

Result<AuditPublicKey> AuditPublicKey::from_text(std::string_view text) {
  auto bytes = labelled_bytes<kBytes>(text, kPublicLabel, "public key");
  if (!bytes) return bytes.error();
  return AuditPublicKey(*bytes);
}

std::string AuditPublicKey::to_text() const {
  return std::string(kPublicLabel) + " " + hex(bytes_.data(), bytes_.size()) + "\n";
}

std::string AuditPublicKey::id() const {
  return sha256_hex(std::string_view(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()))
      .substr(0, 16);
}

bool AuditPublicKey::signed_this(const AuditCheckpoint& checkpoint) const {
  if (checkpoint.key_id != id()) return false;
  const auto signature = base64_decode(checkpoint.signature);
  if (!signature || signature->size() != crypto_sign_BYTES) return false;
  ensure_sodium();
  const auto message = audit_checkpoint_canonical_form(checkpoint);
  return crypto_sign_verify_detached(reinterpret_cast<const unsigned char*>(signature->data()),
                                     reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                     bytes_.data()) == 0;
}

AuditSigningKey::AuditSigningKey(const std::array<unsigned char, kSeedBytes>& seed) {
  ensure_sodium();
  std::array<unsigned char, AuditPublicKey::kBytes> public_bytes{};
  crypto_sign_seed_keypair(public_bytes.data(), secret_.data(), seed.data());
  public_ = AuditPublicKey(public_bytes);
}

AuditSigningKey::~AuditSigningKey() {
  sodium_memzero(secret_.data(), secret_.size());
}

AuditSigningKey AuditSigningKey::generate() {
  ensure_sodium();
  std::array<unsigned char, kSeedBytes> seed{};
  randombytes_buf(seed.data(), seed.size());
  AuditSigningKey key(seed);
  sodium_memzero(seed.data(), seed.size());
  return key;
}

Result<AuditSigningKey> AuditSigningKey::from_text(std::string_view text) {
  auto seed = labelled_bytes<kSeedBytes>(text, kSecretLabel, "signing key");
  if (!seed) return seed.error();
  AuditSigningKey key(*seed);
  sodium_memzero(seed->data(), seed->size());
  return key;
}

std::string AuditSigningKey::to_text() const {
  // libsodium keeps the seed as the first half of the secret key.
  return std::string(kSecretLabel) + " " + hex(secret_.data(), kSeedBytes) + "\n";
}

AuditCheckpoint AuditSigningKey::sign(std::int64_t seq, std::string hash, Timestamp at) const {
  AuditCheckpoint checkpoint{seq, std::move(hash), format_iso(at), public_.id(), {}};
  const auto message = audit_checkpoint_canonical_form(checkpoint);
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr,
                       reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       secret_.data());
  checkpoint.signature = base64_encode(signature);
  return checkpoint;
}

}  // namespace hqms
