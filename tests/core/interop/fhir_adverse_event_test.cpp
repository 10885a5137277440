#include "core/interop/fhir_adverse_event.hpp"

#include <gtest/gtest.h>

#include "core/org_fixture.hpp"

namespace hqms {
namespace {

using json = nlohmann::json;
using namespace std::chrono;

constexpr const char* kHarmUrl = "https://hqms.example.org/fhir/StructureDefinition/harm";
constexpr const char* kEventTypeUrl = "https://hqms.example.org/fhir/StructureDefinition/event-type";
constexpr const char* kMerpUrl = "https://hqms.example.org/fhir/StructureDefinition/merp-category";
constexpr const char* kHqmsCategories = "https://hqms.example.org/fhir/CodeSystem/event-category";
constexpr const char* kFhirCategories = "http://terminology.hl7.org/CodeSystem/adverse-event-category";
constexpr const char* kDataAbsentReason = "http://hl7.org/fhir/StructureDefinition/data-absent-reason";

constexpr Date day(int y, unsigned m, unsigned d) {
  return sys_days{year{y} / month{m} / d};
}

// Thursday 26 November 2026, 10:00 UTC.
const Timestamp kNow = Timestamp{day(2026, 11, 26)} + hours(10);
const Organisation kOrg = test::two_site_hospital();

IncidentReport medication_error() {
  IncidentReport r;
  r.id = 123;
  r.reference = "PSE-2026-000123";
  r.event.type = EventType::incident;
  r.event.category = EventCategory::medication;
  r.event.harm = HarmLevel::moderate;
  r.event.harm_duration = HarmDuration::temporary;
  r.event.merp = MerpCategory::E;
  r.event.details = {{"drug", "Enoxaparin"}, {"stage", "administering"}, {"dose", "80 mg"}};
  r.event.department_id = 101;
  r.event.location = "Bed 4";
  r.event.occurred_at = kNow - hours(5) + milliseconds(250);
  r.event.patient = PatientInvolved{.identifier = "MRN-0042", .name = "Mary Byrne"};
  r.event.people_involved = "staff nurse, pharmacist";
  r.event.description = "A second dose of enoxaparin was given an hour after the first.";
  r.event.immediate_actions = "Anti-Xa level checked; registrar informed.";
  r.site_id = 10;
  r.reporter_id = 4;
  r.submitted_at = kNow - hours(1);
  return r;
}

FhirExportContext with_phi() {
  return FhirExportContext{.org = kOrg,
                           .include_patient = true,
                           .recorder_display = "Aoife Kelly",
                           .handler_display = "Quality Lead"};
}

FhirExportContext without_phi() {
  return FhirExportContext{
      .org = kOrg, .include_patient = false, .recorder_display = "", .handler_display = ""};
}

json bundle_of(const std::vector<json>& resources, const char* type = "collection") {
  json entries = json::array();
  for (const auto& r : resources)
    entries.push_back({{"fullUrl", "urn:uuid:" + r.value("id", "x")}, {"resource", r}});
  return {{"resourceType", "Bundle"}, {"type", type}, {"entry", entries}};
}

std::vector<std::string> import_errors(const json& bundle) {
  auto result = from_fhir_bundle(bundle, kOrg, kNow);
  std::vector<std::string> out;
  if (result) return out;
  EXPECT_EQ(result.error().kind, ErrorKind::validation);
  for (const auto& e : result.error().fields) out.push_back(e.field);
  return out;
}

std::string import_message(const json& bundle, const std::string& field) {
  auto result = from_fhir_bundle(bundle, kOrg, kNow);
  if (result) return "";
  for (const auto& e : result.error().fields)
    if (e.field == field) return e.message;
  return "";
}

// A device event as another hospital system would send it: FHIR codes only, no HQMS extensions.
json ehr_device_event() {
  return {
      {"resourceType", "AdverseEvent"},
      {"id", "ae-77"},
      {"identifier", {{"system", "urn:oid:1.2.3"}, {"value", "EHR-77"}}},
      {"actuality", "actual"},
      {"category", json::array({{{"coding", json::array({{{"system", kFhirCategories},
                                                          {"code", "medical-device-use-error"}}})}}})},
      {"event", {{"text", "Infusion pump programmed at ten times the rate."}}},
      {"subject",
       {{"reference", "Patient/9"}, {"identifier", {{"value", "MRN-9"}}}, {"display", "John Walsh"}}},
      {"date", "2026-11-26T08:30:00+01:00"},
      {"location", {{"display", "Emergency"}}},
      {"severity",
       {{"coding", json::array({{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-severity"},
                                 {"code", "mild"}}})}}},
      {"outcome",
       {{"coding", json::array({{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"},
                                 {"code", "recovering"}}})}}},
      {"suspectEntity", json::array({{{"instance", {{"display", "Volumetric pump VP-3"}}}}})},
  };
}

const json* extension(const json& resource, const std::string& url) {
  for (const auto& e : resource["extension"])
    if (e["url"] == url) return &e;
  return nullptr;
}

std::string code_of(const json& codeable) {
  return codeable["coding"][0]["code"];
}

// ---- Export ----

TEST(FhirExport, TheResourceAndItsIdentity) {
  const auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  EXPECT_EQ(ae["resourceType"], "AdverseEvent");
  EXPECT_EQ(ae["id"], "123");
  EXPECT_EQ(ae["identifier"]["value"], "PSE-2026-000123") << "R4: one Identifier, not a list";
  EXPECT_EQ(ae["actuality"], "actual");
  EXPECT_EQ(ae["event"]["text"], "A second dose of enoxaparin was given an hour after the first.");
  EXPECT_EQ(ae["date"], "2026-11-26T05:00:00.250Z");
  EXPECT_EQ(ae["detected"], "2026-11-26T05:00:00.250Z");
  EXPECT_EQ(ae["recordedDate"], "2026-11-26T09:00:00.000Z");
}

TEST(FhirExport, NearMissesAndUnsafeConditionsArePotential) {
  auto r = medication_error();
  r.event.type = EventType::near_miss;
  EXPECT_EQ(to_fhir_adverse_event(r, with_phi())["actuality"], "potential");
  r.event.type = EventType::unsafe_condition;
  EXPECT_EQ(to_fhir_adverse_event(r, with_phi())["actuality"], "potential");
}

TEST(FhirExport, CategoryAsHqmsCodingAndFhirCodeWhereOneFits) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  ASSERT_EQ(ae["category"].size(), 1u);
  const auto& codings = ae["category"][0]["coding"];
  ASSERT_EQ(codings.size(), 2u);
  EXPECT_EQ(codings[0]["system"], kHqmsCategories);
  EXPECT_EQ(codings[0]["code"], "medication");
  EXPECT_EQ(codings[1]["system"], kFhirCategories);
  EXPECT_EQ(codings[1]["code"], "product-use-error");

