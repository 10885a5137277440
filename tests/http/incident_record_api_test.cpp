// One report's record: the comment thread, attachments and the FHIR AdverseEvent form, out and in.
#include <gtest/gtest.h>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

std::vector<std::string> bodies(const json& comments) {
  std::vector<std::string> out;
  for (const auto& c : comments["items"]) out.push_back(c["body"]);
  return out;
}

TEST(IncidentRecord, ReporterSeesOnlyTheConversationWithThem) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event());
  auto pso = h.signed_in("pso.main");
  ASSERT_EQ(pso.post(incident_path(id, "/comments"), {{"body", "Internal: check the tray labels."}}).status,
            201);
  auto asked =
      pso.post(incident_path(id, "/comments"), {{"body", "Was the tray labelled?"}, {"toReporter", true}});
  ASSERT_EQ(asked.status, 201) << asked.body;
  EXPECT_EQ(asked.json()["author"]["displayName"], "Daniel Osei");
  EXPECT_EQ(asked.json()["toReporter"], true);

  EXPECT_EQ(bodies(nurse.get(incident_path(id, "/comments")).json()),
            std::vector<std::string>{"Was the tray labelled?"});
  auto answer = nurse.post(incident_path(id, "/comments"),
                           {{"body", "No, it had no name on it."}, {"toReporter", true}});
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.json()["fromReporter"], true);
  EXPECT_EQ(answer.json()["toReporter"], false);
  EXPECT_EQ(bodies(nurse.get(incident_path(id, "/comments")).json()),
            (std::vector<std::string>{"Was the tray labelled?", "No, it had no name on it."}));

  const std::vector<std::string> all{"Internal: check the tray labels.", "Was the tray labelled?",
                                     "No, it had no name on it."};
  EXPECT_EQ(bodies(pso.get(incident_path(id, "/comments")).json()), all);
  EXPECT_EQ(bodies(h.signed_in("manager.ed").get(incident_path(id, "/comments")).json()), all);
  EXPECT_EQ(h.signed_in("doctor.ed").get(incident_path(id, "/comments")).status, 403);
  EXPECT_EQ(h.signed_in("doctor.ed").post(incident_path(id, "/comments"), {{"body", "me too"}}).status, 403);
  EXPECT_EQ(error_fields(pso.post(incident_path(id, "/comments"), {{"body", " \n "}})),
            std::vector<std::string>{"body"});
  EXPECT_EQ(pso.get(incident_path(9999, "/comments")).status, 404);
  EXPECT_EQ(h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=comment").json()["total"],
            3);
}

TEST(IncidentRecord, AttachmentsAreCheckedAndAlwaysDownloaded) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event());
  auto pso = h.signed_in("pso.main");
  const char raw[] = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n\0\x01\x02 binary stream\n%%EOF\n";
  const std::string pdf(raw, sizeof raw - 1);  // with its NUL byte
  auto up = pso.send("POST", incident_path(id, "/attachments?name=ward%20scan.pdf"), pdf,
                     {{"Content-Type", "application/pdf"}});
  ASSERT_EQ(up.status, 201) << up.body;
  const auto file = up.json();
  EXPECT_EQ(file["fileName"], "ward scan.pdf");
  EXPECT_EQ(file["mediaType"], "application/pdf");
  EXPECT_EQ(file["size"], pdf.size());

  const std::string html = "<html><script>alert(document.cookie)</script></html>";
  auto disguised = pso.send("POST", incident_path(id, "/attachments?name=photo.png"), html,
                            {{"Content-Type", "image/png"}});
  EXPECT_EQ(disguised.status, 422);
  EXPECT_EQ(error_fields(disguised), std::vector<std::string>{"file"});
  auto page = pso.send("POST", incident_path(id, "/attachments?name=page.html"), html,
                       {{"Content-Type", "text/html"}});
  EXPECT_EQ(page.status, 422);
  EXPECT_EQ(error_fields(page), std::vector<std::string>{"file"});
  EXPECT_EQ(error_fields(pso.send("POST", incident_path(id, "/attachments"), pdf,
                                  {{"Content-Type", "application/pdf"}})),
            std::vector<std::string>{"name"});
  EXPECT_EQ(h.signed_in("doctor.ed")
                .send("POST", incident_path(id, "/attachments?name=a.pdf"), pdf,
                      {{"Content-Type", "application/pdf"}})
                .status,
            403);

  const auto detail = pso.get(incident_path(id)).json();
  ASSERT_EQ(detail["attachments"].size(), 1u);
  EXPECT_EQ(detail["attachments"][0]["fileName"], "ward scan.pdf");
  auto down = nurse.get(incident_path(id, "/attachments/" + std::to_string(file["id"].get<Id>())));
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.body, pdf);
  EXPECT_EQ(down.header("Content-Type"), "application/pdf");
  EXPECT_EQ(down.header("Content-Disposition"), "attachment; filename=\"ward scan.pdf\"");
  EXPECT_EQ(down.header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(h.signed_in("pso.north")
                .get(incident_path(id, "/attachments/" + std::to_string(file["id"].get<Id>())))
                .status,
            403);
  EXPECT_EQ(pso.get(incident_path(id, "/attachments/9999")).status, 404);
}

