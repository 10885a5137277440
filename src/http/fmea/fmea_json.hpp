#pragma once
// How FMEA studies and their worksheet rows look on the wire (docs/openapi.yaml, Fmea and FmeaRow) and in the
// audit trail, and how a header or a row is read from a request body.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/fmea/fmea.hpp"
#include "http/json/body_reader.hpp"
#include "http/routing/request_context.hpp"
#include "store/database.hpp"

namespace hqms::http {

// What a study names besides itself: people's display names and the references of the CAPAs its rows became.
struct StudyNames {
  std::map<Id, std::string> people;
  std::map<Id, std::string> capa_references;
};

// Looks the names up: people through the users, CAPA references through the CAPAs.
Result<StudyNames> study_names(store::UnitOfWork& uow, const FmeaStudy& study);

nlohmann::json failure_mode_json(const FmeaStudy& study, const FailureMode& fm, const StudyNames& names);
nlohmann::json fmea_json(const RequestContext& ctx, const FmeaStudy& study, const StudyNames& names);
// A list row: a study loaded with its failure modes, shown by its header and worksheet totals.
nlohmann::json fmea_list_item_json(const RequestContext& ctx, const FmeaStudy& study,
                                   const std::map<Id, std::string>& people);

// What the audit trail keeps: the header, team and steps (rows are audited one at a time).
nlohmann::json fmea_audit_json(const FmeaStudy& study);
nlohmann::json failure_mode_audit_json(const FailureMode& fm);

// The header from a body: title, process, leadId, team, steps [{id?, name}] (their order is the numbering)
// and, on a change, state. A step id must be one of the study's. Errors collect in `body`.
void read_header(BodyReader& body, FmeaStudy& study, bool creating);
// A worksheet row from a body; `creating` makes stepId, mode and the three ratings required. Ratings out of
// 1..10 are left to check_failure_mode.
void read_failure_mode(BodyReader& body, FailureMode& fm, bool creating);

}  // namespace hqms::http
