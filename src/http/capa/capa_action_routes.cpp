// The work on a CAPA's actions and its verification: an owner reports progress and uploads evidence on their
// own action (editors on any), and someone who owns none of the actions records whether the CAPA worked.
#include <algorithm>

#include "core/capa/capa_workflow.hpp"
#include "core/common/crypto.hpp"
#include "core/incidents/attachment_rules.hpp"
#include "http/capa/capa_access.hpp"
#include "http/capa/capa_body.hpp"
#include "http/capa/capa_change.hpp"
#include "http/capa/capa_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

// The action named by the path's {actionId} within `c`, or 404.
Result<std::size_t> action_index(const RequestContext& ctx, const CorrectiveAction& c) {
  auto id = ctx.id_param("actionId");
  if (!id) return id.error();
  auto it =
      std::find_if(c.actions.begin(), c.actions.end(), [&](const CapaAction& a) { return a.id == *id; });
  if (it == c.actions.end()) return Error::not_found(c.reference + " has no such action.");
  return static_cast<std::size_t>(it - c.actions.begin());
}

// check_capa speaks of the whole record (`actions[2].completionNote`); this route's body is the one action.
std::vector<FieldError> for_the_action(std::vector<FieldError> errors, std::size_t index) {
  const auto prefix = "actions[" + std::to_string(index) + "].";
  for (auto& e : errors)
    if (e.field.rfind(prefix, 0) == 0) e.field = e.field.substr(prefix.size());
  return errors;
}

Result<Response> record_progress(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  const auto status = body->choice("status", true, capa_action_status_from_string);
  const auto note = body->string("completionNote", false, 4000);
  if (auto r = body->finish(); !r) return r.error();
  return change_capa(
      ctx, "progress",
      [&](store::UnitOfWork& uow, const CorrectiveAction& before, CorrectiveAction& after, Refusal& refused,
          std::string& summary) -> Result<void> {
        auto index = action_index(ctx, before);
        if (!index) return index.error();
        if (!may_progress(ctx, before, before.actions[*index]))
          return refused.refuse("update the progress of this action", capa_scope(before));
        if (before.state != CapaState::planned && before.state != CapaState::in_progress)
          return Error::conflict("Progress is recorded while " + before.reference +
                                 " is planned or in progress; it is " + std::string(label(before.state)) +
                                 ".");
        auto& action = after.actions[*index];
        action.status = *status;
        if (note) action.completion_note = *note;
        if (action.status != CapaActionStatus::done)
          action.completed_at.reset();
        else if (!action.completed_at)
          action.completed_at = ctx.now();
        if (auto errors = check_capa(after); !errors.empty())
          return Error::validation(for_the_action(std::move(errors), *index));
        summary = "Action " + std::to_string(*index + 1) + " of " + before.reference + ": " +
                  std::string(label(action.status));
        // Work starting on a planned CAPA starts the CAPA.
        const bool started = *status == CapaActionStatus::in_progress || *status == CapaActionStatus::done;
        if (before.state == CapaState::planned && started) {
          apply_transition(after, CapaState::in_progress, "", ctx.now());
          auto logged = uow.audit().record(
              ctx.audit_event("transition", "capa", std::to_string(before.id),
                              "Moved " + before.reference + " to " + std::string(label(after.state)) +
                                  " as work on its actions began",
                              {{"state", to_string(before.state)}}, {{"state", to_string(after.state)}},
                              capa_scope(before)),
              ctx.now());
          if (!logged) return logged.error();
        }
        return {};
      });
}

Result<Response> upload_evidence(RequestContext& ctx) {
  auto capa_id = ctx.id_param("id");
  if (!capa_id) return capa_id.error();
  const auto& bytes = ctx.req().raw.body();
  auto accepted =
      check_attachment(ctx.req().query_value("name").value_or(""), ctx.req().header("Content-Type"), bytes);
  if (!accepted) return accepted.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    refused.what.reset();
    auto c = uow.capa().get_for_update(*capa_id);
    if (!c) return c.error();
    if (!may_read(ctx, *c)) return refused.refuse("view this CAPA", capa_scope(*c));
    auto index = action_index(ctx, *c);
    if (!index) return index.error();
    const auto& action = c->actions[*index];
    if (!may_progress(ctx, *c, action)) return refused.refuse("add evidence to this action", capa_scope(*c));
    if (is_finished(c->state))
      return Error::conflict(c->reference + " is " + std::string(label(c->state)) +
                             "; its evidence can no longer change.");
    EvidenceFile meta{0,
                      action.id,
                      accepted->file_name,
                      accepted->media_type,
                      static_cast<std::int64_t>(bytes.size()),
                      ctx.principal().user.id,
                      ctx.now()};
    auto id = uow.capa().add_evidence(c->id, meta, bytes);
    if (!id) return id.error();
    meta.id = *id;
    const json after{{"evidenceId", *id},
                     {"actionId", action.id},
                     {"fileName", meta.file_name},
                     {"mediaType", meta.media_type},
                     {"sizeBytes", meta.size_bytes},
                     {"sha256", sha256_hex(bytes)}};
    auto logged = uow.audit().record(ctx.audit_event("evidence", "capa", std::to_string(c->id),
                                                     "Added evidence " + meta.file_name + " to action " +
                                                         std::to_string(*index + 1) + " of " + c->reference,
                                                     nullptr, after, capa_scope(*c)),
                                     ctx.now());
    if (!logged) return logged.error();
    return evidence_json(meta, {{ctx.principal().user.id, ctx.principal().user.display_name}});
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  return json_ok(*saved, 201);
}