  auto fall = medication_error();
  fall.event.category = EventCategory::fall;
  ae = to_fhir_adverse_event(fall, with_phi());
  ASSERT_EQ(ae["category"][0]["coding"].size(), 1u) << "no FHIR category fits a fall";
  EXPECT_EQ(ae["category"][0]["coding"][0]["code"], "fall");
}

TEST(FhirExport, SubjectByIdentifierOnlyWhenPhiMayBeSeen) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  EXPECT_EQ(ae["subject"]["identifier"]["value"], "MRN-0042");
  EXPECT_EQ(ae["subject"]["display"], "Mary Byrne");
  EXPECT_EQ(ae["subject"]["type"], "Patient");

  ae = to_fhir_adverse_event(medication_error(), without_phi());
  EXPECT_EQ(ae["subject"]["display"], "masked");
  EXPECT_EQ(ae["subject"]["extension"][0]["url"], kDataAbsentReason);
  EXPECT_EQ(ae["subject"]["extension"][0]["valueCode"], "masked");
  const auto text = ae.dump();
  EXPECT_EQ(text.find("MRN-0042"), std::string::npos);
  EXPECT_EQ(text.find("Mary Byrne"), std::string::npos);
}

TEST(FhirExport, ASubjectIsAlwaysPresent) {
  auto r = medication_error();
  r.event.type = EventType::unsafe_condition;
  r.event.patient.reset();
  auto ae = to_fhir_adverse_event(r, with_phi());
  EXPECT_EQ(ae["subject"]["extension"][0]["valueCode"], "not-applicable");
  r.event.type = EventType::incident;
  ae = to_fhir_adverse_event(r, with_phi());
  EXPECT_EQ(ae["subject"]["extension"][0]["valueCode"], "unknown");
}

