#pragma once
// Keeps one client from flooding the anonymous routes (issue 12, finding 3: 6,126 reports in 10 s) without
// keeping anything that could say who reported. Each address is known only by a keyed BLAKE2b hash under a
// key that lives in memory, is drawn afresh every UTC day and is never written anywhere; the counts are
// forgotten with the key. So nothing on disk and nothing a day later ties an address to a report: not the
// address, not its hash, not the time. A ceiling over all addresses together holds against many addresses at
// once.
#include <array>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "core/common/timestamp.hpp"
#include "core/common/token_bucket.hpp"

namespace hqms::http {

struct AnonymousLimit {
  int per_address_per_hour = 20;  // each address may send a burst of this many, then one every 3 minutes
  int total_per_hour = 600;       // all addresses together: a burst of this many, then ten a minute
};

class AnonymousFloodLimit {
 public:
  explicit AnonymousFloodLimit(AnonymousLimit limit);
  // Admits one request from `address` (a token from its bucket and one from the shared ceiling), or says in
  // how many seconds to try again.
  std::optional<int> admit(const std::string& address, Timestamp now);
  // How many addresses are tracked at present (for the tests: the map stays bounded).
  std::size_t tracked() const;

  // The map never holds more than this many addresses: past it, those whose buckets have refilled are
  // dropped, and if all are busy the newcomer is counted against the ceiling alone.
  static constexpr std::size_t kMaxTracked = 100'000;

 private:
  using Digest = std::array<unsigned char, 16>;
  struct DigestHash {
    std::size_t operator()(const Digest& d) const;
  };
  Digest digest(const std::string& address) const;
  void rotate_if_new_day(Timestamp now);

  BucketPolicy per_address_;
  BucketPolicy total_;
  mutable std::mutex mutex_;
  std::array<unsigned char, 32> key_{};  // crypto_generichash_KEYBYTES
  std::int64_t key_day_ = -1;
  TokenBucket ceiling_;
  std::unordered_map<Digest, TokenBucket, DigestHash> buckets_;
};

}  // namespace hqms::http
