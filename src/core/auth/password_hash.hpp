#pragma once
// Argon2id password hashes (libsodium), stored in their self-describing encoded form.
#include <string>
#include <string_view>

namespace hqms {

enum class HashStrength {
  interactive,  // libsodium's interactive limits: the floor for production
  moderate,
};

std::string hash_password(std::string_view password, HashStrength strength = HashStrength::interactive);
bool verify_password(std::string_view encoded_hash, std::string_view password);
// A hash with no known password, verified against when the username is unknown so that the reply takes as
// long as for a real account (no user enumeration by timing).
const std::string& decoy_password_hash();

}  // namespace hqms
