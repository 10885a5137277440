#pragma once
// Who works where in the demo hospital, read back from the stored people: the quality demo gives actions to
// a department's own staff, CAPAs to its manager or the site's safety and quality leads, and checks to
// someone who owns none of the actions.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "core/org/organisation.hpp"
#include "store/database.hpp"

namespace hqms::cli {

class DemoStaff {
 public:
  static Result<DemoStaff> load(store::UnitOfWork& uow, const Organisation& org);

  // The person with this username; an internal error when the demo hospital no longer has them.
  Result<Id> id(const std::string& username) const;
  // Staff whose home is the department, with its manager: those who may own its actions.
  std::vector<Id> owners(Id department_id) const;
  std::optional<Id> manager(Id department_id) const;
  std::optional<Id> safety_officer(Id site_id) const;  // the site's patient safety officer
  std::optional<Id> quality_manager(Id site_id) const;
  // Those who may coordinate and verify a CAPA in the department: its manager, the site's PSO and QM, and
  // the organisation's quality lead, in that order.
  std::vector<Id> coordinators(Id department_id) const;

 private:
  const Organisation* org_ = nullptr;
  std::map<std::string, Id> by_username_;
  std::map<Id, std::vector<Id>> staff_;  // home department -> staff reporters
  std::map<Id, Id> manager_;
  std::map<Id, Id> safety_officer_, quality_manager_;  // site -> person
  std::optional<Id> organisation_quality_;
};

}  // namespace hqms::cli