TEST(FhirExport, LocationIsTheDepartmentAndThePlace) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  EXPECT_EQ(ae["location"]["display"], "Intensive Care, Bed 4");
  EXPECT_EQ(ae["location"]["extension"][0]["valueCode"], "ICU");
  auto r = medication_error();
  r.event.location.clear();
  EXPECT_EQ(to_fhir_adverse_event(r, with_phi())["location"]["display"], "Intensive Care");
}

TEST(FhirExport, RecorderContributorAndSuspectEntity) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  EXPECT_EQ(ae["recorder"]["display"], "Aoife Kelly");
  EXPECT_EQ(ae["contributor"][0]["display"], "Quality Lead");
  ASSERT_EQ(ae["suspectEntity"].size(), 1u);
  EXPECT_EQ(ae["suspectEntity"][0]["instance"]["display"], "Enoxaparin");

  ae = to_fhir_adverse_event(medication_error(), without_phi());
  EXPECT_FALSE(ae.contains("recorder")) << "anonymous";
  EXPECT_FALSE(ae.contains("contributor"));

  auto device = medication_error();
  device.event.category = EventCategory::device;
  device.event.merp.reset();
  device.event.details = {{"deviceName", "Syringe driver"}};
  ae = to_fhir_adverse_event(device, with_phi());
  EXPECT_EQ(ae["suspectEntity"][0]["instance"]["display"], "Syringe driver");
  EXPECT_EQ(ae["category"][0]["coding"][1]["code"], "product-problem");

  auto fall = device;
  fall.event.category = EventCategory::fall;
  EXPECT_FALSE(to_fhir_adverse_event(fall, with_phi()).contains("suspectEntity"));
}

TEST(FhirExport, HqmsClassificationInExtensions) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  ASSERT_TRUE(extension(ae, kHarmUrl));
  EXPECT_EQ((*extension(ae, kHarmUrl))["valueCode"], "moderate");
  EXPECT_EQ((*extension(ae, kMerpUrl))["valueCode"], "E");
  EXPECT_EQ((*extension(ae, kEventTypeUrl))["valueCode"], "incident");
  auto fall = medication_error();
  fall.event.category = EventCategory::fall;
  fall.event.merp.reset();
  EXPECT_FALSE(extension(to_fhir_adverse_event(fall, with_phi()), kMerpUrl));
}

struct HarmMapping {
  HarmLevel harm;
  HarmDuration duration;
  const char* seriousness;  // "" when absent
  const char* severity;
  const char* outcome;
};

TEST(FhirExport, SeriousnessSeverityAndOutcomeFollowTheHarm) {
  const HarmMapping table[] = {
      {HarmLevel::death, HarmDuration::unknown, "serious", "severe", "fatal"},
      {HarmLevel::severe, HarmDuration::permanent, "serious", "severe", "resolvedWithSequelae"},
      {HarmLevel::severe, HarmDuration::temporary, "serious", "severe", "recovering"},
      {HarmLevel::moderate, HarmDuration::permanent, "serious", "moderate", "resolvedWithSequelae"},
      {HarmLevel::moderate, HarmDuration::unknown, "non-serious", "moderate", "ongoing"},
      {HarmLevel::mild, HarmDuration::temporary, "non-serious", "mild", "recovering"},
      {HarmLevel::no_harm, HarmDuration::unknown, "non-serious", "", "resolved"},
      {HarmLevel::unknown, HarmDuration::unknown, "", "", "unknown"},
  };
  for (const auto& row : table) {
    auto r = medication_error();
    r.event.harm = row.harm;
    r.event.harm_duration = row.duration;
    const auto ae = to_fhir_adverse_event(r, with_phi());
    SCOPED_TRACE(std::string(to_string(row.harm)) + "/" + std::string(to_string(row.duration)));
    EXPECT_EQ(ae.contains("seriousness") ? code_of(ae["seriousness"]) : "", row.seriousness);
    EXPECT_EQ(ae.contains("severity") ? code_of(ae["severity"]) : "", row.severity);
    EXPECT_EQ(code_of(ae["outcome"]), row.outcome);
  }
  auto near_miss = medication_error();
  near_miss.event.type = EventType::near_miss;
  near_miss.event.harm = HarmLevel::no_harm;
  EXPECT_FALSE(to_fhir_adverse_event(near_miss, with_phi()).contains("outcome")) << "it reached no one";
}

