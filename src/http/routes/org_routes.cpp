#include <algorithm>
#include <functional>

#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

std::vector<FieldError> check_code_and_name(const std::optional<std::string>& code,
                                            const std::optional<std::string>& name) {
  std::vector<FieldError> errors;
  auto upper = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'; };
  if (code && (code->empty() || code->size() > 16 || !std::all_of(code->begin(), code->end(), upper)))
    errors.push_back({"code", "must be 1 to 16 upper-case letters, digits or '-'"});
  if (name && (name->empty() || name->size() > 200))
    errors.push_back({"name", "must be 1 to 200 characters"});
  return errors;
}

struct CodeAndName {
  std::string code;
  std::string name;
};

// Creates a site or a department with its audit entry; a code in use is a 409 on the code field.
template <class Unit>
Result<Response> create_unit(
    RequestContext& ctx, const std::string& kind,
    const std::function<Result<Unit>(store::OrgRepository&, const CodeAndName&)>& create,
    nlohmann::json (*to_json)(const Unit&), const std::function<ScopeRef(const Unit&)>& scope) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto code = body->string("code", true, 16);
  auto name = body->string("name", true, 200);
  body->errors(check_code_and_name(code, name));
  if (auto r = body->finish(); !r) return r.error();
  const CodeAndName unit{*code, *name};
  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Unit> {
    auto made = create(uow.org(), unit);
    if (!made) return made.error();
    auto logged = uow.audit().record(
        ctx.audit_event("create", kind, std::to_string(made->id), "Added " + kind + " " + unit.name, nullptr,
                        to_json(*made), scope(*made)),
        ctx.now());
    if (!logged) return logged.error();
    return made;
  });
  if (!created && created.error().kind == ErrorKind::conflict)
    return Error{ErrorKind::conflict,
                 "A " + kind + " with this code exists already.",
                 {{"code", "is already in use"}},
                 {}};
  if (!created) return created.error();
  return json_ok(to_json(*created), 201);
}

}  // namespace

void add_org_routes(Router& router) {
  router.add(Method::get, "/api/v1/org", Access::signed_in, [](RequestContext& ctx) -> Result<Response> {
    if (auto r = ctx.require_somewhere(Permission::org_read, "view the organisation"); !r) return r.error();
    return json_ok(organisation_json(ctx.org()));
  });

  router.add(Method::post, "/api/v1/org/sites", Access::signed_in,
             [](RequestContext& ctx) -> Result<Response> {
               if (auto r = ctx.require_organisation_wide(Permission::org_manage, "add sites"); !r)
                 return r.error();
               return create_unit<Site>(
                   ctx, "site",
                   [&](store::OrgRepository& org, const CodeAndName& u) {
                     return org.create_site(ctx.org().id, u.code, u.name);
                   },
                   site_json,
                   [](const Site& s) {
                     return ScopeRef{ScopeType::site, s.id};
                   });
             });

  router.add(Method::post, "/api/v1/org/sites/{siteId}/departments", Access::signed_in,
             [](RequestContext& ctx) -> Result<Response> {
               auto site_id = ctx.id_param("siteId");
               if (!site_id) return site_id.error();
               if (!ctx.org().site(*site_id)) return Error::not_found("There is no such site.");
               const ScopeRef site{ScopeType::site, *site_id};
               if (auto r = ctx.require(Permission::org_manage, site, "add departments here"); !r)
                 return r.error();
               return create_unit<Department>(
                   ctx, "department",
                   [&](store::OrgRepository& org, const CodeAndName& u) {
                     return org.create_department(*site_id, u.code, u.name);
                   },
                   department_json, [&](const Department&) { return site; });
             });
}

}  // namespace hqms::http
