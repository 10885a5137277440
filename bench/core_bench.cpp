// Micro-benchmarks of the per-request core work: authorization checks, audit hashing and chain verification.
#include <benchmark/benchmark.h>

#include "core/access/access_policy.hpp"
#include "core/audit/audit_chain.hpp"

namespace hqms {
namespace {

Organisation hospital(int sites, int departments_per_site) {
  Organisation org{1, "Bench Hospital", {}};
  Id next = 1;
  for (int s = 1; s <= sites; ++s) {
    Site site{s, "S" + std::to_string(s), "Site " + std::to_string(s), {}};
    for (int d = 0; d < departments_per_site; ++d)
      site.departments.push_back({next, s, "D" + std::to_string(next), "Dept " + std::to_string(next)}),
          ++next;
    org.sites.push_back(std::move(site));
  }
  return org;
}

void BM_AccessCheckDepartmentGrant(benchmark::State& state) {
  const auto org = hospital(4, 25);
  const Grants grants{{Role::staff_reporter, {ScopeType::department, 3}},
                      {Role::auditor, {ScopeType::site, 2}}};
  AccessPolicy policy(org, grants);
  for (auto _ : state)
    benchmark::DoNotOptimize(policy.allows(Permission::audit_read, {ScopeType::department, 40}));
}
BENCHMARK(BM_AccessCheckDepartmentGrant);

AuditEvent sample_event() {
  return AuditEvent{7,
                    "admin",
                    "update",
                    "user",
                    "42",
                    "Changed user nurse.ed",
                    {{"displayName", "Before"}},
                    {{"displayName", "After"}},
                    1,
                    3};
}

void BM_AuditSeal(benchmark::State& state) {
  const auto event = sample_event();
  const auto at = *parse_iso("2026-11-26T08:00:00Z");
  std::int64_t seq = 0;
  for (auto _ : state)
    benchmark::DoNotOptimize(seal_audit_entry(event, ++seq, at, std::string(kGenesisHash)));
}
BENCHMARK(BM_AuditSeal);

void BM_AuditVerifyChain(benchmark::State& state) {
  std::vector<AuditEntry> chain;
  std::string prev(kGenesisHash);
  const auto at = *parse_iso("2026-11-26T08:00:00Z");
  for (int i = 1; i <= state.range(0); ++i) {
    chain.push_back(seal_audit_entry(sample_event(), i, at, prev));
    prev = chain.back().hash;
  }
  for (auto _ : state) {
    AuditChainVerifier verifier;
    for (const auto& e : chain) verifier.feed(e);
    benchmark::DoNotOptimize(verifier.verdict().ok);
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_AuditVerifyChain)->Arg(10000);

}  // namespace
}  // namespace hqms
