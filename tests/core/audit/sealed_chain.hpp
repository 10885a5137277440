#pragma once
// A trail of `n` sealed entries, as the audit log would have written them, for the chain and checkpoint
// tests.
#include <string>
#include <vector>

#include "core/audit/audit_chain.hpp"

namespace hqms::test {

inline const Timestamp kChainStart = *parse_iso("2026-11-26T08:00:00Z");

inline std::vector<AuditEntry> sealed_chain(int n) {
  std::vector<AuditEntry> out;
  std::string prev(kGenesisHash);
  for (int i = 1; i <= n; ++i) {
    AuditEvent e{1,
                 "admin",
                 "update",
                 "user",
                 std::to_string(i),
                 "Changed user " + std::to_string(i),
                 {{"active", true}},
                 {{"active", false}},
                 10,
                 100};
    out.push_back(seal_audit_entry(e, i, kChainStart + std::chrono::seconds(i), prev));
    prev = out.back().hash;
  }
  return out;
}

}  // namespace hqms::test
