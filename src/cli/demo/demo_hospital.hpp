#pragma once
#include <string>
#include <vector>

#include "core/access/grant.hpp"
#include "core/common/result.hpp"
#include "store/database.hpp"

namespace hqms::cli {

inline constexpr const char* kDemoPassword = "Quality-Demo-2026";

struct DemoAccount {
  std::string username;
  std::string display_name;
  Role role;
  std::string scope_name;
};

// St Brigid's University Hospital: two sites, twelve departments and forty people across every role.
Result<std::vector<DemoAccount>> create_demo_hospital(store::Database& db, const Clock& clock);

}  // namespace hqms::cli
