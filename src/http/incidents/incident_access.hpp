#pragma once
// Who may do what with one reported event. Roles reach the events of their scope; beyond that, reporters
// follow their own reports and the assigned handler and investigator work on theirs.
#include "core/incidents/incident_rules.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"
#include "store/database.hpp"

namespace hqms::http {

ScopeRef incident_scope(const IncidentReport& r);

struct IncidentAccess {
  bool view = false;
  bool patient = false;  // patient identifiers (PHI)
  bool triage = false;
  bool transition = false;
  bool comment = false;
  bool investigate = false;  // start or join an investigation of it
};

IncidentAccess incident_access(const RequestContext& ctx, const IncidentReport& r);

// Today and the business-day calendar that the deadlines are counted in.
struct IncidentClock {
  Date today{};
  BusinessCalendar calendar;
  SentinelPolicy sentinel;
  // Disclosure is overdue for reports submitted before this instant (kDisclosureDueBusinessDays).
  Timestamp disclosure_cutoff{};
};
Result<IncidentClock> incident_clock(store::UnitOfWork& uow, Timestamp now);

// Loads a report and checks that the caller may at least see it (403, audited, otherwise).
Result<IncidentReport> load_visible_incident(RequestContext& ctx, store::UnitOfWork& uow, Id id);

// What the caller may see and their own queues' parameters, before any filter.
store::IncidentQuery caller_incident_query(const RequestContext& ctx, const IncidentClock& clock);

// The list filters shared by the list, its exports and the learning charts, read from the query string.
// Unpaged (exports, charts) reads no limit or offset and sorts newest first.
Result<store::IncidentQuery> read_incident_query(RequestContext& ctx, QueryReader& query,
                                                 const IncidentClock& clock, bool paged);

}  // namespace hqms::http
