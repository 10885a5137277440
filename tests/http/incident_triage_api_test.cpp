// Triage and the workflow of one report: severity and handler, sentinel events and their clock, state
// changes, disclosure, external reporting and who may do which.
#include <gtest/gtest.h>

#include "core/common/business_calendar.hpp"
#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;
using std::chrono::days;

const Date kToday = std::chrono::floor<days>(*parse_iso("2026-11-26T08:00:00Z"));

std::string day_text(Date d) {
  return format_date(Timestamp(d));
}

std::vector<Id> ids_in(const json& page) {
  std::vector<Id> ids;
  for (const auto& item : page["items"]) ids.push_back(item["id"].get<Id>());
  return ids;
}

const json kDeath{{"harm", "death"},
                  {"description", "Patient died after an unwitnessed collapse in the waiting room."}};

TEST(IncidentTriage, SetsSeverityAndHandlerAndMovesToInTriage) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event({{"harm", "mild"}, {"harmDuration", "temporary"}}));
  const auto handler = user_id(h, "manager.ed");
  auto pso = h.signed_in("pso.main");
  auto r = pso.post(incident_path(id, "/triage"),
                    {{"severity", "moderate"}, {"handlerId", handler}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto triaged = r.json();
  EXPECT_EQ(triaged["state"], "in_triage");
  EXPECT_EQ(triaged["severity"], "moderate");
  EXPECT_EQ(triaged["handler"], json({{"id", handler}, {"displayName", "Dr Sam Patel"}}));
  EXPECT_EQ(triaged["version"], 2);
  EXPECT_EQ(triaged["sentinel"], false);
  EXPECT_EQ(triaged["nextStates"],
            json({"under_investigation", "action_planning", "closed", "rejected", "duplicate", "merged"}));

  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=triage").json();
  ASSERT_EQ(audit["total"], 1);
  EXPECT_EQ(audit["items"][0]["before"]["state"], "submitted");
  EXPECT_EQ(audit["items"][0]["after"]["state"], "in_triage");
  EXPECT_EQ(audit["items"][0]["after"]["handlerId"], handler);
  EXPECT_EQ(audit["items"][0]["actor"]["username"], "pso.main");

  EXPECT_EQ(pso.post(incident_path(id, "/triage"), {{"handlerId", 9999}}).status, 422);
  EXPECT_EQ(pso.post(incident_path(id, "/triage"), {{"severity", "dreadful"}}).status, 422);
}

TEST(IncidentTriage, SentinelFlagStartsTheAnalysisClockInBusinessDays) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  auto pso = h.signed_in("pso.main");
  const auto first = file_event(nurse, valid_event(kDeath));
  auto r = pso.post(incident_path(first, "/triage"), {{"sentinel", true}, {"severity", "catastrophic"}});
  ASSERT_EQ(r.status, 200) << r.body;
  const auto due = BusinessCalendar().add_business_days(kToday, 45);
  EXPECT_EQ(r.json()["sentinel"], true);
  EXPECT_EQ(r.json()["sentinelFlaggedOn"], "2026-11-26");
  EXPECT_EQ(r.json()["analysisDue"], day_text(due));
  EXPECT_EQ(day_text(due), "2027-01-28") << "nine weeks of business days";

  // A holiday inside the window moves the next sentinel event's due date by a business day.
  auto cqo = h.signed_in("cqo");
  const json holidays{{{"day", "2026-12-25"}, {"name", "Christmas Day"}},
                      {{"day", "2026-12-28"}, {"name", "St Stephen's Day (observed)"}}};
  auto settings =
      cqo.put("/api/v1/incident-settings", {{"sentinelAnalysisBusinessDays", 45}, {"holidays", holidays}});
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.json()["holidays"], holidays);
  EXPECT_EQ(pso.put("/api/v1/incident-settings", {{"sentinelAnalysisBusinessDays", 30}}).status, 403)
      << "the settings are organisation-wide";
  EXPECT_EQ(cqo.put("/api/v1/incident-settings", {{"sentinelAnalysisBusinessDays", 0}}).status, 422);

  const auto second = file_event(nurse, valid_event(kDeath));
  auto flagged = pso.post(incident_path(second, "/triage"), {{"sentinel", true}}).json();
  const BusinessCalendar with_holidays({kToday + days(29), kToday + days(32)});
  EXPECT_EQ(flagged["analysisDue"], day_text(with_holidays.add_business_days(kToday, 45)));
  EXPECT_EQ(flagged["analysisDue"], "2027-02-01");
  EXPECT_EQ(pso.get(incident_path(first)).json()["analysisDue"], "2027-01-28") << "set when flagged";

  // Unflagging clears the clock.
  auto cleared = pso.post(incident_path(second, "/triage"), {{"sentinel", false}}).json();
  EXPECT_TRUE(cleared["analysisDue"].is_null());
  EXPECT_TRUE(cleared["sentinelFlaggedOn"].is_null());
}

