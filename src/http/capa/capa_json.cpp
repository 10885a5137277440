#include "http/capa/capa_json.hpp"

#include <algorithm>

#include "core/capa/capa_workflow.hpp"
#include "http/capa/capa_access.hpp"
#include "http/json/mapping.hpp"

namespace hqms::http {

using nlohmann::json;

int age_days(const CorrectiveAction& c, Timestamp now) {
  auto until = now;
  if (c.closed_at)
    until = *c.closed_at;
  else if (c.state == CapaState::cancelled)
    until = c.updated_at;
  const auto days = (utc_day(until) - utc_day(c.created_at)).count();
  return static_cast<int>(std::max<std::int64_t>(days, 0));
}

json person_json(const PersonNames& names, std::optional<Id> id) {
  if (!id) return nullptr;
  auto it = names.find(*id);
  return {{"id", *id}, {"displayName", it == names.end() ? "" : it->second}};
}

std::string date_text(Date day) {
  return format_date(Timestamp(day));
}

json date_json(const std::optional<Date>& day) {
  return day ? json(date_text(*day)) : json(nullptr);
}

namespace {

json instant_json(const std::optional<Timestamp>& t) {
  return t ? json(format_iso(*t)) : json(nullptr);
}

json id_or_null(const std::optional<Id>& id) {
  return id ? json(*id) : json(nullptr);
}

bool is_open(const CapaAction& a) {
  return a.status != CapaActionStatus::done && a.status != CapaActionStatus::cancelled;
}

json link_json(Id id, const std::string& reference, const std::string& title) {
  return {{"id", id}, {"reference", reference}, {"title", title}};
}

// A linked record is shown by reference and title; one since removed shows as no link.
template <class Get>
Result<json> linked(const std::optional<Id>& id, Get&& get) {
  if (!id) return json(nullptr);
  auto record = get(*id);
  if (!record) {
    if (record.error().kind == ErrorKind::not_found) return json(nullptr);
    return record.error();
  }
  return link_json(record->id, record->reference, record->title);
}

struct CapaLinks {
  json investigation;
  json risk;
  json fmea;
};

json capa_json(const RequestContext& ctx, const CorrectiveAction& c, const PersonNames& names,
               const std::vector<EvidenceFile>& evidence, const CapaLinks& links) {
  const auto now = ctx.now();
  const auto today = utc_day(now);
  const auto* dept = ctx.org().department(c.department_id);
  const bool active = c.state == CapaState::planned || c.state == CapaState::in_progress;
  auto actions = json::array();
  for (const auto& a : c.actions) {
    auto files = json::array();
    for (const auto& f : evidence)
      if (f.action_id == a.id) files.push_back(evidence_json(f, names));
    actions.push_back({{"id", a.id},
                       {"description", a.description},
                       {"strength", to_string(a.strength)},
                       {"owner", person_json(names, a.owner_id)},
                       {"ownerId", id_or_null(a.owner_id)},
                       {"dueOn", date_json(a.due_on)},
                       {"status", to_string(a.status)},
                       {"completionNote", a.completion_note},
                       {"completedAt", instant_json(a.completed_at)},
                       // A closed or cancelled CAPA leaves nothing to chase, whatever its actions say.
                       {"overdue", !is_finished(c.state) && is_overdue(a, today)},
                       {"investigationActionId", id_or_null(a.investigation_action_id)},
                       {"failureModeId", id_or_null(a.failure_mode_id)},
                       {"evidence", std::move(files)},
                       {"can", {{"progress", active && may_progress(ctx, c, a)}}}});
  }
  auto checks = json::array();
  for (const auto& k : c.checks)
    checks.push_back({{"id", k.id},
                      {"result", to_string(k.result)},
                      {"criterion", k.criterion},
                      {"evidence", k.evidence},
                      {"checkedBy", person_json(names, k.checked_by)},
                      {"checkedAt", format_iso(k.checked_at)}});
  const bool editable = may_edit(ctx, c) && !is_finished(c.state);
  auto next = json::array();
  if (editable)
    for (auto s : next_states(c.state)) next.push_back(to_string(s));
  const bool can_transition = editable && !next.empty();
  return {{"id", c.id},
          {"reference", c.reference},
          {"title", c.title},
          {"kind", to_string(c.kind)},
          {"source", to_string(c.source)},
          {"sourceLabel", label(c.source)},
          {"sourceReference", c.source_reference},
          {"investigation", links.investigation},
          {"risk", links.risk},
          {"fmeaStudy", links.fmea},
          {"siteId", c.site_id},
          {"departmentId", c.department_id},
          {"departmentName", dept ? dept->name : ""},
          {"coordinator", person_json(names, c.coordinator_id)},
          {"problemStatement", c.problem_statement},
          {"containment", c.containment},
          {"rootCause", c.root_cause},
          {"actions", std::move(actions)},
          {"onlyWeakerActions", only_weaker_actions(c.actions)},
          {"effectivenessCriterion", c.effectiveness_criterion},
          {"effectivenessDueOn", date_json(c.effectiveness_due_on)},
          {"checks", std::move(checks)},
          {"state", to_string(c.state)},
          {"stateLabel", label(c.state)},
          {"cancelReason", c.cancel_reason},
          {"overdue", is_overdue(c, today)},
          {"ageDays", age_days(c, now)},
          {"createdAt", format_iso(c.created_at)},
          {"updatedAt", format_iso(c.updated_at)},
          {"closedAt", instant_json(c.closed_at)},
          {"createdBy", person_json(names, c.created_by)},
          {"version", c.version},
          {"nextStates", std::move(next)},
          {"can", {{"edit", editable}, {"transition", can_transition}, {"verify", may_verify(ctx, c)}}}};
}

}  // namespace

std::optional<Date> next_due(const CorrectiveAction& c) {
  std::optional<Date> next;
  for (const auto& a : c.actions)
    if (is_open(a) && a.due_on && (!next || *a.due_on < *next)) next = a.due_on;
  if (!next && c.state == CapaState::awaiting_verification) next = c.effectiveness_due_on;
  return next;
}

std::vector<Id> people_of(const CorrectiveAction& c, const std::vector<EvidenceFile>& evidence) {
  std::vector<Id> people;
  if (c.coordinator_id) people.push_back(*c.coordinator_id);
  if (c.created_by) people.push_back(*c.created_by);
  for (const auto& a : c.actions)
    if (a.owner_id) people.push_back(*a.owner_id);
  for (const auto& k : c.checks) people.push_back(k.checked_by);
  for (const auto& f : evidence) people.push_back(f.uploaded_by);
  return people;
}

json evidence_json(const EvidenceFile& f, const PersonNames& names) {
  return {{"id", f.id},
          {"fileName", f.file_name},
          {"mediaType", f.media_type},
          {"sizeBytes", f.size_bytes},
          {"uploadedBy", person_json(names, f.uploaded_by)},
          {"uploadedAt", format_iso(f.uploaded_at)}};
}

Result<Response> capa_response(RequestContext& ctx, store::UnitOfWork& uow, const CorrectiveAction& c,
                               int status) {
  auto evidence = uow.capa().evidence(c.id);
  if (!evidence) return evidence.error();
  auto names = uow.users().display_names(people_of(c, *evidence));
  if (!names) return names.error();
  CapaLinks links;
  auto investigation = linked(c.investigation_id, [&](Id id) { return uow.investigations().get(id); });
  if (!investigation) return investigation.error();
  links.investigation = std::move(*investigation);
  auto risk = linked(c.risk_id, [&](Id id) { return uow.risks().get(id); });
  if (!risk) return risk.error();
  links.risk = std::move(*risk);
  auto fmea = linked(c.fmea_study_id, [&](Id id) { return uow.fmea().get(id); });
  if (!fmea) return fmea.error();
  links.fmea = std::move(*fmea);
  return json_ok(capa_json(ctx, c, *names, *evidence, links), status);
}

json capa_list_item(const Organisation& org, const CorrectiveAction& c, const PersonNames& names,
                    Timestamp now) {
  const auto* dept = org.department(c.department_id);
  const auto open = std::count_if(c.actions.begin(), c.actions.end(), is_open);
  return {{"id", c.id},
          {"reference", c.reference},
          {"title", c.title},
          {"kind", to_string(c.kind)},
          {"source", to_string(c.source)},
          {"state", to_string(c.state)},
          {"stateLabel", label(c.state)},
          {"departmentName", dept ? dept->name : ""},
          {"coordinator", person_json(names, c.coordinator_id)},
          {"actionCount", c.actions.size()},
          {"openActionCount", open},
          {"nextDueOn", date_json(next_due(c))},
          {"overdue", is_overdue(c, utc_day(now))},
          {"onlyWeakerActions", only_weaker_actions(c.actions)},
          {"ageDays", age_days(c, now)},
          {"updatedAt", format_iso(c.updated_at)}};
}

Result<PersonNames> coordinator_names(store::UnitOfWork& uow, const std::vector<CorrectiveAction>& items) {
  std::vector<Id> people;
  for (const auto& c : items)
    if (c.coordinator_id) people.push_back(*c.coordinator_id);
  return uow.users().display_names(people);
}

json capa_audit_json(const CorrectiveAction& c) {
  auto actions = json::array();
  for (const auto& a : c.actions)
    actions.push_back({{"id", a.id},
                       {"description", a.description},
                       {"strength", to_string(a.strength)},
                       {"ownerId", id_or_null(a.owner_id)},
                       {"dueOn", date_json(a.due_on)},
                       {"status", to_string(a.status)},
                       {"completionNote", a.completion_note}});
  auto checks = json::array();
  for (const auto& k : c.checks)
    checks.push_back({{"id", k.id},
                      {"result", to_string(k.result)},
                      {"evidence", k.evidence},
                      {"checkedBy", k.checked_by}});
  return {{"title", c.title},
          {"kind", to_string(c.kind)},
          {"source", to_string(c.source)},
          {"sourceReference", c.source_reference},
          {"investigationId", id_or_null(c.investigation_id)},
          {"riskId", id_or_null(c.risk_id)},
          {"fmeaStudyId", id_or_null(c.fmea_study_id)},
          {"departmentId", c.department_id},
          {"coordinatorId", id_or_null(c.coordinator_id)},
          {"problemStatement", c.problem_statement},
          {"containment", c.containment},
          {"rootCause", c.root_cause},
          {"actions", std::move(actions)},
          {"effectivenessCriterion", c.effectiveness_criterion},
          {"effectivenessDueOn", date_json(c.effectiveness_due_on)},
          {"checks", std::move(checks)},
          {"state", to_string(c.state)},
          {"cancelReason", c.cancel_reason}};
}

json overdue_item_json(const Organisation& org, const OverdueAction& a, const PersonNames& names,
                       Date today) {
  const auto* dept = org.department(a.department_id);
  return {{"capaId", a.capa_id},
          {"capaReference", a.capa_reference},
          {"capaTitle", a.capa_title},
          {"actionId", a.action_id},
          {"description", a.description},
          {"dueOn", date_text(a.due_on)},
          {"daysOverdue", days_overdue(a, today)},
          {"owner", person_json(names, a.owner_id)},
          {"departmentName", dept ? dept->name : ""}};
}

}  // namespace hqms::http
