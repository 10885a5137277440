#include "core/capa/corrective_action.hpp"

#include <gtest/gtest.h>

#include "core/capa/capa_fixture.hpp"

namespace hqms {
namespace {

using test::capa_action;
using test::day;
using test::falls_capa;

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

TEST(CapaEnums, SourcesRoundTripInApiOrder) {
  const std::vector<std::string_view> ids{
      "incident_investigation", "audit_finding",     "complaint", "risk_review",
      "indicator_signal",       "management_review", "manual"};
  ASSERT_EQ(all_capa_sources().size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto source = all_capa_sources()[i];
    EXPECT_EQ(to_string(source), ids[i]);
    EXPECT_EQ(capa_source_from_string(ids[i]), source);
    EXPECT_FALSE(label(source).empty());
  }
  EXPECT_EQ(label(CapaSource::incident_investigation), "Incident investigation");
  EXPECT_FALSE(capa_source_from_string("Audit finding"));
  EXPECT_FALSE(capa_source_from_string(""));
}

TEST(CapaEnums, StatesRoundTripAndTwoAreFinished) {
  const std::vector<std::string_view> ids{"open",   "planned",  "in_progress", "awaiting_verification",
                                          "closed", "cancelled"};
  ASSERT_EQ(all_capa_states().size(), ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_EQ(to_string(all_capa_states()[i]), ids[i]);
    EXPECT_EQ(capa_state_from_string(ids[i]), all_capa_states()[i]);
  }
  EXPECT_EQ(label(CapaState::awaiting_verification), "Awaiting verification");
  EXPECT_EQ(label(CapaState::in_progress), "In progress");
  EXPECT_FALSE(capa_state_from_string("done"));
  for (auto s : all_capa_states())
    EXPECT_EQ(is_finished(s), s == CapaState::closed || s == CapaState::cancelled) << to_string(s);
}

TEST(CapaEnums, KindsStatusesAndResults) {
  EXPECT_EQ(to_string(CapaKind::corrective), "corrective");
  EXPECT_EQ(capa_kind_from_string("preventive"), CapaKind::preventive);
  EXPECT_EQ(label(CapaKind::preventive), "Preventive");
  EXPECT_FALSE(capa_kind_from_string("both"));
  for (auto [status, id] :
       {std::pair{CapaActionStatus::not_started, "not_started"},
        std::pair{CapaActionStatus::in_progress, "in_progress"}, std::pair{CapaActionStatus::done, "done"},
        std::pair{CapaActionStatus::cancelled, "cancelled"}}) {
    EXPECT_EQ(to_string(status), id);
    EXPECT_EQ(capa_action_status_from_string(id), status);
    EXPECT_FALSE(label(status).empty());
  }
  EXPECT_FALSE(capa_action_status_from_string("finished"));
  EXPECT_EQ(to_string(EffectivenessResult::not_effective), "not_effective");
  EXPECT_EQ(effectiveness_result_from_string("effective"), EffectivenessResult::effective);
  EXPECT_FALSE(effectiveness_result_from_string("ineffective"));
}

TEST(CapaCheck, AWellFormedCapaPasses) {
  EXPECT_TRUE(check_capa(falls_capa()).empty());
}

TEST(CapaCheck, TitleAndProblemStatementArePresent) {
  auto capa = falls_capa();
  capa.title = " \t";
  capa.problem_statement.clear();
  EXPECT_EQ(fields(check_capa(capa)), (std::vector<std::string>{"title", "problemStatement"}));
}

TEST(CapaCheck, TitleWithin300AndOtherTextsWithin4000Characters) {
  auto capa = falls_capa();
  capa.title = std::string(300, 't');
  capa.problem_statement = std::string(4000, 'p');
  capa.containment = std::string(4000, 'c');
  capa.root_cause = std::string(4000, 'r');
  capa.effectiveness_criterion = std::string(4000, 'e');
  capa.source_reference = std::string(4000, 's');
  capa.actions[0].description = std::string(4000, 'd');
  EXPECT_TRUE(check_capa(capa).empty());
  capa.title += "t";
  capa.problem_statement += "p";
  capa.containment += "c";
  capa.root_cause += "r";
  capa.effectiveness_criterion += "e";
  capa.source_reference += "s";
  capa.actions[0].description += "d";
  EXPECT_EQ(fields(check_capa(capa)),
            (std::vector<std::string>{"title", "problemStatement", "sourceReference", "containment",
                                      "rootCause", "effectivenessCriterion", "actions[0].description"}));
}

TEST(CapaCheck, LimitsCountCharactersNotBytes) {
  auto capa = falls_capa();
  std::string title;
  for (int i = 0; i < 300; ++i) title += "\xC3\x84";  // Ä: two bytes, one character
  capa.title = title;
  EXPECT_TRUE(check_capa(capa).empty());
  capa.title += "\xC3\x84";
  EXPECT_EQ(fields(check_capa(capa)), std::vector<std::string>{"title"});
}

TEST(CapaCheck, AtMostFiftyActions) {
  auto capa = falls_capa();
  capa.actions.clear();
  for (Id i = 1; i <= 50; ++i) capa.actions.push_back(capa_action(i, 12));
  EXPECT_TRUE(check_capa(capa).empty());
  capa.actions.push_back(capa_action(51, 12));
  EXPECT_EQ(fields(check_capa(capa)), std::vector<std::string>{"actions"});
}

TEST(CapaCheck, ActionsNeedADescriptionAnOwnIdAndADoneOneSaysWhatWasDone) {
  auto capa = falls_capa();
  capa.actions = {capa_action(1, 12), capa_action(1, 13), capa_action(0, 14), capa_action(0, 15)};
  capa.actions[2].description = "  ";
  capa.actions[3].status = CapaActionStatus::done;
  EXPECT_EQ(fields(check_capa(capa)), (std::vector<std::string>{"actions[1].id", "actions[2].description",
                                                                "actions[3].completionNote"}));
  capa.actions[3].completion_note = "Alarms fitted on 12 beds";
  capa.actions[1].id = 2;
  capa.actions[2].description = "Falls champion on nights";
  EXPECT_TRUE(check_capa(capa).empty());
}

TEST(CapaCheck, OnlyWeakerActionsIgnoresCancelledOnesAndAnEmptyPlan) {
  EXPECT_FALSE(only_weaker_actions(std::vector<CapaAction>{}));
  std::vector<CapaAction> plan{capa_action(1, 12, ActionStrength::weaker),
                               capa_action(2, 12, ActionStrength::weaker)};
  EXPECT_TRUE(only_weaker_actions(plan));
  plan.push_back(capa_action(3, 12, ActionStrength::intermediate));
  EXPECT_FALSE(only_weaker_actions(plan));
  plan.back().status = CapaActionStatus::cancelled;
  EXPECT_TRUE(only_weaker_actions(plan));
  plan.back().strength = ActionStrength::stronger;
  EXPECT_TRUE(only_weaker_actions(plan));
  plan.back().status = CapaActionStatus::done;
  EXPECT_FALSE(only_weaker_actions(plan));
  std::vector<CapaAction> all_cancelled{capa_action(1, 12, ActionStrength::weaker)};
  all_cancelled[0].status = CapaActionStatus::cancelled;
  EXPECT_FALSE(only_weaker_actions(all_cancelled));
}

TEST(CapaOverdue, AnActionIsOverdueTheDayAfterItsDueDateUntilDoneOrCancelled) {
  auto action = capa_action(1, 12);
  action.due_on = day(2027, 3, 1);
  EXPECT_FALSE(is_overdue(action, day(2027, 2, 28)));
  EXPECT_FALSE(is_overdue(action, day(2027, 3, 1)));
  EXPECT_TRUE(is_overdue(action, day(2027, 3, 2)));
  action.status = CapaActionStatus::in_progress;
  EXPECT_TRUE(is_overdue(action, day(2027, 3, 2)));
  action.status = CapaActionStatus::done;
  EXPECT_FALSE(is_overdue(action, day(2027, 3, 2)));
  action.status = CapaActionStatus::cancelled;
  EXPECT_FALSE(is_overdue(action, day(2027, 3, 2)));
  action.status = CapaActionStatus::not_started;
  action.due_on.reset();
  EXPECT_FALSE(is_overdue(action, day(2030, 1, 1)));
}

TEST(CapaOverdue, ACapaIsOverdueWhenAnyActionIs) {
  auto capa = falls_capa();
  capa.state = CapaState::in_progress;
  capa.actions = {capa_action(1, 12), capa_action(2, 13)};
  capa.actions[0].due_on = day(2027, 5, 1);
  capa.actions[1].due_on = day(2027, 3, 1);
  EXPECT_FALSE(is_overdue(capa, day(2027, 3, 1)));
  EXPECT_TRUE(is_overdue(capa, day(2027, 3, 2)));
  capa.actions[1].status = CapaActionStatus::done;
  EXPECT_FALSE(is_overdue(capa, day(2027, 3, 2)));
}

TEST(CapaOverdue, TheEffectivenessCheckCountsOnlyWhileAwaitingVerification) {
  auto capa = falls_capa();
  capa.actions[0].status = CapaActionStatus::done;
  capa.effectiveness_due_on = day(2027, 6, 1);
  capa.state = CapaState::awaiting_verification;
  EXPECT_FALSE(is_overdue(capa, day(2027, 6, 1)));
  EXPECT_TRUE(is_overdue(capa, day(2027, 6, 2)));
  // Planned or in progress, the check date is a plan, not yet a debt.
  capa.state = CapaState::in_progress;
  EXPECT_FALSE(is_overdue(capa, day(2027, 6, 2)));
}

TEST(CapaOverdue, AFinishedCapaIsNeverOverdue) {
  auto capa = falls_capa();
  capa.actions[0].due_on = day(2027, 3, 1);
  capa.state = CapaState::open;
  EXPECT_TRUE(is_overdue(capa, day(2027, 4, 1)));
  capa.state = CapaState::cancelled;
  EXPECT_FALSE(is_overdue(capa, day(2027, 4, 1)));
  capa.state = CapaState::closed;
  EXPECT_FALSE(is_overdue(capa, day(2027, 4, 1)));
}

}  // namespace
}  // namespace hqms
