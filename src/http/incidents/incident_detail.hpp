#pragma once
#include "http/incidents/incident_access.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

// A report as its detail page shows it: with its deadlines, external-reporting obligations, attachments and
// the names of the people it mentions, all read in `uow`.
Result<Response> incident_detail_response(RequestContext& ctx, store::UnitOfWork& uow,
                                          const IncidentReport& r, int status = 200);

// The same after a change committed: a fresh read transaction.
Result<Response> incident_detail_response(RequestContext& ctx, Id id, int status = 200);

}  // namespace hqms::http
