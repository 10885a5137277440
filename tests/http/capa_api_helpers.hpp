#pragma once
// Shared by the CAPA API tests: a CAPA that passes every rule to start from, raising it, moving it along.
#include <gtest/gtest.h>

#include <string>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {

inline std::string capa_path(Id id, const std::string& rest = "") {
  return "/api/v1/capa/" + std::to_string(id) + rest;
}

// An Emergency Department CAPA ready to be planned: one stronger action owned by `owner`, due 2026-12-15,
// its effectiveness checked on 2027-02-28. `changes` is merged in (a null removes a member).
inline nlohmann::json capa_body(Id owner, const nlohmann::json& changes = nlohmann::json::object()) {
  nlohmann::json body{{"title", "Patient identification before blood sampling"},
                      {"kind", "corrective"},
                      {"source", "audit_finding"},
                      {"sourceReference", "Audit 2026/14"},
                      {"departmentId", kEmergency},
                      {"problemStatement", "Two samples in a month were labelled away from the bedside."},
                      {"containment", "All ED samples re-checked against the wristband for a week."},
                      {"rootCause", "Label printers sit at the nurses' station, not at the bedside."},
                      {"actions",
                       {{{"description", "Mobile label printers on every phlebotomy trolley"},
                         {"strength", "stronger"},
                         {"ownerId", owner},
                         {"dueOn", "2026-12-15"}}}},
                      {"effectivenessCriterion", "No mislabelled ED samples in three monthly audits"},
                      {"effectivenessDueOn", "2027-02-28"}};
  body.merge_patch(changes);
  return body;
}

// Raises `body` as the caller; the new CAPA's id, or 0 after a failed expectation.
inline Id raise_capa(HttpClient& as, const nlohmann::json& body) {
  auto r = as.post("/api/v1/capa", body);
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  return j.is_object() && j.contains("id") ? j["id"].get<Id>() : 0;
}

// Moves the CAPA on as `as`; the CAPA as answered.
inline nlohmann::json move_capa(HttpClient& as, Id id, const std::string& to,
                                const std::string& reason = "") {
  nlohmann::json body{{"to", to}};
  if (!reason.empty()) body["reason"] = reason;
  auto r = as.post(capa_path(id, "/transition"), body);
  EXPECT_EQ(r.status, 200) << to << ": " << r.body;
  return r.json();
}

inline Reply progress(HttpClient& as, Id capa, Id action, const std::string& status,
                      const std::string& note = "") {
  nlohmann::json body{{"status", status}};
  if (!note.empty()) body["completionNote"] = note;
  return as.post(capa_path(capa, "/actions/" + std::to_string(action) + "/progress"), body);
}

inline Id first_action(HttpClient& as, Id capa) {
  const auto c = as.get(capa_path(capa)).json();
  return c.is_object() && !c["actions"].empty() ? c["actions"][0]["id"].get<Id>() : 0;
}

// Plans the CAPA and finishes its first action as `owner`, leaving it awaiting verification.
inline void ready_for_verification(HttpClient& manager, HttpClient& owner, Id capa) {
  move_capa(manager, capa, "planned");
  const auto action = first_action(manager, capa);
  auto done = progress(owner, capa, action, "done", "Printers installed on all six trolleys.");
  EXPECT_EQ(done.status, 200) << done.body;
  move_capa(manager, capa, "awaiting_verification");
}

}  // namespace hqms::test
