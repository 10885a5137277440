// One report's page: triage, the workflow, comments, attachments, external reports, disclosure and its FHIR
// form. Every change re-reads the report inside its transaction (locked where the database can) and is
// audited with before and after.
#include "core/common/crypto.hpp"
#include "core/incidents/attachment_rules.hpp"
#include "core/incidents/category_fields.hpp"
#include "core/incidents/harm_consistency.hpp"
#include "core/incidents/sentinel_event.hpp"
#include "core/interop/fhir_adverse_event.hpp"
#include "http/incidents/incident_detail.hpp"
#include "http/incidents/incident_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

// The report named in the path, in a read transaction, once the caller is known to see it (403, audited,
// otherwise).
struct VisibleIncident {
  std::unique_ptr<store::UnitOfWork> uow;
  IncidentReport report;
};

Result<VisibleIncident> open_visible_incident(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto r = load_visible_incident(ctx, **uow, *id);
  if (!r) return r.error();
  return VisibleIncident{std::move(*uow), std::move(*r)};
}

Result<Response> get_incident(RequestContext& ctx) {
  auto v = open_visible_incident(ctx);
  if (!v) return v.error();
  return incident_detail_response(ctx, *v->uow, v->report);
}

// Runs `change` on the locked report when `allowed` says the caller may, records it in the audit trail and
// answers the report as it now is.
using Change = std::function<Result<void>(store::UnitOfWork&, IncidentReport&, Refusal&)>;
Result<Response> change_incident(RequestContext& ctx, const std::string& action, const std::string& what,
                                 bool (*allowed)(const IncidentAccess&), const Change& change) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  Refusal refusal;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Id> {
    refusal.what.reset();
    auto before = uow.incidents().get_for_update(*id);
    if (!before) return before.error();
    const auto access = incident_access(ctx, *before);
    if (!access.view) return refusal.refuse("view this event report", incident_scope(*before));
    if (!allowed(access)) return refusal.refuse(what, incident_scope(*before));
    auto after = *before;
    if (auto r = change(uow, after, refusal); !r) return r.error();
    after.updated_at = ctx.now();
    if (auto r = uow.incidents().update(after); !r) return r.error();
    auto logged = uow.audit().record(
        ctx.audit_event(action, "incident", std::to_string(after.id), what + ": " + after.reference,
                        incident_audit_json(*before), incident_audit_json(after), incident_scope(after)),
        ctx.now());
    if (!logged) return logged.error();
    return after.id;
  });
  if (auto denied = refusal.record(ctx)) return *denied;
  if (!saved) return saved.error();
  return incident_detail_response(ctx, *saved);
}

// The report for a change that needs only that the caller sees it; a refusal is noted for after the
// transaction (Refusal).
Result<IncidentReport> get_visible(RequestContext& ctx, store::UnitOfWork& uow, Id id, Refusal& refusal) {
  auto r = uow.incidents().get(id);
  if (!r) return r.error();
  if (!incident_access(ctx, *r).view) return refusal.refuse("view this event report", incident_scope(*r));
  return r;
}

// When the caller says which version they are changing (the web page always does), a report changed since
// is refused rather than overwritten.
Result<void> require_version(BodyReader& body, const IncidentReport& r) {
  if (!body.has("version")) return {};
  const auto version = version_number(body.at("version"));
  if (!version) return Error::validation({{"version", "must be the version number you are changing"}});
  if (*version != r.version)
    return Error{
        ErrorKind::conflict,
        "Someone else changed " + r.reference + " while you were looking at it; reload and try again.",
        {{"version", "is no longer the current version"}},
        {}};
  return {};
}

Result<void> require_active_user(store::UnitOfWork& uow, BodyReader& body, const char* field,
                                 std::optional<Id>& target) {
  auto id = body.nullable_id(field);
  if (!id) return {};
  target = *id;
  if (!*id) return {};
  auto user = uow.users().get(**id);
  if (!user || !user->active) return Error::validation({{field, "must be an active user"}});
  return {};
}