TEST(FhirExport, CodeSystemsAreHl7s) {
  const auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  EXPECT_EQ(ae["seriousness"]["coding"][0]["system"],
            "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness");
  EXPECT_EQ(ae["severity"]["coding"][0]["system"],
            "http://terminology.hl7.org/CodeSystem/adverse-event-severity");
  EXPECT_EQ(ae["outcome"]["coding"][0]["system"],
            "http://terminology.hl7.org/CodeSystem/adverse-event-outcome");
}

TEST(FhirExport, AnAnonymousReportKeepsOnlyItsDay) {
  auto r = medication_error();
  r.anonymous = true;
  r.reporter_id.reset();
  EXPECT_EQ(to_fhir_adverse_event(r, without_phi())["recordedDate"], "2026-11-26");
}

// ---- Round trip ----

TEST(FhirRoundTrip, ExportThenImportGivesTheSameSubmission) {
  const auto original = medication_error();
  auto result = from_fhir_bundle(bundle_of({to_fhir_adverse_event(original, with_phi())}), kOrg, kNow);
  ASSERT_TRUE(result) << result.error().fields.front().field << ": " << result.error().fields.front().message;
  ASSERT_EQ(result->size(), 1u);
  const auto& imported = (*result)[0];
  const auto& s = imported.submission;
  EXPECT_EQ(imported.source_identifier, "PSE-2026-000123");
  EXPECT_EQ(s.type, original.event.type);
  EXPECT_EQ(s.category, original.event.category);
  EXPECT_EQ(s.harm, original.event.harm);
  EXPECT_EQ(s.harm_duration, original.event.harm_duration);
  EXPECT_EQ(s.merp, original.event.merp);
  EXPECT_EQ(s.details, original.event.details);
  EXPECT_EQ(s.department_id, 101);
  EXPECT_EQ(s.location, "Bed 4");
  EXPECT_EQ(s.occurred_at, original.event.occurred_at);
  EXPECT_EQ(s.description, original.event.description);
  ASSERT_TRUE(s.patient);
  EXPECT_EQ(s.patient->identifier, "MRN-0042");
  EXPECT_EQ(s.patient->name, "Mary Byrne");
  EXPECT_EQ(s.people_involved, original.event.people_involved);
  EXPECT_EQ(s.immediate_actions, original.event.immediate_actions);
}

TEST(FhirRoundTrip, EveryTypeAndCategorySurvives) {
  auto near_miss = medication_error();
  near_miss.event.type = EventType::near_miss;
  near_miss.event.harm = HarmLevel::no_harm;
  near_miss.event.harm_duration = HarmDuration::unknown;
  near_miss.event.merp = MerpCategory::B;
  auto unsafe = medication_error();
  unsafe.event.type = EventType::unsafe_condition;
  unsafe.event.category = EventCategory::pressure_injury;
  unsafe.event.harm = HarmLevel::no_harm;
  unsafe.event.harm_duration = HarmDuration::unknown;
  unsafe.event.merp.reset();
  unsafe.event.details = {{"stage", "stage_2"}};
  unsafe.event.patient.reset();
  unsafe.event.department_id = 200;
  unsafe.event.location.clear();
  auto result = from_fhir_bundle(
      bundle_of({to_fhir_adverse_event(near_miss, with_phi()), to_fhir_adverse_event(unsafe, with_phi())}),
      kOrg, kNow);
  ASSERT_TRUE(result) << result.error().fields.front().field << ": " << result.error().fields.front().message;
  ASSERT_EQ(result->size(), 2u);
  EXPECT_EQ((*result)[0].submission.type, EventType::near_miss);
  EXPECT_EQ((*result)[0].submission.merp, MerpCategory::B);
  EXPECT_EQ((*result)[1].submission.type, EventType::unsafe_condition);
  EXPECT_EQ((*result)[1].submission.category, EventCategory::pressure_injury);
  EXPECT_FALSE((*result)[1].submission.patient) << "the not-applicable subject is no patient";
  EXPECT_EQ((*result)[1].submission.department_id, 200);
  EXPECT_EQ((*result)[1].submission.location, "");
}

