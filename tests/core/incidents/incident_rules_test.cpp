#include "core/incidents/incident_rules.hpp"

#include <gtest/gtest.h>

#include "core/org_fixture.hpp"

namespace hqms {
namespace {

using namespace std::chrono;
using H = HarmLevel;

constexpr Date day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / d};
}

// Thursday 26 November 2026, 10:00 UTC.
const Timestamp kNow = Timestamp{day(2026, 11, 26)} + hours(10);

IncidentSubmission fall() {
  IncidentSubmission s;
  s.type = EventType::incident;
  s.category = EventCategory::fall;
  s.harm = H::mild;
  s.harm_duration = HarmDuration::temporary;
  s.details = {{"assisted", "unassisted"}, {"injury", "minor"}, {"riskAssessmentDone", "yes"}};
  s.department_id = 101;
  s.location = "Bed 4";
  s.occurred_at = kNow - hours(3);
  s.patient = PatientInvolved{.identifier = "MRN-0042", .name = "Mary Byrne"};
  s.people_involved = "staff nurse";
  s.description = "Found on the floor beside the bed at 07:00.";
  s.immediate_actions = "Examined by the registrar; neuro observations.";
  return s;
}

std::vector<std::string> fields(const IncidentSubmission& s, Timestamp now = kNow) {
  std::vector<std::string> out;
  for (const auto& e : check_submission(s, test::two_site_hospital(), now)) out.push_back(e.field);
  return out;
}

std::string message(const IncidentSubmission& s, const std::string& field) {
  for (const auto& e : check_submission(s, test::two_site_hospital(), kNow))
    if (e.field == field) return e.message;
  return "";
}

TEST(CheckSubmission, ACompleteReportPasses) {
  EXPECT_TRUE(fields(fall()).empty());
  auto no_patient = fall();
  no_patient.patient.reset();
  EXPECT_TRUE(fields(no_patient).empty()) << "the patient is optional for an incident";
}

TEST(CheckSubmission, HarmMustFitTheType) {
  auto s = fall();
  s.type = EventType::near_miss;
  EXPECT_EQ(fields(s), std::vector<std::string>{"harm"}) << "a near miss harmed no one";
  auto medication = fall();
  medication.category = EventCategory::medication;
  medication.details = {{"drug", "morphine"}, {"stage", "administering"}};
  EXPECT_EQ(fields(medication), std::vector<std::string>{"merpCategory"}) << "harm consistency is checked";
  medication.merp = MerpCategory::E;
  EXPECT_TRUE(fields(medication).empty());
}

TEST(CheckSubmission, TheCategorysQuestionsAreChecked) {
  auto s = fall();
  s.details.erase("injury");
  EXPECT_EQ(fields(s), std::vector<std::string>{"details.injury"});
}

TEST(CheckSubmission, TheDepartmentMustBelongToTheOrganisation) {
  auto s = fall();
  s.department_id = 200;
  EXPECT_TRUE(fields(s).empty()) << "any site of the organisation";
  s.department_id = 999;
  EXPECT_EQ(fields(s), std::vector<std::string>{"departmentId"});
  EXPECT_EQ(message(s, "departmentId"), "is not a department of this organisation");
  s.department_id = 0;
  EXPECT_EQ(fields(s), std::vector<std::string>{"departmentId"});
  s.department_id = 10;  // a site, not a department
  EXPECT_EQ(fields(s), std::vector<std::string>{"departmentId"});
}

TEST(CheckSubmission, LocationIsAtMost200Characters) {
  auto s = fall();
  s.location = std::string(200, 'b');
  EXPECT_TRUE(fields(s).empty());
  s.location += "b";
  EXPECT_EQ(fields(s), std::vector<std::string>{"location"});
  s.location.clear();
  EXPECT_TRUE(fields(s).empty()) << "the department is enough";
}

TEST(CheckSubmission, OccurrenceWithinTenMinutesOfSkewAndFiveYears) {
  auto s = fall();
  s.occurred_at = kNow + minutes(10);
  EXPECT_TRUE(fields(s).empty()) << "ten minutes of clock skew";
  s.occurred_at = kNow + minutes(10) + milliseconds(1);
  EXPECT_EQ(fields(s), std::vector<std::string>{"occurredAt"});
  EXPECT_EQ(message(s, "occurredAt"), "cannot be in the future");

  s.occurred_at = Timestamp{day(2021, 11, 26)} + hours(10);
  EXPECT_TRUE(fields(s).empty()) << "exactly five years ago";
  s.occurred_at -= milliseconds(1);
  EXPECT_EQ(fields(s), std::vector<std::string>{"occurredAt"});
  EXPECT_EQ(message(s, "occurredAt"), "cannot be more than 5 years ago");

  s.occurred_at = Timestamp{};
  EXPECT_EQ(fields(s), std::vector<std::string>{"occurredAt"});
  EXPECT_EQ(message(s, "occurredAt"), "say when the event happened");
}

