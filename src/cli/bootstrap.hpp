#pragma once
#include <optional>
#include <string>

#include "core/auth/password_hash.hpp"
#include "core/common/result.hpp"
#include "store/database.hpp"

namespace hqms::cli {

struct BootstrapOutcome {
  bool created = false;
  std::string admin_username;
  std::optional<std::string> generated_password;  // only when none was supplied: shown once, never stored
};

// First run: creates the organisation and one administrator when the database has no users. The password
// comes from `admin_password` (HQMS_ADMIN_PASSWORD) or is generated.
Result<BootstrapOutcome> bootstrap(store::Database& db, const std::string& organisation_name,
                                   const std::optional<std::string>& admin_password, const Clock& clock);

// An audit event written by HQMS itself rather than by a signed-in person.
AuditEvent system_event(std::string action, std::string entity_type, std::string entity_id,
                        std::string summary, nlohmann::json after);

}  // namespace hqms::cli
