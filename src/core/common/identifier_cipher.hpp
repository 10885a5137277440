#pragma once
// Patient identifiers encrypted at rest (HIPAA §164.312(a)(2)(iv), "encryption and decryption"): every
// stored identifier is sealed with XChaCha20-Poly1305 (libsodium's crypto_aead_xchacha20poly1305_ietf, a
// random 192-bit nonce per value, so no nonce bookkeeping) under the current key, and an exact-match lookup
// goes through a blind index, a keyed BLAKE2b hash of the normalised identifier, so the database never holds
// the identifier in clear nor a hash anyone without the key could recompute.
//
// The keys themselves come from a key file (store/identifiers/key_file.hpp); this type only holds them in
// memory, so it is pure computation and lives in core.
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace hqms {

struct IdentifierKey {
  std::string id;  // [a-z0-9]{1,32}: names the key inside each sealed value
  std::array<unsigned char, 32> secret{};
};

// A new key with a random id and secret from the OS CSPRNG.
IdentifierKey generate_identifier_key();
bool valid_identifier_key_id(std::string_view id);

// The form in which identifiers are compared: surrounding and inner white space and hyphens dropped, ASCII
// letters upper-cased, so that "mrn 123-456" and "MRN123456" are the same patient.
std::string normalise_identifier(std::string_view identifier);

class IdentifierCipher {
 public:
  // The last key is the current one, which seals and indexes; every key opens what it sealed, so a rotation
  // keeps the old key until everything is sealed again.
  static Result<IdentifierCipher> from_keys(std::vector<IdentifierKey> keys);

  // Sealed text is self-describing: "hqms1:<key id>:<base64url of nonce, ciphertext and tag>". `binding`
  // names where the value lives (table, column and row, see `binding()`) and is authenticated with it, so a
  // sealed value copied into another row or column does not open.
  std::string seal(std::string_view plaintext, std::string_view binding) const;
  Result<std::string> open(std::string_view sealed, std::string_view binding) const;

  // The blind index of an identifier under the current key (hex), and under every key (for a lookup while a
  // rotation is half done).
  std::string blind_index(std::string_view identifier) const;
  std::vector<std::string> blind_indexes(std::string_view identifier) const;

  const std::string& current_key_id() const { return keys_.back().id; }
  std::vector<std::string> key_ids() const;
  // "hqms1:<current key id>:": what every value sealed under the current key starts with.
  std::string current_prefix() const;

  static constexpr std::string_view kPrefix = "hqms1:";
  static bool is_sealed(std::string_view text) { return text.starts_with(kPrefix); }
  static std::string binding(std::string_view table, std::string_view column, std::string_view row);

 private:
  struct Subkeys {
    Subkeys() = default;
    Subkeys(const Subkeys&) = default;
    Subkeys& operator=(const Subkeys&) = default;
    ~Subkeys();  // wipes the keys from memory
    std::string id;
    std::array<unsigned char, 32> seal{};
    std::array<unsigned char, 32> index{};
  };
  explicit IdentifierCipher(std::vector<Subkeys> keys) : keys_(std::move(keys)) {}
  static std::string index_under(const Subkeys& key, std::string_view identifier);
  std::vector<Subkeys> keys_;
};

}  // namespace hqms
