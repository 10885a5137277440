#include "http/observability/access_log.hpp"

#include <nlohmann/json.hpp>

namespace hqms::http {

std::string access_log_line(const AccessRecord& r) {
  nlohmann::json line{{"time", format_iso(r.at)},
                      {"method", r.method},
                      {"path", r.path},
                      {"status", r.status},
                      {"durationMs", static_cast<double>(r.duration.count()) / 1000.0},
                      {"userId", r.user_id ? nlohmann::json(*r.user_id) : nlohmann::json()},
                      {"remote", r.remote_address}};
  return line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace hqms::http