TEST(FhirRoundTrip, AMaskedSubjectComesBackWithoutAPatient) {
  auto result =
      from_fhir_bundle(bundle_of({to_fhir_adverse_event(medication_error(), without_phi())}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_FALSE((*result)[0].submission.patient);
}

// ---- Import from other systems ----

TEST(FhirImport, AnotherSystemsEventIsReadFromFhirCodes) {
  auto result = from_fhir_bundle(bundle_of({ehr_device_event()}, "transaction"), kOrg, kNow);
  ASSERT_TRUE(result) << result.error().fields.front().field << ": " << result.error().fields.front().message;
  const auto& imported = (*result)[0];
  const auto& s = imported.submission;
  EXPECT_EQ(imported.source_identifier, "EHR-77");
  EXPECT_EQ(s.type, EventType::incident);
  EXPECT_EQ(s.category, EventCategory::device);
  EXPECT_EQ(s.harm, HarmLevel::mild);
  EXPECT_EQ(s.harm_duration, HarmDuration::temporary) << "recovering";
  EXPECT_EQ(s.details, (EventDetails{{"deviceName", "Volumetric pump VP-3"}})) << "from the suspect entity";
  EXPECT_EQ(s.department_id, 100) << "by department name";
  EXPECT_EQ(s.location, "");
  EXPECT_EQ(s.occurred_at, Timestamp{day(2026, 11, 26)} + hours(7) + minutes(30)) << "08:30 at +01:00";
  ASSERT_TRUE(s.patient);
  EXPECT_EQ(s.patient->identifier, "MRN-9");
  EXPECT_EQ(s.description, "Infusion pump programmed at ten times the rate.");
}

TEST(FhirImport, TheSourceIdentifierFallsBackToTheId) {
  auto ae = ehr_device_event();
  ae.erase("identifier");
  auto result = from_fhir_bundle(bundle_of({ae}, "batch"), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].source_identifier, "ae-77");
}

TEST(FhirImport, DepartmentByCodeOrNameWithThePlaceAfterIt) {
  auto ae = ehr_device_event();
  ae["location"]["display"] = "icu";
  auto result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.department_id, 101) << "by code, in any case";
  ae["location"]["display"] = "Medical Ward, Bay 3, bed 12";
  result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.department_id, 200);
  EXPECT_EQ((*result)[0].submission.location, "Bay 3, bed 12");
}

TEST(FhirImport, HarmFromSeriousnessOutcomeAndActuality) {
  auto ae = ehr_device_event();
  ae.erase("severity");
  ae["outcome"]["coding"][0]["code"] = "fatal";
  auto result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.harm, HarmLevel::death);
  EXPECT_EQ((*result)[0].submission.harm_duration, HarmDuration::unknown);

  // R4 as published coded seriousness "Serious", "SeriousResultsInHospitalization" ...
  ae = ehr_device_event();
  ae.erase("severity");
  ae.erase("outcome");
  ae["seriousness"] = {
      {"coding", json::array({{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-seriousness"},
                               {"code", "SeriousResultsInHospitalization"}}})}};
  result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.harm, HarmLevel::severe);

  ae["seriousness"]["coding"][0]["code"] = "non-serious";
  result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.harm, HarmLevel::unknown) << "not serious is not yet a harm level";

  ae = ehr_device_event();
  ae["actuality"] = "potential";
  ae.erase("outcome");
  ae.erase("severity");
  result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.type, EventType::near_miss);
  EXPECT_EQ((*result)[0].submission.harm, HarmLevel::no_harm);
}

