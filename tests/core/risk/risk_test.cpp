#include "core/risk/risk.hpp"

#include <gtest/gtest.h>

#include "core/org_fixture.hpp"

namespace hqms {
namespace {

using namespace std::chrono;

const ScopeRef kOrg{ScopeType::organisation, 1}, kMain{ScopeType::site, 10}, kNorth{ScopeType::site, 20};
const ScopeRef kEd{ScopeType::department, 100}, kIcu{ScopeType::department, 101},
    kWard{ScopeType::department, 200};

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

Date day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / std::chrono::day{d}};
}

RiskRating rating(int l, int c) {
  return RiskRating{*likelihood_from_level(l), *consequence_from_level(c)};
}

Risk sepsis_risk() {
  Risk risk;
  risk.id = 42;
  risk.reference = "RSK-0042";
  risk.title = "Delayed recognition of sepsis in the emergency department";
  risk.cause = "Triage screening not repeated during long waits";
  risk.consequence = "Death or severe harm from untreated sepsis";
  risk.category = RiskCategory::patient_safety;
  risk.owner_id = 12;
  risk.scope = kEd;
  risk.controls = {{"Sepsis screening at triage", ControlEffectiveness::partially_effective}};
  risk.inherent = rating(4, 5);  // 20
  risk.residual = rating(3, 4);  // 12
  risk.target = rating(2, 4);    // 8
  risk.treatment = RiskTreatment::reduce;
  risk.review_due_on = day(2027, 3, 1);
  return risk;
}

TEST(RiskRegister, EnumsRoundTrip) {
  const std::vector<std::string_view> categories{"clinical",     "patient_safety",     "operational",
                                                 "financial",    "compliance",         "information_security",
                                                 "reputational", "business_continuity"};
  ASSERT_EQ(all_risk_categories().size(), categories.size());
  for (std::size_t i = 0; i < categories.size(); ++i) {
    EXPECT_EQ(to_string(all_risk_categories()[i]), categories[i]);
    EXPECT_EQ(risk_category_from_string(categories[i]), all_risk_categories()[i]);
    EXPECT_FALSE(label(all_risk_categories()[i]).empty());
  }
  EXPECT_EQ(label(RiskCategory::information_security), "Information security");
  EXPECT_FALSE(risk_category_from_string("Clinical"));
  for (auto [v, id] : {std::pair{ControlEffectiveness::effective, "effective"},
                       std::pair{ControlEffectiveness::partially_effective, "partially_effective"},
                       std::pair{ControlEffectiveness::ineffective, "ineffective"},
                       std::pair{ControlEffectiveness::not_assessed, "not_assessed"}}) {
    EXPECT_EQ(to_string(v), id);
    EXPECT_EQ(control_effectiveness_from_string(id), v);
    EXPECT_FALSE(label(v).empty());
  }
  for (auto [v, id] :
       {std::pair{RiskTreatment::accept, "accept"}, std::pair{RiskTreatment::reduce, "reduce"},
        std::pair{RiskTreatment::transfer, "transfer"}, std::pair{RiskTreatment::avoid, "avoid"}}) {
    EXPECT_EQ(to_string(v), id);
    EXPECT_EQ(risk_treatment_from_string(id), v);
    EXPECT_FALSE(label(v).empty());
  }
  EXPECT_FALSE(risk_treatment_from_string("mitigate"));
  EXPECT_EQ(to_string(RiskStatus::closed), "closed");
  EXPECT_EQ(risk_status_from_string("open"), RiskStatus::open);
  EXPECT_FALSE(risk_status_from_string("archived"));
}

TEST(RiskRegister, AWellFormedRiskPasses) {
  EXPECT_TRUE(check_risk(sepsis_risk()).empty());
}

