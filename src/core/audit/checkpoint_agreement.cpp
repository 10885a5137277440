#include "core/audit/checkpoint_agreement.hpp"

#include <algorithm>

namespace hqms {
namespace {

std::string key_list(const std::vector<AuditPublicKey>& keys) {
  std::string out;
  for (const auto& key : keys) out += (out.empty() ? "" : ", ") + key.id();
  return out.empty() ? "none given" : out;
}

}  // namespace

CheckpointAgreement::CheckpointAgreement(std::vector<AuditPublicKey> trusted_keys)
    : trusted_(std::move(trusted_keys)) {}

void CheckpointAgreement::expect(const AuditCheckpoint& checkpoint, std::string where) {
  const auto key = std::find_if(trusted_.begin(), trusted_.end(),
                                [&](const AuditPublicKey& k) { return k.id() == checkpoint.key_id; });
  if (key == trusted_.end()) {
    problems_.push_back({CheckpointProblem::Kind::unknown_key, checkpoint.seq, std::move(where),
                         "the checkpoint of entry " + std::to_string(checkpoint.seq) + " is signed by key " +
                             checkpoint.key_id + ", which is not a trusted key (" + key_list(trusted_) +
                             ")"});
    return;
  }
  if (!key->signed_this(checkpoint)) {
    problems_.push_back({CheckpointProblem::Kind::forged, checkpoint.seq, std::move(where),
                         "the signature of the checkpoint of entry " + std::to_string(checkpoint.seq) +
                             " does not verify with key " + key->id() +
                             ": the checkpoint was altered or forged"});
    return;
  }
  expected_[checkpoint.seq].push_back({checkpoint, std::move(where)});
}

void CheckpointAgreement::unreadable(std::string where, std::string detail) {
  problems_.push_back({CheckpointProblem::Kind::unreadable, 0, std::move(where), std::move(detail)});
}

void CheckpointAgreement::feed(const AuditEntry& entry) {
  trail_end_ = std::max(trail_end_, entry.seq);
  if (expected_.contains(entry.seq)) found_hashes_[entry.seq] = entry.hash;
}

CheckpointVerdict CheckpointAgreement::verdict() const {
  CheckpointVerdict v;
  v.trail_end = trail_end_;
  v.problems = problems_;
  for (const auto& [seq, checkpoints] : expected_) {
    const auto found = found_hashes_.find(seq);
    for (const auto& [c, where] : checkpoints) {
      const std::string s = std::to_string(seq);
      if (found == found_hashes_.end() && seq > trail_end_) {
        v.problems.push_back({CheckpointProblem::Kind::truncated, seq, where,
                              "the trail ends at entry " + std::to_string(trail_end_) +
                                  ", but the checkpoint signed " + c.at + " shows it reached entry " + s +
                                  ": entries " + std::to_string(trail_end_ + 1) + " to " + s +
                                  " have been removed"});
      } else if (found == found_hashes_.end()) {
        v.problems.push_back({CheckpointProblem::Kind::missing, seq, where,
                              "entry " + s + ", checkpointed " + c.at + ", is missing from the trail"});
      } else if (found->second != c.hash) {
        v.problems.push_back({CheckpointProblem::Kind::rewritten, seq, where,
                              "entry " + s + " no longer has the hash checkpointed " + c.at +
                                  ": the trail up to entry " + s +
                                  " has been rewritten (or cut and written again)"});
      } else {
        ++v.agreeing;
        if (!v.latest_agreeing || seq >= v.latest_agreeing->seq) v.latest_agreeing = c;
      }
    }
  }
  return v;
}

}  // namespace hqms
