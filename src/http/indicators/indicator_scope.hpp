#pragma once
// The part of the hospital an indicator figure is counted over: the `scope` query parameter
// (organisation | site:<id> | department:<id>), checked against the caller's grants, and the engine's units
// (site and department codes) that lie inside it.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/indicators/indicator_engine.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

// Parses `param`; absent or empty = the caller's broadest scope holding `permission` (the organisation, else
// their first site, else their first department). 422 when malformed or unknown; an audited 403 (ctx.require)
// when outside the caller's grants.
Result<ScopeRef> read_scope(RequestContext& ctx, const std::optional<std::string>& param,
                            Permission permission, std::string_view action);

// The indices into cubes.units of the units inside `scope`, matched by site and department codes.
std::vector<std::size_t> units_in_scope(const indicators::CubeSet& cubes, const Organisation& org,
                                        ScopeRef scope);

// "Northfield General Hospital", "Ward 7 (Northfield)"... as charts and reports name the scope.
std::string scope_name(const Organisation& org, ScopeRef scope);

}  // namespace hqms::http