Result<Response> triage(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  return change_incident(
      ctx, "triage", "triage this event report", [](const IncidentAccess& a) { return a.triage; },
      [&](store::UnitOfWork& uow, IncidentReport& r, Refusal&) -> Result<void> {
        if (auto v = require_version(*body, r); !v) return v;
        if (is_final(r.state) || r.state == IncidentState::closed)
          return Error::conflict(r.reference + " is " + std::string(label(r.state)) +
                                 " and cannot be triaged.");
        auto& e = r.event;
        if (auto v = body->choice("type", false, event_type_from_string)) e.type = *v;
        if (auto v = body->choice("category", false, event_category_from_string)) e.category = *v;
        if (auto v = body->choice("harm", false, harm_level_from_string)) e.harm = *v;
        if (auto v = body->choice("harmDuration", false, harm_duration_from_string)) e.harm_duration = *v;
        if (body->has("merpCategory"))
          e.merp = body->choice("merpCategory", false, merp_category_from_string);
        if (body->has("details")) {
          const auto& details = body->at("details");
          if (!details.is_object()) {
            body->error("details", "must be an object of answers");
          } else {
            e.details.clear();
            for (const auto& [k, v] : details.items()) {
              if (v.is_string())
                e.details[k] = v.get<std::string>();
              else if (!v.is_null())
                body->error("details." + k, "must be a string");
            }
          }
        }
        if (body->has("severity")) r.severity = body->choice("severity", false, severity_from_string);
        if (auto v = require_active_user(uow, *body, "handlerId", r.handler_id); !v) return v;
        if (auto v = require_active_user(uow, *body, "investigatorId", r.investigator_id); !v) return v;
        if (auto v = body->boolean("relatedToNaturalCourse")) r.related_to_natural_course = *v;
        const bool sentinel = body->boolean("sentinel").value_or(r.sentinel);
        if (auto fin = body->finish(); !fin) return fin;
        std::vector<FieldError> errors =
            check_harm_consistency({e.type, e.category, e.harm, e.harm_duration, e.merp});
        auto detail_errors = check_event_details(e.category, e.details);
        errors.insert(errors.end(), detail_errors.begin(), detail_errors.end());
        if (sentinel && !meets_sentinel_definition(e.harm, e.harm_duration, r.related_to_natural_course))
          errors.push_back(
              {"sentinel",
               "a sentinel event is death, permanent harm or severe temporary harm not related to "
               "the natural course of the patient's illness; the harm recorded does not meet it"});
        if (!errors.empty()) return Error::validation(std::move(errors), "The triage has fields to correct.");

        auto clock = incident_clock(uow, ctx.now());
        if (!clock) return clock.error();
        if (sentinel && !r.sentinel) {
          r.sentinel_flagged_on = clock->today;
          r.analysis_due = sentinel_analysis_due(clock->today, clock->sentinel, clock->calendar);
        } else if (!sentinel) {
          r.sentinel_flagged_on.reset();
          r.analysis_due.reset();
        }
        r.sentinel = sentinel;
        if (r.state == IncidentState::submitted) r.state = IncidentState::in_triage;
        return {};
      });
}

bool may_transition(const IncidentAccess& a) {
  return a.transition;
}

Result<Response> transition(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto to = body->choice("to", true, incident_state_from_string);
  auto reason = body->string("reason", false, 2000).value_or("");
  auto merged_into = body->nullable_id("mergedInto").value_or(std::nullopt);
  if (auto r = body->finish(); !r) return r.error();
  return change_incident(ctx, "transition", "move this event report through its workflow", may_transition,
                         [&](store::UnitOfWork& uow, IncidentReport& r, Refusal& refusal) -> Result<void> {
                           // Ending a report is the safety team's decision; the assigned handler moves the
                           // work along.
                           const bool ending = is_final(*to) || *to == IncidentState::closed;
                           if (ending && !incident_access(ctx, r).triage)
                             return refusal.refuse("close, reject or merge this event report",
                                                   incident_scope(r));
                           auto moved = move_incident(r.state, *to, reason);
                           if (!moved) return moved.error();
                           if (*to == IncidentState::merged || *to == IncidentState::duplicate) {
                             if (!merged_into)
                               return Error::validation({{"mergedInto", "name the report this one repeats"}});
                             if (*merged_into == r.id)
                               return Error::validation({{"mergedInto", "cannot be the report itself"}});
                             // One the caller cannot see is answered as unknown: the refusal reveals nothing.
                             auto target = uow.incidents().get(*merged_into);
                             if (!target || !incident_access(ctx, *target).view)
                               return Error::validation({{"mergedInto", "is not a report you can see"}});
                             r.merged_into = *merged_into;
                           }
                           r.state = *moved;
                           r.state_reason = reason;
                           return {};
                         });
}

bool may_triage(const IncidentAccess& a) {
  return a.triage;
}