// Disabled: App::handle's add_security_headers() (src/http/app.cpp) replaces the sandbox policy the download
// route sets with the application's default Content-Security-Policy. Enable once it keeps a route's own CSP.
TEST(IncidentRecord, AttachmentDownloadKeepsItsSandboxPolicy) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id = file_event(nurse, valid_event());
  auto up = nurse.send("POST", incident_path(id, "/attachments?name=notes.txt"), "Bay 3 at 07:30.\n",
                       {{"Content-Type", "text/plain"}});
  ASSERT_EQ(up.status, 201) << up.body;
  auto down = nurse.get(incident_path(id, "/attachments/" + std::to_string(up.json()["id"].get<Id>())));
  ASSERT_EQ(down.status, 200);
  EXPECT_EQ(down.body, "Bay 3 at 07:30.\n");
  EXPECT_EQ(down.header("Content-Security-Policy"), "sandbox; default-src 'none'");
}

TEST(IncidentRecord, FhirExportIsAnAdverseEventWithThePatientOnlyForThoseAllowed) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto id =
      file_event(nurse, valid_event({{"category", "medication"},
                                     {"merpCategory", "E"},
                                     {"harm", "moderate"},
                                     {"harmDuration", "temporary"},
                                     {"details", {{"drug", "Enoxaparin"}, {"stage", "administering"}}},
                                     {"patient", {{"identifier", "MRN-2002"}, {"name", "John Kehoe"}}}}));
  auto r = h.signed_in("pso.main").get(incident_path(id, "/fhir"));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.header("Content-Type"), "application/fhir+json");
  const auto ae = r.json();
  EXPECT_EQ(ae["resourceType"], "AdverseEvent");
  EXPECT_EQ(ae["id"], std::to_string(id));
  EXPECT_EQ(ae["actuality"], "actual");
  EXPECT_EQ(ae["identifier"]["value"], h.signed_in("pso.main").get(incident_path(id)).json()["reference"]);
  EXPECT_EQ(ae["subject"],
            json({{"type", "Patient"}, {"identifier", {{"value", "MRN-2002"}}}, {"display", "John Kehoe"}}));
  EXPECT_EQ(ae["category"][0]["coding"][0]["code"], "medication");
  EXPECT_EQ(ae["category"][0]["coding"][1]["code"], "product-use-error");
  EXPECT_EQ(ae["severity"]["coding"][0]["code"], "moderate");
  EXPECT_EQ(ae["outcome"]["coding"][0]["code"], "recovering");
  EXPECT_EQ(ae["suspectEntity"][0]["instance"]["display"], "Enoxaparin");
  EXPECT_EQ(ae["recorder"]["display"], "Aoife Byrne");
  EXPECT_EQ(ae["date"], "2026-11-26T07:30:00.000Z");

  auto masked = h.signed_in("analyst").get(incident_path(id, "/fhir"));
  ASSERT_EQ(masked.status, 200);
  EXPECT_EQ(masked.json()["subject"]["display"], "masked");
  EXPECT_EQ(masked.json()["subject"]["extension"][0]["valueCode"], "masked");
  EXPECT_EQ(masked.body.find("MRN-2002"), std::string::npos);
  EXPECT_EQ(masked.body.find("John Kehoe"), std::string::npos);

  const auto near_miss = file_event(nurse, valid_event({{"type", "near_miss"}}));
  const auto potential = h.signed_in("cqo").get(incident_path(near_miss, "/fhir")).json();
  EXPECT_EQ(potential["actuality"], "potential");
  EXPECT_FALSE(potential.contains("outcome"));
  EXPECT_EQ(h.signed_in("pso.north").get(incident_path(id, "/fhir")).status, 403);
}

json adverse_event(const std::string& identifier, const std::string& location, const std::string& date) {
  return {
      {"resource",
       {{"resourceType", "AdverseEvent"},
        {"identifier", {{"system", "urn:ehr:events"}, {"value", identifier}}},
        {"actuality", "actual"},
        {"category",
         {{{"coding",
            {{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-category"},
              {"code", "wrong-dose"}}}}}}},
        {"event", {{"text", "Double dose of insulin charted and given at 06:00."}}},
        {"subject", {{"identifier", {{"value", "MRN-3003"}}}, {"display", "Patrick Nolan"}}},
        {"date", date},
        {"location", {{"display", location}}},
        {"severity",
         {{"coding",
           {{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-severity"},
             {"code", "mild"}}}}}},
        {"outcome",
         {{"coding",
           {{{"system", "http://terminology.hl7.org/CodeSystem/adverse-event-outcome"},
             {"code", "resolved"}}}}}},
        {"extension",
         {{{"url", "https://hqms.example.org/fhir/StructureDefinition/merp-category"}, {"valueCode", "E"}},
          {{"url", "https://hqms.example.org/fhir/StructureDefinition/event-detail"},
           {"extension",
            {{{"url", "name"}, {"valueCode", "drug"}}, {{"url", "value"}, {"valueString", "Insulin"}}}}},
          {{"url", "https://hqms.example.org/fhir/StructureDefinition/event-detail"},
           {"extension",
            {{{"url", "name"}, {"valueCode", "stage"}},
             {{"url", "value"}, {"valueString", "administering"}}}}}}}}}};
}

