#include "core/risk/risk.hpp"

#include <algorithm>

#include "core/common/enum_table.hpp"
#include "core/common/text_checks.hpp"

namespace hqms {
namespace {

constexpr EnumTable<RiskCategory, 8> kCategories{{
    {RiskCategory::clinical, "clinical", "Clinical"},
    {RiskCategory::patient_safety, "patient_safety", "Patient safety"},
    {RiskCategory::operational, "operational", "Operational"},
    {RiskCategory::financial, "financial", "Financial"},
    {RiskCategory::compliance, "compliance", "Compliance"},
    {RiskCategory::information_security, "information_security", "Information security"},
    {RiskCategory::reputational, "reputational", "Reputational"},
    {RiskCategory::business_continuity, "business_continuity", "Business continuity"},
}};

constexpr EnumTable<ControlEffectiveness, 4> kEffectiveness{{
    {ControlEffectiveness::effective, "effective", "Effective"},
    {ControlEffectiveness::partially_effective, "partially_effective", "Partially effective"},
    {ControlEffectiveness::ineffective, "ineffective", "Ineffective"},
    {ControlEffectiveness::not_assessed, "not_assessed", "Not assessed"},
}};

constexpr EnumTable<RiskTreatment, 4> kTreatments{{
    {RiskTreatment::accept, "accept", "Accept", "Tolerate the risk as it stands and keep it under review"},
    {RiskTreatment::reduce, "reduce", "Reduce", "Act to lower its likelihood or consequence"},
    {RiskTreatment::transfer, "transfer", "Transfer", "Share it with another party: insurance, a contract"},
    {RiskTreatment::avoid, "avoid", "Avoid", "Stop the activity that gives rise to it"},
}};

constexpr EnumTable<RiskStatus, 2> kStatuses{{
    {RiskStatus::open, "open", "Open"},
    {RiskStatus::closed, "closed", "Closed"},
}};

constexpr std::size_t kTitleMaxLength = 300;
constexpr std::size_t kTextMaxLength = 4000;
constexpr std::size_t kMaxControls = 30;

std::string rating_text(const RiskRating& r) {
  return std::to_string(r.score()) + " (" + std::string(label(r.likelihood)) + " x " +
         std::string(label(r.consequence)) + ")";
}

}  // namespace

std::span<const RiskCategory> all_risk_categories() {
  return enum_values(kCategories);
}
std::string_view to_string(RiskCategory v) {
  return enum_name(kCategories, v).id;
}
std::optional<RiskCategory> risk_category_from_string(std::string_view s) {
  return enum_from_id(kCategories, s);
}
std::string_view label(RiskCategory v) {
  return enum_name(kCategories, v).label;
}

std::string_view to_string(ControlEffectiveness v) {
  return enum_name(kEffectiveness, v).id;
}
std::optional<ControlEffectiveness> control_effectiveness_from_string(std::string_view s) {
  return enum_from_id(kEffectiveness, s);
}
std::string_view label(ControlEffectiveness v) {
  return enum_name(kEffectiveness, v).label;
}

std::string_view to_string(RiskTreatment v) {
  return enum_name(kTreatments, v).id;
}
std::optional<RiskTreatment> risk_treatment_from_string(std::string_view s) {
  return enum_from_id(kTreatments, s);
}
std::string_view label(RiskTreatment v) {
  return enum_name(kTreatments, v).label;
}

std::string_view to_string(RiskStatus v) {
  return enum_name(kStatuses, v).id;
}
std::optional<RiskStatus> risk_status_from_string(std::string_view s) {
  return enum_from_id(kStatuses, s);
}

std::vector<FieldError> check_risk(const Risk& risk) {
  std::vector<FieldError> errors;
  check_required_text(errors, "title", risk.title, kTitleMaxLength);
  check_text_length(errors, "description", risk.description, kTextMaxLength);
  check_text_length(errors, "cause", risk.cause, kTextMaxLength);
  check_text_length(errors, "consequence", risk.consequence, kTextMaxLength);
  check_text_length(errors, "treatmentPlan", risk.treatment_plan, kTextMaxLength);
  if (risk.controls.size() > kMaxControls)
    errors.push_back({"controls", "at most " + std::to_string(kMaxControls) + " controls on one risk"});
  for (std::size_t i = 0; i < risk.controls.size(); ++i) {
    check_required_text(errors, indexed_field("controls", i, "description"), risk.controls[i].description,
                        kTextMaxLength);
  }
  // Compared by score: a rarer but graver residual is still a lower risk when it scores lower.
  if (risk.residual.score() > risk.inherent.score())
    errors.push_back({"residual", "the residual risk " + rating_text(risk.residual) +
                                      " cannot be above the inherent risk " + rating_text(risk.inherent) +
                                      ": controls do not raise a risk"});
  // The target is checked against the inherent risk, not the residual: a review that finds the risk below its
  // target means the target is met, and that must be recordable.
  if (risk.target.score() > risk.inherent.score())
    errors.push_back({"target", "the target risk " + rating_text(risk.target) +
                                    " cannot be above the inherent risk " + rating_text(risk.inherent)});
  if (risk.status == RiskStatus::open && !risk.review_due_on)
    errors.push_back({"reviewDueOn", "an open risk needs a review date"});
  return errors;
}

ScopeRef current_register(const Risk& risk) {
  return risk.escalated_to.value_or(risk.scope);
}

std::optional<ScopeRef> scope_above(const Organisation& org, ScopeRef scope) {
  switch (scope.type) {
    case ScopeType::department:
      if (const auto* d = org.department(scope.id)) return ScopeRef{ScopeType::site, d->site_id};
      return std::nullopt;
    case ScopeType::site:
      if (org.site(scope.id)) return ScopeRef{ScopeType::organisation, org.id};
      return std::nullopt;
    case ScopeType::organisation:
      return std::nullopt;
  }
  return std::nullopt;
}

std::optional<ScopeRef> escalation_for(const Organisation& org, const std::optional<Risk>& before,
                                       const Risk& after, const RiskBands& bands) {
  // A closed risk is off the register; there is nobody above to alert.
  if (after.status != RiskStatus::open) return std::nullopt;
  if (band_of(after.residual, bands) != RiskBand::extreme) return std::nullopt;
  if (before && band_of(before->residual, bands) == RiskBand::extreme) return std::nullopt;
  return scope_above(org, current_register(after));
}

bool review_overdue(const Risk& risk, Date today) {
  return risk.status == RiskStatus::open && risk.review_due_on && *risk.review_due_on < today;
}

}  // namespace hqms
