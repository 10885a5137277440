#include "http/auth/second_factor_standing.hpp"

#include "core/auth/second_factor.hpp"

namespace hqms::http {

Result<bool> must_enrol_second_factor(store::UnitOfWork& uow, const User& user) {
  // Most people hold no privileged grant: they cost no query.
  if (!needs_second_factor(user.grants)) return false;
  auto required = uow.second_factors().required_for_privileged();
  if (!required) return required.error();
  if (!*required) return false;
  auto authenticator = uow.second_factors().find(user.id);
  if (!authenticator) return authenticator.error();
  return !(*authenticator && (*authenticator)->confirmed());
}

Problem second_factor_enrolment_required() {
  return problem(403, "/problems/second-factor-enrolment-required", "Second factor required",
                 "Your organisation requires a second factor for your account. Set up an authenticator app "
                 "on the Account security page (/account/security) before you continue.");
}

}  // namespace hqms::http
