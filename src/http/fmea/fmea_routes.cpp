// FMEA studies: the list, starting a study of a process, the header and its steps, and the worksheet as an
// Excel file. Rows are saved one at a time (fmea_row_routes.cpp). Those with risks.manage over the
// department, the lead and the team may edit; risks.read over the department may read.
#include <algorithm>

#include "http/export/table_export.hpp"
#include "http/fmea/fmea_access.hpp"
#include "http/fmea/fmea_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

Result<Response> study_response(RequestContext& ctx, store::UnitOfWork& uow, const FmeaStudy& study,
                                int status = 200) {
  auto names = study_names(uow, study);
  if (!names) return names.error();
  return json_ok(fmea_json(ctx, study, *names), status);
}

Result<Response> list_studies(RequestContext& ctx) {
  // Everyone signed in may ask: those without risks.read anywhere see the studies they lead or are on.
  QueryReader query(ctx.req());
  store::FmeaQuery q;
  q.visible = ctx.policy().scope_filter(Permission::risks_read);
  q.caller_id = ctx.principal().user.id;
  q.state = query.choice("state", fmea_state_from_string);
  q.text = query.text("q", 200);
  q.page = query.page({"updatedAt", "reference", "title"}, "-updatedAt");
  if (auto r = query.finish(); !r) return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto page = (*uow)->fmea().list(q);
  if (!page) return page.error();
  // The list holds headers; the worksheet totals need each study's rows (a page holds few studies).
  Page<FmeaStudy> full{{}, page->total, page->limit, page->offset, page->total_capped};
  std::vector<Id> leads;
  for (const auto& header : page->items) {
    auto study = (*uow)->fmea().get(header.id);
    if (!study) return study.error();
    if (study->lead_id) leads.push_back(*study->lead_id);
    full.items.push_back(std::move(*study));
  }
  auto names = (*uow)->users().display_names(leads);
  if (!names) return names.error();
  return json_ok(page_json(full, [&](const FmeaStudy& s) { return fmea_list_item_json(ctx, s, *names); }));
}

// The people the header names are users (422 rather than the database's foreign-key failure).
Result<void> check_people(store::UnitOfWork& uow, const FmeaStudy& study) {
  std::vector<FieldError> errors;
  auto check = [&](Id id, std::string field) -> Result<void> {
    auto user = uow.users().get(id);
    if (user) return {};
    if (user.error().kind != ErrorKind::not_found) return user.error();
    errors.push_back({std::move(field), "is not a known user"});
    return {};
  };
  if (study.lead_id)
    if (auto r = check(*study.lead_id, "leadId"); !r) return r;
  for (std::size_t i = 0; i < study.team.size(); ++i)
    if (auto r = check(study.team[i], "team[" + std::to_string(i) + "]"); !r) return r;
  if (!errors.empty()) return Error::validation(std::move(errors));
  return {};
}

Result<Response> create_study(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  FmeaStudy study;
  const Department* dept = nullptr;
  if (!body->has("departmentId") || !body->at("departmentId").is_number_integer())
    body->error("departmentId", "is required");
  else if (!(dept = ctx.org().department(body->at("departmentId").get<Id>())))
    body->error("departmentId", "is not a known department");
  read_header(*body, study, true);
  if (dept) {
    study.department_id = dept->id;
    study.site_id = dept->site_id;
    if (auto r = ctx.require(Permission::risks_manage, study_scope(study), "start an FMEA study there"); !r)
      return r.error();
  }
  body->errors(check_study(study));
  if (auto r = body->finish(); !r) return r.error();
  if (!study.lead_id) study.lead_id = ctx.principal().user.id;
  study.state = FmeaState::in_progress;
  study.created_at = study.updated_at = ctx.now();
  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<FmeaStudy> {
    if (auto r = check_people(uow, study); !r) return r.error();
    auto id = uow.fmea().create(study);
    if (!id) return id.error();
    auto stored = uow.fmea().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event("create", "fmea", std::to_string(*id), "Started the FMEA study " + stored->reference,
                        nullptr, fmea_audit_json(*stored), study_scope(*stored)),
        ctx.now());
    if (!logged) return logged.error();
    return stored;
  });
  if (!created) return created.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return study_response(ctx, **uow, *created, 201);
}

Result<FmeaStudy> load_readable(RequestContext& ctx, store::UnitOfWork& uow) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto study = uow.fmea().get(*id);
  if (!study) return study.error();
  if (!may_read(ctx, *study)) return ctx.deny("view this FMEA study", study_scope(*study));
  return study;
}

