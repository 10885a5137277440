#include <functional>

#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routes/user_access.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

namespace {

Error username_taken() {
  return Error{ErrorKind::conflict, "That username is taken.", {{"username", "is already in use"}}, {}};
}

// The user named by the route's {id}, where the caller holds `permission`.
Result<User> load_user_in_scope(RequestContext& ctx, Permission permission, std::string_view what) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  return http::load_user_in_scope(ctx, *id, permission, what);
}

// The user named by the route's {id}, if the caller may manage them (AccessPolicy::may_manage).
Result<User> load_manageable_user(RequestContext& ctx, std::string_view what) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  return http::load_manageable_user(ctx, *id, what);
}

// Every grant given or taken away must lie inside the administrator's own scope.
Result<void> require_grantable(RequestContext& ctx, const Grants& grants) {
  auto policy = ctx.policy();
  for (const auto& g : grants)
    if (!policy.may_grant(g))
      return ctx.deny("grant " + std::string(label(g.role)) + " at that scope", g.scope);
  return {};
}

// Applies a change to a user and records it with before and after, in one transaction; answers the saved
// user.
Result<Response> save_user_change(RequestContext& ctx, const User& before, const User& after,
                                  const std::string& summary,
                                  const std::function<Result<void>(store::UnitOfWork&)>& apply) {
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<User> {
    if (auto r = apply(uow); !r) return r.error();
    auto logged = uow.audit().record(
        ctx.audit_event("update", "user", std::to_string(after.id), summary, user_audit_json(before),
                        user_audit_json(after), user_scope(ctx.org(), after)),
        ctx.now());
    if (!logged) return logged.error();
    return uow.users().get(after.id);
  });
  if (!saved) return saved.error();
  return json_ok(user_json(ctx.org(), *saved, ctx.now()));
}

Result<Response> list_users(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::users_read, "view users"); !r) return r.error();
  QueryReader query(ctx.req());
  store::UserQuery q;
  q.page = query.page({"username", "displayName", "createdAt", "lastLoginAt"}, "username");
  q.text = query.text("q");
  if (auto role = query.text("role"); !role.empty()) {
    q.role = role_from_string(role);
    if (!q.role)
      return Error::validation({{"role", "is not a known role"}}, "The query has invalid parameters.");
  }
  q.site_id = query.id("siteId");
  q.department_id = query.id("departmentId");
  q.active = query.boolean("active");
  if (auto r = query.finish(); !r) return r.error();
  q.visible = ctx.policy().scope_filter(Permission::users_read);
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto page = (*uow)->users().list(q);
  if (!page) return page.error();
  const auto now = ctx.now();
  return json_ok(page_json(*page, [&](const User& u) { return user_json(ctx.org(), u, now); }));
}

Result<Response> create_user(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::users_manage, "create users"); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  NewUser user;
  user.username = body->string("username", true, 64).value_or("");
  user.display_name = body->string("displayName", true, 200).value_or("");
  user.email = body->string("email", false, 254).value_or("");
  user.password = body->string("password", true, 1024).value_or("");
  user.home_department_id = body->nullable_id("homeDepartmentId").value_or(std::nullopt);
  user.grants = read_grants(*body, "grants");
  body->errors(check_username(user.username));
  body->errors(check_profile(user.display_name, user.email));
  body->errors(check_placement(ctx.org(), user.home_department_id, user.grants));
  if (auto why = check_password(ctx.app().config().password, user.password, user.username))
    body->error("password", *why);
  if (auto r = body->finish(); !r) return r.error();

  User shape;
  shape.home_department_id = user.home_department_id;
  if (auto r = ctx.require(Permission::users_manage, user_scope(ctx.org(), shape),
                           "create users in that department");
      !r)
    return r.error();
  if (auto r = require_grantable(ctx, user.grants); !r) return r.error();

  const auto hash = hash_password(user.password, ctx.app().config().hash_strength);
  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<User> {
    auto id = uow.users().create(user, hash, ctx.now());
    if (!id) return id.error();
    auto stored = uow.users().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event("create", "user", std::to_string(*id), "Created user " + user.username, nullptr,
                        user_audit_json(*stored), user_scope(ctx.org(), *stored)),
        ctx.now());
    if (!logged) return logged.error();
    return stored;
  });
  if (!created) return created.error().kind == ErrorKind::conflict ? username_taken() : created.error();
  return json_ok(user_json(ctx.org(), *created, ctx.now()), 201);
}

