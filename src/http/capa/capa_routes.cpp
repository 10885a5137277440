// Corrective and preventive actions: the list and its board, ageing report and exports, raising a CAPA,
// editing it and moving it through its states. capa.read / capa.manage over the department reach a CAPA by
// role; the coordinator and the action owners reach theirs whatever their roles (capa_access.hpp).
#include <algorithm>

#include "core/capa/capa_ageing.hpp"
#include "core/capa/capa_workflow.hpp"
#include "http/capa/capa_access.hpp"
#include "http/capa/capa_body.hpp"
#include "http/capa/capa_change.hpp"
#include "http/capa/capa_create.hpp"
#include "http/capa/capa_json.hpp"
#include "http/export/table_export.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxExportRows = 10000;
constexpr int kBoardColumnItems = 50;
constexpr auto kBoardClosedWindow = std::chrono::days(90);

// Every value of a query parameter that may repeat (state=open&state=planned) or hold a comma list
// (state=open,planned): the parsed query keeps only the last of repeated names, so the target is read again.
std::vector<std::string> query_values(const Request& req, std::string_view name) {
  std::vector<std::string> values;
  std::string_view target = req.raw.target();
  const auto qpos = target.find('?');
  if (qpos == std::string_view::npos) return values;
  std::string_view query = target.substr(qpos + 1);
  while (!query.empty()) {
    const auto amp = query.find('&');
    const auto pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    auto key = percent_decode(pair.substr(0, eq), true);
    auto value = percent_decode(pair.substr(eq + 1), true);
    if (!key || !value || *key != name) continue;
    std::string_view rest = *value;
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      if (auto part = rest.substr(0, comma); !part.empty()) values.emplace_back(part);
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    }
  }
  return values;
}

// The filters the list, the board, the ageing report and the exports share. The caller sees the CAPAs their
// capa.read reaches and those they coordinate or own an action in.
Result<store::CapaQuery> read_capa_query(RequestContext& ctx, bool paged, bool states) {
  QueryReader query(ctx.req());
  store::CapaQuery q;
  q.visible = ctx.policy().scope_filter(Permission::capa_read);
  q.caller_id = ctx.principal().user.id;
  std::vector<FieldError> errors;
  if (states)
    for (const auto& s : query_values(ctx.req(), "state")) {
      auto state = capa_state_from_string(s);
      if (!state)
        errors.push_back({"state", "is not one of the accepted values"});
      else if (std::find(q.states.begin(), q.states.end(), *state) == q.states.end())
        q.states.push_back(*state);
    }
  q.source = query.choice("source", capa_source_from_string);
  q.department_id = query.id("departmentId");
  q.owner_id = query.id("ownerId");
  q.investigation_id = query.id("investigationId");
  q.risk_id = query.id("riskId");
  q.fmea_study_id = query.id("fmeaStudyId");
  if (query.boolean("overdue").value_or(false)) q.overdue_on = utc_day(ctx.now());
  q.text = query.text("q", 200);
  if (paged) {
    q.page = query.page({"updatedAt", "createdAt", "reference", "title", "state"}, "-updatedAt");
  } else {
    q.page.sort_field = "updatedAt";
    q.page.descending = true;
  }
  auto checked = query.finish();
  if (!checked) errors.insert(errors.begin(), checked.error().fields.begin(), checked.error().fields.end());
  if (!errors.empty()) return Error::validation(std::move(errors), "The query has invalid parameters.");
  return q;
}

Result<Response> list_capas(RequestContext& ctx) {
  auto q = read_capa_query(ctx, true, true);
  if (!q) return q.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto page = (*uow)->capa().list(*q);
  if (!page) return page.error();
  auto names = coordinator_names(**uow, page->items);
  if (!names) return names.error();
  return json_ok(page_json(
      *page, [&](const CorrectiveAction& c) { return capa_list_item(ctx.org(), c, *names, ctx.now()); }));
}

