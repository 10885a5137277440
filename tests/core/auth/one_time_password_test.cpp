// The published test vectors of RFC 4226 (HOTP), RFC 6238 (TOTP) and RFC 4648 (base32), and the window and
// replay rules the sign-in relies on.
#include "core/auth/one_time_password.hpp"

#include <gtest/gtest.h>

#include "core/auth/base32.hpp"

namespace hqms {
namespace {

using namespace std::chrono_literals;

Timestamp at_unix(std::int64_t seconds) {
  return Timestamp(std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::seconds(seconds)));
}

// RFC 4226 Appendix D: the secret "12345678901234567890" and counters 0 to 9.
TEST(Hotp, Rfc4226AppendixD) {
  const std::string secret = "12345678901234567890";
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (std::uint64_t count = 0; count < 10; ++count) EXPECT_EQ(hotp(secret, count), expected[count]) << count;
}

// RFC 6238 Appendix B: 8-digit codes for the three HMAC hashes, each with a seed of its own output length.
TEST(Totp, Rfc6238AppendixB) {
  const std::string sha1 = "12345678901234567890";
  const std::string sha256 = "12345678901234567890123456789012";
  const std::string sha512 = "1234567890123456789012345678901234567890123456789012345678901234";
  struct Vector {
    std::int64_t seconds;
    std::int64_t step;
    const char* sha1;
    const char* sha256;
    const char* sha512;
  };
  const Vector vectors[] = {
      {59, 0x1, "94287082", "46119246", "90693936"},
      {1111111109, 0x23523EC, "07081804", "68084774", "25091201"},
      {1111111111, 0x23523ED, "14050471", "67062674", "99943326"},
      {1234567890, 0x273EF07, "89005924", "91819424", "93441116"},
      {2000000000, 0x3F940AA, "69279037", "90698825", "38618901"},
      {20000000000, 0x27BC86AA, "65353130", "77737706", "47863826"},
  };
  for (const auto& v : vectors) {
    const auto step = totp_step(at_unix(v.seconds));
    EXPECT_EQ(step, v.step) << v.seconds;
    EXPECT_EQ(totp(sha1, step, 8, OtpHash::sha1), v.sha1) << v.seconds;
    EXPECT_EQ(totp(sha256, step, 8, OtpHash::sha256), v.sha256) << v.seconds;
    EXPECT_EQ(totp(sha512, step, 8, OtpHash::sha512), v.sha512) << v.seconds;
  }
}

TEST(Totp, SixDigitCodesAreTheLowDigitsOfTheEightDigitOnes) {
  const std::string secret = "12345678901234567890";
  EXPECT_EQ(totp(secret, totp_step(at_unix(1111111109))), "081804");
  EXPECT_EQ(totp(secret, totp_step(at_unix(59))), "287082");
}

TEST(Totp, AcceptsOneStepOfDriftEachWayAndNoMore) {
  const std::string secret = "12345678901234567890";
  const auto now = at_unix(1234567890);
  const auto step = totp_step(now);
  EXPECT_EQ(match_totp(secret, totp(secret, step), now, std::nullopt), step);
  EXPECT_EQ(match_totp(secret, totp(secret, step - 1), now, std::nullopt), step - 1);
  EXPECT_EQ(match_totp(secret, totp(secret, step + 1), now, std::nullopt), step + 1);
  EXPECT_FALSE(match_totp(secret, totp(secret, step - 2), now, std::nullopt));
  EXPECT_FALSE(match_totp(secret, totp(secret, step + 2), now, std::nullopt));
}

TEST(Totp, NeverAcceptsAStepAgainNorAnEarlierOne) {
  const std::string secret = "12345678901234567890";
  const auto now = at_unix(1234567890);
  const auto step = totp_step(now);
  const auto code = totp(secret, step);
  ASSERT_EQ(match_totp(secret, code, now, std::nullopt), step);
  EXPECT_FALSE(match_totp(secret, code, now, step)) << "the same code, replayed";
  EXPECT_FALSE(match_totp(secret, code, now + 20s, step)) << "replayed within the window";
  EXPECT_FALSE(match_totp(secret, totp(secret, step - 1), now, step)) << "an earlier step after a later one";
  EXPECT_EQ(match_totp(secret, totp(secret, step + 1), now + 30s, step), step + 1);
}

TEST(Totp, RefusesAnythingButSixDigits) {
  const std::string secret = "12345678901234567890";
  const auto now = at_unix(1234567890);
  const auto code = totp(secret, totp_step(now));
  EXPECT_EQ(match_totp(secret, code.substr(0, 3) + " " + code.substr(3), now, std::nullopt), totp_step(now));
  for (const std::string& bad :
       std::vector<std::string>{"", code.substr(0, 5), code + "0", "12a456", "-12345", "１２３４５６"})
    EXPECT_FALSE(match_totp(secret, bad, now, std::nullopt)) << bad;
}

// RFC 4648 §10, without the padding the otpauth URI leaves out.
TEST(Base32, Rfc4648TestVectors) {
  const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                         {"f", "MY"},
                                                         {"fo", "MZXQ"},
                                                         {"foo", "MZXW6"},
                                                         {"foob", "MZXW6YQ"},
                                                         {"fooba", "MZXW6YTB"},
                                                         {"foobar", "MZXW6YTBOI"}};
  for (const auto& [plain, encoded] : vectors) {
    EXPECT_EQ(base32_encode(plain), encoded);
    EXPECT_EQ(base32_decode(encoded), plain);
  }
  EXPECT_EQ(base32_decode("MZXW6YTBOI======"), "foobar");
  EXPECT_EQ(base32_decode("mzxw 6ytb-oi"), "foobar") << "case, spaces and dashes as people type them";
}

TEST(Base32, RefusesWhatNoEncoderWrites) {
  for (const char* bad : {"M", "MZX", "MZXW6Y", "MZ1Q", "MZ!Q", "MZXR"})
    EXPECT_FALSE(base32_decode(bad)) << bad;
}

TEST(Base32, RoundTripsEveryByte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  for (std::size_t n = 0; n <= all.size(); n += 7)
    EXPECT_EQ(base32_decode(base32_encode(all.substr(0, n))), all.substr(0, n));
}

}  // namespace
}  // namespace hqms