TEST(FhirImport, ADateWithoutATimeIsThatDay) {
  auto ae = ehr_device_event();
  ae["date"] = "2026-11-25";
  auto result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.occurred_at, Timestamp{day(2026, 11, 25)});
  ae["date"] = "2026-11-25T23:10:05.12345-05:00";
  result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.occurred_at,
            Timestamp{day(2026, 11, 26)} + hours(4) + minutes(10) + seconds(5) + milliseconds(123));
}

// ---- Refusals ----

TEST(FhirImportRefusals, NotABundle) {
  EXPECT_EQ(import_errors(ehr_device_event()), std::vector<std::string>{"resourceType"});
  EXPECT_EQ(import_errors(json::array()), std::vector<std::string>{"resourceType"});
  EXPECT_EQ(import_errors(json("Bundle")), std::vector<std::string>{"resourceType"});
}

TEST(FhirImportRefusals, BundleTypeAndEntries) {
  EXPECT_EQ(import_errors(bundle_of({ehr_device_event()}, "searchset")), std::vector<std::string>{"type"});
  auto no_type = bundle_of({ehr_device_event()});
  no_type.erase("type");
  EXPECT_EQ(import_errors(no_type), std::vector<std::string>{"type"});
  EXPECT_EQ(import_errors(bundle_of({})), std::vector<std::string>{"entry"});
  EXPECT_EQ(import_message(bundle_of({}), "entry"), "the bundle holds no entries");
  auto no_entry = bundle_of({});
  no_entry.erase("entry");
  EXPECT_EQ(import_errors(no_entry), std::vector<std::string>{"entry"});
}

TEST(FhirImportRefusals, EntriesMustBeAdverseEvents) {
  json patient{{"resourceType", "Patient"}, {"id", "9"}};
  auto bundle = bundle_of({ehr_device_event(), patient});
  EXPECT_EQ(import_errors(bundle), std::vector<std::string>{"entry[1].resource.resourceType"});
  EXPECT_EQ(import_message(bundle, "entry[1].resource.resourceType"), "expected AdverseEvent, not Patient");
  bundle["entry"][1].erase("resource");
  EXPECT_EQ(import_errors(bundle), std::vector<std::string>{"entry[1].resource"});
}

TEST(FhirImportRefusals, AllOrNothing) {
  auto bad = ehr_device_event();
  bad.erase("date");
  auto result = from_fhir_bundle(bundle_of({ehr_device_event(), bad, ehr_device_event()}), kOrg, kNow);
  ASSERT_FALSE(result) << "two good entries are not imported without the third";
  ASSERT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].field, "entry[1].resource.date");
  EXPECT_EQ(result.error().fields[0].message, "required: when the event happened");
}

TEST(FhirImportRefusals, DatesMustBeFhirDateTimesWithinRange) {
  for (const char* date : {"2026-11", "2026", "2026-11-26T10:00:00", "26/11/2026", "2026-02-30",
                           "2026-11-26T25:00:00Z", "2026-11-26T10:00:00+1:00"}) {
    auto ae = ehr_device_event();
    ae["date"] = date;
    EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.date"}) << date;
  }
  auto ae = ehr_device_event();
  ae["date"] = 20261126;
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.date"});
  ae["date"] = "2026-11-27T10:00:00Z";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.date"});
  EXPECT_EQ(import_message(bundle_of({ae}), "entry[0].resource.date"), "cannot be in the future");
}

TEST(FhirImportRefusals, UnknownCategoryCodes) {
  auto ae = ehr_device_event();
  ae["category"][0]["coding"][0] = {{"system", kHqmsCategories}, {"code", "falls"}};
  EXPECT_EQ(import_errors(bundle_of({ae})),
            std::vector<std::string>{"entry[0].resource.category[0].coding[0].code"});
  ae["category"][0]["coding"][0] = {{"system", kFhirCategories}, {"code", "wrong-patient"}};
  EXPECT_EQ(import_errors(bundle_of({ae})),
            std::vector<std::string>{"entry[0].resource.category[0].coding[0].code"});
  // Codings from other systems are passed over.
  ae["category"][0]["coding"][0] = {{"system", "http://snomed.info/sct"}, {"code", "217082002"}};
  auto result = from_fhir_bundle(bundle_of({ae}), kOrg, kNow);
  ASSERT_TRUE(result);
  EXPECT_EQ((*result)[0].submission.category, EventCategory::other);
}