bool may_record_disclosure(const IncidentAccess& a) {
  return a.transition;
}

Result<Response> record_disclosure(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Disclosure d;
  d.disclosed_at = body->instant("disclosedAt", true).value_or(Timestamp{});
  d.disclosed_to = body->string("disclosedTo", true, 200).value_or("");
  d.method = body->string("method", true, 100).value_or("");
  d.notes = body->string("notes", false, 5000).value_or("");
  if (d.disclosed_at > ctx.now()) body->error("disclosedAt", "cannot be in the future");
  if (auto r = body->finish(); !r) return r.error();
  d.recorded_by = ctx.principal().user.id;
  return change_incident(ctx, "disclosure", "record the disclosure to the patient or family",
                         may_record_disclosure,
                         [&](store::UnitOfWork&, IncidentReport& r, Refusal&) -> Result<void> {
                           r.disclosure = d;
                           return {};
                         });
}

Result<Response> record_external_report(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  ExternalReport made;
  if (auto rule = body->nullable_id("ruleId"); rule && *rule)
    made.rule_id = **rule;
  else
    body->error("ruleId", "is required");
  made.reported_at = body->instant("reportedAt", true).value_or(Timestamp{});
  made.reported_to = body->string("reportedTo", true, 200).value_or("");
  made.reference = body->string("reference", false, 200).value_or("");
  if (made.reported_at > ctx.now()) body->error("reportedAt", "cannot be in the future");
  if (auto r = body->finish(); !r) return r.error();
  made.recorded_by = ctx.principal().user.id;
  return change_incident(
      ctx, "external_report", "record a report to an outside agency", may_triage,
      [&](store::UnitOfWork& uow, IncidentReport& r, Refusal&) -> Result<void> {
        auto rules = uow.incident_settings().rules();
        if (!rules) return rules.error();
        if (std::none_of(rules->begin(), rules->end(),
                         [&](const ExternalReportingRule& x) { return x.id == made.rule_id; }))
          return Error::validation({{"ruleId", "is not a known reporting rule"}});
        auto id = uow.incident_activity().add_external_report(r.id, made);
        if (!id && id.error().kind == ErrorKind::conflict)
          return Error{ErrorKind::conflict,
                       "A report under that rule is already recorded for " + r.reference + ".",
                       {{"ruleId", "is already reported"}},
                       {}};
        if (!id) return id.error();
        return {};
      });
}

Result<Response> list_comments(RequestContext& ctx) {
  auto v = open_visible_incident(ctx);
  if (!v) return v.error();
  const auto& r = v->report;
  auto comments = v->uow->incident_activity().comments(r.id);
  if (!comments) return comments.error();
  // Someone who sees the report only as its reporter sees only the conversation with the reporter.
  const auto policy = ctx.policy();
  const bool staff_view =
      incident_access(ctx, r).transition || policy.allows(Permission::incidents_read, incident_scope(r));
  auto items = json::array();
  for (const auto& c : *comments)
    if (staff_view || c.from_reporter || c.to_reporter) items.push_back(comment_json(c, false));
  return json_ok({{"items", std::move(items)}});
}

Result<Response> add_comment(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto text = body->string("body", true, 5000).value_or("");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) body->error("body", "is required");
  const bool to_reporter = body->boolean("toReporter").value_or(false);
  if (auto r = body->finish(); !r) return r.error();
  Refusal refusal;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    auto r = get_visible(ctx, uow, *id, refusal);
    if (!r) return r.error();
    const bool from_reporter = r->reporter_id == ctx.principal().user.id;
    store::IncidentComment c{0,
                             *id,
                             ctx.principal().user.id,
                             ctx.principal().user.display_name,
                             from_reporter,
                             to_reporter && !from_reporter,
                             text,
                             ctx.now()};
    auto cid = uow.incident_activity().add_comment(c);
    if (!cid) return cid.error();
    c.id = *cid;
    auto logged = uow.audit().record(
        ctx.audit_event(
            "comment", "incident", std::to_string(*id),
            std::string(c.to_reporter ? "Asked the reporter on " : "Commented on ") + r->reference, nullptr,
            {{"commentId", c.id}, {"body", text}, {"toReporter", c.to_reporter}}, incident_scope(*r)),
        ctx.now());
    if (!logged) return logged.error();
    return comment_json(c, false);
  });
  if (auto denied = refusal.record(ctx)) return *denied;
  if (!saved) return saved.error();
  return json_ok(*saved, 201);
}