TEST(RiskRegister, TitleIsRequiredAndTextsWithinLimits) {
  auto risk = sepsis_risk();
  risk.title = " ";
  EXPECT_EQ(fields(check_risk(risk)), std::vector<std::string>{"title"});
  risk.title = std::string(300, 't');
  risk.description = std::string(4000, 'd');
  risk.cause = std::string(4000, 'c');
  risk.consequence = std::string(4000, 'q');
  risk.treatment_plan = std::string(4000, 'p');
  risk.controls[0].description = std::string(4000, 'k');
  EXPECT_TRUE(check_risk(risk).empty());
  risk.title += "t";
  risk.description += "d";
  risk.cause += "c";
  risk.consequence += "q";
  risk.treatment_plan += "p";
  risk.controls[0].description += "k";
  EXPECT_EQ(fields(check_risk(risk)),
            (std::vector<std::string>{"title", "description", "cause", "consequence", "treatmentPlan",
                                      "controls[0].description"}));
}

TEST(RiskRegister, AtMostThirtyControlsEachDescribed) {
  auto risk = sepsis_risk();
  risk.controls.assign(30, RiskControl{"Screening", ControlEffectiveness::effective});
  EXPECT_TRUE(check_risk(risk).empty());
  risk.controls.push_back({"One too many", ControlEffectiveness::not_assessed});
  EXPECT_EQ(fields(check_risk(risk)), std::vector<std::string>{"controls"});
  risk.controls.resize(2);
  risk.controls[1].description = "\t";
  EXPECT_EQ(fields(check_risk(risk)), std::vector<std::string>{"controls[1].description"});
}

TEST(RiskRegister, ResidualMayNotBeAboveInherentByScore) {
  auto risk = sepsis_risk();
  risk.inherent = rating(3, 4);  // 12
  risk.residual = rating(4, 3);  // 12: a different cell, the same score
  risk.target = rating(1, 1);
  EXPECT_TRUE(check_risk(risk).empty());
  risk.residual = rating(2, 5);  // 10: graver consequence, lower score
  EXPECT_TRUE(check_risk(risk).empty());
  risk.residual = rating(5, 3);  // 15
  const auto errors = check_risk(risk);
  ASSERT_EQ(fields(errors), std::vector<std::string>{"residual"});
  EXPECT_NE(errors[0].message.find("inherent"), std::string::npos);
}

TEST(RiskRegister, TargetMayNotBeAboveInherentByScore) {
  auto risk = sepsis_risk();  // inherent 20, residual 12
  risk.target = risk.inherent;
  EXPECT_TRUE(check_risk(risk).empty());
  risk.target = rating(5, 5);  // 25 > 20
  EXPECT_EQ(fields(check_risk(risk)), std::vector<std::string>{"target"});
  risk.target = rating(4, 4);  // 16: above the residual but not the inherent risk, an unambitious target
  EXPECT_TRUE(check_risk(risk).empty());
}

TEST(RiskRegister, AResidualBelowTargetIsAMetTarget) {
  auto risk = sepsis_risk();     // target 8
  risk.residual = rating(1, 4);  // 4: better than the target
  EXPECT_TRUE(check_risk(risk).empty());
}

TEST(RiskRegister, AnOpenRiskNeedsAReviewDate) {
  auto risk = sepsis_risk();
  risk.review_due_on.reset();
  EXPECT_EQ(fields(check_risk(risk)), std::vector<std::string>{"reviewDueOn"});
  risk.status = RiskStatus::closed;
  EXPECT_TRUE(check_risk(risk).empty());
}

TEST(RiskRegister, CurrentRegisterIsWhereItWasEscalatedTo) {
  auto risk = sepsis_risk();
  EXPECT_EQ(current_register(risk), kEd);
  risk.escalated_to = kMain;
  EXPECT_EQ(current_register(risk), kMain);
}

TEST(RiskRegister, ScopeAboveWalksDepartmentSiteOrganisation) {
  const auto org = test::two_site_hospital();
  EXPECT_EQ(scope_above(org, kEd), kMain);
  EXPECT_EQ(scope_above(org, kIcu), kMain);
  EXPECT_EQ(scope_above(org, kWard), kNorth);
  EXPECT_EQ(scope_above(org, kMain), kOrg);
  EXPECT_EQ(scope_above(org, kNorth), kOrg);
  EXPECT_FALSE(scope_above(org, kOrg));
  EXPECT_FALSE(scope_above(org, ScopeRef{ScopeType::department, 999}));
  EXPECT_FALSE(scope_above(org, ScopeRef{ScopeType::site, 99}));
}

