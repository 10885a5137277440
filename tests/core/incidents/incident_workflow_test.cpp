#include "core/incidents/incident_workflow.hpp"

#include <gtest/gtest.h>

#include "core/incidents/sentinel_event.hpp"

namespace hqms {
namespace {

using S = IncidentState;

TEST(IncidentWorkflow, TheUsualPath) {
  S s = S::submitted;
  for (S next : {S::in_triage, S::under_investigation, S::action_planning, S::closed}) {
    auto moved = move_incident(s, next, "");
    ASSERT_TRUE(moved) << moved.error().message;
    s = *moved;
  }
  EXPECT_TRUE(is_final(s));
}

TEST(IncidentWorkflow, IllegalMovesAreRefusedWithTheOptions) {
  auto r = move_incident(S::submitted, S::closed, "");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_NE(r.error().message.find("it can move to: In triage, Rejected, Duplicate, Merged"),
            std::string::npos)
      << r.error().message;
  auto final_state = move_incident(S::closed, S::in_triage, "");
  ASSERT_FALSE(final_state);
  EXPECT_NE(final_state.error().message.find("it is final"), std::string::npos);
  EXPECT_FALSE(move_incident(S::under_investigation, S::closed, ""))
      << "an investigation ends with an action plan";
}

TEST(IncidentWorkflow, EndingEarlyNeedsAReason) {
  auto r = move_incident(S::in_triage, S::rejected, "  ");
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::validation);
  EXPECT_EQ(r.error().fields.at(0).field, "reason");
  EXPECT_TRUE(move_incident(S::in_triage, S::duplicate, "Same fall as report 2026-0142"));
}

TEST(IncidentWorkflow, StatesHaveIds) {
  for (auto s : {S::submitted, S::in_triage, S::under_investigation, S::action_planning, S::closed,
                 S::rejected, S::duplicate, S::merged})
    EXPECT_EQ(incident_state_from_string(to_string(s)), s);
  EXPECT_FALSE(incident_state_from_string("open"));
}

TEST(SentinelEvent, Definition) {
  EXPECT_TRUE(meets_sentinel_definition(HarmLevel::death, HarmDuration::unknown, false));
  EXPECT_TRUE(meets_sentinel_definition(HarmLevel::severe, HarmDuration::temporary, false));
  EXPECT_TRUE(meets_sentinel_definition(HarmLevel::mild, HarmDuration::permanent, false));
  EXPECT_FALSE(meets_sentinel_definition(HarmLevel::moderate, HarmDuration::temporary, false));
  EXPECT_FALSE(meets_sentinel_definition(HarmLevel::death, HarmDuration::unknown, true))
      << "not when it follows the natural course of the illness";
  EXPECT_FALSE(meets_sentinel_definition(HarmLevel::no_harm, HarmDuration::unknown, false));
}

TEST(SentinelEvent, AnalysisDueInBusinessDays) {
  using namespace std::chrono;
  const Date flagged = sys_days{year{2026} / 12 / 1};
  BusinessCalendar calendar({sys_days{year{2026} / 12 / 25}, sys_days{year{2027} / 1 / 1}});
  EXPECT_EQ(sentinel_analysis_due(flagged, {}, calendar), sys_days{year{2027} / 2 / 4});
  EXPECT_EQ(sentinel_analysis_due(flagged, {10}, calendar), sys_days{year{2026} / 12 / 15});
}

}  // namespace
}  // namespace hqms