// The kanban: one column per state on the way to closure, each with its count and newest cards. Closed
// CAPAs stay on the board for 90 days.
Result<Response> capa_board(RequestContext& ctx) {
  auto q = read_capa_query(ctx, false, false);
  if (!q) return q.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto counts = (*uow)->capa().count_by_state(*q);
  if (!counts) return counts.error();
  auto columns = json::array();
  for (auto state : {CapaState::open, CapaState::planned, CapaState::in_progress,
                     CapaState::awaiting_verification, CapaState::closed}) {
    auto column_query = *q;
    column_query.states = {state};
    column_query.page.limit = state == CapaState::closed ? PageRequest::kMaxLimit : kBoardColumnItems;
    std::vector<CorrectiveAction> items;
    std::int64_t count = 0;
    if (state != CapaState::closed) {
      auto page = (*uow)->capa().list(column_query);
      if (!page) return page.error();
      items = std::move(page->items);
      for (const auto& c : *counts)
        if (c.state == state) count = c.count;
    } else {
      // Newest first by last change, which for a closed CAPA is its closure: read on until the window ends.
      const auto since = ctx.now() - kBoardClosedWindow;
      for (bool more = true; more;) {
        auto page = (*uow)->capa().list(column_query);
        if (!page) return page.error();
        for (auto& c : page->items) {
          if (c.updated_at < since) more = false;
          if (c.closed_at.value_or(c.updated_at) < since) continue;
          ++count;
          if (static_cast<int>(items.size()) < kBoardColumnItems) items.push_back(std::move(c));
        }
        column_query.page.offset += column_query.page.limit;
        if (static_cast<std::int64_t>(page->items.size()) < column_query.page.limit) more = false;
      }
    }
    auto names = coordinator_names(**uow, items);
    if (!names) return names.error();
    auto cards = json::array();
    for (const auto& c : items) cards.push_back(capa_list_item(ctx.org(), c, *names, ctx.now()));
    columns.push_back({{"state", to_string(state)},
                       {"label", label(state)},
                       {"count", count},
                       {"items", std::move(cards)}});
  }
  return json_ok({{"columns", std::move(columns)}});
}

Result<Response> capa_ageing(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::capa_read, "view the CAPA ageing report"); !r)
    return r.error();
  auto q = read_capa_query(ctx, false, false);
  if (!q) return q.error();
  q->owner_id.reset();
  q->overdue_on.reset();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  const auto today = utc_day(ctx.now());
  auto open = (*uow)->capa().open_ages(*q, today);
  if (!open) return open.error();
  const auto report = ageing_report(*open, today);
  auto bands = json::array();
  for (auto b : all_age_bands()) bands.push_back(to_string(b));
  auto rows = json::array();
  for (const auto& r : report.rows) {
    const auto* dept = ctx.org().department(r.department_id);
    rows.push_back({{"departmentId", r.department_id},
                    {"departmentName", dept ? dept->name : ""},
                    {"counts", r.counts},
                    {"total", r.total},
                    {"overdue", r.overdue},
                    {"oldestDays", r.oldest_days}});
  }
  return json_ok({{"bands", std::move(bands)},
                  {"rows", std::move(rows)},
                  {"totals", report.totals},
                  {"total", report.total},
                  {"overdue", report.overdue},
                  {"medianDays", report.median_days}});
}

