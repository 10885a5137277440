#pragma once
// How CAPAs look on the wire (docs/openapi.yaml, Capa and CapaSummary) and in the audit trail.
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/capa/corrective_action.hpp"
#include "core/capa/overdue_digest.hpp"
#include "http/routing/request_context.hpp"
#include "store/database.hpp"

namespace hqms::http {

using PersonNames = std::map<Id, std::string>;

// Days open: until it closed or was cancelled, else until now.
int age_days(const CorrectiveAction& c, Timestamp now);

// {id, displayName}, or null.
nlohmann::json person_json(const PersonNames& names, std::optional<Id> id);
nlohmann::json date_json(const std::optional<Date>& day);
// The next date something of the CAPA is due: its earliest open action, or the effectiveness check once the
// actions are done.
std::optional<Date> next_due(const CorrectiveAction& c);
std::string date_text(Date day);

// Every person a CAPA's page names: coordinator, creator, owners, verifiers and evidence uploaders.
std::vector<Id> people_of(const CorrectiveAction& c, const std::vector<EvidenceFile>& evidence);

nlohmann::json evidence_json(const EvidenceFile& f, const PersonNames& names);

// The whole record as the caller sees it, with what they may do with it now.
Result<Response> capa_response(RequestContext& ctx, store::UnitOfWork& uow, const CorrectiveAction& c,
                               int status = 200);

// A row of the list, the board and the linked-actions lists of risks.
nlohmann::json capa_list_item(const Organisation& org, const CorrectiveAction& c, const PersonNames& names,
                              Timestamp now);
// The coordinators of `items`, by id.
Result<PersonNames> coordinator_names(store::UnitOfWork& uow, const std::vector<CorrectiveAction>& items);

// What the audit trail keeps: the whole record but display names and evidence bytes.
nlohmann::json capa_audit_json(const CorrectiveAction& c);

// An item of the overdue lists (home page, digest payload).
nlohmann::json overdue_item_json(const Organisation& org, const OverdueAction& a, const PersonNames& names,
                                 Date today);

}  // namespace hqms::http
