#pragma once
// The keys a database's patient identifiers are sealed under, and sealing them again: the values written in
// clear before encryption came (migration 0010), or every value not under the current key (a rotation).
// Work is done in batches so that each transaction stays short; what a batch did is committed, so an
// interrupted run picks up where it stopped.
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/identifier_cipher.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"

namespace hqms::store {

// Values sealed again, per table.
struct ResealCount {
  std::int64_t incidents = 0;  // reports whose patient identifier and name were sealed again
  std::int64_t drafts = 0;     // report drafts
  std::int64_t total() const { return incidents + drafts; }
};

enum class ResealWhat {
  plaintext,    // values still in clear
  not_current,  // values in clear or sealed under any key but the current one
};

class PatientIdentifierRepository {
 public:
  virtual ~PatientIdentifierRepository() = default;
  // The keys this database holds values under (those not retired).
  virtual Result<std::vector<std::string>> live_key_ids() = 0;
  virtual Result<void> register_key(const std::string& key_id, Timestamp at) = 0;  // idempotent
  virtual Result<void> retire_key(const std::string& key_id, Timestamp at) = 0;
  // Seals again at most `limit` records of each table that need it, under `cipher`'s current key (opening
  // sealed ones with whichever of its keys sealed them), and recomputes their blind index.
  virtual Result<ResealCount> reseal(const IdentifierCipher& cipher, ResealWhat what, int limit) = 0;
  // How many records still need it.
  virtual Result<ResealCount> count_to_reseal(const IdentifierCipher& cipher, ResealWhat what) = 0;
};

}  // namespace hqms::store