TEST(IncidentTriage, SentinelIsRefusedWhenTheHarmDoesNotMeetTheDefinition) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event({{"harm", "mild"}, {"harmDuration", "temporary"}}));
  auto pso = h.signed_in("pso.main");
  auto r = pso.post(incident_path(id, "/triage"), {{"sentinel", true}});
  EXPECT_EQ(r.status, 422);
  EXPECT_EQ(error_fields(r), std::vector<std::string>{"sentinel"}) << r.body;
  const auto unchanged = pso.get(incident_path(id)).json();
  EXPECT_EQ(unchanged["state"], "submitted");
  EXPECT_EQ(unchanged["sentinel"], false);
  EXPECT_EQ(unchanged["version"], 1);
  // Severe harm related to the natural course of the illness is not a sentinel event either.
  auto natural = pso.post(incident_path(id, "/triage"),
                          {{"harm", "severe"}, {"relatedToNaturalCourse", true}, {"sentinel", true}});
  EXPECT_EQ(error_fields(natural), std::vector<std::string>{"sentinel"});
  EXPECT_EQ(pso.post(incident_path(id, "/triage"), {{"harm", "severe"}, {"sentinel", true}}).status, 200);
}

TEST(IncidentTriage, WorkflowMistakesAreExplained) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event());
  auto pso = h.signed_in("pso.main");
  auto illegal = pso.post(incident_path(id, "/transitions"), {{"to", "closed"}});
  EXPECT_EQ(illegal.status, 409);
  EXPECT_EQ(
      illegal.json()["detail"],
      "An event that is Submitted cannot move to Closed; it can move to: In triage, Rejected, Duplicate, "
      "Merged.");
  EXPECT_EQ(error_fields(illegal), std::vector<std::string>{"state"});

  auto no_reason = pso.post(incident_path(id, "/transitions"), {{"to", "rejected"}, {"reason", "  "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_EQ(error_fields(no_reason), std::vector<std::string>{"reason"});
  auto no_target =
      pso.post(incident_path(id, "/transitions"), {{"to", "duplicate"}, {"reason", "Reported twice"}});
  EXPECT_EQ(error_fields(no_target), std::vector<std::string>{"mergedInto"});

  ASSERT_EQ(pso.post(incident_path(id, "/triage"), {{"severity", "minor"}}).status, 200);
  auto stale = pso.post(incident_path(id, "/triage"), {{"severity", "major"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_EQ(error_fields(stale), std::vector<std::string>{"version"});
  EXPECT_EQ(pso.get(incident_path(id)).json()["severity"], "minor");
  // A version no int holds is refused, not narrowed to the current one (found by fuzz/body_reader).
  const auto current = pso.get(incident_path(id)).json()["version"].get<std::int64_t>();
  auto wrapped =
      pso.post(incident_path(id, "/triage"), {{"severity", "major"}, {"version", current + (1LL << 32)}});
  EXPECT_EQ(wrapped.status, 422) << wrapped.body;
  EXPECT_EQ(error_fields(wrapped), std::vector<std::string>{"version"});
  EXPECT_EQ(pso.get(incident_path(id)).json()["severity"], "minor");

  auto rejected = pso.post(incident_path(id, "/transitions"),
                           {{"to", "rejected"}, {"reason", "Not a patient safety event"}});
  ASSERT_EQ(rejected.status, 200) << rejected.body;
  EXPECT_EQ(rejected.json()["state"], "rejected");
  EXPECT_EQ(rejected.json()["stateReason"], "Not a patient safety event");
  EXPECT_EQ(rejected.json()["nextStates"], json::array());
  EXPECT_EQ(pso.post(incident_path(id, "/triage"), {{"severity", "major"}}).status, 409)
      << "rejected is final";
}

TEST(IncidentTriage, OnlyTheSafetyTeamOfTheEventsScopeMayTriage) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event());
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(nurse.post(incident_path(id, "/triage"), {{"severity", "minor"}}).status, 403);
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 1);
  EXPECT_EQ(h.signed_in("manager.ed").post(incident_path(id, "/triage"), {{"severity", "minor"}}).status, 403)
      << "a department manager reads but does not triage";
  EXPECT_EQ(nurse.post(incident_path(id, "/transitions"), {{"to", "rejected"}, {"reason", "mine"}}).status,
            403);

  auto north = h.signed_in("pso.north");
  EXPECT_EQ(north.get(incident_path(id)).status, 403);
  EXPECT_EQ(north.post(incident_path(id, "/triage"), {{"severity", "minor"}}).status, 403);
  EXPECT_EQ(h.signed_in("doctor.ed").get(incident_path(id)).status, 403) << "a colleague is not the reporter";
  EXPECT_EQ(h.audit_count("permission_denied"), denied + 6);

  auto audit = h.signed_in("auditor").get("/api/v1/audit?action=permission_denied&limit=1").json();
  EXPECT_EQ(audit["items"][0]["actor"]["username"], "doctor.ed");
  EXPECT_EQ(audit["items"][0]["departmentId"], kEmergency);
  EXPECT_EQ(h.signed_in("pso.main").get(incident_path(id)).json()["version"], 1) << "nothing changed";
}

TEST(IncidentTriage, DisclosureToTheFamilyIsRecorded) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event({{"harm", "moderate"}, {"harmDuration", "temporary"}}));
  auto pso = h.signed_in("pso.main");
  EXPECT_EQ(pso.get(incident_path(id)).json()["disclosureRequired"], true);
  const json disclosure{{"disclosedAt", "2026-11-26T07:45:00Z"},
                        {"disclosedTo", "daughter (next of kin)"},
                        {"method", "in person"},
                        {"notes", "Apologised; explained the review."}};
  auto future = disclosure;
  future["disclosedAt"] = "2026-11-27T07:45:00Z";
  EXPECT_EQ(error_fields(pso.put(incident_path(id, "/disclosure"), future)),
            std::vector<std::string>{"disclosedAt"});
  EXPECT_EQ(nurse.put(incident_path(id, "/disclosure"), disclosure).status, 403);
  auto r = pso.put(incident_path(id, "/disclosure"), disclosure);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto d = r.json()["disclosure"];
  EXPECT_EQ(d["disclosedAt"], "2026-11-26T07:45:00.000Z");
  EXPECT_EQ(d["disclosedTo"], "daughter (next of kin)");
  EXPECT_EQ(d["method"], "in person");
  EXPECT_EQ(d["recordedBy"]["displayName"], "Daniel Osei");
  EXPECT_EQ(h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=disclosure").json()["total"],
            1);
}

