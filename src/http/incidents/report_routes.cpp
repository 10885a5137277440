// Reporting: the form's vocabulary, filing a report as staff, drafts that survive a lost connection, and
// imports of FHIR AdverseEvent bundles from an EHR.
#include "core/incidents/category_fields.hpp"
#include "core/interop/fhir_adverse_event.hpp"
#include "core/investigations/investigation.hpp"
#include "http/incidents/incident_detail.hpp"
#include "http/incidents/incident_json.hpp"
#include "http/incidents/report_filing.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

template <class E>
json choices(std::span<const E> values, bool with_meaning) {
  auto out = json::array();
  for (auto v : values) {
    json item{{"id", to_string(v)}, {"label", label(v)}};
    if (with_meaning) item["meaning"] = meaning(v);
    out.push_back(std::move(item));
  }
  return out;
}

// Everything the report form is drawn from, so that the browser never hard-codes a category or a meaning.
// Public: the anonymous form needs it too, and none of it is confidential.
Result<Response> incident_form(RequestContext& ctx) {
  Organisation org;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto loaded = (*uow)->org().load();
    if (!loaded) return loaded.error();
    org = std::move(*loaded);
  }
  auto types = json::array();
  for (auto t : all_event_types())
    types.push_back({{"id", to_string(t)}, {"label", label(t)}, {"meaning", meaning(t)}});
  auto categories = json::array();
  for (auto c : all_event_categories()) {
    auto fields = json::array();
    for (const auto& f : category_fields(c)) {
      auto options = json::array();
      for (const auto& o : f.choices) options.push_back({{"id", o.id}, {"label", o.label}});
      fields.push_back({{"name", f.name},
                        {"label", f.label},
                        {"kind", f.kind == DetailKind::choice ? "choice" : "text"},
                        {"choices", std::move(options)},
                        {"required", f.required},
                        {"help", f.help}});
    }
    categories.push_back({{"id", to_string(c)}, {"label", label(c)}, {"fields", std::move(fields)}});
  }
  auto durations = json::array();
  for (auto d : {HarmDuration::permanent, HarmDuration::temporary, HarmDuration::unknown})
    durations.push_back({{"id", to_string(d)}, {"label", label(d)}});
  auto severities = json::array();
  for (auto s : {Severity::minor, Severity::moderate, Severity::major, Severity::catastrophic})
    severities.push_back({{"id", to_string(s)}, {"label", label(s)}});
  auto states = json::array();
  for (auto s : {IncidentState::submitted, IncidentState::in_triage, IncidentState::under_investigation,
                 IncidentState::action_planning, IncidentState::closed, IncidentState::rejected,
                 IncidentState::duplicate, IncidentState::merged})
    states.push_back({{"id", to_string(s)}, {"label", label(s)}, {"final", is_final(s)}});
  auto departments = json::array();
  for (const auto& site : org.sites)
    for (const auto& d : site.departments)
      departments.push_back(
          {{"id", d.id}, {"code", d.code}, {"name", d.name}, {"siteId", site.id}, {"siteName", site.name}});
  auto strengths = json::array();
  for (auto s : {ActionStrength::stronger, ActionStrength::intermediate, ActionStrength::weaker})
    strengths.push_back({{"id", to_string(s)}, {"label", label(s)}});
  return json_ok({{"eventTypes", std::move(types)},
                  {"categories", std::move(categories)},
                  {"harmLevels", choices(all_harm_levels(), true)},
                  {"harmDurations", std::move(durations)},
                  {"merpCategories", choices(all_merp_categories(), true)},
                  {"severities", std::move(severities)},
                  {"states", std::move(states)},
                  {"departments", std::move(departments)},
                  {"fishboneCategories", default_fishbone_categories()},
                  {"actionStrengths", std::move(strengths)}});
}

std::string submission_key(BodyReader& body) {
  return body.string("submissionKey", false, 100).value_or("");
}

Result<Response> report_incident(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::incidents_report, "report events"); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Filing filing{ctx.org(),
                read_submission(*body),
                ctx.principal().user.id,
                ctx.principal().user.id,
                ctx.principal().user.username,
                false,
                submission_key(*body),
                "Reported"};
  if (auto r = body->finish(); !r) return r.error();
  auto filed = store::in_write_transaction(
      ctx.db(), [&](store::UnitOfWork& uow) { return file_report(uow, filing, ctx.now()); });
  if (!filed) return filed.error();
  return incident_detail_response(ctx, filed->report.id, filed->created ? 201 : 200);
}

