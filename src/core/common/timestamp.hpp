#pragma once
// Instants are UTC milliseconds; their text form is fixed-width ISO-8601 so that it sorts as it reads.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hqms {

using Timestamp = std::chrono::sys_time<std::chrono::milliseconds>;

std::string format_iso(Timestamp t);  // 2026-11-26T08:04:13.123Z
std::optional<Timestamp> parse_iso(std::string_view text);
// Accepts YYYY-MM-DD (start of that UTC day) or a full ISO timestamp.
std::optional<Timestamp> parse_date_or_instant(std::string_view text);
std::string format_date(Timestamp t);  // 2026-11-26

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Timestamp now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Timestamp now() const override {
    return std::chrono::time_point_cast<std::chrono::milliseconds>(std::chrono::system_clock::now());
  }
};

}  // namespace hqms
