#pragma once
// In-app notifications, today the daily digest of overdue actions. One digest per user per day: generating
// the day's digests again replaces them rather than adding more.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/capa/overdue_digest.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"

namespace hqms::store {

struct Notification {
  Id id = 0;
  Id user_id = 0;
  std::string kind;  // "overdue_digest"
  Date day{};
  std::string title;
  std::string body;
  std::string payload;  // JSON the page draws from (the digest's items)
  Timestamp created_at{};
  std::optional<Timestamp> read_at;
};

class NotificationRepository {
 public:
  virtual ~NotificationRepository() = default;
  // Inserts, or replaces the user's notification of the same kind and day.
  virtual Result<Id> put(const Notification& n) = 0;
  // The user's newest first.
  virtual Result<std::vector<Notification>> for_user(Id user_id, int limit) = 0;
  virtual Result<void> mark_read(Id user_id, Id id, Timestamp at) = 0;  // not_found when not theirs
  // Whether the day's digests were generated (any notification of `kind` on `day`, or a recorded run).
  virtual Result<bool> ran_on(const std::string& kind, Date day) = 0;
  virtual Result<void> record_run(const std::string& kind, Date day, Timestamp at) = 0;
  // Users who manage each department (a department_manager grant on it), for escalation.
  virtual Result<std::map<Id, std::vector<Id>>> department_managers() = 0;
};

}  // namespace hqms::store
