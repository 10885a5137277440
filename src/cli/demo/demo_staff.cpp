#include "cli/demo/demo_staff.hpp"

#include <algorithm>

namespace hqms::cli {

Result<DemoStaff> DemoStaff::load(store::UnitOfWork& uow, const Organisation& org) {
  DemoStaff staff;
  staff.org_ = &org;
  store::UserQuery q;
  q.visible.everything = true;
  q.page.limit = PageRequest::kMaxLimit;
  auto users = uow.users().list(q);
  if (!users) return users.error();
  for (const auto& u : users->items) {
    staff.by_username_[u.username] = u.id;
    for (const auto& g : u.grants) {
      if (g.role == Role::staff_reporter && u.home_department_id)
        staff.staff_[*u.home_department_id].push_back(u.id);
      if (g.role == Role::department_manager && g.scope.type == ScopeType::department)
        staff.manager_[g.scope.id] = u.id;
      if (g.scope.type == ScopeType::site && g.role == Role::patient_safety_officer)
        staff.safety_officer_[g.scope.id] = u.id;
      if (g.scope.type == ScopeType::site && g.role == Role::quality_manager)
        staff.quality_manager_[g.scope.id] = u.id;
      if (g.scope.type == ScopeType::organisation && g.role == Role::quality_manager)
        staff.organisation_quality_ = u.id;
    }
  }
  // The list is ordered by name or id depending on the backend's default; fix one order so the seeded
  // choices below are the same everywhere.
  for (auto& [dept, ids] : staff.staff_) std::sort(ids.begin(), ids.end());
  return staff;
}

Result<Id> DemoStaff::id(const std::string& username) const {
  auto it = by_username_.find(username);
  if (it == by_username_.end()) return Error::internal("the demo hospital has no " + username);
  return it->second;
}

std::vector<Id> DemoStaff::owners(Id department_id) const {
  std::vector<Id> out;
  if (auto it = staff_.find(department_id); it != staff_.end()) out = it->second;
  if (auto m = manager(department_id)) out.push_back(*m);
  return out;
}

std::optional<Id> DemoStaff::manager(Id department_id) const {
  if (auto it = manager_.find(department_id); it != manager_.end()) return it->second;
  return std::nullopt;
}

std::optional<Id> DemoStaff::safety_officer(Id site_id) const {
  if (auto it = safety_officer_.find(site_id); it != safety_officer_.end()) return it->second;
  return std::nullopt;
}

std::optional<Id> DemoStaff::quality_manager(Id site_id) const {
  if (auto it = quality_manager_.find(site_id); it != quality_manager_.end()) return it->second;
  return std::nullopt;
}

std::vector<Id> DemoStaff::coordinators(Id department_id) const {
  std::vector<Id> out;
  if (auto m = manager(department_id)) out.push_back(*m);
  if (const auto* dept = org_->department(department_id)) {
    if (auto p = safety_officer(dept->site_id)) out.push_back(*p);
    if (auto q = quality_manager(dept->site_id)) out.push_back(*q);
  }
  if (organisation_quality_) out.push_back(*organisation_quality_);
  return out;
}

}  // namespace hqms::cli
