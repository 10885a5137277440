#pragma once
// The organisational tree that every grant and every record is scoped to: organisation -> sites ->
// departments.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hqms {

using Id = std::int64_t;

enum class ScopeType { organisation, site, department };

std::string_view to_string(ScopeType type);
std::optional<ScopeType> scope_type_from_string(std::string_view text);

struct ScopeRef {
  ScopeType type = ScopeType::organisation;
  Id id = 0;
  bool operator==(const ScopeRef&) const = default;
};

struct Department {
  Id id = 0;
  Id site_id = 0;
  std::string code;
  std::string name;
};

struct Site {
  Id id = 0;
  std::string code;
  std::string name;
  std::vector<Department> departments;
};

struct Organisation {
  Id id = 0;
  std::string name;
  std::vector<Site> sites;

  const Site* site(Id id) const;
  const Department* department(Id id) const;
  bool exists(ScopeRef scope) const;
  // True when `inner` lies inside `outer` (a scope contains itself).
  bool contains(ScopeRef outer, ScopeRef inner) const;
  std::optional<std::string> name_of(ScopeRef scope) const;
  // The scope a record lives in, from its most specific known placement.
  ScopeRef scope_of(std::optional<Id> site_id, std::optional<Id> department_id) const;
};

}  // namespace hqms
