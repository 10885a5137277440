#include "http/routes/user_access.hpp"

namespace hqms::http {

Result<User> load_user_in_scope(RequestContext& ctx, Id id, Permission permission, std::string_view what) {
  User user;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto found = (*uow)->users().get(id);
    if (!found) return found.error();
    user = std::move(*found);
  }
  if (auto r = ctx.require(permission, user_scope(ctx.org(), user), what); !r) return r.error();
  return user;
}

Result<User> load_manageable_user(RequestContext& ctx, Id id, std::string_view what) {
  auto user = load_user_in_scope(ctx, id, Permission::users_manage, what);
  if (!user) return user;
  const auto scope = user_scope(ctx.org(), *user);
  if (!ctx.policy().may_manage(scope, user->grants))
    return ctx.deny(std::string(what) + " (they hold a role beyond your own scope)", scope);
  return user;
}

}  // namespace hqms::http
