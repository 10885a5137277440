#include "core/common/identifier_cipher.hpp"

#include <gtest/gtest.h>

#include "core/common/crypto.hpp"

namespace hqms {
namespace {

IdentifierKey key(const std::string& id, unsigned char fill) {
  IdentifierKey k;
  k.id = id;
  k.secret.fill(fill);
  return k;
}

IdentifierCipher cipher_of(std::vector<IdentifierKey> keys) {
  auto c = IdentifierCipher::from_keys(std::move(keys));
  if (!c) throw std::runtime_error(c.error().message);
  return std::move(*c);
}

const std::string kRow42 = IdentifierCipher::binding("incident", "patient_identifier", "42");

// The base64url character whose 6-bit value differs in its highest bit, which every position uses.
char flipped(char c) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  return alphabet[alphabet.find(c) ^ 32];
}

TEST(IdentifierCipher, SealedTextNamesItsFormatAndKeyAndOpensAgain) {
  const auto c = cipher_of({key("k1", 1)});
  const auto sealed = c.seal("MRN 4412-9931", kRow42);
  EXPECT_TRUE(sealed.starts_with("hqms1:k1:")) << sealed;
  EXPECT_EQ(sealed.find("4412"), std::string::npos);
  auto opened = c.open(sealed, kRow42);
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(*opened, "MRN 4412-9931");
  EXPECT_NE(c.seal("MRN 4412-9931", kRow42), sealed) << "a fresh random nonce every time";
  auto empty = c.open(c.seal("", kRow42), kRow42);
  ASSERT_TRUE(empty);
  EXPECT_EQ(*empty, "");
}

TEST(IdentifierCipher, AnAlteredValueDoesNotOpen) {
  const auto c = cipher_of({key("k1", 1)});
  const auto sealed = c.seal("Jane Doe", kRow42);
  // Change one bit of the nonce, the ciphertext or the tag, keeping it valid base64url.
  for (std::size_t at : {sealed.size() - 1, sealed.size() / 2, std::string("hqms1:k1:").size()}) {
    auto altered = sealed;
    altered[at] = flipped(altered[at]);
    EXPECT_FALSE(c.open(altered, kRow42)) << "changed at " << at;
  }
  EXPECT_FALSE(c.open(sealed.substr(0, sealed.size() - 4), kRow42)) << "truncated";
  EXPECT_FALSE(c.open("hqms1:k1:", kRow42));
  EXPECT_FALSE(c.open("hqms1:k1:!!!", kRow42));
  EXPECT_FALSE(c.open("Jane Doe", kRow42)) << "a value in clear is not accepted as sealed";
}

TEST(IdentifierCipher, AValueMovedToAnotherRowOrColumnDoesNotOpen) {
  const auto c = cipher_of({key("k1", 1)});
  const auto sealed = c.seal("MRN4412", kRow42);
  EXPECT_FALSE(c.open(sealed, IdentifierCipher::binding("incident", "patient_identifier", "43")));
  EXPECT_FALSE(c.open(sealed, IdentifierCipher::binding("incident", "patient_name", "42")));
  EXPECT_FALSE(c.open(sealed, IdentifierCipher::binding("incident_draft", "patient_identifier", "42")));
  // Relabelling the key does not help either: the key id is authenticated with the value.
  const auto two = cipher_of({key("k1", 1), key("k2", 1)});  // same secret under another id
  auto relabelled = sealed;
  relabelled.replace(0, std::string("hqms1:k1").size(), "hqms1:k2");
  EXPECT_FALSE(two.open(relabelled, kRow42));
}

TEST(IdentifierCipher, AnotherKeyDoesNotOpenAndAnUnknownKeyIsNamed) {
  const auto sealed = cipher_of({key("k1", 1)}).seal("MRN4412", kRow42);
  EXPECT_FALSE(cipher_of({key("k1", 2)}).open(sealed, kRow42)) << "same id, other secret";
  auto unknown = cipher_of({key("k9", 1)}).open(sealed, kRow42);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message.find("k1"), std::string::npos) << unknown.error().message;
}

TEST(IdentifierCipher, DuringARotationTheOldKeyOpensAndTheNewOneSeals) {
  const auto old_only = cipher_of({key("old", 1)});
  const auto both = cipher_of({key("old", 1), key("new", 2)});
  const auto before = old_only.seal("MRN4412", kRow42);
  auto opened = both.open(before, kRow42);
  ASSERT_TRUE(opened);
  EXPECT_EQ(*opened, "MRN4412");
  EXPECT_TRUE(both.seal("MRN4412", kRow42).starts_with("hqms1:new:"));
  EXPECT_EQ(both.current_key_id(), "new");
  EXPECT_EQ(both.current_prefix(), "hqms1:new:");
  EXPECT_EQ(both.key_ids(), (std::vector<std::string>{"old", "new"}));
}

TEST(IdentifierCipher, BlindIndexIsStableNormalisedAndKeyed) {
  const auto c = cipher_of({key("k1", 1)});
  const auto index = c.blind_index("MRN4412-9931");
  EXPECT_EQ(index.size(), 32U);
  EXPECT_EQ(c.blind_index("MRN4412-9931"), index) << "the same every time";
  EXPECT_EQ(cipher_of({key("k1", 1)}).blind_index("MRN4412-9931"), index) << "and in another process";
  EXPECT_EQ(c.blind_index(" mrn 4412 9931 "), index) << "spaces, hyphens and case do not count";
  EXPECT_NE(c.blind_index("MRN4412-9932"), index);
  EXPECT_NE(cipher_of({key("k1", 2)}).blind_index("MRN4412-9931"), index) << "another key, another index";
  EXPECT_NE(index, sha256_hex(normalise_identifier("MRN4412-9931")).substr(0, 32))
      << "not a hash anyone without the key could compute";
  const auto rotating = cipher_of({key("k1", 1), key("k2", 2)});
  EXPECT_EQ(rotating.blind_indexes("MRN4412-9931"),
            (std::vector<std::string>{index, cipher_of({key("k2", 2)}).blind_index("MRN4412-9931")}));
}

TEST(IdentifierCipher, NormalisedIdentifiers) {
  EXPECT_EQ(normalise_identifier(" mrn-4412 99\t31\n"), "MRN44129931");
  EXPECT_EQ(normalise_identifier("Ünal"), "\xC3\x9CNAL") << "non-ASCII bytes stay as they are";
}

TEST(IdentifierCipher, KeysAreCheckedAndGeneratedKeysDiffer) {
  EXPECT_FALSE(IdentifierCipher::from_keys({}));
  EXPECT_FALSE(IdentifierCipher::from_keys({key("K1", 1)})) << "ids are lower case";
  EXPECT_FALSE(IdentifierCipher::from_keys({key("k:1", 1)}));
  EXPECT_FALSE(IdentifierCipher::from_keys({key("k1", 1), key("k1", 2)})) << "ids are unique";
  const auto a = generate_identifier_key(), b = generate_identifier_key();
  EXPECT_TRUE(valid_identifier_key_id(a.id));
  EXPECT_NE(a.id, b.id);
  EXPECT_NE(a.secret, b.secret);
}

}  // namespace
}  // namespace hqms
