#include "core/capa/capa_workflow.hpp"

#include <gtest/gtest.h>

#include "core/capa/capa_fixture.hpp"

namespace hqms {
namespace {

using namespace std::chrono;
using test::capa_action;
using test::day;
using test::falls_capa;
using S = CapaState;

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

const Timestamp kNow{sys_days{year{2027} / 6 / 3} + hours{9}};

CorrectiveAction in_state(S state) {
  auto capa = falls_capa();
  capa.state = state;
  if (state == S::awaiting_verification) {
    capa.actions[0].status = CapaActionStatus::done;
    capa.actions[0].completion_note = "Alarms fitted";
  }
  return capa;
}

EffectivenessCheck check_by(Id verifier, EffectivenessResult result) {
  return EffectivenessCheck{.id = 0,
                            .result = result,
                            .criterion = "ignored: copied from the CAPA",
                            .evidence = "Night audits Mar-May: no unwitnessed falls",
                            .checked_by = verifier,
                            .checked_at = {}};
}

CapaAction new_action() {
  auto a = capa_action(0, 21, ActionStrength::intermediate);
  a.description = "Low beds with floor mats for high-risk patients";
  a.due_on = day(2027, 9, 1);
  a.status = CapaActionStatus::done;  // whatever is sent, the new action starts from the beginning
  a.completion_note = "should be cleared";
  return a;
}

TEST(CapaWorkflow, NextStatesPerState) {
  EXPECT_EQ(next_states(S::open), (std::vector<S>{S::planned, S::cancelled}));
  EXPECT_EQ(next_states(S::planned), (std::vector<S>{S::in_progress, S::cancelled}));
  EXPECT_EQ(next_states(S::in_progress), (std::vector<S>{S::awaiting_verification, S::cancelled}));
  // Closing and the return to planned go only through the effectiveness check.
  EXPECT_TRUE(next_states(S::awaiting_verification).empty());
  EXPECT_TRUE(next_states(S::closed).empty());
  EXPECT_TRUE(next_states(S::cancelled).empty());
}

TEST(CapaWorkflow, EveryMoveOutsideNextStatesIsASingleStateError) {
  for (auto from : all_capa_states()) {
    const auto allowed = next_states(from);
    for (auto to : all_capa_states()) {
      if (std::find(allowed.begin(), allowed.end(), to) != allowed.end()) continue;
      const auto errors = check_transition(in_state(from), to, "a reason");
      ASSERT_EQ(fields(errors), std::vector<std::string>{"state"})
          << to_string(from) << " -> " << to_string(to);
      EXPECT_NE(errors[0].message.find(std::string(label(to))), std::string::npos) << errors[0].message;
    }
  }
}

TEST(CapaWorkflow, ClosingAndReturningToPlannedAreNotOrdinaryTransitions) {
  const auto close = check_transition(in_state(S::awaiting_verification), S::closed);
  ASSERT_EQ(fields(close), std::vector<std::string>{"state"});
  EXPECT_NE(close[0].message.find("effectiveness check"), std::string::npos);
  const auto back = check_transition(in_state(S::awaiting_verification), S::planned);
  ASSERT_EQ(fields(back), std::vector<std::string>{"state"});
  EXPECT_NE(back[0].message.find("not effective"), std::string::npos);
  EXPECT_EQ(fields(check_transition(in_state(S::in_progress), S::closed)), std::vector<std::string>{"state"});
  EXPECT_EQ(fields(check_transition(in_state(S::in_progress), S::planned)),
            std::vector<std::string>{"state"});
}

TEST(CapaWorkflow, ACompletePlanMayBePlanned) {
  EXPECT_TRUE(check_transition(in_state(S::open), S::planned).empty());
}

TEST(CapaWorkflow, PlanningNeedsProblemRootCauseActionsAndAnEffectivenessCheck) {
  auto capa = in_state(S::open);
  capa.problem_statement = " ";
  capa.root_cause.clear();
  capa.actions.clear();
  capa.effectiveness_criterion.clear();
  capa.effectiveness_due_on.reset();
  EXPECT_EQ(fields(check_transition(capa, S::planned)),
            (std::vector<std::string>{"problemStatement", "rootCause", "actions", "effectivenessCriterion",
                                      "effectivenessDueOn"}));
}

TEST(CapaWorkflow, PlanningNeedsAnActionThatIsNotCancelled) {
  auto capa = in_state(S::open);
  capa.actions[0].status = CapaActionStatus::cancelled;
  EXPECT_EQ(fields(check_transition(capa, S::planned)), std::vector<std::string>{"actions"});
  capa.actions[0].status = CapaActionStatus::done;
  capa.actions[0].completion_note = "Done at once";
  EXPECT_TRUE(check_transition(capa, S::planned).empty());
}

TEST(CapaWorkflow, PlanningNeedsOwnersAndDueDatesOnOpenActionsOnly) {
  auto capa = in_state(S::open);
  capa.actions = {capa_action(1, 12), capa_action(2, 13), capa_action(3, 14), capa_action(4, 15)};
  capa.actions[0].owner_id.reset();
  capa.actions[1].due_on.reset();
  capa.actions[1].status = CapaActionStatus::in_progress;
  // A cancelled or done action is no longer anyone's task.
  capa.actions[2].owner_id.reset();
  capa.actions[2].due_on.reset();
  capa.actions[2].status = CapaActionStatus::cancelled;
  capa.actions[3].owner_id.reset();
  capa.actions[3].status = CapaActionStatus::done;
  EXPECT_EQ(fields(check_transition(capa, S::planned)),
            (std::vector<std::string>{"actions[0].ownerId", "actions[1].dueOn"}));
}

TEST(CapaWorkflow, InProgressFollowsPlanned) {
  EXPECT_TRUE(check_transition(in_state(S::planned), S::in_progress).empty());
  EXPECT_EQ(fields(check_transition(in_state(S::open), S::in_progress)), std::vector<std::string>{"state"});
}

TEST(CapaWorkflow, VerificationNeedsEveryActionFinishedAndOneDone) {
  auto capa = in_state(S::in_progress);
  capa.actions = {capa_action(1, 12), capa_action(2, 13), capa_action(3, 14)};
  capa.actions[0].status = CapaActionStatus::done;
  capa.actions[1].status = CapaActionStatus::in_progress;
  capa.actions[2].status = CapaActionStatus::not_started;
  EXPECT_EQ(fields(check_transition(capa, S::awaiting_verification)),
            (std::vector<std::string>{"actions[1].status", "actions[2].status"}));
  capa.actions[1].status = CapaActionStatus::done;
  capa.actions[2].status = CapaActionStatus::cancelled;
  EXPECT_TRUE(check_transition(capa, S::awaiting_verification).empty());
  for (auto& a : capa.actions) a.status = CapaActionStatus::cancelled;
  EXPECT_EQ(fields(check_transition(capa, S::awaiting_verification)), std::vector<std::string>{"actions"});
}

TEST(CapaWorkflow, CancellingNeedsAReasonAndIsOnlyBeforeVerification) {
  for (auto from : {S::open, S::planned, S::in_progress}) {
    EXPECT_EQ(fields(check_transition(in_state(from), S::cancelled)), std::vector<std::string>{"reason"});
    EXPECT_EQ(fields(check_transition(in_state(from), S::cancelled, "  \n")),
              std::vector<std::string>{"reason"});
    EXPECT_TRUE(check_transition(in_state(from), S::cancelled, "Merged into CAPA-2026-0040").empty());
  }
  for (auto from : {S::awaiting_verification, S::closed, S::cancelled})
    EXPECT_EQ(fields(check_transition(in_state(from), S::cancelled, "Raised in error")),
              std::vector<std::string>{"state"});
}

TEST(CapaWorkflow, ApplyTransitionSetsStateReasonAndTime) {
  auto capa = in_state(S::open);
  apply_transition(capa, S::planned, "", kNow);
  EXPECT_EQ(capa.state, S::planned);
  EXPECT_EQ(capa.updated_at, kNow);
  EXPECT_TRUE(capa.cancel_reason.empty());
  EXPECT_FALSE(capa.closed_at);
  const Timestamp later = kNow + hours{1};
  apply_transition(capa, S::cancelled, "Merged into CAPA-2026-0040", later);
  EXPECT_EQ(capa.state, S::cancelled);
  EXPECT_EQ(capa.cancel_reason, "Merged into CAPA-2026-0040");
  EXPECT_EQ(capa.updated_at, later);
}

TEST(CapaWorkflow, TheVerifierMustOwnNoAction) {
  auto capa = in_state(S::awaiting_verification);
  capa.actions = {capa_action(1, 12), capa_action(2, 13)};
  capa.actions[1].status = CapaActionStatus::cancelled;  // owning a cancelled action still counts
  EXPECT_TRUE(check_verifier(capa, 3).ok());             // the coordinator owns none
  for (Id owner : {12, 13}) {
    const auto refused = check_verifier(capa, owner);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().kind, ErrorKind::forbidden);
    EXPECT_NE(refused.error().message.find("someone other than the action owners"), std::string::npos)
        << refused.error().message;
  }
}

TEST(CapaEffectiveness, EffectiveClosesTheCapaAndKeepsTheCheck) {
  auto capa = in_state(S::awaiting_verification);
  ASSERT_TRUE(
      record_effectiveness(capa, check_by(3, EffectivenessResult::effective), std::nullopt, kNow).ok());
  EXPECT_EQ(capa.state, S::closed);
  EXPECT_EQ(capa.closed_at, kNow);
  EXPECT_EQ(capa.updated_at, kNow);
  ASSERT_EQ(capa.checks.size(), 1u);
  EXPECT_EQ(capa.checks[0].result, EffectivenessResult::effective);
  EXPECT_EQ(capa.checks[0].criterion, "No unwitnessed falls at night in 3 months of audits");
  EXPECT_EQ(capa.checks[0].evidence, "Night audits Mar-May: no unwitnessed falls");
  EXPECT_EQ(capa.checks[0].checked_by, 3);
  EXPECT_EQ(capa.checks[0].checked_at, kNow);
  EXPECT_EQ(capa.actions.size(), 1u);
}

TEST(CapaEffectiveness, NotEffectiveReturnsToPlannedWithANewAction) {
  auto capa = in_state(S::awaiting_verification);
  ASSERT_TRUE(
      record_effectiveness(capa, check_by(3, EffectivenessResult::not_effective), new_action(), kNow).ok());
  EXPECT_EQ(capa.state, S::planned);
  EXPECT_FALSE(capa.closed_at);
  EXPECT_EQ(capa.updated_at, kNow);
  ASSERT_EQ(capa.actions.size(), 2u);
  const auto& added = capa.actions[1];
  EXPECT_EQ(added.description, "Low beds with floor mats for high-risk patients");
  EXPECT_EQ(added.owner_id, 21);
  EXPECT_EQ(added.due_on, day(2027, 9, 1));
  EXPECT_EQ(added.strength, ActionStrength::intermediate);
  EXPECT_EQ(added.status, CapaActionStatus::not_started);
  EXPECT_TRUE(added.completion_note.empty());
  ASSERT_EQ(capa.checks.size(), 1u);
  EXPECT_EQ(capa.checks[0].result, EffectivenessResult::not_effective);
  EXPECT_EQ(capa.checks[0].criterion, capa.effectiveness_criterion);
  // The plan goes round again: from planned the ordinary transitions take over.
  EXPECT_TRUE(check_transition(capa, S::in_progress).empty());
}

TEST(CapaEffectiveness, ChecksAccumulateOldestFirst) {
  auto capa = in_state(S::awaiting_verification);
  ASSERT_TRUE(
      record_effectiveness(capa, check_by(3, EffectivenessResult::not_effective), new_action(), kNow).ok());
  capa.actions[1].status = CapaActionStatus::done;
  capa.actions[1].completion_note = "Low beds in place";
  capa.effectiveness_criterion = "No falls in 6 months";
  capa.state = S::awaiting_verification;
  const Timestamp later = kNow + days{90};
  ASSERT_TRUE(
      record_effectiveness(capa, check_by(3, EffectivenessResult::effective), std::nullopt, later).ok());
  ASSERT_EQ(capa.checks.size(), 2u);
  EXPECT_EQ(capa.checks[0].result, EffectivenessResult::not_effective);
  EXPECT_EQ(capa.checks[0].criterion, "No unwitnessed falls at night in 3 months of audits");
  EXPECT_EQ(capa.checks[1].criterion, "No falls in 6 months");
  EXPECT_EQ(capa.checks[1].checked_at, later);
  EXPECT_EQ(capa.state, S::closed);
}

TEST(CapaEffectiveness, OnlyWhileAwaitingVerification) {
  for (auto state : all_capa_states()) {
    if (state == S::awaiting_verification) continue;
    auto capa = in_state(state);
    const auto before = capa.state;
    const auto result =
        record_effectiveness(capa, check_by(3, EffectivenessResult::effective), std::nullopt, kNow);
    ASSERT_FALSE(result.ok()) << to_string(state);
    EXPECT_EQ(result.error().kind, ErrorKind::conflict);
    EXPECT_EQ(capa.state, before);
    EXPECT_TRUE(capa.checks.empty());
  }
}

TEST(CapaEffectiveness, AnActionOwnerMayNotRecordIt) {
  auto capa = in_state(S::awaiting_verification);
  const auto result =
      record_effectiveness(capa, check_by(12, EffectivenessResult::effective), std::nullopt, kNow);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::forbidden);
  EXPECT_EQ(capa.state, S::awaiting_verification);
  EXPECT_TRUE(capa.checks.empty());
}

