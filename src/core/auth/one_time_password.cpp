#include "core/auth/one_time_password.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

#include "core/common/crypto.hpp"

namespace hqms {
namespace {

const EVP_MD* digest_of(OtpHash hash) {
  switch (hash) {
    case OtpHash::sha256:
      return EVP_sha256();
    case OtpHash::sha512:
      return EVP_sha512();
    case OtpHash::sha1:
      break;
  }
  return EVP_sha1();
}

constexpr std::uint32_t kPowersOfTen[] = {1,      10,      100,      1000,      10000,
                                          100000, 1000000, 10000000, 100000000, 1000000000};

}  // namespace

std::string hotp(std::string_view key, std::uint64_t counter, int digits, OtpHash hash) {
  if (digits < 6 || digits > 9) throw std::invalid_argument("an OTP has 6 to 9 digits");
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xFFu);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int mac_length = 0;
  if (!HMAC(digest_of(hash), key.data(), static_cast<int>(key.size()), message, sizeof message, mac,
            &mac_length))
    throw std::runtime_error("HMAC failed");
  // Dynamic truncation (RFC 4226 §5.3): the low nibble of the last byte picks four bytes, top bit cleared.
  const unsigned offset = mac[mac_length - 1] & 0x0Fu;
  const std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7Fu) << 24) |
                               (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(mac[offset + 3]);
  std::string code = std::to_string(binary % kPowersOfTen[digits]);
  return std::string(static_cast<std::size_t>(digits) - code.size(), '0') + code;
}

std::int64_t totp_step(Timestamp at) {
  using Step = std::chrono::duration<std::int64_t, std::ratio<30>>;
  static_assert(std::chrono::seconds(Step(1)) == kTotpPeriod);
  return std::chrono::floor<Step>(at.time_since_epoch()).count();
}

std::string totp(std::string_view key, std::int64_t step, int digits, OtpHash hash) {
  return hotp(key, static_cast<std::uint64_t>(step), digits, hash);
}

std::optional<std::int64_t> match_totp(std::string_view key, std::string_view code, Timestamp now,
                                       std::optional<std::int64_t> last_accepted) {
  std::string typed;
  for (char c : code) {
    if (c == ' ') continue;
    if (c < '0' || c > '9' || typed.size() == 6) return std::nullopt;
    typed.push_back(c);
  }
  if (typed.size() != 6) return std::nullopt;
  const auto current = totp_step(now);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not tell which step matched.
  for (auto step = current - 1; step <= current + 1; ++step) {
    const bool fresh = !last_accepted || step > *last_accepted;
    if (constant_time_equal(totp(key, step), typed) && fresh && !matched) matched = step;
  }
  return matched;
}

}  // namespace hqms
