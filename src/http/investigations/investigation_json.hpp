#pragma once
// How investigations look on the wire (docs/openapi.yaml, Investigation) and in the audit trail, and how a
// saved record is read from a request.
#include <map>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/incidents/incident_report.hpp"
#include "core/investigations/investigation.hpp"
#include "http/json/body_reader.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

// `capa_references` names the CAPAs the plan's actions became, by CAPA id.
nlohmann::json investigation_json(const RequestContext& ctx, const Investigation& v,
                                  const std::vector<IncidentReport>& events,
                                  const std::map<Id, std::string>& names,
                                  const std::map<Id, std::string>& capa_references = {});
// What the audit trail keeps: the whole record but the display names.
nlohmann::json investigation_audit_json(const Investigation& v);

// A list of distinct ids from the body (errors against `field`).
std::vector<Id> read_ids(BodyReader& body, const char* field);
// The editable parts of the record from the body; errors collect in `body`.
void read_record(BodyReader& body, Investigation& v);

}  // namespace hqms::http