TEST(CapaEffectiveness, EvidenceIsRequired) {
  auto capa = in_state(S::awaiting_verification);
  auto check = check_by(3, EffectivenessResult::effective);
  check.evidence = "  ";
  const auto result = record_effectiveness(capa, check, std::nullopt, kNow);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind, ErrorKind::validation);
  EXPECT_EQ(fields(result.error().fields), std::vector<std::string>{"evidence"});
  EXPECT_EQ(capa.state, S::awaiting_verification);
  EXPECT_TRUE(capa.checks.empty());
}

TEST(CapaEffectiveness, NotEffectiveNeedsACompleteNewAction) {
  auto capa = in_state(S::awaiting_verification);
  auto missing =
      record_effectiveness(capa, check_by(3, EffectivenessResult::not_effective), std::nullopt, kNow);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind, ErrorKind::validation);
  EXPECT_EQ(fields(missing.error().fields),
            (std::vector<std::string>{"newAction.description", "newAction.ownerId", "newAction.dueOn"}));

  auto incomplete = new_action();
  incomplete.description = " ";
  incomplete.owner_id.reset();
  incomplete.due_on.reset();
  auto refused =
      record_effectiveness(capa, check_by(3, EffectivenessResult::not_effective), incomplete, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields(refused.error().fields),
            (std::vector<std::string>{"newAction.description", "newAction.ownerId", "newAction.dueOn"}));
  incomplete = new_action();
  incomplete.due_on.reset();
  refused = record_effectiveness(capa, check_by(3, EffectivenessResult::not_effective), incomplete, kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields(refused.error().fields), std::vector<std::string>{"newAction.dueOn"});
  EXPECT_EQ(capa.state, S::awaiting_verification);
  EXPECT_EQ(capa.actions.size(), 1u);
  EXPECT_TRUE(capa.checks.empty());
}

TEST(CapaEffectiveness, TheNewActionMustFitWithinFiftyActions) {
  auto capa = in_state(S::awaiting_verification);
  capa.actions.clear();
  for (Id i = 1; i <= 50; ++i) {
    capa.actions.push_back(capa_action(i, 12));
    capa.actions.back().status = CapaActionStatus::done;
  }
  const auto refused =
      record_effectiveness(capa, check_by(3, EffectivenessResult::not_effective), new_action(), kNow);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(fields(refused.error().fields), std::vector<std::string>{"newAction"});
}

}  // namespace
}  // namespace hqms
