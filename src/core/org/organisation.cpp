#include "core/org/organisation.hpp"

namespace hqms {

std::string_view to_string(ScopeType type) {
  switch (type) {
    case ScopeType::organisation:
      return "organisation";
    case ScopeType::site:
      return "site";
    case ScopeType::department:
      return "department";
  }
  return "organisation";
}

std::optional<ScopeType> scope_type_from_string(std::string_view text) {
  if (text == "organisation") return ScopeType::organisation;
  if (text == "site") return ScopeType::site;
  if (text == "department") return ScopeType::department;
  return std::nullopt;
}

const Site* Organisation::site(Id site_id) const {
  for (const auto& s : sites)
    if (s.id == site_id) return &s;
  return nullptr;
}

const Department* Organisation::department(Id department_id) const {
  for (const auto& s : sites)
    for (const auto& d : s.departments)
      if (d.id == department_id) return &d;
  return nullptr;
}

bool Organisation::exists(ScopeRef scope) const {
  switch (scope.type) {
    case ScopeType::organisation:
      return scope.id == id;
    case ScopeType::site:
      return site(scope.id) != nullptr;
    case ScopeType::department:
      return department(scope.id) != nullptr;
  }
  return false;
}

bool Organisation::contains(ScopeRef outer, ScopeRef inner) const {
  if (!exists(outer) || !exists(inner)) return false;
  switch (outer.type) {
    case ScopeType::organisation:
      return true;
    case ScopeType::site:
      if (inner.type == ScopeType::site) return inner.id == outer.id;
      if (inner.type == ScopeType::department) return department(inner.id)->site_id == outer.id;
      return false;
    case ScopeType::department:
      return inner.type == ScopeType::department && inner.id == outer.id;
  }
  return false;
}

std::optional<std::string> Organisation::name_of(ScopeRef scope) const {
  switch (scope.type) {
    case ScopeType::organisation:
      if (scope.id == id) return name;
      break;
    case ScopeType::site:
      if (auto* s = site(scope.id)) return s->name;
      break;
    case ScopeType::department:
      if (auto* d = department(scope.id)) return d->name;
      break;
  }
  return std::nullopt;
}

ScopeRef Organisation::scope_of(std::optional<Id> site_id, std::optional<Id> department_id) const {
  if (department_id) return {ScopeType::department, *department_id};
  if (site_id) return {ScopeType::site, *site_id};
  return {ScopeType::organisation, id};
}

}  // namespace hqms
