#include "core/incidents/external_reporting.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using namespace std::chrono;
using H = HarmLevel;

constexpr Date day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / d};
}

std::vector<std::string> fields(const ExternalReportingRule& rule) {
  std::vector<std::string> out;
  for (const auto& e : check_reporting_rule(rule)) out.push_back(e.field);
  return out;
}

ExternalReportingRule serious_incident_rule() {
  ExternalReportingRule rule;
  rule.id = 1;
  rule.name = "Serious incident notification";
  rule.agency = "Health Information and Quality Authority";
  rule.min_harm = H::severe;
  rule.due_days = 7;
  return rule;
}

// Submitted Thursday 26 November 2026, in the afternoon.
IncidentReport report(H harm, EventCategory category = EventCategory::fall) {
  IncidentReport r;
  r.id = 5;
  r.event.category = category;
  r.event.harm = harm;
  r.submitted_at = Timestamp{day(2026, 11, 26)} + hours(15);
  r.state = IncidentState::in_triage;
  return r;
}

std::vector<ReportingObligation> obligations(const IncidentReport& r,
                                             const std::vector<ExternalReportingRule>& rules,
                                             const std::vector<ExternalReport>& made = {},
                                             Date today = day(2026, 11, 27),
                                             const BusinessCalendar& calendar = BusinessCalendar{}) {
  return reporting_obligations(r, rules, made, today, calendar);
}

TEST(ReportingRule, AValidRulePasses) {
  EXPECT_TRUE(fields(serious_incident_rule()).empty());
}

TEST(ReportingRule, NameAndAgencyArePresentAndShort) {
  auto rule = serious_incident_rule();
  rule.name = " ";
  rule.agency = "";
  EXPECT_EQ(fields(rule), (std::vector<std::string>{"name", "agency"}));
  rule = serious_incident_rule();
  rule.name = std::string(200, 'n');
  rule.agency = std::string(201, 'a');
  EXPECT_EQ(fields(rule), std::vector<std::string>{"agency"});
}

TEST(ReportingRule, DueDaysBetweenOneAndAYear) {
  auto rule = serious_incident_rule();
  for (int days : {1, 365}) {
    rule.due_days = days;
    EXPECT_TRUE(fields(rule).empty()) << days;
  }
  for (int days : {0, -3, 366}) {
    rule.due_days = days;
    EXPECT_EQ(fields(rule), std::vector<std::string>{"dueDays"}) << days;
  }
}

TEST(ReportingRule, UnknownHarmIsNoThreshold) {
  auto rule = serious_incident_rule();
  rule.min_harm = H::unknown;
  EXPECT_EQ(fields(rule), std::vector<std::string>{"minHarm"});
}

TEST(Obligations, HarmAtLeastTheRulesThreshold) {
  const std::vector rules{serious_incident_rule()};
  EXPECT_EQ(obligations(report(H::severe), rules).size(), 1u);
  EXPECT_EQ(obligations(report(H::death), rules).size(), 1u);
  EXPECT_TRUE(obligations(report(H::moderate), rules).empty());
  EXPECT_TRUE(obligations(report(H::unknown), rules).empty()) << "unknown harm meets no threshold";
}

TEST(Obligations, CarryTheRuleAndItsDueDate) {
  auto o = obligations(report(H::death), {serious_incident_rule()});
  ASSERT_EQ(o.size(), 1u);
  EXPECT_EQ(o[0].rule_id, 1);
  EXPECT_EQ(o[0].rule_name, "Serious incident notification");
  EXPECT_EQ(o[0].agency, "Health Information and Quality Authority");
  EXPECT_EQ(o[0].due_on, day(2026, 12, 3)) << "7 calendar days from the day of submission";
  EXPECT_FALSE(o[0].overdue);
  EXPECT_FALSE(o[0].made);
}

TEST(Obligations, SentinelOnlyAndCategoryRules) {
  auto sentinel_rule = serious_incident_rule();
  sentinel_rule.id = 2;
  sentinel_rule.sentinel_only = true;
  auto medication_rule = serious_incident_rule();
  medication_rule.id = 3;
  medication_rule.category = EventCategory::medication;
  medication_rule.min_harm = H::moderate;
  const std::vector rules{sentinel_rule, medication_rule};

  auto r = report(H::severe);
  EXPECT_TRUE(obligations(r, rules).empty());
  r.sentinel = true;
  ASSERT_EQ(obligations(r, rules).size(), 1u);
  EXPECT_EQ(obligations(r, rules)[0].rule_id, 2);

  auto medication = report(H::moderate, EventCategory::medication);
  ASSERT_EQ(obligations(medication, rules).size(), 1u);
  EXPECT_EQ(obligations(medication, rules)[0].rule_id, 3);
}

