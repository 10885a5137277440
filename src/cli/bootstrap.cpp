#include "cli/bootstrap.hpp"

#include "core/auth/password_policy.hpp"
#include "core/common/crypto.hpp"
#include "http/json/mapping.hpp"

namespace hqms::cli {

AuditEvent system_event(std::string action, std::string entity_type, std::string entity_id,
                        std::string summary, nlohmann::json after) {
  AuditEvent e;
  e.actor_username = "system";
  e.action = std::move(action);
  e.entity_type = std::move(entity_type);
  e.entity_id = std::move(entity_id);
  e.summary = std::move(summary);
  e.after = std::move(after);
  return e;
}

Result<BootstrapOutcome> bootstrap(store::Database& db, const std::string& organisation_name,
                                   const std::optional<std::string>& admin_password, const Clock& clock) {
  BootstrapOutcome outcome;
  outcome.admin_username = "admin";
  std::string password;
  if (admin_password) {
    if (auto why = check_password({}, *admin_password, outcome.admin_username))
      return Error::validation({{"HQMS_ADMIN_PASSWORD", *why}}, "HQMS_ADMIN_PASSWORD " + *why);
    password = *admin_password;
  } else {
    password = random_token(15);
  }
  const auto hash = hash_password(password);
  auto done = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<void> {
    auto users = uow.users().count();
    if (!users) return users.error();
    if (*users > 0) return {};
    Id org_id = 0;
    if (auto org = uow.org().load()) {
      org_id = org->id;
    } else {
      auto created = uow.org().create_organisation(organisation_name, clock.now());
      if (!created) return created.error();
      org_id = *created;
      auto r = uow.audit().record(
          system_event("create", "organisation", std::to_string(org_id),
                       "Created organisation " + organisation_name, {{"name", organisation_name}}),
          clock.now());
      if (!r) return r.error();
    }
    NewUser admin{outcome.admin_username,
                  "Administrator",
                  "",
                  password,
                  std::nullopt,
                  {{Role::administrator, {ScopeType::organisation, org_id}}}};
    auto id = uow.users().create(admin, hash, clock.now());
    if (!id) return id.error();
    auto stored = uow.users().get(*id);
    if (!stored) return stored.error();
    auto r =
        uow.audit().record(system_event("create", "user", std::to_string(*id),
                                        "Created the first administrator", http::user_audit_json(*stored)),
                           clock.now());
    if (!r) return r.error();
    outcome.created = true;
    return {};
  });
  if (!done) return done.error();
  if (outcome.created && !admin_password) outcome.generated_password = password;
  return outcome;
}

}  // namespace hqms::cli
