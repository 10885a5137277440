#pragma once
// A risk on the register: what could happen, why, to whom it matters, how well today's controls hold it,
// how it scores before and after them, where the organisation wants it and what it is doing about it.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/business_calendar.hpp"
#include "core/common/result.hpp"
#include "core/common/timestamp.hpp"
#include "core/org/organisation.hpp"
#include "core/risk/risk_matrix.hpp"

namespace hqms {

enum class RiskCategory {
  clinical,
  patient_safety,
  operational,
  financial,
  compliance,
  information_security,
  reputational,
  business_continuity,
};
std::span<const RiskCategory> all_risk_categories();
std::string_view to_string(RiskCategory v);
std::optional<RiskCategory> risk_category_from_string(std::string_view s);
std::string_view label(RiskCategory v);

enum class ControlEffectiveness { effective, partially_effective, ineffective, not_assessed };
std::string_view to_string(ControlEffectiveness v);
std::optional<ControlEffectiveness> control_effectiveness_from_string(std::string_view s);
std::string_view label(ControlEffectiveness v);

enum class RiskTreatment { accept, reduce, transfer, avoid };
std::string_view to_string(RiskTreatment v);
std::optional<RiskTreatment> risk_treatment_from_string(std::string_view s);
std::string_view label(RiskTreatment v);

enum class RiskStatus { open, closed };
std::string_view to_string(RiskStatus v);
std::optional<RiskStatus> risk_status_from_string(std::string_view s);

struct RiskControl {
  std::string description;
  ControlEffectiveness effectiveness = ControlEffectiveness::not_assessed;
};

// One review: the residual rating found on that day. The history of reviews is the risk's score over time.
struct RiskReview {
  Id id = 0;
  Date reviewed_on{};
  Id reviewer_id = 0;
  RiskRating residual;
  std::string note;
};

struct Risk {
  Id id = 0;
  std::string reference;  // RSK-0042
  std::string title;
  std::string description;
  std::string cause;
  std::string consequence;  // what would follow if it happened
  RiskCategory category = RiskCategory::clinical;
  std::optional<Id> owner_id;
  ScopeRef scope;                        // the register it was raised on
  std::optional<ScopeRef> escalated_to;  // the register above it now sits on, when escalated
  std::vector<RiskControl> controls;
  RiskRating inherent;
  RiskRating residual;
  RiskRating target;
  RiskTreatment treatment = RiskTreatment::reduce;
  std::string treatment_plan;
  std::optional<Date> review_due_on;
  std::vector<RiskReview> reviews;  // oldest first
  RiskStatus status = RiskStatus::open;
  Timestamp created_at{};
  Timestamp updated_at{};
  int version = 1;
};

// Field errors against the API's names (`title`, `controls[1].description`, `target` ...): title present,
// texts within limits (title 300, others 4000), at most 30 controls, residual not above inherent (controls do
// not raise a risk), target not above inherent (a residual below target is a met target), a review date on an
// open risk.
std::vector<FieldError> check_risk(const Risk& risk);

// The register a risk sits on now: where it was escalated to, else where it was raised.
ScopeRef current_register(const Risk& risk);

// The next register up: department -> its site -> the organisation; none above the organisation.
std::optional<ScopeRef> scope_above(const Organisation& org, ScopeRef scope);

// The escalation rule: a risk whose residual score has just reached the extreme band (it was not extreme
// before, or the risk is new) moves one register up from its current register, so a risk escalated once goes
// one more up if it eases and becomes extreme again. Answers where it goes, or nothing (also for a closed
// risk, or one on the organisation register).
std::optional<ScopeRef> escalation_for(const Organisation& org, const std::optional<Risk>& before,
                                       const Risk& after, const RiskBands& bands);

// An open risk whose review date has passed.
bool review_overdue(const Risk& risk, Date today);

}  // namespace hqms