TEST(RiskRegister, ReviewOverdueAfterTheDateOnOpenRisksOnly) {
  auto risk = sepsis_risk();
  risk.review_due_on = day(2027, 3, 1);
  EXPECT_FALSE(review_overdue(risk, day(2027, 3, 1)));
  EXPECT_TRUE(review_overdue(risk, day(2027, 3, 2)));
  risk.status = RiskStatus::closed;
  EXPECT_FALSE(review_overdue(risk, day(2027, 3, 2)));
  EXPECT_FALSE(review_overdue(risk, day(2030, 1, 1)));
  risk.status = RiskStatus::open;
  risk.review_due_on.reset();
  EXPECT_FALSE(review_overdue(risk, day(2030, 1, 1)));
}

TEST(RiskEscalation, ANewExtremeRiskGoesOneRegisterUp) {
  const auto org = test::two_site_hospital();
  auto risk = sepsis_risk();
  risk.residual = rating(4, 4);  // 16: extreme
  EXPECT_EQ(escalation_for(org, std::nullopt, risk, RiskBands{}), kMain);
  risk.scope = kWard;
  EXPECT_EQ(escalation_for(org, std::nullopt, risk, RiskBands{}), kNorth);
  risk.scope = kNorth;
  EXPECT_EQ(escalation_for(org, std::nullopt, risk, RiskBands{}), kOrg);
}

TEST(RiskEscalation, ANewRiskBelowExtremeStays) {
  const auto org = test::two_site_hospital();
  auto risk = sepsis_risk();
  risk.residual = rating(3, 4);  // 12: high
  EXPECT_FALSE(escalation_for(org, std::nullopt, risk, RiskBands{}));
}

TEST(RiskEscalation, RisingIntoExtremeEscalates) {
  const auto org = test::two_site_hospital();
  const auto before = sepsis_risk();  // residual 12: high
  auto after = before;
  after.residual = rating(5, 3);  // 15: the first extreme score
  EXPECT_EQ(escalation_for(org, before, after, RiskBands{}), kMain);
}

TEST(RiskEscalation, AlreadyExtremeBeforeDoesNotEscalateAgain) {
  const auto org = test::two_site_hospital();
  auto before = sepsis_risk();
  before.residual = rating(3, 5);  // 15
  auto after = before;
  after.residual = rating(5, 5);  // 25: worse, but it was extreme already
  EXPECT_FALSE(escalation_for(org, before, after, RiskBands{}));
}

TEST(RiskEscalation, FallingOutOfExtremeAndBackEscalatesFromTheCurrentRegister) {
  const auto org = test::two_site_hospital();
  auto before = sepsis_risk();
  before.escalated_to = kMain;  // escalated once already, since eased to high
  auto after = before;
  after.residual = rating(4, 4);
  EXPECT_EQ(escalation_for(org, before, after, RiskBands{}), kOrg);
}

TEST(RiskEscalation, NothingAboveTheOrganisationRegister) {
  const auto org = test::two_site_hospital();
  auto risk = sepsis_risk();
  risk.scope = kOrg;
  risk.residual = rating(5, 5);
  EXPECT_FALSE(escalation_for(org, std::nullopt, risk, RiskBands{}));
  risk.scope = kEd;
  risk.escalated_to = kOrg;
  EXPECT_FALSE(escalation_for(org, std::nullopt, risk, RiskBands{}));
}

TEST(RiskEscalation, TheBandsDecideWhatIsExtreme) {
  const auto org = test::two_site_hospital();
  auto before = sepsis_risk();
  before.residual = rating(2, 4);  // 8
  auto after = before;
  after.residual = rating(2, 5);  // 10: high by default, extreme from 10
  EXPECT_FALSE(escalation_for(org, before, after, RiskBands{}));
  EXPECT_EQ(escalation_for(org, before, after, RiskBands{3, 6, 10}), kMain);
}

TEST(RiskEscalation, AClosedRiskIsNotEscalated) {
  const auto org = test::two_site_hospital();
  auto risk = sepsis_risk();
  risk.residual = rating(5, 5);
  risk.status = RiskStatus::closed;
  EXPECT_FALSE(escalation_for(org, std::nullopt, risk, RiskBands{}));
}

}  // namespace
}  // namespace hqms