TEST(IncidentTriage, ExternalReportingRuleCreatesAnObligationUntilTheReportIsMade) {
  TestHospital h;
  auto cqo = h.signed_in("cqo");
  const json rule{
      {"name", "Serious incident notification"}, {"agency", "HIQA"}, {"minHarm", "severe"}, {"dueDays", 7}};
  auto created = cqo.post("/api/v1/external-reporting-rules", rule);
  ASSERT_EQ(created.status, 201) << created.body;
  const auto rule_id = created.json()["id"].get<Id>();
  EXPECT_EQ(created.json()["businessDays"], false);
  auto pso = h.signed_in("pso.main");
  EXPECT_EQ(pso.post("/api/v1/external-reporting-rules", rule).status, 403);
  EXPECT_EQ(error_fields(cqo.post("/api/v1/external-reporting-rules",
                                  {{"name", "x"}, {"agency", "y"}, {"minHarm", "unknown"}})),
            std::vector<std::string>{"minHarm"});

  auto nurse = h.signed_in("nurse.ed");
  const auto mild = file_event(nurse, valid_event({{"harm", "mild"}, {"harmDuration", "temporary"}}));
  const auto severe = file_event(nurse, valid_event({{"harm", "severe"}, {"harmDuration", "temporary"}}));
  EXPECT_EQ(pso.get(incident_path(mild)).json()["obligations"], json::array());
  auto before = pso.get(incident_path(severe)).json()["obligations"];
  ASSERT_EQ(before.size(), 1u) << before.dump();
  EXPECT_EQ(before[0]["ruleId"], rule_id);
  EXPECT_EQ(before[0]["agency"], "HIQA");
  EXPECT_EQ(before[0]["dueOn"], "2026-12-03");
  EXPECT_EQ(before[0]["overdue"], false);
  EXPECT_TRUE(before[0]["made"].is_null());

  const json made{{"ruleId", rule_id},
                  {"reportedAt", "2026-11-26T07:55:00Z"},
                  {"reportedTo", "HIQA notification portal"},
                  {"reference", "HIQA-2026-5521"}};
  EXPECT_EQ(nurse.post(incident_path(severe, "/external-reports"), made).status, 403);
  auto unknown_rule = made;
  unknown_rule["ruleId"] = rule_id + 100;
  EXPECT_EQ(error_fields(pso.post(incident_path(severe, "/external-reports"), unknown_rule)),
            std::vector<std::string>{"ruleId"});
  auto r = pso.post(incident_path(severe, "/external-reports"), made);
  ASSERT_EQ(r.status, 200) << r.body;
  const auto after = r.json()["obligations"][0];
  EXPECT_EQ(after["made"]["reference"], "HIQA-2026-5521");
  EXPECT_EQ(after["made"]["reportedAt"], "2026-11-26T07:55:00.000Z");
  EXPECT_EQ(pso.post(incident_path(severe, "/external-reports"), made).status, 409);

  // A week and a day later, the report made keeps the obligation green.
  h.clock().advance(days(8));
  pso = h.signed_in("pso.main");
  EXPECT_EQ(pso.get(incident_path(severe)).json()["obligations"][0]["overdue"], false);
}

