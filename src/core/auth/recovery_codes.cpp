#include "core/auth/recovery_codes.hpp"

#include "core/auth/base32.hpp"
#include "core/auth/second_factor.hpp"
#include "core/common/crypto.hpp"

namespace hqms {

std::vector<std::string> new_recovery_codes() {
  std::vector<std::string> codes;
  for (int i = 0; i < kRecoveryCodeCount; ++i) {
    const auto text = base32_encode(random_secret_bytes(15));  // 120 bits: 24 characters exactly
    std::string grouped;
    for (std::size_t at = 0; at < text.size(); at += 4) {
      if (at > 0) grouped.push_back('-');
      grouped += text.substr(at, 4);
    }
    codes.push_back(std::move(grouped));
  }
  return codes;
}

std::string normalised_recovery_code(std::string_view typed) {
  std::string out;
  for (char c : typed) {
    if (c == ' ' || c == '-') continue;
    out.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return out;
}

std::string recovery_code_hash(std::string_view typed) {
  return sha256_hex(normalised_recovery_code(typed));
}

bool looks_like_recovery_code(std::string_view typed) {
  const auto code = normalised_recovery_code(typed);
  return code.size() == 24 && base32_decode(code).has_value();
}

}  // namespace hqms
