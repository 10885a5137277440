// Signed checkpoints of the audit trail: the signature (RFC 8032 Ed25519), their text forms, when one is due,
// and the judgement of a trail against them, with the two attacks a hash chain alone cannot see.
#include "core/audit/audit_checkpoint.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/audit/audit_chain.hpp"
#include "core/audit/audit_signing_key.hpp"
#include "core/audit/checkpoint_agreement.hpp"
#include "core/audit/checkpoint_policy.hpp"
#include "core/audit/sealed_chain.hpp"
#include "core/common/crypto.hpp"

namespace hqms {
namespace {

const Timestamp t0 = test::kChainStart;
using test::sealed_chain;

// What an attacker with the database does: change one entry and recompute every later hash, so that the chain
// verifies again.
void rewrite(std::vector<AuditEntry>& entries, std::int64_t seq, const std::string& summary) {
  for (auto i = static_cast<std::size_t>(seq - 1); i < entries.size(); ++i) {
    if (entries[i].seq == seq) entries[i].summary = summary;
    if (i > 0) entries[i].prev_hash = entries[i - 1].hash;
    entries[i].hash = audit_entry_hash(entries[i]);
  }
}

AuditCheckpoint checkpoint_of(const AuditSigningKey& key, const std::vector<AuditEntry>& entries,
                              std::int64_t seq) {
  return key.sign(seq, entries[static_cast<std::size_t>(seq - 1)].hash, t0 + std::chrono::minutes(seq));
}

CheckpointVerdict judge(const AuditSigningKey& key, const std::vector<AuditCheckpoint>& checkpoints,
                        const std::vector<AuditEntry>& entries) {
  CheckpointAgreement agreement({key.public_key()});
  for (std::size_t i = 0; i < checkpoints.size(); ++i)
    agreement.expect(checkpoints[i], "line " + std::to_string(i + 1));
  for (const auto& e : entries) agreement.feed(e);
  return agreement.verdict();
}

std::vector<CheckpointProblem::Kind> kinds(const CheckpointVerdict& v) {
  std::vector<CheckpointProblem::Kind> out;
  for (const auto& p : v.problems) out.push_back(p.kind);
  return out;
}

// RFC 8032 section 7.1, TEST 1: the seed and the public key it must give.
constexpr const char* kRfcSeed = "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr const char* kRfcPublic = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

TEST(AuditSigningKey, DerivesThePublicKeyOfRfc8032) {
  auto key = AuditSigningKey::from_text(std::string("hqms-audit-signing-key-v1 ") + kRfcSeed + "\n");
  ASSERT_TRUE(key) << key.error().message;
  EXPECT_EQ(key->public_key().to_text(), std::string("hqms-audit-public-key-v1 ") + kRfcPublic + "\n");
  EXPECT_EQ(key->to_text(), std::string("hqms-audit-signing-key-v1 ") + kRfcSeed + "\n");
}

TEST(AuditSigningKey, TheKeyIdIsTheStartOfTheSha256OfThePublicKey) {
  auto key = *AuditSigningKey::from_text(std::string("hqms-audit-signing-key-v1 ") + kRfcSeed);
  std::string raw;
  for (std::size_t i = 0; i < 64; i += 2)
    raw += static_cast<char>(std::stoi(std::string(kRfcPublic + i, 2), nullptr, 16));
  EXPECT_EQ(key.public_key().id(), sha256_hex(raw).substr(0, 16));
}

TEST(AuditSigningKey, TextFormsRoundTripAndAreNotMistakenForEachOther) {
  const auto key = AuditSigningKey::generate();
  const auto again = AuditSigningKey::from_text("  " + key.to_text() + "\n\n");
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key(), key.public_key());
  EXPECT_EQ(*AuditPublicKey::from_text(key.public_key().to_text()), key.public_key());
  EXPECT_NE(AuditSigningKey::generate().public_key(), key.public_key()) << "each key is fresh";
  EXPECT_FALSE(AuditSigningKey::from_text(key.public_key().to_text())) << "a public key is no signing key";
  EXPECT_FALSE(AuditPublicKey::from_text(key.to_text())) << "and a signing key file is no public key file";
  for (const std::string& bad :
       std::vector<std::string>{"", "hqms-audit-public-key-v1", "hqms-audit-public-key-v1 abcd",
                                "hqms-audit-public-key-v1 " + std::string(63, 'a') + "g"})
    EXPECT_FALSE(AuditPublicKey::from_text(bad)) << bad;
}

TEST(AuditCheckpoint, ASignatureCoversEveryFieldAndOnlyItsKeyMakesIt) {
  const auto key = AuditSigningKey::generate();
  const auto c = key.sign(62, std::string(64, 'a'), t0);
  EXPECT_EQ(c.key_id, key.public_key().id());
  EXPECT_EQ(c.at, "2026-11-26T08:00:00.000Z");
  EXPECT_TRUE(key.public_key().signed_this(c));
  EXPECT_EQ(audit_checkpoint_canonical_form(c), "hqms audit checkpoint v1\nseq 62\nhash " +
                                                    std::string(64, 'a') +
                                                    "\nat 2026-11-26T08:00:00.000Z\nkey " + c.key_id + "\n");
  auto changed = c;
  changed.seq = 61;
  EXPECT_FALSE(key.public_key().signed_this(changed));
  changed = c;
  changed.hash[10] = 'b';
  EXPECT_FALSE(key.public_key().signed_this(changed));
  changed = c;
  changed.at = "2026-11-26T08:00:01.000Z";
  EXPECT_FALSE(key.public_key().signed_this(changed));
  changed = c;
  changed.signature[5] = changed.signature[5] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(key.public_key().signed_this(changed));
  EXPECT_FALSE(AuditSigningKey::generate().public_key().signed_this(c)) << "another key";
}

TEST(AuditCheckpoint, JsonLinesRoundTripAndMalformedLinesAreRefused) {
  const auto c = AuditSigningKey::generate().sign(7, std::string(64, 'c'), t0);
  const auto line = audit_checkpoint_json_line(c);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  auto parsed = parse_audit_checkpoint_line(line);
  ASSERT_TRUE(parsed) << parsed.error().message;
  EXPECT_EQ(*parsed, c);
  auto doc = nlohmann::json::parse(line);
  const std::vector<std::pair<std::string, nlohmann::json>> bad{
      {"seq", 0},          {"seq", "7"},     {"hash", "abc"},       {"hash", std::string(64, 'C')},
      {"at", "yesterday"}, {"keyId", "xyz"}, {"signature", "AAAA"}, {"signature", 12}};
  for (const auto& [field, value] : bad) {
    auto edited = doc;
    edited[field] = value;
    EXPECT_FALSE(parse_audit_checkpoint_line(edited.dump())) << field << " " << value;
  }
  auto missing = doc;
  missing.erase("keyId");
  EXPECT_FALSE(parse_audit_checkpoint_line(missing.dump()));
  EXPECT_FALSE(parse_audit_checkpoint_line(line.substr(0, line.size() / 2))) << "a line cut short";
  EXPECT_FALSE(parse_audit_checkpoint_line("[]"));
}

TEST(CheckpointPolicy, EveryNEntriesOrMMinutesWhicheverComesFirst) {
  const CheckpointPolicy policy{5, std::chrono::minutes(10)};
  const auto key = AuditSigningKey::generate();
  EXPECT_FALSE(checkpoint_due(policy, 0, std::nullopt, t0)) << "an empty trail has nothing to anchor";
  EXPECT_TRUE(checkpoint_due(policy, 1, std::nullopt, t0)) << "the first checkpoint of a key at once";
  const auto last = key.sign(10, std::string(64, 'a'), t0);
  EXPECT_FALSE(checkpoint_due(policy, 10, last, t0 + std::chrono::hours(5))) << "nothing new";
  EXPECT_FALSE(checkpoint_due(policy, 14, last, t0 + std::chrono::minutes(9)));
  EXPECT_TRUE(checkpoint_due(policy, 15, last, t0 + std::chrono::seconds(1))) << "N entries";
  EXPECT_TRUE(checkpoint_due(policy, 11, last, t0 + std::chrono::minutes(10))) << "M minutes";
}

TEST(CheckpointAgreement, AnIntactTrailAgreesWithEveryCheckpoint) {
  const auto key = AuditSigningKey::generate();
  const auto entries = sealed_chain(10);
  const auto v = judge(key, {checkpoint_of(key, entries, 5), checkpoint_of(key, entries, 10)}, entries);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.agreeing, 2);
  ASSERT_TRUE(v.latest_agreeing);
  EXPECT_EQ(v.latest_agreeing->seq, 10);
  EXPECT_EQ(v.trail_end, 10);
}

