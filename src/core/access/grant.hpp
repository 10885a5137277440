#pragma once
#include <vector>

#include "core/access/role.hpp"
#include "core/org/organisation.hpp"

namespace hqms {

// A role held at a scope: a department, a site or the whole organisation.
struct Grant {
  Role role = Role::staff_reporter;
  ScopeRef scope;
  bool operator==(const Grant&) const = default;
};

using Grants = std::vector<Grant>;

}  // namespace hqms