json bundle(std::vector<json> entries) {
  return {{"resourceType", "Bundle"}, {"type", "collection"}, {"entry", entries}};
}

TEST(IncidentRecord, FhirImportFillsTheTriageQueueAllOrNothing) {
  TestHospital h;
  auto pso = h.signed_in("pso.main");
  auto bad = pso.post("/api/v1/incidents/fhir-import",
                      bundle({adverse_event("EHR-1", "ED, Resus 2", "2026-11-25T22:10:00Z"),
                              adverse_event("EHR-2", "Nowhere Ward", "2026-11-25T23:00:00Z")}));
  EXPECT_EQ(bad.status, 422);
  EXPECT_EQ(error_fields(bad), std::vector<std::string>{"entry[1].resource.location.display"}) << bad.body;
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=triage").json()["total"], 0) << "nothing imported";
  auto undated = pso.post(
      "/api/v1/incidents/fhir-import",
      bundle({adverse_event("EHR-1", "ED", "2026-11-25"), adverse_event("EHR-2", "ICU", "yesterday")}));
  EXPECT_EQ(error_fields(undated), std::vector<std::string>{"entry[1].resource.date"});

  const auto good = bundle({adverse_event("EHR-1", "ED, Resus 2", "2026-11-25T22:10:00Z"),
                            adverse_event("EHR-2", "Intensive Care Unit", "2026-11-25T23:00:00+01:00")});
  EXPECT_EQ(h.signed_in("nurse.ed").post("/api/v1/incidents/fhir-import", good).status, 403);
  EXPECT_EQ(h.signed_in("pso.north").post("/api/v1/incidents/fhir-import", good).status, 403)
      << "the events lie outside the importer's site";
  auto r = pso.post("/api/v1/incidents/fhir-import", good);
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(r.json()["imported"], 2);
  const auto queue = pso.get("/api/v1/incidents?queue=triage&sort=reference").json();
  ASSERT_EQ(queue["total"], 2);
  EXPECT_EQ(queue["items"][0]["reference"], r.json()["references"][0]);
  EXPECT_EQ(queue["items"][1]["reference"], r.json()["references"][1]);
  const auto first = pso.get(incident_path(queue["items"][0]["id"].get<Id>())).json();
  EXPECT_EQ(first["category"], "medication");
  EXPECT_EQ(first["merpCategory"], "E");
  EXPECT_EQ(first["harm"], "mild");
  EXPECT_EQ(first["harmDuration"], "temporary");
  EXPECT_EQ(first["departmentName"], "Emergency Department");
  EXPECT_EQ(first["location"], "Resus 2");
  EXPECT_EQ(first["patient"]["identifier"], "MRN-3003");
  EXPECT_EQ(first["details"]["drug"], "Insulin");
  EXPECT_EQ(first["occurredAt"], "2026-11-25T22:10:00.000Z");
  EXPECT_TRUE(first["reporter"].is_null());
  const auto second = pso.get(incident_path(queue["items"][1]["id"].get<Id>())).json();
  EXPECT_EQ(second["departmentName"], "Intensive Care Unit");
  EXPECT_EQ(second["occurredAt"], "2026-11-25T22:00:00.000Z");

  auto audit = h.signed_in("auditor").get("/api/v1/audit?entityType=incident&action=create&limit=1").json();
  EXPECT_EQ(audit["total"], 2);
  EXPECT_EQ(audit["items"][0]["actor"], json({{"id", user_id(h, "pso.main")}, {"username", "pso.main"}}))
      << "the importer is the actor, though the report has no reporter";
  EXPECT_EQ(audit["items"][0]["summary"].get<std::string>().find("Imported from FHIR AdverseEvent EHR-2"),
            0u);

  // The same EHR event imported again is found, not filed twice.
  auto again = pso.post("/api/v1/incidents/fhir-import", good);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["imported"], 0);
  EXPECT_EQ(again.json()["alreadyImported"], r.json()["references"]);
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=triage").json()["total"], 2);
}

TEST(IncidentRecord, FhirEventsWithoutAnIdentifierAreEachFiled) {
  TestHospital h;
  auto pso = h.signed_in("pso.main");
  const auto unidentified = [](const std::string& location, const std::string& date) {
    auto entry = adverse_event("", location, date);
    entry["resource"].erase("identifier");
    return entry;
  };
  auto r = pso.post("/api/v1/incidents/fhir-import", bundle({unidentified("ED", "2026-11-25T22:10:00Z"),
                                                             unidentified("ICU", "2026-11-25T23:10:00Z")}));
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_NE(r.json()["references"][0], r.json()["references"][1]);
  auto later =
      pso.post("/api/v1/incidents/fhir-import", bundle({unidentified("ED", "2026-11-26T06:00:00Z")}));
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_EQ(pso.get("/api/v1/incidents?queue=triage").json()["total"], 3);
}

}  // namespace
}  // namespace hqms::test