Result<Response> get_study(RequestContext& ctx) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto study = load_readable(ctx, **uow);
  if (!study) return study.error();
  return study_response(ctx, **uow, *study);
}

Result<Response> update_study(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<FmeaStudy> {
    refused.what.reset();
    auto before = uow.fmea().get_for_update(*id);
    if (!before) return before.error();
    if (!may_read(ctx, *before)) return refused.refuse("view this FMEA study", study_scope(*before));
    if (!may_edit(ctx, *before)) return refused.refuse("change this FMEA study", study_scope(*before));
    auto after = *before;
    body->version(after.version);
    read_header(*body, after, false);
    body->errors(check_study(after));
    if (auto r = body->finish(); !r) return r.error();
    if (auto r = check_people(uow, after); !r) return r.error();
    after.updated_at = ctx.now();
    // The store refuses (409 on `steps`) to remove a step that still has failure modes.
    if (auto r = uow.fmea().update_header(after); !r) return r.error();
    auto stored = uow.fmea().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event("update", "fmea", std::to_string(*id), "Changed the FMEA study " + stored->reference,
                        fmea_audit_json(*before), fmea_audit_json(*stored), study_scope(*stored)),
        ctx.now());
    if (!logged) return logged.error();
    return stored;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return study_response(ctx, **uow, *saved);
}

std::string number_or_blank(const std::optional<SodRating>& r, int (*part)(const SodRating&)) {
  return r ? std::to_string(part(*r)) : "";
}

// The worksheet as quality staff keep it in Excel: one row per failure mode, highest RPN first.
Result<Response> export_study(RequestContext& ctx) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto study = load_readable(ctx, **uow);
  if (!study) return study.error();
  auto names = study_names(**uow, *study);
  if (!names) return names.error();
  Table table{study->reference,
              {"Step",
               "Failure mode",
               "Effects",
               "Causes",
               "Prevention controls",
               "Detection controls",
               "S",
               "O",
               "D",
               "RPN",
               "AP",
               "Recommended action",
               "Responsible",
               "Due",
               "CAPA",
               "Action taken",
               "S'",
               "O'",
               "D'",
               "RPN'",
               "Reduction"},
              {}};
  table.number_columns = {6, 7, 8, 9, 16, 17, 18, 19, 20};
  for (const auto& fm : worksheet_order(study->failure_modes, study->steps)) {
    auto step = std::find_if(study->steps.begin(), study->steps.end(),
                             [&](const auto& s) { return s.id == fm.step_id; });
    auto text = [&](std::optional<Id> id, const std::map<Id, std::string>& map) {
      if (!id) return std::string();
      auto it = map.find(*id);
      return it == map.end() ? std::string() : it->second;
    };
    const auto reduction = rpn_reduction(fm);
    table.rows.push_back({step == study->steps.end() ? "" : std::to_string(step->number) + ". " + step->name,
                          fm.mode,
                          fm.effects,
                          fm.causes,
                          fm.prevention_controls,
                          fm.detection_controls,
                          std::to_string(fm.rating.severity),
                          std::to_string(fm.rating.occurrence),
                          std::to_string(fm.rating.detection),
                          std::to_string(fm.rating.rpn()),
                          std::string(label(fm.rating.priority())),
                          fm.recommended_action,
                          text(fm.responsible_id, names->people),
                          fm.due_on ? format_date(Timestamp(*fm.due_on)) : "",
                          text(fm.corrective_action_id, names->capa_references),
                          fm.action_taken,
                          number_or_blank(fm.revised, [](const SodRating& r) { return r.severity; }),
                          number_or_blank(fm.revised, [](const SodRating& r) { return r.occurrence; }),
                          number_or_blank(fm.revised, [](const SodRating& r) { return r.detection; }),
                          number_or_blank(fm.revised, [](const SodRating& r) { return r.rpn(); }),
                          reduction ? std::to_string(*reduction) : ""});
  }
  return table_download(table, ExportFormat::xlsx, format_date(ctx.now()));
}

}  // namespace

void add_fmea_routes(Router& router) {
  router.add(Method::get, "/api/v1/fmea", Access::signed_in, list_studies);
  router.add(Method::post, "/api/v1/fmea", Access::signed_in, create_study);
  router.add(Method::get, "/api/v1/fmea/{id}", Access::signed_in, get_study);
  router.add(Method::put, "/api/v1/fmea/{id}", Access::signed_in, update_study);
  router.add(Method::get, "/api/v1/fmea/{id}/export", Access::signed_in, export_study);
}

}  // namespace hqms::http
