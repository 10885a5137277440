#pragma once
// Two FMEA studies the demo hospital ran: blood transfusion at the bedside and the handover of admitted
// patients from the Emergency Department to the ward. Some recommended actions became CAPAs; those are
// raised by the CAPA part of the demo from the requests answered here.
#include <optional>
#include <string>
#include <vector>

#include "cli/demo/demo_quality.hpp"
#include "cli/demo/demo_staff.hpp"
#include "core/fmea/fmea.hpp"

namespace hqms::cli {

// A worksheet row whose recommended action becomes a CAPA action.
struct FmeaCapaRequest {
  FmeaStudy study;  // as stored: reference, department, lead
  FailureMode row;  // as stored
  ActionStrength strength = ActionStrength::intermediate;
  CapaState target = CapaState::in_progress;  // how far the CAPA has got
  SodRating revised;                          // the score once its action is done
  std::string done;                           // what was done, once it is
};

Result<std::vector<FmeaCapaRequest>> create_demo_fmea(store::UnitOfWork& uow, const Organisation& org,
                                                      const DemoStaff& staff, Timestamp now,
                                                      DemoQualityCounts& counts);

}  // namespace hqms::cli
