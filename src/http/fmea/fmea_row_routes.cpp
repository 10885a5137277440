// The worksheet rows of an FMEA study, saved one at a time with their own version so that two people can
// fill in different rows at once, and the step that turns a row's recommended action into a CAPA.
#include <algorithm>

#include "core/capa/corrective_action.hpp"
#include "http/capa/capa_json.hpp"
#include "http/fmea/fmea_access.hpp"
#include "http/fmea/fmea_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

// The study, locked for the change, once the caller may edit it (refusals noted for after the transaction).
Result<FmeaStudy> load_editable(RequestContext& ctx, store::UnitOfWork& uow, Id id, Refusal& refused) {
  auto study = uow.fmea().get_for_update(id);
  if (!study) return study.error();
  if (!may_read(ctx, *study)) return refused.refuse("view this FMEA study", study_scope(*study));
  if (!may_edit(ctx, *study)) return refused.refuse("change this FMEA study", study_scope(*study));
  return study;
}

Result<FailureMode> row_of(const FmeaStudy& study, Result<Id> row_id) {
  if (!row_id) return row_id.error();
  auto it = std::find_if(study.failure_modes.begin(), study.failure_modes.end(),
                         [&](const auto& fm) { return fm.id == *row_id; });
  if (it == study.failure_modes.end())
    return Error::not_found("There is no such failure mode in " + study.reference + ".");
  return *it;
}

// The row's rules, reported with the body's own errors: its step is one of the study's and core's rules hold.
void check_row(BodyReader& body, const FmeaStudy& study, const FailureMode& fm) {
  if (std::none_of(study.steps.begin(), study.steps.end(), [&](const auto& s) { return s.id == fm.step_id; }))
    body.error("stepId", "is not a step of this study");
  body.errors(check_failure_mode(fm));
}

// The person responsible is a user (422 rather than the database's foreign-key failure).
Result<void> check_responsible(store::UnitOfWork& uow, const FailureMode& fm) {
  if (!fm.responsible_id) return {};
  auto user = uow.users().get(*fm.responsible_id);
  if (user) return {};
  if (user.error().kind != ErrorKind::not_found) return user.error();
  return Error::validation({{"responsibleId", "is not a known user"}});
}

Result<void> record_change(RequestContext& ctx, store::UnitOfWork& uow, const FmeaStudy& study,
                           std::string action, std::string summary, json before, json after) {
  if (auto r = uow.fmea().touch(study.id, ctx.now()); !r) return r;
  return uow.audit().record(
      ctx.audit_event(std::move(action), "fmea", std::to_string(study.id), std::move(summary),
                      std::move(before), std::move(after), study_scope(study)),
      ctx.now());
}

// The row as saved, with the names it shows, read back after the transaction.
Result<json> saved_row(RequestContext& ctx, Id study_id, Id row_id) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto study = (*uow)->fmea().get(study_id);
  if (!study) return study.error();
  auto fm = row_of(*study, row_id);
  if (!fm) return fm.error();
  auto names = study_names(**uow, *study);
  if (!names) return names.error();
  return failure_mode_json(*study, *fm, *names);
}

std::string in_quotes(const std::string& mode) {
  return "\u201c" + mode + "\u201d";
}

Result<Response> add_row(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Refusal refused;
  auto added = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Id> {
    refused.what.reset();
    auto study = load_editable(ctx, uow, *id, refused);
    if (!study) return study.error();
    FailureMode fm;
    read_failure_mode(*body, fm, true);
    check_row(*body, *study, fm);
    if (auto r = body->finish(); !r) return r.error();
    if (auto r = check_responsible(uow, fm); !r) return r.error();
    auto row_id = uow.fmea().add_failure_mode(study->id, fm);
    if (!row_id) return row_id.error();
    fm.id = *row_id;
    auto logged = record_change(ctx, uow, *study, "add_failure_mode",
                                "Added the failure mode " + in_quotes(fm.mode) + " to " + study->reference,
                                nullptr, failure_mode_audit_json(fm));
    if (!logged) return logged.error();
    return *row_id;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!added) return added.error();
  auto row = saved_row(ctx, *id, *added);
  if (!row) return row.error();
  return json_ok(*row, 201);
}

Result<Response> update_row(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Id> {
    refused.what.reset();
    auto study = load_editable(ctx, uow, *id, refused);
    if (!study) return study.error();
    auto before = row_of(*study, ctx.id_param("fmId"));
    if (!before) return before.error();
    auto after = *before;
    body->version(after.version);
    read_failure_mode(*body, after, false);
    check_row(*body, *study, after);
    if (auto r = body->finish(); !r) return r.error();
    if (auto r = check_responsible(uow, after); !r) return r.error();
    if (auto r = uow.fmea().update_failure_mode(study->id, after); !r) return r.error();
    auto logged =
        record_change(ctx, uow, *study, "update_failure_mode",
                      "Changed the failure mode " + in_quotes(after.mode) + " of " + study->reference,
                      failure_mode_audit_json(*before), failure_mode_audit_json(after));
    if (!logged) return logged.error();
    return after.id;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  auto row = saved_row(ctx, *id, *saved);
  if (!row) return row.error();
  return json_ok(*row);
}

Result<Response> remove_row(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  Refusal refused;
  auto removed = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    refused.what.reset();
    auto study = load_editable(ctx, uow, *id, refused);
    if (!study) return study.error();
    auto fm = row_of(*study, ctx.id_param("fmId"));
    if (!fm) return fm.error();
    if (auto r = uow.fmea().remove_failure_mode(study->id, fm->id); !r) return r;
    return record_change(ctx, uow, *study, "remove_failure_mode",
                         "Removed the failure mode " + in_quotes(fm->mode) + " from " + study->reference,
                         failure_mode_audit_json(*fm), nullptr);
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!removed) return removed.error();
  return empty_response(204);
}

