#include <algorithm>

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
               auto body = BodyReader::parse(ctx.req());
               if (!body) return body.error();
               auto code = body->string("code", true, 16);
               auto name = body->string("name", true, 200);
               body->errors(check_code_and_name(code, name));
               if (auto r = body->finish(); !r) return r.error();
               auto site = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Site> {
                 auto created = uow.org().create_site(ctx.org().id, *code, *name);
                 if (!created) return created.error();
                 auto logged = uow.audit().append(
                     ctx.audit_event("create", "site", std::to_string(created->id), "Added site " + *name,
                                     nullptr, site_json(*created), {ScopeType::site, created->id}),
                     ctx.now());
                 if (!logged) return logged.error();
                 return created;
               });
               if (!site && site.error().kind == ErrorKind::conflict)
                 return Error{ErrorKind::conflict,
                              "A site with this code exists already.",
                              {{"code", "is already in use"}},
                              {}};
               if (!site) return site.error();
               return json_ok(site_json(*site), 201);
             });

  router.add(
      Method::post, "/api/v1/org/sites/{siteId}/departments", Access::signed_in,
      [](RequestContext& ctx) -> Result<Response> {
        auto site_id = ctx.id_param("siteId");
        if (!site_id) return site_id.error();
        if (!ctx.org().site(*site_id)) return Error::not_found("There is no such site.");
        if (auto r = ctx.require(Permission::org_manage, {ScopeType::site, *site_id}, "add departments here");
            !r)
          return r.error();
        auto body = BodyReader::parse(ctx.req());
        if (!body) return body.error();
        auto code = body->string("code", true, 16);
        auto name = body->string("name", true, 200);
        body->errors(check_code_and_name(code, name));
        if (auto r = body->finish(); !r) return r.error();
        auto dept = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Department> {
          auto created = uow.org().create_department(*site_id, *code, *name);
          if (!created) return created.error();
          auto logged =
              uow.audit().append(ctx.audit_event("create", "department", std::to_string(created->id),
                                                 "Added department " + *name, nullptr,
                                                 department_json(*created), {ScopeType::site, *site_id}),
                                 ctx.now());
          if (!logged) return logged.error();
          return created;
        });
        if (!dept && dept.error().kind == ErrorKind::conflict)
          return Error{ErrorKind::conflict,
                       "A department with this code exists already.",
                       {{"code", "is already in use"}},
                       {}};
        if (!dept) return dept.error();
        return json_ok(department_json(*dept), 201);
      });
}

}  // namespace hqms::http