Result<Response> import_fhir(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::incidents_triage, "import events"); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto events = from_fhir_bundle(body->document(), ctx.org(), ctx.now());
  if (!events) return events.error();
  // Every imported event must land inside the importer's triage scope.
  for (std::size_t i = 0; i < events->size(); ++i)
    if (!ctx.policy().allows(Permission::incidents_triage,
                             {ScopeType::department, (*events)[i].submission.department_id}))
      return ctx.deny("import events into that department",
                      ScopeRef{ScopeType::department, (*events)[i].submission.department_id});
  auto already = json::array();
  auto filed = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    auto references = json::array();
    already = json::array();
    for (std::size_t i = 0; i < events->size(); ++i) {
      const auto& e = (*events)[i];
      Filing filing{ctx.org(), e.submission, std::nullopt, ctx.principal().user.id,
                    ctx.principal().user.username, false,
                    // Without the source's identifier there is nothing to recognise a repeat by.
                    e.source_identifier.empty() ? "" : "fhir:" + e.source_identifier,
                    e.source_identifier.empty()
                        ? "Imported from FHIR"
                        : "Imported from FHIR AdverseEvent " + e.source_identifier + ":"};
      auto done = file_report(uow, filing, ctx.now());
      if (!done) {
        auto err = done.error();
        for (auto& f : err.fields) f.field = "entry[" + std::to_string(i) + "].resource." + f.field;
        return err;
      }
      if (done->created)
        references.push_back(done->report.reference);
      else
        already.push_back(done->report.reference);
    }
    return references;
  });
  if (!filed) return filed.error();
  // A resource imported before (same identifier) is recognised, not filed again.
  return json_ok({{"imported", filed->size()}, {"references", *filed}, {"alreadyImported", already}}, 201);
}

Result<Response> list_drafts(RequestContext& ctx) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto drafts = (*uow)->drafts().list(ctx.principal().user.id);
  if (!drafts) return drafts.error();
  auto items = json::array();
  for (const auto& d : *drafts)
    items.push_back({{"key", d.key},
                     {"form", json::parse(d.form, nullptr, false)},
                     {"updatedAt", format_iso(d.updated_at)}});
  return json_ok({{"items", std::move(items)}});
}

Result<Response> save_draft(RequestContext& ctx) {
  const auto& key = ctx.param("key");
  if (key.empty() || key.size() > 100) return Error::not_found("There is no such draft.");
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  if (!body->has("form") || !body->at("form").is_object()) body->error("form", "must be an object");
  if (auto r = body->finish(); !r) return r.error();
  const auto form = body->at("form").dump();
  if (form.size() > 200000) return Error::validation({{"form", "is too large for a draft"}});
  // Drafts are the reporter's own scratch space: they are not records yet, so saving one is not audited
  // (the report, once filed, is).
  store::Draft draft{key, form, ctx.now()};
  auto saved = store::in_write_transaction(
      ctx.db(), [&](store::UnitOfWork& uow) { return uow.drafts().put(ctx.principal().user.id, draft); });
  if (!saved) return saved.error();
  return json_ok({{"key", key}, {"updatedAt", format_iso(draft.updated_at)}});
}

Result<Response> delete_draft(RequestContext& ctx) {
  auto removed = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) {
    return uow.drafts().remove(ctx.principal().user.id, ctx.param("key"));
  });
  // Idempotent: a draft already gone (submitted from another tab) is what the caller wanted.
  if (!removed && removed.error().kind != ErrorKind::not_found) return removed.error();
  return empty_response(204);
}

}  // namespace

void add_incident_report_routes(Router& router) {
  router.add(Method::get, "/api/v1/incident-form", Access::anyone, incident_form);
  router.add(Method::post, "/api/v1/incidents", Access::signed_in, report_incident);
  router.add(Method::post, "/api/v1/incidents/fhir-import", Access::signed_in, import_fhir);
  router.add(Method::get, "/api/v1/incident-drafts", Access::signed_in, list_drafts);
  router.add(Method::put, "/api/v1/incident-drafts/{key}", Access::signed_in, save_draft);
  router.add(Method::delete_, "/api/v1/incident-drafts/{key}", Access::signed_in, delete_draft);
}

}  // namespace hqms::http