TEST(CheckSubmission, FiveYearsBeforeALeapDayIsTheEndOfFebruary) {
  auto s = fall();
  const Timestamp leap_day = Timestamp{day(2028, 2, 29)} + hours(12);
  s.occurred_at = Timestamp{day(2023, 2, 28)} + hours(12);
  EXPECT_TRUE(fields(s, leap_day).empty());
  s.occurred_at -= minutes(1);
  EXPECT_EQ(fields(s, leap_day), std::vector<std::string>{"occurredAt"});
}

TEST(CheckSubmission, PatientIdentifierAndName) {
  auto s = fall();
  s.patient->identifier = " ";
  EXPECT_EQ(fields(s), std::vector<std::string>{"patient.identifier"});
  s.patient->identifier = std::string(64, '9');
  EXPECT_TRUE(fields(s).empty());
  s.patient->identifier += "9";
  EXPECT_EQ(fields(s), std::vector<std::string>{"patient.identifier"});
  s.patient->identifier = "MRN-1";
  s.patient->name = std::string(201, 'n');
  EXPECT_EQ(fields(s), std::vector<std::string>{"patient.name"});
  s.patient->name.clear();
  EXPECT_TRUE(fields(s).empty()) << "the identifier is enough";
}

TEST(CheckSubmission, AnUnsafeConditionInvolvesNoPatient) {
  IncidentSubmission s = fall();
  s.type = EventType::unsafe_condition;
  s.harm = H::no_harm;
  s.harm_duration = HarmDuration::unknown;
  EXPECT_EQ(fields(s), std::vector<std::string>{"patient"});
  EXPECT_EQ(message(s, "patient"), "an unsafe condition involves no patient");
  s.patient.reset();
  EXPECT_TRUE(fields(s).empty());
}

TEST(CheckSubmission, DescriptionIsRequiredAndAtLeastTenCharacters) {
  auto s = fall();
  s.description = "";
  EXPECT_EQ(fields(s), std::vector<std::string>{"description"});
  s.description = "   Fell.     ";
  EXPECT_EQ(fields(s), std::vector<std::string>{"description"}) << "spaces do not count";
  EXPECT_NE(message(s, "description").find("at least 10"), std::string::npos);
  s.description = "Fell again";
  EXPECT_TRUE(fields(s).empty());
}

TEST(CheckSubmission, NarrativesAreBounded) {
  auto s = fall();
  s.description = std::string(kNarrativeMaxLength, 'd');
  s.immediate_actions = std::string(kNarrativeMaxLength, 'a');
  EXPECT_TRUE(fields(s).empty());
  s.description += "d";
  s.immediate_actions += "a";
  EXPECT_EQ(fields(s), (std::vector<std::string>{"description", "immediateActions"}));
  s = fall();
  s.people_involved = std::string(2001, 'p');
  EXPECT_EQ(fields(s), std::vector<std::string>{"peopleInvolved"});
}

TEST(CheckSubmission, EveryProblemIsReportedInFormOrder) {
  IncidentSubmission s;  // nothing filled in: a medication event with no answers
  s.category = EventCategory::medication;
  s.harm = H::no_harm;
  EXPECT_EQ(fields(s), (std::vector<std::string>{"merpCategory", "details.drug", "details.stage",
                                                 "departmentId", "occurredAt", "description"}));
}

TEST(HarmThresholds, OrderedFromNoHarmToDeath) {
  const std::vector<H> scale{H::no_harm, H::mild, H::moderate, H::severe, H::death};
  for (std::size_t i = 0; i < scale.size(); ++i)
    for (std::size_t j = 0; j < scale.size(); ++j)
      EXPECT_EQ(harm_at_least(scale[i], scale[j]), i >= j)
          << to_string(scale[i]) << " at least " << to_string(scale[j]);
}

TEST(HarmThresholds, UnknownMeetsNoThreshold) {
  for (auto threshold : {H::no_harm, H::mild, H::moderate, H::severe, H::death, H::unknown})
    EXPECT_FALSE(harm_at_least(H::unknown, threshold)) << to_string(threshold);
  EXPECT_FALSE(harm_at_least(H::death, H::unknown));
}

TEST(Disclosure, ModerateHarmOrWorse) {
  EXPECT_TRUE(requires_disclosure(H::death));
  EXPECT_TRUE(requires_disclosure(H::severe));
  EXPECT_TRUE(requires_disclosure(H::moderate));
  EXPECT_FALSE(requires_disclosure(H::mild));
  EXPECT_FALSE(requires_disclosure(H::no_harm));
  EXPECT_FALSE(requires_disclosure(H::unknown));
}

