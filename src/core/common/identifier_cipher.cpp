#include "core/common/identifier_cipher.hpp"

#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

namespace hqms {
namespace {

// crypto_kdf contexts are 8 bytes; the subkey ids keep sealing and indexing keys apart, so that knowing
// one tells nothing of the other (libsodium, "Key derivation").
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "hqmsPHI1";
constexpr std::uint64_t kSealSubkey = 1;
constexpr std::uint64_t kIndexSubkey = 2;
// 128 bits: no two identifiers a hospital holds collide, and a lookup re-checks nothing.
constexpr std::size_t kIndexBytes = 16;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;

void ensure_sodium() {
  static const int status = sodium_init();
  if (status < 0) throw std::runtime_error("libsodium could not be initialised");
}

const unsigned char* bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

std::string to_base64url(const std::string& raw) {
  std::string out(sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes(raw), raw.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.find('\0'));
  return out;
}

std::optional<std::string> from_base64url(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

// What is authenticated with each value: the format, the key and where the value lives.
std::string associated_data(std::string_view key_id, std::string_view binding) {
  return std::string(IdentifierCipher::kPrefix) + std::string(key_id) + ":" + std::string(binding);
}

Error not_opened(std::string_view binding) {
  return Error::internal("the sealed patient identifier in " + std::string(binding) +
                         " does not open: it was altered, or moved there from another record");
}

}  // namespace

IdentifierCipher::Subkeys::~Subkeys() {
  sodium_memzero(seal.data(), seal.size());
  sodium_memzero(index.data(), index.size());
}

bool valid_identifier_key_id(std::string_view id) {
  return !id.empty() && id.size() <= 32 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
  });
}

IdentifierKey generate_identifier_key() {
  ensure_sodium();
  IdentifierKey key;
  unsigned char id[5];
  randombytes_buf(id, sizeof id);
  char hex[sizeof id * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, id, sizeof id);
  key.id = hex;
  crypto_kdf_keygen(key.secret.data());
  return key;
}

std::string normalise_identifier(std::string_view identifier) {
  std::string out;
  out.reserve(identifier.size());
  for (char c : identifier) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '-') continue;
    out += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return out;
}

Result<IdentifierCipher> IdentifierCipher::from_keys(std::vector<IdentifierKey> keys) {
  ensure_sodium();
  if (keys.empty()) return Error::of(ErrorKind::unavailable, "the key file holds no key");
  std::vector<Subkeys> derived;
  for (const auto& k : keys) {
    if (!valid_identifier_key_id(k.id))
      return Error::of(ErrorKind::unavailable,
                       "key id '" + k.id + "' is not 1 to 32 lower-case letters or digits");
    for (const auto& d : derived)
      if (d.id == k.id) return Error::of(ErrorKind::unavailable, "key id " + k.id + " appears twice");
    Subkeys s;
    s.id = k.id;
    crypto_kdf_derive_from_key(s.seal.data(), s.seal.size(), kSealSubkey, kContext, k.secret.data());
    crypto_kdf_derive_from_key(s.index.data(), s.index.size(), kIndexSubkey, kContext, k.secret.data());
    derived.push_back(std::move(s));
  }
  return IdentifierCipher(std::move(derived));
}

std::string IdentifierCipher::binding(std::string_view table, std::string_view column, std::string_view row) {
  return std::string(table) + "." + std::string(column) + "#" + std::string(row);
}

std::string IdentifierCipher::seal(std::string_view plaintext, std::string_view binding) const {
  const auto& key = keys_.back();
  const auto ad = associated_data(key.id, binding);
  std::string raw(kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* out = reinterpret_cast<unsigned char*>(raw.data());
  randombytes_buf(out, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out + kNonceBytes, &written, bytes(plaintext), plaintext.size(),
                                             bytes(ad), ad.size(), nullptr, out, key.seal.data());
  raw.resize(kNonceBytes + written);
  return std::string(kPrefix) + key.id + ":" + to_base64url(raw);
}

Result<std::string> IdentifierCipher::open(std::string_view sealed, std::string_view binding) const {
  if (!is_sealed(sealed)) return not_opened(binding);
  const auto rest = sealed.substr(kPrefix.size());
  const auto colon = rest.find(':');
  if (colon == std::string_view::npos) return not_opened(binding);
  const auto id = rest.substr(0, colon);
  const auto key = std::find_if(keys_.begin(), keys_.end(), [&](const Subkeys& k) { return k.id == id; });
  if (key == keys_.end())
    return Error::of(ErrorKind::unavailable, "a patient identifier is sealed under key " + std::string(id) +
                                                 ", which the key file does not hold");
  auto raw = from_base64url(rest.substr(colon + 1));
  if (!raw || raw->size() < kNonceBytes + kTagBytes) return not_opened(binding);
  const auto ad = associated_data(key->id, binding);
  std::string plain(raw->size() - kNonceBytes - kTagBytes, '\0');
  unsigned long long length = 0;
  const auto* in = bytes(*raw);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(reinterpret_cast<unsigned char*>(plain.data()), &length,
                                                 nullptr, in + kNonceBytes, raw->size() - kNonceBytes,
                                                 bytes(ad), ad.size(), in, key->seal.data()) != 0)
    return not_opened(binding);
  plain.resize(length);
  return plain;
}

std::string IdentifierCipher::index_under(const Subkeys& key, std::string_view identifier) {
  const auto normal = normalise_identifier(identifier);
  unsigned char digest[kIndexBytes];
  crypto_generichash(digest, sizeof digest, bytes(normal), normal.size(), key.index.data(), key.index.size());
  char hex[kIndexBytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

std::string IdentifierCipher::blind_index(std::string_view identifier) const {
  return index_under(keys_.back(), identifier);
}

std::vector<std::string> IdentifierCipher::blind_indexes(std::string_view identifier) const {
  std::vector<std::string> out;
  for (const auto& k : keys_) out.push_back(index_under(k, identifier));
  return out;
}

std::vector<std::string> IdentifierCipher::key_ids() const {
  std::vector<std::string> out;
  for (const auto& k : keys_) out.push_back(k.id);
  return out;
}

std::string IdentifierCipher::current_prefix() const {
  return std::string(kPrefix) + keys_.back().id + ":";
}

}  // namespace hqms