TEST(FhirImportRefusals, UnknownOrMissingLocation) {
  auto ae = ehr_device_event();
  ae["location"]["display"] = "Radiology";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.location.display"});
  EXPECT_EQ(import_message(bundle_of({ae}), "entry[0].resource.location.display"),
            "\"Radiology\" matches no department's code or name");
  ae.erase("location");
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.location"});
  ae["location"] = {
      {"display", "Emergency"},
      {"extension", json::array({{{"url", "https://hqms.example.org/fhir/StructureDefinition/department"},
                                  {"valueCode", "XRAY"}}})}};
  EXPECT_EQ(import_errors(bundle_of({ae})),
            std::vector<std::string>{"entry[0].resource.location.extension[0].valueCode"});
}

TEST(FhirImportRefusals, AnAmbiguousDepartmentNameNeedsItsCode) {
  Organisation org = kOrg;
  org.sites[1].departments.push_back({201, 20, "NED", "Emergency"});
  auto result = from_fhir_bundle(bundle_of({ehr_device_event()}), org, kNow);
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().fields[0].field, "entry[0].resource.location.display");
  EXPECT_NE(result.error().fields[0].message.find("more than one department"), std::string::npos);
}

TEST(FhirImportRefusals, BadHqmsExtensionValues) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  for (auto& e : ae["extension"])
    if (e["url"] == kHarmUrl) e["valueCode"] = "catastrophic";
  auto errors = import_errors(bundle_of({ae}));
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].rfind("entry[0].resource.extension[", 0), 0u);
  EXPECT_NE(errors[0].find("].valueCode"), std::string::npos);
}

TEST(FhirImportRefusals, ActualityMustAgreeWithTheEventType) {
  auto ae = to_fhir_adverse_event(medication_error(), with_phi());
  ae["actuality"] = "potential";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.actuality"});
  ae["actuality"] = "possible";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.actuality"});
  ae.erase("actuality");
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.actuality"});
}

TEST(FhirImportRefusals, APatientReferenceAloneCannotBeMatched) {
  auto ae = ehr_device_event();
  ae["subject"].erase("identifier");
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.subject.identifier"});
}

TEST(FhirImportRefusals, SubmissionRulesAreReportedOnTheFhirElement) {
  auto ae = ehr_device_event();
  ae["event"]["text"] = "Pump";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.event.text"});
  ae = ehr_device_event();
  ae.erase("suspectEntity");
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.details.deviceName"})
      << "a device event names its device";
  ae = ehr_device_event();
  ae["date"] = "2020-01-01";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.date"});
  // A medication event needs its NCC MERP category, which FHIR does not carry.
  ae = ehr_device_event();
  ae["category"][0]["coding"][0]["code"] = "wrong-dose";
  ae["suspectEntity"][0]["instance"]["display"] = "Gentamicin";
  auto errors = import_errors(bundle_of({ae}));
  EXPECT_NE(std::find(errors.begin(), errors.end(), "entry[0].resource.merpCategory"), errors.end());
  EXPECT_NE(std::find(errors.begin(), errors.end(), "entry[0].resource.details.stage"), errors.end());
}

TEST(FhirImportRefusals, WrongJsonTypesAreNamed) {
  auto ae = ehr_device_event();
  ae["category"] = "device";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.category"});
  ae = ehr_device_event();
  ae["location"] = "Emergency";
  EXPECT_EQ(import_errors(bundle_of({ae})), std::vector<std::string>{"entry[0].resource.location"});
  ae = ehr_device_event();
  ae["resourceType"] = 7;
  EXPECT_EQ(import_errors(bundle_of({ae})).front(), "entry[0].resource.resourceType");
  auto bundle = bundle_of({ehr_device_event()});
  bundle["entry"] = {{"resource", ehr_device_event()}};
  EXPECT_EQ(import_errors(bundle), std::vector<std::string>{"entry"});
}

}  // namespace
}  // namespace hqms
