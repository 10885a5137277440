#include "http/incidents/anonymous_flood_limit.hpp"

#include <sodium.h>

#include <cstring>
#include <stdexcept>

namespace hqms::http {
namespace {

BucketPolicy hourly(int per_hour) {
  return {static_cast<double>(per_hour), static_cast<double>(per_hour) / 3600.0};
}

}  // namespace

AnonymousFloodLimit::AnonymousFloodLimit(AnonymousLimit limit)
    : per_address_(hourly(limit.per_address_per_hour)), total_(hourly(limit.total_per_hour)) {
  // Idempotent and thread-safe; makes randombytes_buf safe to call from any thread.
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::size_t AnonymousFloodLimit::DigestHash::operator()(const Digest& d) const {
  std::size_t h;
  std::memcpy(&h, d.data(), sizeof h);  // the digest is already uniformly random
  return h;
}

AnonymousFloodLimit::Digest AnonymousFloodLimit::digest(const std::string& address) const {
  Digest out{};
  crypto_generichash(out.data(), out.size(), reinterpret_cast<const unsigned char*>(address.data()),
                     address.size(), key_.data(), key_.size());
  return out;
}

void AnonymousFloodLimit::rotate_if_new_day(Timestamp now) {
  const auto day = std::chrono::floor<std::chrono::days>(now).time_since_epoch().count();
  if (day == key_day_) return;
  // Yesterday's key and counts go: nothing can link today's traffic to yesterday's, or any of it to an
  // address.
  sodium_memzero(key_.data(), key_.size());
  randombytes_buf(key_.data(), key_.size());
  key_day_ = day;
  buckets_.clear();
}

std::optional<int> AnonymousFloodLimit::admit(const std::string& address, Timestamp now) {
  std::lock_guard lock(mutex_);
  rotate_if_new_day(now);
  const auto key = digest(address);
  auto found = buckets_.find(key);
  if (found == buckets_.end() && buckets_.size() >= kMaxTracked)
    std::erase_if(buckets_,
                  [&](const auto& entry) { return bucket_full_at(entry.second, now, per_address_); });
  TokenBucket* bucket = nullptr;
  if (found != buckets_.end())
    bucket = &found->second;
  else if (buckets_.size() < kMaxTracked)
    bucket = &buckets_[key];
  // The address's own bucket first: a client over its own limit must not use up the ceiling everyone shares.
  if (bucket) {
    TokenBucket before = *bucket;
    if (auto wait = take_token(*bucket, now, per_address_)) return wait;
    if (auto wait = take_token(ceiling_, now, total_)) {
      *bucket = before;  // refused: this request took nothing
      return wait;
    }
    return std::nullopt;
  }
  return take_token(ceiling_, now, total_);
}

std::size_t AnonymousFloodLimit::tracked() const {
  std::lock_guard lock(mutex_);
  return buckets_.size();
}

}  // namespace hqms::http
