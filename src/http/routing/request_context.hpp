#pragma once
#include <optional>

#include "core/access/access_policy.hpp"
#include "core/audit/audit_entry.hpp"
#include "http/app.hpp"
#include "http/auth/principal.hpp"

namespace hqms::http {

class RequestContext {
 public:
  RequestContext(App& app, Request& req) : app_(app), req_(req) {}

  App& app() { return app_; }
  store::Database& db() { return app_.db(); }
  Timestamp now() const { return app_.clock().now(); }
  const Request& req() const { return req_; }
  const std::string& param(const std::string& name) const { return req_.params.at(name); }
  // A numeric id from the path; anything else is 404, as no such record can exist.
  Result<Id> id_param(const std::string& name) const;

  bool signed_in() const { return principal_.has_value(); }
  const Principal& principal() const { return *principal_; }
  const Organisation& org() const { return principal_->org; }
  void set_principal(Principal p) { principal_ = std::move(p); }
  AccessPolicy policy() const { return AccessPolicy(principal_->org, principal_->user.grants); }

  // Each check records a refusal in the audit trail before answering 403.
  Result<void> require(Permission permission, ScopeRef target, std::string_view what);
  Result<void> require_somewhere(Permission permission, std::string_view what);
  Result<void> require_organisation_wide(Permission permission, std::string_view what);
  Error deny(std::string_view what, std::optional<ScopeRef> target);

  // An audit event by the caller about an entity placed at `scope`.
  AuditEvent audit_event(std::string action, std::string entity_type, std::string entity_id,
                         std::string summary, nlohmann::json before, nlohmann::json after,
                         ScopeRef scope) const;

 private:
  App& app_;
  Request& req_;
  std::optional<Principal> principal_;
};

// A refusal met inside a write transaction. Recording it (RequestContext::deny) needs a transaction of its
// own, which would wait for the one still open, so the handler notes it here and records it after.
struct Refusal {
  std::optional<std::pair<std::string, ScopeRef>> what;
  Error refuse(std::string action, ScopeRef scope) {
    what = {std::move(action), scope};
    return Error::forbidden("refused");
  }
  // After the transaction: the audited 403 when something was refused.
  std::optional<Error> record(RequestContext& ctx) const {
    if (!what) return std::nullopt;
    return ctx.deny(what->first, what->second);
  }
};

// The site and department columns of an audit entry for a record placed at `scope`.
void place_audit_event(AuditEvent& event, const Organisation& org, ScopeRef scope);

}  // namespace hqms::http
