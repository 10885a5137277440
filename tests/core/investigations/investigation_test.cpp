#include "core/investigations/investigation.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono;

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

PlannedAction action(Id id, ActionStrength strength) {
  return PlannedAction{.id = id,
                       .description = "Bed-exit alarms on every high-risk bed",
                       .owner_id = 12,
                       .due_on = sys_days{year{2027} / 3 / 1},
                       .strength = strength,
                       .corrective_action_id = std::nullopt};
}

Investigation rca() {
  Investigation inv;
  inv.reference = "RCA-2026-0042";
  inv.title = "Unwitnessed fall with hip fracture, Ward 7";
  inv.incident_ids = {101};
  inv.team = {{.user_id = 3, .role = "lead"}, {.user_id = 8, .role = "clinical expert"}};
  inv.timeline = {
      {.at = Timestamp{sys_days{year{2026} / 11 / 20}}, .fact = "Night falls risk assessment not done"}};
  inv.whys = {{.problem = "Patient fell walking to the toilet",
               .whys = {"The call bell was out of reach", "The bed was moved for cleaning"}}};
  inv.fishbone_categories = default_fishbone_categories();
  inv.causes = {{.category = "Environment", .text = "Call bell out of reach", .contributing = true}};
  inv.root_causes = {"No standard for bed position after cleaning"};
  inv.actions = {action(1, ActionStrength::stronger)};
  return inv;
}

TEST(Investigation, StatesAndStrengthsHaveStableNames) {
  EXPECT_EQ(to_string(InvestigationState::in_progress), "in_progress");
  EXPECT_EQ(to_string(InvestigationState::completed), "completed");
  EXPECT_EQ(investigation_state_from_string("completed"), InvestigationState::completed);
  EXPECT_FALSE(investigation_state_from_string("done"));
  EXPECT_EQ(to_string(ActionStrength::intermediate), "intermediate");
  EXPECT_EQ(action_strength_from_string("stronger"), ActionStrength::stronger);
  EXPECT_EQ(action_strength_from_string("weaker"), ActionStrength::weaker);
  EXPECT_FALSE(action_strength_from_string("Stronger action"));
  EXPECT_EQ(label(ActionStrength::stronger), "Stronger action");
  EXPECT_EQ(label(ActionStrength::intermediate), "Intermediate action");
  EXPECT_EQ(label(ActionStrength::weaker), "Weaker action");
}

TEST(Investigation, DefaultFishboneCategories) {
  EXPECT_EQ(default_fishbone_categories(),
            (std::vector<std::string>{"People / staff", "Patient", "Task & process", "Equipment & devices",
                                      "Environment", "Communication", "Organisation & policy"}));
}

TEST(Investigation, AWellFormedAnalysisPasses) {
  EXPECT_TRUE(check_investigation(rca()).empty());
}

TEST(Investigation, TitleAndAtLeastOneEvent) {
  auto inv = rca();
  inv.title = "  ";
  inv.incident_ids.clear();
  EXPECT_EQ(fields(check_investigation(inv)), (std::vector<std::string>{"title", "incidentIds"}));
  inv = rca();
  inv.incident_ids = {101, 102, 101};
  EXPECT_EQ(fields(check_investigation(inv)), std::vector<std::string>{"incidentIds[2]"});
}

TEST(Investigation, TextsArePresentAndWithin2000Characters) {
  auto inv = rca();
  inv.title = std::string(2000, 't');
  inv.root_causes = {std::string(2000, 'r')};
  EXPECT_TRUE(check_investigation(inv).empty());
  inv.title += "t";
  inv.root_causes.push_back("");
  inv.timeline.push_back({.at = Timestamp{}, .fact = std::string(2001, 'f')});
  inv.actions.push_back(action(2, ActionStrength::weaker));
  inv.actions[1].description = "";
  EXPECT_EQ(
      fields(check_investigation(inv)),
      (std::vector<std::string>{"title", "timeline[1].fact", "rootCauses[1]", "actions[1].description"}));
}

TEST(Investigation, TeamMembersOnceEachWithARole) {
  auto inv = rca();
  inv.team.push_back({.user_id = 3, .role = "facilitator"});
  inv.team.push_back({.user_id = 0, .role = ""});
  EXPECT_EQ(fields(check_investigation(inv)),
            (std::vector<std::string>{"team[2].userId", "team[3].userId", "team[3].role"}));
}

