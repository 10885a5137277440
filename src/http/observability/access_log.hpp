#pragma once
// One JSON line per request: time, method, path, status, duration, user. Never bodies or query strings,
// which can carry patient details.
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms::http {

struct AccessRecord {
  Timestamp at{};
  std::string method;
  std::string path;
  int status = 0;
  std::chrono::microseconds duration{};
  std::optional<Id> user_id;
  std::string remote_address;
};

std::string access_log_line(const AccessRecord& record);
using AccessLogSink = std::function<void(const std::string& line)>;

}  // namespace hqms::http
