#include "core/capa/overdue_digest.hpp"

#include <algorithm>
#include <set>

#include "core/common/timestamp.hpp"

namespace hqms {
namespace {

std::string plural(int n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Most overdue first; the same due date in reference order, so the list reads the same every day.
bool more_overdue(const OverdueAction& a, const OverdueAction& b) {
  if (a.due_on != b.due_on) return a.due_on < b.due_on;
  if (a.capa_reference != b.capa_reference) return a.capa_reference < b.capa_reference;
  return a.action_id < b.action_id;
}

std::string line(const OverdueAction& a, Date today) {
  const std::string what =
      !a.description.empty() ? a.description : (a.action_id == 0 ? "Effectiveness check" : "Action");
  return "- " + a.capa_reference + " " + a.capa_title + ": " + what + " (due " +
         format_date(Timestamp{a.due_on}) + ", " + plural(days_overdue(a, today), "day", "days") +
         " overdue)\n";
}

void finish(OverdueDigest& d, Date today) {
  std::sort(d.own.begin(), d.own.end(), more_overdue);
  std::sort(d.team.begin(), d.team.end(), more_overdue);
  const int own = static_cast<int>(d.own.size());
  const int all = own + static_cast<int>(d.team.size());
  d.title = plural(all, "overdue action", "overdue actions") + " (" + std::to_string(own) + " yours)";
  d.body.clear();
  if (!d.own.empty()) {
    d.body += "Yours:\n";
    for (const auto& a : d.own) d.body += line(a, today);
  }
  if (!d.team.empty()) {
    if (!d.body.empty()) d.body += "\n";
    d.body += "In departments you manage:\n";
    for (const auto& a : d.team) d.body += line(a, today);
  }
}

}  // namespace

int days_overdue(const OverdueAction& action, Date today) {
  return std::max(0, static_cast<int>((today - action.due_on).count()));
}

std::vector<OverdueDigest> overdue_digests(std::span<const OverdueAction> overdue,
                                           const std::map<Id, std::vector<Id>>& managers, Date today) {
  std::map<Id, OverdueDigest> by_user;
  auto digest_for = [&](Id user) -> OverdueDigest& {
    auto& d = by_user[user];
    d.user_id = user;
    d.day = today;
    return d;
  };
  for (const auto& item : overdue) {
    if (item.due_on >= today) continue;  // not overdue yet on the digest's day
    if (item.owner_id) digest_for(*item.owner_id).own.push_back(item);
    const auto found = managers.find(item.department_id);
    if (found == managers.end()) continue;
    // A manager named twice for a department still hears once; an owner who manages it heard under own.
    const std::set<Id> department_managers(found->second.begin(), found->second.end());
    for (Id manager : department_managers)
      if (manager != item.owner_id) digest_for(manager).team.push_back(item);
  }
  std::vector<OverdueDigest> out;
  out.reserve(by_user.size());
  for (auto& [user, digest] : by_user) {
    finish(digest, today);
    out.push_back(std::move(digest));
  }
  return out;
}

}  // namespace hqms