// At most `limit` bytes of `text`, never cutting a UTF-8 character in two.
std::string clipped(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text;
}

// The CAPA a failure mode's recommended action becomes: preventive (the failure has not happened), in the
// study's department, coordinated by the person raising it, with the recommended action as its one action.
CorrectiveAction capa_for_failure_mode(const FmeaStudy& study, const FailureMode& fm, ActionStrength strength,
                                       Id raised_by, Timestamp now) {
  const auto step =
      std::find_if(study.steps.begin(), study.steps.end(), [&](const auto& s) { return s.id == fm.step_id; });
  CorrectiveAction capa;
  capa.title = clipped(study.reference + ": " + fm.mode, 300);
  capa.kind = CapaKind::preventive;
  capa.source = CapaSource::risk_review;
  capa.source_reference = study.reference;
  capa.fmea_study_id = study.id;
  capa.site_id = study.site_id;
  capa.department_id = study.department_id;
  capa.coordinator_id = raised_by;
  std::string problem = "Failure mode";
  if (step != study.steps.end())
    problem += " at step " + std::to_string(step->number) + " (" + step->name + ")";
  problem += " of " + study.title + ": " + fm.mode + ".";
  if (!fm.effects.empty()) problem += "\nEffects: " + fm.effects;
  problem += "\nRPN " + std::to_string(fm.rating.rpn()) + ", action priority " +
             std::string(to_string(fm.rating.priority())) + ".";
  capa.problem_statement = clipped(problem, 4000);
  capa.root_cause = fm.causes;
  CapaAction action;
  action.description = fm.recommended_action;
  action.strength = strength;
  action.owner_id = fm.responsible_id;
  action.due_on = fm.due_on;
  action.failure_mode_id = fm.id;
  capa.actions.push_back(std::move(action));
  capa.state = CapaState::open;
  capa.created_at = capa.updated_at = now;
  capa.created_by = raised_by;
  return capa;
}

struct RaisedCapa {
  Id capa_id = 0;
  std::string reference;
  Id row_id = 0;
};

Result<Response> raise_capa(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  // The body is optional: {strength?}.
  auto body = ctx.req().raw.body().empty() ? BodyReader::parse_text("{}") : BodyReader::parse(ctx.req());
  if (!body) return body.error();
  const auto strength = body->choice("strength", false, action_strength_from_string);
  if (auto r = body->finish(); !r) return r.error();
  Refusal refused;
  auto raised = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<RaisedCapa> {
    refused.what.reset();
    auto study = load_editable(ctx, uow, *id, refused);
    if (!study) return study.error();
    if (!ctx.policy().allows(Permission::capa_manage, study_scope(*study)))
      return refused.refuse("raise a CAPA in this department", study_scope(*study));
    auto fm = row_of(*study, ctx.id_param("fmId"));
    if (!fm) return fm.error();
    if (fm->corrective_action_id) {
      auto existing = uow.capa().get(*fm->corrective_action_id);
      return Error::conflict("This failure mode's recommended action is already the CAPA " +
                             (existing ? existing->reference : std::to_string(*fm->corrective_action_id)) +
                             ".");
    }
    if (fm->recommended_action.find_first_not_of(" \t\r\n") == std::string::npos)
      return Error::validation(
          {{"recommendedAction", "is required to raise a CAPA: say what should be done"}});
    auto capa = capa_for_failure_mode(*study, *fm, strength.value_or(ActionStrength::intermediate),
                                      ctx.principal().user.id, ctx.now());
    if (auto errors = check_capa(capa); !errors.empty()) return Error::validation(std::move(errors));
    auto capa_id = uow.capa().create(capa);
    if (!capa_id) return capa_id.error();
    auto stored = uow.capa().get(*capa_id);
    if (!stored) return stored.error();
    auto logged =
        uow.audit().record(ctx.audit_event("create", "capa", std::to_string(*capa_id),
                                           "Raised " + stored->reference + " from the failure mode " +
                                               in_quotes(fm->mode) + " of " + study->reference,
                                           nullptr, capa_audit_json(*stored), study_scope(*study)),
                           ctx.now());
    if (!logged) return logged.error();
    auto after = *fm;
    after.corrective_action_id = *capa_id;
    if (auto r = uow.fmea().update_failure_mode(study->id, after); !r) return r.error();
    if (auto r = record_change(
            ctx, uow, *study, "raise_capa",
            "Turned the recommended action for " + in_quotes(fm->mode) + " into " + stored->reference,
            failure_mode_audit_json(*fm), failure_mode_audit_json(after));
        !r)
      return r.error();
    return RaisedCapa{*capa_id, stored->reference, fm->id};
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!raised) return raised.error();
  auto row = saved_row(ctx, *id, raised->row_id);
  if (!row) return row.error();
  return json_ok({{"capa", {{"id", raised->capa_id}, {"reference", raised->reference}}}, {"row", *row}}, 201);
}

}  // namespace

void add_fmea_row_routes(Router& router) {
  router.add(Method::post, "/api/v1/fmea/{id}/failure-modes", Access::signed_in, add_row);
  router.add(Method::put, "/api/v1/fmea/{id}/failure-modes/{fmId}", Access::signed_in, update_row);
  router.add(Method::delete_, "/api/v1/fmea/{id}/failure-modes/{fmId}", Access::signed_in, remove_row);
  router.add(Method::post, "/api/v1/fmea/{id}/failure-modes/{fmId}/capa", Access::signed_in, raise_capa);
}

}  // namespace hqms::http