Result<Response> export_capas(RequestContext& ctx) {
  const auto format_name = ctx.req().query_value("format").value_or("csv");
  if (format_name != "csv" && format_name != "xlsx")
    return Error::validation({{"format", "must be csv or xlsx"}}, "The query has invalid parameters.");
  if (auto r = ctx.require_somewhere(Permission::capa_read, "export CAPAs"); !r) return r.error();
  auto q = read_capa_query(ctx, false, true);
  if (!q) return q.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  Table table{"capa",
              {"Reference", "Title", "Kind", "Source", "State", "Department", "Coordinator", "Actions",
               "Open actions", "Next due", "Overdue", "Age (days)", "Updated"},
              {}};
  q->page.limit = PageRequest::kMaxLimit;
  for (q->page.offset = 0; q->page.offset < kMaxExportRows; q->page.offset += q->page.limit) {
    auto page = (*uow)->capa().list(*q);
    if (!page) return page.error();
    auto names = coordinator_names(**uow, page->items);
    if (!names) return names.error();
    for (const auto& c : page->items) {
      if (static_cast<std::int64_t>(table.rows.size()) >= kMaxExportRows) break;
      const auto item = capa_list_item(ctx.org(), c, *names, ctx.now());
      const auto& coordinator = item["coordinator"];
      table.rows.push_back({c.reference, c.title, std::string(label(c.kind)), std::string(label(c.source)),
                            std::string(label(c.state)), item["departmentName"].get<std::string>(),
                            coordinator.is_null() ? "" : coordinator["displayName"].get<std::string>(),
                            std::to_string(c.actions.size()), item["openActionCount"].dump(),
                            item["nextDueOn"].is_null() ? "" : item["nextDueOn"].get<std::string>(),
                            item["overdue"].get<bool>() ? "Yes" : "No", item["ageDays"].dump(),
                            format_iso(c.updated_at)});
    }
    if (static_cast<std::int64_t>(page->items.size()) < q->page.limit) break;
  }
  return table_download(table, format_name == "csv" ? ExportFormat::csv : ExportFormat::xlsx,
                        format_date(ctx.now()));
}

Result<Response> create_capa(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  CorrectiveAction c;
  c.source = body->choice("source", true, capa_source_from_string).value_or(CapaSource::manual);
  if (c.source == CapaSource::incident_investigation)
    body->error("source", "is set when a CAPA is raised from an investigation's action plan");
  const Department* dept = nullptr;
  if (auto id = body->nullable_id("departmentId"); id && *id) {
    dept = ctx.org().department(**id);
    if (!dept) body->error("departmentId", "is not a known department");
  } else if (!id || !*id) {
    body->error("departmentId", "is required");
  }
  if (dept) {
    c.department_id = dept->id;
    c.site_id = dept->site_id;
    if (auto r = ctx.require(Permission::capa_manage, capa_scope(c), "raise a CAPA there"); !r)
      return r.error();
  }
  c.coordinator_id = ctx.principal().user.id;
  read_capa_fields(*body, c);
  if (auto r = body->finish(); !r) return r.error();
  if (auto errors = check_capa(c); !errors.empty()) return Error::validation(std::move(errors));
  c.state = CapaState::open;
  c.created_at = c.updated_at = ctx.now();
  c.created_by = ctx.principal().user.id;
  auto created =
      store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<CorrectiveAction> {
        if (auto r = check_capa_people(uow, c); !r) return r.error();
        if (auto r = check_capa_links(ctx, uow, c); !r) return r.error();
        return store_new_capa(ctx, uow, c, ": " + c.title);
      });
  if (!created) return created.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return capa_response(ctx, **uow, *created, 201);
}

Result<Response> get_capa(RequestContext& ctx) {
  auto v = open_visible_capa(ctx);
  if (!v) return v.error();
  return capa_response(ctx, *v->uow, v->capa);
}

Result<void> require_editor(RequestContext& ctx, const CorrectiveAction& c, Refusal& refused) {
  if (!may_edit(ctx, c)) return refused.refuse("change this CAPA", capa_scope(c));
  if (is_finished(c.state))
    return Error::conflict(c.reference + " is " + std::string(label(c.state)) +
                           " and can no longer be changed.");
  return {};
}

