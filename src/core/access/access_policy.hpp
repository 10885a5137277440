#pragma once
// Decides what a signed-in person may do where. Every route asks here; nothing else grants access.
#include <vector>

#include "core/access/grant.hpp"

namespace hqms {

// The part of the organisation where a permission holds, in the form stores use to filter lists.
struct ScopeFilter {
  bool everything = false;
  std::vector<Id> site_ids;
  std::vector<Id> department_ids;  // only departments not already covered by site_ids

  bool nothing() const { return !everything && site_ids.empty() && department_ids.empty(); }
  // Whether a record placed at (site, department) falls inside.
  bool covers(std::optional<Id> site_id, std::optional<Id> department_id) const;
};

class AccessPolicy {
 public:
  AccessPolicy(const Organisation& org, const Grants& grants) : org_(org), grants_(grants) {}

  // Held through some grant whose scope contains `target`.
  bool allows(Permission permission, ScopeRef target) const;
  // Held at any scope at all (a list route then filters by scope_filter()).
  bool allows_somewhere(Permission permission) const;
  bool allows_organisation_wide(Permission permission) const;
  ScopeFilter scope_filter(Permission permission) const;
  // An administrator may grant only scopes inside their own users.manage scope.
  bool may_grant(const Grant& grant) const;
  // An administrator may manage a person (change, deactivate, reset their password or second factor) only
  // when the account lives inside their users.manage scope AND every grant the person holds does too:
  // otherwise a site administrator could reset the password of someone homed at their site who holds an
  // organisation-wide role, sign in as them and act beyond their own reach (issue 12, finding 2; OWASP
  // ASVS 4.0 V4.1.3, least privilege).
  bool may_manage(ScopeRef account_scope, const Grants& their_grants) const;
  std::vector<Permission> permissions() const;

 private:
  const Organisation& org_;
  const Grants& grants_;
};

}  // namespace hqms