Result<Response> update_user(RequestContext& ctx) {
  auto before = load_manageable_user(ctx, "change this user");
  if (!before) return before.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  User after = *before;
  if (auto v = body->string("displayName", false, 200)) after.display_name = *v;
  if (auto v = body->string("email", false, 254)) after.email = *v;
  if (auto v = body->nullable_id("homeDepartmentId")) after.home_department_id = *v;
  if (auto v = body->boolean("active")) after.active = *v;
  body->errors(check_profile(after.display_name, after.email));
  body->errors(check_placement(ctx.org(), after.home_department_id, {}));
  if (auto r = body->finish(); !r) return r.error();
  if (!after.active && after.id == ctx.principal().user.id)
    return Error{ErrorKind::conflict,
                 "You cannot deactivate your own account.",
                 {{"active", "cannot be false for yourself"}},
                 {}};
  if (after.home_department_id != before->home_department_id)
    if (auto r = ctx.require(Permission::users_manage, user_scope(ctx.org(), after),
                             "move users to that department");
        !r)
      return r.error();

  const std::string summary = after.active == before->active ? "Changed user " + after.username
                              : after.active                 ? "Reactivated user " + after.username
                                                             : "Deactivated user " + after.username;
  return save_user_change(ctx, *before, after, summary, [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.users().update_profile(after); !r) return r;
    // A deactivated person is signed out everywhere at once.
    if (!after.active) return uow.sessions().remove_for_user(after.id, "");
    return {};
  });
}

Result<Response> replace_grants(RequestContext& ctx) {
  auto before = load_manageable_user(ctx, "change this user's roles");
  if (!before) return before.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  if (!body->has("grants")) body->error("grants", "is required");
  auto grants = read_grants(*body, "grants");
  body->errors(check_placement(ctx.org(), std::nullopt, grants));
  if (auto r = body->finish(); !r) return r.error();
  if (before->id == ctx.principal().user.id)
    return Error{ErrorKind::conflict, "You cannot change your own roles; ask another administrator.", {}, {}};
  Grants changed;
  for (const auto& g : grants)
    if (std::find(before->grants.begin(), before->grants.end(), g) == before->grants.end())
      changed.push_back(g);
  for (const auto& g : before->grants)
    if (std::find(grants.begin(), grants.end(), g) == grants.end()) changed.push_back(g);
  if (auto r = require_grantable(ctx, changed); !r) return r.error();

  User after = *before;
  after.grants = grants;
  return save_user_change(
      ctx, *before, after, "Changed roles of " + after.username,
      [&](store::UnitOfWork& uow) { return uow.users().replace_grants(after.id, grants); });
}

Result<Response> reset_password(RequestContext& ctx) {
  auto user = load_manageable_user(ctx, "reset this user's password");
  if (!user) return user.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto password = body->string("newPassword", true, 1024);
  if (password)
    if (auto why = check_password(ctx.app().config().password, *password, user->username))
      body->error("newPassword", *why);
  if (auto r = body->finish(); !r) return r.error();
  const auto hash = hash_password(*password, ctx.app().config().hash_strength);
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = uow.users().set_password_hash(user->id, hash); !r) return r;
    if (auto r = uow.throttle().clear_account(user->username); !r) return r;
    if (auto r = uow.sessions().remove_for_user(user->id, ""); !r) return r;
    return uow.audit().record(ctx.audit_event("password_reset", "user", std::to_string(user->id),
                                              "Reset the password of " + user->username, nullptr, nullptr,
                                              user_scope(ctx.org(), *user)),
                              ctx.now());
  });
  if (!done) return done.error();
  return empty_response(204);
}

}  // namespace

void add_user_routes(Router& router) {
  router.add(Method::get, "/api/v1/users", Access::signed_in, list_users);
  router.add(Method::post, "/api/v1/users", Access::signed_in, create_user);
  router.add(Method::get, "/api/v1/users/{id}", Access::signed_in,
             [](RequestContext& ctx) -> Result<Response> {
               auto user = load_user_in_scope(ctx, Permission::users_read, "view this user");
               if (!user) return user.error();
               auto json = user_json(ctx.org(), *user, ctx.now());
               // So the page offers only the changes the caller may make (AccessPolicy::may_manage).
               json["youMayManage"] = ctx.policy().may_manage(user_scope(ctx.org(), *user), user->grants);
               return json_ok(json);
             });
  router.add(Method::patch, "/api/v1/users/{id}", Access::signed_in, update_user);
  router.add(Method::put, "/api/v1/users/{id}/grants", Access::signed_in, replace_grants);
  router.add(Method::post, "/api/v1/users/{id}/password", Access::signed_in, reset_password);
}

}  // namespace hqms::http
