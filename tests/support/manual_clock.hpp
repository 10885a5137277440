#pragma once
#include <atomic>

#include "core/common/timestamp.hpp"

namespace hqms::test {

// A clock the test moves by hand, so that timeouts are tested without waiting.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(Timestamp start = *parse_iso("2026-11-26T08:00:00Z"))
      : ms_(start.time_since_epoch().count()) {}
  Timestamp now() const override { return Timestamp{std::chrono::milliseconds(ms_.load())}; }
  void advance(std::chrono::milliseconds by) { ms_ += by.count(); }

 private:
  std::atomic<std::int64_t> ms_;
};

}  // namespace hqms::test