// The first attack: delete the last entries. The chain still verifies; the checkpoint does not.
TEST(CheckpointAgreement, ACutTailIsTruncation) {
  const auto key = AuditSigningKey::generate();
  auto entries = sealed_chain(67);
  const std::vector<AuditCheckpoint> checkpoints{checkpoint_of(key, entries, 50),
                                                 checkpoint_of(key, entries, 67)};
  entries.resize(62);
  AuditChainVerifier chain_only;
  for (const auto& e : entries) chain_only.feed(e);
  ASSERT_TRUE(chain_only.verdict().ok) << "the blind spot: the shorter chain is still a chain";
  const auto v = judge(key, checkpoints, entries);
  EXPECT_EQ(kinds(v), std::vector{CheckpointProblem::Kind::truncated});
  EXPECT_EQ(v.problems[0].seq, 67);
  EXPECT_EQ(v.problems[0].where, "line 2");
  EXPECT_NE(v.problems[0].detail.find("entries 63 to 67 have been removed"), std::string::npos)
      << v.problems[0].detail;
  EXPECT_EQ(v.agreeing, 1) << "the checkpoint of entry 50 still holds";
}

// The second attack: rewrite entry 33 and recompute every later hash.
TEST(CheckpointAgreement, ARewrittenEntryWithRecomputedHashesIsARewrite) {
  const auto key = AuditSigningKey::generate();
  auto entries = sealed_chain(67);
  const std::vector<AuditCheckpoint> checkpoints{
      checkpoint_of(key, entries, 20), checkpoint_of(key, entries, 40), checkpoint_of(key, entries, 67)};
  rewrite(entries, 33, "Nothing happened here");
  AuditChainVerifier chain_only;
  for (const auto& e : entries) chain_only.feed(e);
  ASSERT_TRUE(chain_only.verdict().ok) << "the blind spot: the recomputed chain verifies";
  const auto v = judge(key, checkpoints, entries);
  EXPECT_EQ(kinds(v), (std::vector{CheckpointProblem::Kind::rewritten, CheckpointProblem::Kind::rewritten}));
  EXPECT_EQ(v.problems[0].seq, 40);
  EXPECT_EQ(v.problems[1].seq, 67);
  EXPECT_EQ(v.latest_agreeing->seq, 20) << "entries up to 20 are still vouched for";
}

