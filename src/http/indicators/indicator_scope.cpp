// A figure over a scope adds up the engine's units (department codes within a site code) that lie inside it,
// so the organisation, a site and a department are all answered from the same cubes.
#include "http/indicators/indicator_scope.hpp"

#include <charconv>

namespace hqms::http {
namespace {

std::optional<ScopeRef> parse_scope(const Organisation& org, std::string_view text) {
  if (text == "organisation") return ScopeRef{ScopeType::organisation, org.id};
  const auto colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto type = scope_type_from_string(text.substr(0, colon));
  if (!type) return std::nullopt;
  const auto digits = text.substr(colon + 1);
  Id id = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (ec != std::errc{} || end != digits.data() + digits.size()) return std::nullopt;
  const ScopeRef scope{*type, id};
  if (!org.exists(scope)) return std::nullopt;
  return scope;
}

}  // namespace

Result<ScopeRef> read_scope(RequestContext& ctx, const std::optional<std::string>& param,
                            Permission permission, std::string_view action) {
  const auto& org = ctx.org();
  if (!param || param->empty()) {
    const auto visible = ctx.policy().scope_filter(permission);
    if (visible.everything) return ScopeRef{ScopeType::organisation, org.id};
    if (!visible.site_ids.empty()) return ScopeRef{ScopeType::site, visible.site_ids.front()};
    if (!visible.department_ids.empty())
      return ScopeRef{ScopeType::department, visible.department_ids.front()};
    if (auto denied = ctx.require_somewhere(permission, action); !denied) return denied.error();
    return Error::forbidden("refused");
  }
  auto scope = parse_scope(org, *param);
  if (!scope)
    return Error::validation({{"scope", "must be organisation, site:<id> or department:<id> of a known one"}},
                             "The query has invalid parameters.");
  if (auto allowed = ctx.require(permission, *scope, action); !allowed) return allowed.error();
  return *scope;
}

std::vector<std::size_t> units_in_scope(const indicators::CubeSet& cubes, const Organisation& org,
                                        ScopeRef scope) {
  std::vector<std::size_t> out;
  const Site* site = nullptr;
  const Department* department = nullptr;
  if (scope.type == ScopeType::site) {
    site = org.site(scope.id);
    if (!site) return out;
  } else if (scope.type == ScopeType::department) {
    department = org.department(scope.id);
    if (!department) return out;
    site = org.site(department->site_id);
    if (!site) return out;
  }
  for (std::size_t i = 0; i < cubes.units.size(); ++i) {
    const auto& unit = cubes.units[i];
    if (site && unit.site != site->code) continue;
    if (department && unit.department != department->code) continue;
    out.push_back(i);
  }
  return out;
}

std::string scope_name(const Organisation& org, ScopeRef scope) {
  if (scope.type == ScopeType::department) {
    if (const auto* d = org.department(scope.id)) {
      const auto* s = org.site(d->site_id);
      return s ? d->name + ", " + s->name : d->name;
    }
  }
  return org.name_of(scope).value_or(org.name);
}

}  // namespace hqms::http
