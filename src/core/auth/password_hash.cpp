#include "core/auth/password_hash.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/common/crypto.hpp"

namespace hqms {

std::string hash_password(std::string_view password, HashStrength strength) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  const bool moderate = strength == HashStrength::moderate;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(),
                            moderate ? crypto_pwhash_OPSLIMIT_MODERATE : crypto_pwhash_OPSLIMIT_INTERACTIVE,
                            moderate ? crypto_pwhash_MEMLIMIT_MODERATE : crypto_pwhash_MEMLIMIT_INTERACTIVE,
                            crypto_pwhash_ALG_ARGON2ID13) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(std::string_view encoded_hash, std::string_view password) {
  if (sodium_init() < 0) return false;
  std::string hash(encoded_hash);  // libsodium wants a NUL-terminated string
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

const std::string& decoy_password_hash() {
  static const std::string hash = hash_password(random_token(24));
  return hash;
}

}  // namespace hqms