TEST(CheckpointAgreement, ACutAndRegrownTailIsARewriteAndAHoleIsAMissingEntry) {
  const auto key = AuditSigningKey::generate();
  auto entries = sealed_chain(10);
  const auto at_eight = checkpoint_of(key, entries, 8);
  auto regrown = sealed_chain(10);
  regrown.resize(6);
  std::string prev = regrown.back().hash;
  for (int i = 7; i <= 9; ++i) {
    AuditEvent e{2,           "intruder", "login", "session",    "",
                 "Signed in", nullptr,    nullptr, std::nullopt, std::nullopt};
    regrown.push_back(seal_audit_entry(e, i, t0 + std::chrono::hours(1), prev));
    prev = regrown.back().hash;
  }
  EXPECT_EQ(kinds(judge(key, {at_eight}, regrown)), std::vector{CheckpointProblem::Kind::rewritten});
  entries.erase(entries.begin() + 7);
  EXPECT_EQ(kinds(judge(key, {at_eight}, entries)), std::vector{CheckpointProblem::Kind::missing});
}

TEST(CheckpointAgreement, AnAlteredOrForeignCheckpointIsReportedAndNotTrusted) {
  const auto key = AuditSigningKey::generate();
  auto entries = sealed_chain(67);
  const auto honest = checkpoint_of(key, entries, 67);
  rewrite(entries, 33, "Nothing happened here");
  // The attacker makes the checkpoint match the rewritten trail, but cannot sign it.
  auto edited = honest;
  edited.hash = entries.back().hash;
  const auto mallory = AuditSigningKey::generate();
  const auto foreign = checkpoint_of(mallory, entries, 67);
  const auto v = judge(key, {edited, foreign}, entries);
  EXPECT_EQ(kinds(v), (std::vector{CheckpointProblem::Kind::forged, CheckpointProblem::Kind::unknown_key}));
  EXPECT_EQ(v.agreeing, 0) << "neither vouches for the rewritten trail";
  EXPECT_NE(v.problems[1].detail.find(mallory.public_key().id()), std::string::npos);
}

TEST(CheckpointAgreement, AnUnreadableLineIsAProblem) {
  const auto key = AuditSigningKey::generate();
  CheckpointAgreement agreement({key.public_key()});
  agreement.unreadable("checkpoints.jsonl line 3", "not a checkpoint: the line is not a JSON object");
  EXPECT_EQ(kinds(agreement.verdict()), std::vector{CheckpointProblem::Kind::unreadable});
}

TEST(AuditChainVerifier, GoesOnFromACheckpointedEntry) {
  const auto entries = sealed_chain(10);
  AuditChainVerifier after(6, entries[5].hash);
  for (std::size_t i = 6; i < entries.size(); ++i) after.feed(entries[i]);
  EXPECT_TRUE(after.verdict().ok);
  EXPECT_EQ(after.verdict().checked, 4);
  AuditChainVerifier wrong_anchor(6, entries[4].hash);
  wrong_anchor.feed(entries[6]);
  EXPECT_EQ(wrong_anchor.verdict().first_broken_seq, 7);
}

}  // namespace
}  // namespace hqms