IncidentReport moderate_harm_submitted_on(Date submitted) {
  IncidentReport r;
  r.event = fall();
  r.event.harm = H::moderate;
  r.submitted_at = Timestamp{submitted} + hours(16);
  r.state = IncidentState::in_triage;
  return r;
}

TEST(Overdue, DisclosureTenBusinessDaysAfterSubmission) {
  const BusinessCalendar calendar;
  // Submitted Thursday 26 November; ten business days later is Thursday 10 December.
  auto r = moderate_harm_submitted_on(day(2026, 11, 26));
  EXPECT_FALSE(overdue_reasons(r, day(2026, 12, 10), calendar).disclosure) << "due that day, not yet overdue";
  EXPECT_TRUE(overdue_reasons(r, day(2026, 12, 11), calendar).disclosure);
  EXPECT_TRUE(overdue_reasons(r, day(2026, 12, 11), calendar).any());
  EXPECT_FALSE(overdue_reasons(r, day(2026, 12, 11), calendar).analysis);

  r.disclosure = Disclosure{.disclosed_at = r.submitted_at + hours(48),
                            .disclosed_to = "patient",
                            .method = "in person",
                            .notes = "",
                            .recorded_by = 7};
  EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 30), calendar).any()) << "disclosed";
}

TEST(Overdue, TheDisclosureClockSkipsWeekendsAndHolidays) {
  // Submitted Friday 18 December; Christmas Day, St Stephen's Day (Monday 28th observed) and New Year's Day
  // stop the clock, as do the weekends.
  const BusinessCalendar calendar({day(2026, 12, 25), day(2026, 12, 28), day(2027, 1, 1)});
  auto r = moderate_harm_submitted_on(day(2026, 12, 18));
  // 21, 22, 23, 24, 29, 30, 31 December, 4, 5, 6 January.
  EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 6), calendar).disclosure);
  EXPECT_TRUE(overdue_reasons(r, day(2027, 1, 7), calendar).disclosure);
  // Without the holidays it would have been due on 1 January.
  EXPECT_TRUE(overdue_reasons(r, day(2027, 1, 4), BusinessCalendar{}).disclosure);
}

TEST(Overdue, DisclosureOnlyForModerateHarmOrWorse) {
  const BusinessCalendar calendar;
  auto r = moderate_harm_submitted_on(day(2026, 11, 26));
  for (auto harm : {H::mild, H::no_harm, H::unknown}) {
    r.event.harm = harm;
    EXPECT_FALSE(overdue_reasons(r, day(2027, 6, 1), calendar).disclosure) << to_string(harm);
  }
  r.event.harm = H::death;
  EXPECT_TRUE(overdue_reasons(r, day(2027, 6, 1), calendar).disclosure);
}

TEST(Overdue, NoDisclosureIsOwedForAReportThatEndedWithoutAction) {
  const BusinessCalendar calendar;
  auto r = moderate_harm_submitted_on(day(2026, 11, 26));
  for (auto state : {IncidentState::rejected, IncidentState::duplicate, IncidentState::merged}) {
    r.state = state;
    EXPECT_FALSE(overdue_reasons(r, day(2027, 6, 1), calendar).disclosure) << to_string(state);
  }
  // Closing a report does not discharge the duty of candour.
  r.state = IncidentState::closed;
  EXPECT_TRUE(overdue_reasons(r, day(2027, 6, 1), calendar).disclosure);
}

TEST(Overdue, SentinelAnalysisPastItsDueDateWhileOpen) {
  const BusinessCalendar calendar;
  IncidentReport r = moderate_harm_submitted_on(day(2026, 11, 26));
  r.disclosure = Disclosure{};
  r.sentinel = true;
  r.analysis_due = day(2027, 1, 28);
  r.state = IncidentState::under_investigation;
  EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 28), calendar).analysis) << "due today";
  EXPECT_TRUE(overdue_reasons(r, day(2027, 1, 29), calendar).analysis);
  EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 29), calendar).disclosure);
  r.state = IncidentState::action_planning;
  EXPECT_TRUE(overdue_reasons(r, day(2027, 1, 29), calendar).analysis);
  for (auto state : {IncidentState::closed, IncidentState::rejected, IncidentState::merged}) {
    r.state = state;
    EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 29), calendar).analysis) << to_string(state);
  }
  r.state = IncidentState::under_investigation;
  r.sentinel = false;
  EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 29), calendar).analysis) << "no longer flagged";
  r.sentinel = true;
  r.analysis_due.reset();
  EXPECT_FALSE(overdue_reasons(r, day(2027, 1, 29), calendar).analysis) << "no clock";
}

}  // namespace
}  // namespace hqms