TEST(IncidentTriage, OverdueQueueShowsAnAnalysisPastItsDueDate) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event(kDeath));
  file_event(nurse, valid_event());
  auto pso = h.signed_in("pso.main");
  ASSERT_EQ(pso.post(incident_path(id, "/triage"), {{"sentinel", true}}).status, 200);
  ASSERT_EQ(
      pso.put(incident_path(id, "/disclosure"),
              {{"disclosedAt", "2026-11-26T07:50:00Z"}, {"disclosedTo", "wife"}, {"method", "in person"}})
          .status,
      200);
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=overdue").json()["total"], 0);

  // The day the analysis falls due it is not yet late; the day after, it is.
  h.clock().advance(days(63));  // 2027-01-28
  pso = h.signed_in("pso.main");
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=overdue").json()["total"], 0);
  h.clock().advance(days(1));
  pso = h.signed_in("pso.main");
  auto overdue = pso.get("/api/v1/incidents?queue=overdue").json();
  ASSERT_EQ(overdue["total"], 1) << overdue.dump();
  EXPECT_EQ(overdue["items"][0]["id"], id);
  EXPECT_EQ(overdue["items"][0]["overdue"], true);
  const auto detail = pso.get(incident_path(id)).json();
  EXPECT_EQ(detail["overdueReasons"],
            json({{"analysis", true}, {"disclosure", false}, {"externalReporting", false}}));
}

TEST(IncidentTriage, TheHandlerMovesTheWorkOnButOnlyTheSafetyTeamEndsIt) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event());
  const auto repeat = file_event(nurse, valid_event());
  auto pso = h.signed_in("pso.main");
  ASSERT_EQ(pso.post(incident_path(id, "/triage"), {{"handlerId", user_id(h, "manager.ed")}}).status, 200);
  auto handler = h.signed_in("manager.ed");
  EXPECT_EQ(handler.get(incident_path(id)).json()["can"]["transition"], true);
  auto planned = handler.post(incident_path(id, "/transitions"), {{"to", "action_planning"}});
  ASSERT_EQ(planned.status, 200) << planned.body;
  EXPECT_EQ(planned.json()["state"], "action_planning");
  EXPECT_EQ(handler.post(incident_path(id, "/transitions"), {{"to", "closed"}}).status, 403);
  EXPECT_EQ(pso.post(incident_path(id, "/transitions"), {{"to", "closed"}}).json()["state"], "closed");

  auto dup = pso.post(incident_path(repeat, "/transitions"),
                      {{"to", "duplicate"}, {"reason", "Reported twice"}, {"mergedInto", id}});
  ASSERT_EQ(dup.status, 200) << dup.body;
  EXPECT_EQ(dup.json()["state"], "duplicate");
  EXPECT_EQ(dup.json()["mergedInto"], id);
}

TEST(IncidentTriage, DisclosureFallsOverdueAfterTenBusinessDays) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event({{"harm", "moderate"}, {"harmDuration", "temporary"}}));
  const auto last_day = BusinessCalendar().add_business_days(kToday, 10);
  EXPECT_EQ(day_text(last_day), "2026-12-10");
  h.clock().advance(last_day - kToday);
  auto pso = h.signed_in("pso.main");
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=overdue").json()["total"], 0) << "due today, not late";
  EXPECT_EQ(pso.get(incident_path(id)).json()["overdue"], false);
  h.clock().advance(days(1));
  pso = h.signed_in("pso.main");
  EXPECT_EQ(ids_in(pso.get("/api/v1/incidents?queue=overdue").json()), std::vector<Id>{id});
  EXPECT_EQ(pso.get(incident_path(id)).json()["overdueReasons"]["disclosure"], true);
  ASSERT_EQ(
      pso.put(incident_path(id, "/disclosure"),
              {{"disclosedAt", "2026-12-11T07:00:00Z"}, {"disclosedTo", "patient"}, {"method", "telephone"}})
          .status,
      200);
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=overdue").json()["total"], 0);
}

}  // namespace
}  // namespace hqms::test
