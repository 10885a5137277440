#pragma once
#include <string>

#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"

namespace hqms::store {

class OrgRepository {
 public:
  virtual ~OrgRepository() = default;
  // The organisation with its sites and departments; not_found before the first run has created it.
  virtual Result<Organisation> load() = 0;
  virtual Result<Id> create_organisation(const std::string& name, Timestamp created_at) = 0;
  virtual Result<Site> create_site(Id organisation_id, const std::string& code, const std::string& name) = 0;
  virtual Result<Department> create_department(Id site_id, const std::string& code,
                                               const std::string& name) = 0;
};

}  // namespace hqms::store