TEST(Obligations, InactiveRulesCreateNone) {
  auto rule = serious_incident_rule();
  rule.active = false;
  EXPECT_TRUE(obligations(report(H::death), {rule}).empty());
}

TEST(Obligations, OverdueAfterTheDueDateUntilReported) {
  const std::vector rules{serious_incident_rule()};
  const auto r = report(H::severe);
  EXPECT_FALSE(obligations(r, rules, {}, day(2026, 12, 3))[0].overdue) << "due today";
  EXPECT_TRUE(obligations(r, rules, {}, day(2026, 12, 4))[0].overdue);

  const ExternalReport made{.id = 9,
                            .rule_id = 1,
                            .reported_at = Timestamp{day(2026, 12, 5)},
                            .reported_to = "HIQA notifications",
                            .reference = "NF-88",
                            .recorded_by = 3};
  auto o = obligations(r, rules, {made}, day(2026, 12, 9));
  ASSERT_TRUE(o[0].made);
  EXPECT_EQ(o[0].made->reference, "NF-88");
  EXPECT_FALSE(o[0].overdue) << "reported late is reported";

  auto other_rule = made;
  other_rule.rule_id = 77;
  o = obligations(r, rules, {other_rule}, day(2026, 12, 9));
  EXPECT_FALSE(o[0].made) << "a report under another rule does not count";
  EXPECT_TRUE(o[0].overdue);
}

TEST(Obligations, TheFirstReportMadeIsTheOneShown) {
  ExternalReport follow_up{.id = 2,
                           .rule_id = 1,
                           .reported_at = Timestamp{day(2026, 12, 20)},
                           .reported_to = "HIQA",
                           .reference = "follow-up",
                           .recorded_by = 3};
  ExternalReport first = follow_up;
  first.id = 1;
  first.reported_at = Timestamp{day(2026, 11, 30)};
  first.reference = "first";
  auto o = obligations(report(H::death), {serious_incident_rule()}, {follow_up, first});
  ASSERT_TRUE(o[0].made);
  EXPECT_EQ(o[0].made->reference, "first");
}

TEST(Obligations, BusinessDayClockSkipsWeekendsAndHolidays) {
  auto rule = serious_incident_rule();
  rule.business_days = true;
  rule.due_days = 5;
  // From Thursday 26 November: 27, 30 November, 1, 2, 3 December.
  EXPECT_EQ(obligations(report(H::severe), {rule})[0].due_on, day(2026, 12, 3));
  const BusinessCalendar with_holiday({day(2026, 11, 30)});
  EXPECT_EQ(obligations(report(H::severe), {rule}, {}, day(2026, 11, 27), with_holiday)[0].due_on,
            day(2026, 12, 4));
  // A calendar-day rule ignores the holiday.
  rule.business_days = false;
  EXPECT_EQ(obligations(report(H::severe), {rule}, {}, day(2026, 11, 27), with_holiday)[0].due_on,
            day(2026, 12, 1));
}

TEST(Obligations, NeverRedOnceTheReportEndedWithoutAction) {
  auto r = report(H::death);
  r.state = IncidentState::duplicate;
  auto o = obligations(r, {serious_incident_rule()}, {}, day(2027, 1, 30));
  ASSERT_EQ(o.size(), 1u);
  EXPECT_FALSE(o[0].overdue);
  r.state = IncidentState::closed;
  EXPECT_TRUE(obligations(r, {serious_incident_rule()}, {}, day(2027, 1, 30))[0].overdue);
}

TEST(Obligations, OneForEachRuleThatApplies) {
  auto regulator = serious_incident_rule();
  auto insurer = serious_incident_rule();
  insurer.id = 4;
  insurer.name = "Clinical indemnity notification";
  insurer.agency = "State Claims Agency";
  insurer.min_harm = H::moderate;
  insurer.due_days = 30;
  auto o = obligations(report(H::severe), {regulator, insurer});
  ASSERT_EQ(o.size(), 2u);
  EXPECT_EQ(o[0].rule_id, 1);
  EXPECT_EQ(o[1].rule_id, 4);
  EXPECT_EQ(o[1].due_on, day(2026, 12, 26));
}

}  // namespace
}  // namespace hqms