// Removing an action also removes its evidence, so one that was done or has evidence is cancelled instead.
Result<void> check_removed_actions(store::UnitOfWork& uow, const CorrectiveAction& before,
                                   const CorrectiveAction& after) {
  auto evidence = uow.capa().evidence(before.id);
  if (!evidence) return evidence.error();
  for (const auto& a : before.actions) {
    const bool kept = std::any_of(after.actions.begin(), after.actions.end(),
                                  [&](const CapaAction& x) { return x.id == a.id; });
    if (kept) continue;
    const bool has_evidence = std::any_of(evidence->begin(), evidence->end(),
                                          [&](const EvidenceFile& f) { return f.action_id == a.id; });
    if (a.status == CapaActionStatus::done || has_evidence)
      return Error::validation(
          {{"actions",
            "\"" + a.description + "\" is done or has evidence: cancel it rather than remove it"}});
  }
  return {};
}

Result<Response> update_capa(RequestContext& ctx) {
  auto parsed = BodyReader::parse(ctx.req());
  if (!parsed) return parsed.error();
  return change_capa(
      ctx, "update",
      [&](store::UnitOfWork& uow, const CorrectiveAction& before, CorrectiveAction& after, Refusal& refused,
          std::string& summary) -> Result<void> {
        if (auto r = require_editor(ctx, before, refused); !r) return r;
        auto body = *parsed;  // a fresh reader on every attempt of the transaction
        if (body.has("version")) {
          const auto version = version_number(body.at("version"));
          if (!version)
            return Error::validation({{"version", "must be the version number you are changing"}});
          if (*version != before.version)
            return Error{ErrorKind::conflict,
                         "Someone else changed " + before.reference +
                             " while you were looking at it; reload and try again.",
                         {{"version", "is no longer the current version"}},
                         {}};
        }
        read_capa_fields(body, after);
        if (auto r = body.finish(); !r) return r;
        if (auto errors = check_capa(after); !errors.empty()) return Error::validation(std::move(errors));
        if (auto r = check_removed_actions(uow, before, after); !r) return r;
        if (auto r = check_capa_people(uow, after, &before); !r) return r;
        if (after.risk_id != before.risk_id || after.fmea_study_id != before.fmea_study_id)
          if (auto r = check_capa_links(ctx, uow, after); !r) return r;
        summary = "Changed " + before.reference;
        return {};
      });
}

Result<Response> transition_capa(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto to = body->choice("to", true, capa_state_from_string);
  const auto reason = body->string("reason", false, 2000).value_or("");
  if (auto r = body->finish(); !r) return r.error();
  return change_capa(ctx, "transition",
                     [&](store::UnitOfWork&, const CorrectiveAction& before, CorrectiveAction& after,
                         Refusal& refused, std::string& summary) -> Result<void> {
                       if (auto r = require_editor(ctx, before, refused); !r) return r;
                       if (auto errors = check_transition(before, *to, reason); !errors.empty())
                         return Error::validation(std::move(errors), before.reference + " cannot move to " +
                                                                         std::string(label(*to)) + " yet.");
                       apply_transition(after, *to, reason, ctx.now());
                       summary = "Moved " + before.reference + " to " + std::string(label(*to));
                       return {};
                     });
}

}  // namespace

void add_capa_routes(Router& router) {
  router.add(Method::get, "/api/v1/capa", Access::signed_in, list_capas);
  router.add(Method::get, "/api/v1/capa/board", Access::signed_in, capa_board);
  router.add(Method::get, "/api/v1/capa/ageing", Access::signed_in, capa_ageing);
  router.add(Method::get, "/api/v1/capa/export", Access::signed_in, export_capas);
  router.add(Method::post, "/api/v1/capa", Access::signed_in, create_capa);
  router.add(Method::get, "/api/v1/capa/{id}", Access::signed_in, get_capa);
  router.add(Method::put, "/api/v1/capa/{id}", Access::signed_in, update_capa);
  router.add(Method::post, "/api/v1/capa/{id}/transition", Access::signed_in, transition_capa);
}

}  // namespace hqms::http
