#pragma once
// Escalation of overdue actions: each owner hears about their own, and the managers of the department a
// CAPA belongs to hear about their department's. The digest is built here; delivering it (in the app
// today, by mail later) is someone else's job behind DigestDelivery.
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

struct OverdueAction {
  Id capa_id = 0;
  std::string capa_reference;
  std::string capa_title;
  Id action_id = 0;  // 0 for an overdue effectiveness check
  std::string description;
  Date due_on{};
  std::optional<Id> owner_id;  // the action owner; the CAPA coordinator for an effectiveness check
  Id department_id = 0;
};

struct OverdueDigest {
  Id user_id = 0;
  Date day{};
  std::vector<OverdueAction> own;  // actions the user owns, most overdue first
  std::vector<OverdueAction>
      team;           // other overdue actions in departments the user manages, most overdue first
  std::string title;  // "3 overdue actions (1 yours)", "1 overdue action (0 yours)"
  // Plain text: "Yours:" then "In departments you manage:", one line per item:
  // "- CAPA-2026-0042 <title>: <description> (due 2026-11-20, 5 days overdue)".
  std::string body;
};

// One digest per user with anything overdue. `managers` maps a department to the users who manage it (a
// department_manager grant over it); an owner who also manages the department sees their action once, under
// own. Users are in ascending id order. Items due on or after `today` are not overdue yet and are left out;
// ties in "most overdue first" go by CAPA reference, then action id.
std::vector<OverdueDigest> overdue_digests(std::span<const OverdueAction> overdue,
                                           const std::map<Id, std::vector<Id>>& managers, Date today);

// Days from the due date to `today`; 0 when not overdue.
int days_overdue(const OverdueAction& action, Date today);

// Where digests go. The in-app delivery stores them for the home page; an SMTP sender may follow.
class DigestDelivery {
 public:
  virtual ~DigestDelivery() = default;
  virtual Result<void> deliver(const OverdueDigest& digest) = 0;
};

}  // namespace hqms
