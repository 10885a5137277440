#include "http/incidents/report_filing.hpp"

#include "core/incidents/incident_rules.hpp"
#include "http/incidents/incident_json.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

Result<Filed> file_report(store::UnitOfWork& uow, const Filing& f, Timestamp now) {
  if (auto errors = check_submission(f.submission, f.org, now); !errors.empty())
    return Error::validation(std::move(errors), "The report has fields to correct.");
  if (!f.submission_key.empty()) {
    auto earlier = uow.incidents().find_submission(f.reporter_id, f.submission_key);
    if (!earlier) return earlier.error();
    if (*earlier) {
      auto report = uow.incidents().get(**earlier);
      if (!report) return report.error();
      return Filed{std::move(*report), false};
    }
  }
  const Timestamp at = f.anonymous ? Timestamp(std::chrono::floor<std::chrono::days>(now)) : now;
  IncidentReport r;
  r.event = f.submission;
  r.site_id = f.org.department(f.submission.department_id)->site_id;
  r.anonymous = f.anonymous;
  r.reporter_id = f.anonymous ? std::nullopt : f.reporter_id;
  r.submitted_at = at;
  r.updated_at = at;
  r.state = IncidentState::submitted;
  auto id = uow.incidents().create(r, f.submission_key);
  if (!id) return id.error();
  auto stored = uow.incidents().get(*id);
  if (!stored) return stored.error();

  AuditEvent event;
  event.actor_id = f.anonymous ? std::nullopt : f.actor_id;
  event.actor_username = f.reporter_username;
  event.action = "create";
  event.entity_type = "incident";
  event.entity_id = std::to_string(*id);
  event.summary = f.audit_summary + " " + stored->reference;
  event.after = incident_audit_json(*stored);
  place_audit_event(event, f.org, {ScopeType::department, r.event.department_id});
  // An anonymous report's entry waits for the day's end, so its place in the chain cannot time it either.
  auto logged = f.anonymous ? uow.audit().hold(event, at) : uow.audit().record(event, at);
  if (!logged) return logged.error();
  return Filed{std::move(*stored), true};
}

}  // namespace hqms::http
