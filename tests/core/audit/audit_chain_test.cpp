#include "core/audit/audit_chain.hpp"

#include <gtest/gtest.h>

#include "core/audit/sealed_chain.hpp"

namespace hqms {
namespace {

using test::sealed_chain;

ChainVerdict verify(const std::vector<AuditEntry>& entries) {
  AuditChainVerifier v;
  for (const auto& e : entries) v.feed(e);
  return v.verdict();
}

TEST(AuditChain, IntactChainVerifies) {
  auto v = verify(sealed_chain(5));
  EXPECT_TRUE(v.ok);
  EXPECT_EQ(v.checked, 5);
}

TEST(AuditChain, HashIsSha256OfTheCanonicalForm) {
  auto e = sealed_chain(1).front();
  EXPECT_EQ(e.hash.size(), 64u);
  EXPECT_EQ(e.prev_hash, kGenesisHash);
  EXPECT_NE(audit_canonical_form(e).find("\"prevHash\""), std::string::npos);
  EXPECT_EQ(e.before, R"({"active":true})");
}

TEST(AuditChain, AChangedFieldIsFoundAtThatEntry) {
  auto entries = sealed_chain(4);
  entries[2].summary[0] = 'X';
  auto v = verify(entries);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 3);
}

TEST(AuditChain, ARemovedEntryIsFound) {
  auto entries = sealed_chain(4);
  entries.erase(entries.begin() + 1);
  auto v = verify(entries);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 2);
}

TEST(AuditChain, ARehashedEntryBreaksTheNextLink) {
  auto entries = sealed_chain(4);
  entries[1].after = R"({"active":true})";
  entries[1].hash = audit_entry_hash(entries[1]);
  auto v = verify(entries);
  EXPECT_FALSE(v.ok);
  EXPECT_EQ(v.first_broken_seq, 3);
}

}  // namespace
}  // namespace hqms