// Always a download, never rendered: attachment disposition, the stored (checked) type, and a sandbox CSP in
// case a browser decides to show it anyway.
Result<Response> download_evidence(RequestContext& ctx) {
  auto file_id = ctx.id_param("fileId");
  if (!file_id) return file_id.error();
  auto v = open_visible_capa(ctx);
  if (!v) return v.error();
  auto file = v->uow->capa().evidence_file(v->capa.id, *file_id);
  if (!file) return file.error();
  auto res = text_response(200, std::move(file->second), file->first.media_type);
  res.set(boost::beast::http::field::content_disposition,
          "attachment; filename=\"" + file->first.file_name + "\"");
  res.set("Content-Security-Policy", "sandbox; default-src 'none'");
  return res;
}

Result<Response> record_effectiveness_check(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  EffectivenessCheck check;
  check.result =
      body->choice("result", true, effectiveness_result_from_string).value_or(EffectivenessResult::effective);
  check.evidence = body->string("evidence", true, 4000).value_or("");
  std::optional<CapaAction> new_action;
  if (body->has("newAction") && !body->at("newAction").is_null()) {
    CapaAction start;
    start.strength = ActionStrength::intermediate;
    new_action = read_action(*body, body->at("newAction"), "newAction", start);
  }
  if (auto r = body->finish(); !r) return r.error();
  check.checked_by = ctx.principal().user.id;
  check.checked_at = ctx.now();
  // The verifier rule's own words go back to the caller; the refusal is still recorded as a denial.
  std::optional<std::string> verifier_refusal;
  auto answer = change_capa(
      ctx, "effectiveness",
      [&](store::UnitOfWork& uow, const CorrectiveAction& before, CorrectiveAction& after, Refusal& refused,
          std::string& summary) -> Result<void> {
        verifier_refusal.reset();
        if (!ctx.policy().allows(Permission::capa_manage, capa_scope(before)))
          return refused.refuse("record the effectiveness check of this CAPA", capa_scope(before));
        if (auto r = check_verifier(before, ctx.principal().user.id); !r) {
          verifier_refusal = r.error().message;
          return refused.refuse("verify a CAPA whose actions include your own", capa_scope(before));
        }
        auto checked = check;
        checked.criterion = before.effectiveness_criterion;
        if (auto r = record_effectiveness(after, checked, new_action, ctx.now()); !r) return r;
        if (new_action && check.result == EffectivenessResult::not_effective)
          if (auto r = check_capa_people(uow, after, &before); !r) return r;
        summary = check.result == EffectivenessResult::effective
                      ? "Verified " + before.reference + " effective; closed"
                      : "Found " + before.reference + " not effective; planned again with a new action";
        return {};
      });
  if (!answer && answer.error().kind == ErrorKind::forbidden && verifier_refusal) {
    auto error = answer.error();
    error.message = *verifier_refusal;
    return error;
  }
  return answer;
}

}  // namespace

void add_capa_action_routes(Router& router) {
  router.add(Method::post, "/api/v1/capa/{id}/actions/{actionId}/progress", Access::signed_in,
             record_progress);
  router.add(Method::post, "/api/v1/capa/{id}/actions/{actionId}/evidence", Access::signed_in,
             upload_evidence, BodyKind::binary);
  router.add(Method::get, "/api/v1/capa/{id}/evidence/{fileId}", Access::signed_in, download_evidence);
  router.add(Method::post, "/api/v1/capa/{id}/effectiveness", Access::signed_in, record_effectiveness_check);
}

}  // namespace hqms::http