Result<Response> upload_attachment(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  const auto& bytes = ctx.req().raw.body();
  auto accepted =
      check_attachment(ctx.req().query_value("name").value_or(""), ctx.req().header("Content-Type"), bytes);
  if (!accepted) return accepted.error();
  store::Attachment meta{0,
                         *id,
                         accepted->file_name,
                         accepted->media_type,
                         static_cast<std::int64_t>(bytes.size()),
                         sha256_hex(bytes),
                         ctx.principal().user.id,
                         ctx.now()};
  const auto content = base64_encode(bytes);
  Refusal refusal;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    auto r = get_visible(ctx, uow, *id, refusal);
    if (!r) return r.error();
    auto aid = uow.incident_activity().add_attachment(meta, content);
    if (!aid) return aid.error();
    const json after{{"attachmentId", *aid},
                     {"fileName", meta.file_name},
                     {"mediaType", meta.media_type},
                     {"size", meta.size},
                     {"sha256", meta.sha256}};
    auto logged = uow.audit().record(ctx.audit_event("attach", "incident", std::to_string(*id),
                                                     "Attached " + meta.file_name + " to " + r->reference,
                                                     nullptr, after, incident_scope(*r)),
                                     ctx.now());
    if (!logged) return logged.error();
    return json{
        {"id", *aid}, {"fileName", meta.file_name}, {"mediaType", meta.media_type}, {"size", meta.size}};
  });
  if (auto denied = refusal.record(ctx)) return *denied;
  if (!saved) return saved.error();
  return json_ok(*saved, 201);
}

// Always a download, never rendered: attachment disposition, the stored (checked) type, and a sandbox CSP in
// case a browser decides to show it anyway.
Result<Response> download_attachment(RequestContext& ctx) {
  auto attachment_id = ctx.id_param("attachmentId");
  if (!attachment_id) return attachment_id.error();
  auto v = open_visible_incident(ctx);
  if (!v) return v.error();
  auto file = v->uow->incident_activity().attachment(v->report.id, *attachment_id);
  if (!file) return file.error();
  auto bytes = base64_decode(file->second);
  if (!bytes) return Error::internal("attachment " + std::to_string(*attachment_id) + " is not readable");
  auto res = text_response(200, std::move(*bytes), file->first.media_type);
  res.set(boost::beast::http::field::content_disposition,
          "attachment; filename=\"" + file->first.file_name + "\"");
  res.set("Content-Security-Policy", "sandbox; default-src 'none'");
  return res;
}

Result<Response> fhir_export(RequestContext& ctx) {
  auto v = open_visible_incident(ctx);
  if (!v) return v.error();
  const auto* r = &v->report;
  auto names = v->uow->users().display_names(people_of(*r));
  if (!names) return names.error();
  auto name_of = [&](const std::optional<Id>& who) {
    return who && names->contains(*who) ? names->at(*who) : std::string();
  };
  FhirExportContext context{ctx.org(), incident_access(ctx, *r).patient, name_of(r->reporter_id),
                            name_of(r->handler_id)};
  auto res = json_ok(to_fhir_adverse_event(*r, context));
  res.set(boost::beast::http::field::content_type, "application/fhir+json");
  return res;
}

}  // namespace

void add_incident_record_routes(Router& router) {
  router.add(Method::get, "/api/v1/incidents/{id}", Access::signed_in, get_incident);
  router.add(Method::post, "/api/v1/incidents/{id}/triage", Access::signed_in, triage);
  router.add(Method::post, "/api/v1/incidents/{id}/transitions", Access::signed_in, transition);
  router.add(Method::put, "/api/v1/incidents/{id}/disclosure", Access::signed_in, record_disclosure);
  router.add(Method::post, "/api/v1/incidents/{id}/external-reports", Access::signed_in,
             record_external_report);
  router.add(Method::get, "/api/v1/incidents/{id}/comments", Access::signed_in, list_comments);
  router.add(Method::post, "/api/v1/incidents/{id}/comments", Access::signed_in, add_comment);
  router.add(Method::post, "/api/v1/incidents/{id}/attachments", Access::signed_in, upload_attachment,
             BodyKind::binary);
  router.add(Method::get, "/api/v1/incidents/{id}/attachments/{attachmentId}", Access::signed_in,
             download_attachment);
  router.add(Method::get, "/api/v1/incidents/{id}/fhir", Access::signed_in, fhir_export);
}

}  // namespace hqms::http