TEST(Investigation, AtMostTenWhysPerChain) {
  auto inv = rca();
  inv.whys[0].whys.assign(10, "because");
  EXPECT_TRUE(check_investigation(inv).empty());
  inv.whys[0].whys.push_back("because");
  auto errors = check_investigation(inv);
  EXPECT_EQ(fields(errors), std::vector<std::string>{"whys[0].whys"});
  EXPECT_EQ(errors[0].message, "at most 10 whys in a chain");
}

TEST(Investigation, EachWhyAndProblemIsText) {
  auto inv = rca();
  inv.whys.push_back({.problem = "", .whys = {"a", " ", "c", "", "e"}});
  EXPECT_EQ(fields(check_investigation(inv)),
            (std::vector<std::string>{"whys[1].problem", "whys[1].whys[1]", "whys[1].whys[3]"}));
}

TEST(Investigation, FishboneCategoriesAreUniqueAndNonEmpty) {
  auto inv = rca();
  inv.fishbone_categories.push_back("");
  inv.fishbone_categories.push_back("patient ");  // the same bone as "Patient"
  inv.fishbone_categories.push_back("Medicines");
  auto errors = check_investigation(inv);
  EXPECT_EQ(fields(errors), (std::vector<std::string>{"fishboneCategories[7]", "fishboneCategories[8]"}));
  EXPECT_NE(errors[1].message.find("already a category"), std::string::npos);
}

TEST(Investigation, EachCauseSitsUnderAListedCategory) {
  auto inv = rca();
  inv.causes.push_back({.category = "Weather", .text = "Snow", .contributing = false});
  inv.causes.push_back({.category = "", .text = "", .contributing = true});
  auto errors = check_investigation(inv);
  EXPECT_EQ(fields(errors),
            (std::vector<std::string>{"causes[1].category", "causes[2].category", "causes[2].text"}));
  EXPECT_NE(errors[0].message.find("\"Weather\""), std::string::npos);
  // Renaming a bone strands the causes under its old name.
  inv = rca();
  inv.fishbone_categories[4] = "Environment & equipment layout";
  EXPECT_EQ(fields(check_investigation(inv)), std::vector<std::string>{"causes[0].category"});
}

TEST(Investigation, ActionIdsAreNotShared) {
  auto inv = rca();
  inv.actions.push_back(action(1, ActionStrength::weaker));
  inv.actions.push_back(action(0, ActionStrength::weaker));  // new, not yet numbered
  inv.actions.push_back(action(0, ActionStrength::weaker));
  EXPECT_EQ(fields(check_investigation(inv)), std::vector<std::string>{"actions[1].id"});
}

TEST(Completion, NeedsARootCauseAndAnAction) {
  auto inv = rca();
  EXPECT_TRUE(check_completion(inv).empty());
  inv.root_causes.clear();
  inv.actions.clear();
  EXPECT_EQ(fields(check_completion(inv)), (std::vector<std::string>{"rootCauses", "actions"}));
}

TEST(Completion, EveryActionHasAnOwnerAndADueDate) {
  auto inv = rca();
  inv.actions.push_back(action(2, ActionStrength::intermediate));
  inv.actions[0].owner_id.reset();
  inv.actions[1].due_on.reset();
  EXPECT_EQ(fields(check_completion(inv)),
            (std::vector<std::string>{"actions[0].ownerId", "actions[1].dueOn"}));
}

TEST(ActionStrength, OnlyWeakerActionsAreFlagged) {
  std::vector<PlannedAction> plan{action(1, ActionStrength::weaker), action(2, ActionStrength::weaker)};
  EXPECT_TRUE(only_weaker_actions(plan));
  plan.push_back(action(3, ActionStrength::intermediate));
  EXPECT_FALSE(only_weaker_actions(plan));
  plan = {action(1, ActionStrength::stronger)};
  EXPECT_FALSE(only_weaker_actions(plan));
  EXPECT_FALSE(only_weaker_actions({})) << "an empty plan is refused by check_completion instead";
}

}  // namespace
}  // namespace hqms
