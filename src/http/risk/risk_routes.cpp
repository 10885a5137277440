// The risk register: the filtered list, the heat map of residual ratings, the export, and each risk with its
// review history. A risk whose residual rating newly reaches the extreme band moves one register up
// (department -> site -> organisation), with an audit entry of its own.
#include <algorithm>

#include "http/capa/capa_json.hpp"
#include "http/export/table_export.hpp"
#include "http/json/mapping.hpp"
#include "http/risk/risk_access.hpp"
#include "http/risk/risk_json.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxExportRows = 10000;

std::string register_name(const RequestContext& ctx, ScopeRef scope) {
  return ctx.org().name_of(scope).value_or(std::string(to_string(scope.type)));
}

// "department:3", "site:1", "organisation:1".
std::optional<ScopeRef> parse_register(const Organisation& org, const std::string& text) {
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  auto type = scope_type_from_string(text.substr(0, colon));
  if (!type) return std::nullopt;
  try {
    std::size_t used = 0;
    const auto id = std::stoll(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) return std::nullopt;
    const ScopeRef scope{*type, id};
    if (!org.exists(scope)) return std::nullopt;
    return scope;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

// The residual scores a band covers under the organisation's edges.
std::pair<int, int> score_range(RiskBand band, const RiskBands& bands) {
  switch (band) {
    case RiskBand::low:
      return {1, bands.moderate_from - 1};
    case RiskBand::moderate:
      return {bands.moderate_from, bands.high_from - 1};
    case RiskBand::high:
      return {bands.high_from, bands.extreme_from - 1};
    case RiskBand::extreme:
      return {bands.extreme_from, 25};
  }
  return {1, 25};
}

// The list's filters from the query string; the heat map ignores the cell filter.
Result<store::RiskQuery> read_query(RequestContext& ctx, const RiskBands& bands, bool with_cell) {
  QueryReader query(ctx.req());
  store::RiskQuery q;
  q.visible = ctx.policy().scope_filter(Permission::risks_read);
  q.caller_id = ctx.principal().user.id;
  q.category = query.choice("category", risk_category_from_string);
  // Open risks unless asked otherwise; "all" lifts the filter.
  const auto status = ctx.req().query_value("status").value_or("open");
  if (status != "all" && !status.empty()) q.status = query.choice("status", risk_status_from_string);
  if (auto band = query.choice("band", risk_band_from_string)) {
    const auto [from, to] = score_range(*band, bands);
    q.min_residual_score = from;
    q.max_residual_score = to;
  }
  std::vector<FieldError> errors;
  if (auto raw = query.text("register", 40); !raw.empty()) {
    q.register_scope = parse_register(ctx.org(), raw);
    if (!q.register_scope)
      errors.push_back(
          {"register", "must be department:<id>, site:<id> or organisation:<id> of a known one"});
  }
  q.department_id = query.id("departmentId");
  q.owner_id = query.id("ownerId");
  if (query.boolean("reviewOverdue").value_or(false)) q.review_overdue_on = utc_day(ctx.now());
  const auto likelihood = query.integer("likelihood", 1, 5);
  const auto consequence = query.integer("consequence", 1, 5);
  if (with_cell && (likelihood || consequence)) {
    if (!likelihood || !consequence)
      errors.push_back({likelihood ? "consequence" : "likelihood", "give both likelihood and consequence"});
    else
      q.residual = RiskRating{*likelihood_from_level(*likelihood), *consequence_from_level(*consequence)};
  }
  q.text = query.text("q", 200);
  q.page = query.page({"residualScore", "inherentScore", "reviewDueOn", "updatedAt", "reference", "title"},
                      "-residualScore");
  if (auto r = query.finish(); !r) {
    auto e = r.error();
    e.fields.insert(e.fields.end(), errors.begin(), errors.end());
    return e;
  }
  if (!errors.empty()) return Error::validation(std::move(errors), "The query has invalid parameters.");
  return q;
}

Result<json> linked_actions(RequestContext& ctx, store::UnitOfWork& uow, const Risk& risk) {
  store::CapaQuery q;
  q.visible = ctx.policy().scope_filter(Permission::capa_read);
  q.caller_id = ctx.principal().user.id;
  q.risk_id = risk.id;
  q.page.limit = PageRequest::kMaxLimit;
  q.page.sort_field = "updatedAt";
  q.page.descending = true;
  auto page = uow.capa().list(q);
  if (!page) return page.error();
  auto names = coordinator_names(uow, page->items);
  if (!names) return names.error();
  auto items = json::array();
  for (const auto& c : page->items) items.push_back(capa_list_item(ctx.org(), c, *names, ctx.now()));
  return items;
}

Result<Response> risk_response(RequestContext& ctx, store::UnitOfWork& uow, const Risk& risk,
                               int status = 200) {
  auto bands = uow.risks().bands();
  if (!bands) return bands.error();
  auto names = uow.users().display_names(people_of(risk));
  if (!names) return names.error();
  auto actions = linked_actions(ctx, uow, risk);
  if (!actions) return actions.error();
  return json_ok(risk_json(ctx, risk, *bands, *names, std::move(*actions)), status);
}

Result<Response> list_risks(RequestContext& ctx) {
  // Everyone signed in may ask: those without risks.read anywhere see the risks they own.
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto bands = (*uow)->risks().bands();
  if (!bands) return bands.error();
  auto q = read_query(ctx, *bands, true);
  if (!q) return q.error();
  auto page = (*uow)->risks().list(*q);
  if (!page) return page.error();
  std::vector<Id> owners;
  for (const auto& r : page->items)
    if (r.owner_id) owners.push_back(*r.owner_id);
  auto names = (*uow)->users().display_names(owners);
  if (!names) return names.error();
  return json_ok(page_json(*page, [&](const Risk& r) { return risk_summary_json(ctx, r, *bands, *names); }));
}

Result<Response> risk_heat_map(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::risks_read, "view the risk heat map"); !r) return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto bands = (*uow)->risks().bands();
  if (!bands) return bands.error();
  auto q = read_query(ctx, *bands, false);
  if (!q) return q.error();
  auto ratings = (*uow)->risks().residual_ratings(*q);
  if (!ratings) return ratings.error();
  const auto counts = heat_map(*ratings);
  auto cells = json::array();
  for (auto l : all_likelihoods())
    for (auto c : all_consequences()) {
      const RiskRating cell{l, c};
      cells.push_back({{"likelihood", static_cast<int>(l)},
                       {"consequence", static_cast<int>(c)},
                       {"score", cell.score()},
                       {"band", to_string(band_of(cell, *bands))},
                       {"count", counts[static_cast<int>(l) - 1][static_cast<int>(c) - 1]}});
    }
  return json_ok({{"cells", std::move(cells)}, {"bands", bands_json(*bands)}, {"total", ratings->size()}});
}

std::string rating_cell(const RiskRating& r, const RiskBands& bands) {
  return std::to_string(r.score()) + " " + std::string(label(band_of(r, bands))) + " (L" +
         std::to_string(static_cast<int>(r.likelihood)) + " x C" +
         std::to_string(static_cast<int>(r.consequence)) + ")";
}

Result<Response> export_risks(RequestContext& ctx) {
  const auto format_name = ctx.req().query_value("format").value_or("csv");
  if (format_name != "csv" && format_name != "xlsx")
    return Error::validation({{"format", "must be csv or xlsx"}}, "The query has invalid parameters.");
  if (auto r = ctx.require_somewhere(Permission::risks_read, "export the risk register"); !r)
    return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto bands = (*uow)->risks().bands();
  if (!bands) return bands.error();
  auto q = read_query(ctx, *bands, true);
  if (!q) return q.error();
  Table table{"risk-register",
              {"Reference", "Title", "Category", "Raised on", "Register", "Owner", "Inherent", "Residual",
               "Residual band", "Target", "Treatment", "Controls", "Review due", "Review overdue", "Status",
               "Updated"},
              {}};
  // The store pages; the export walks the pages up to its cap.
  q->page.limit = PageRequest::kMaxLimit;
  q->page.offset = 0;
  while (static_cast<std::int64_t>(table.rows.size()) < kMaxExportRows) {
    auto page = (*uow)->risks().list(*q);
    if (!page) return page.error();
    std::vector<Id> owners;
    for (const auto& r : page->items)
      if (r.owner_id) owners.push_back(*r.owner_id);
    auto names = (*uow)->users().display_names(owners);
    if (!names) return names.error();
    for (const auto& r : page->items) {
      std::string controls;
      for (const auto& c : r.controls)
        controls +=
            (controls.empty() ? "" : "; ") + c.description + " (" + std::string(label(c.effectiveness)) + ")";
      table.rows.push_back({r.reference, r.title, std::string(label(r.category)), register_name(ctx, r.scope),
                            register_name(ctx, current_register(r)), r.owner_id ? (*names)[*r.owner_id] : "",
                            rating_cell(r.inherent, *bands), rating_cell(r.residual, *bands),
                            std::string(label(band_of(r.residual, *bands))), rating_cell(r.target, *bands),
                            std::string(label(r.treatment)), controls,
                            r.review_due_on ? format_date(Timestamp(*r.review_due_on)) : "",
                            review_overdue(r, utc_day(ctx.now())) ? "Yes" : "No",
                            std::string(to_string(r.status)), format_iso(r.updated_at)});
    }
    if (page->items.size() < static_cast<std::size_t>(q->page.limit)) break;
    q->page.offset += q->page.limit;
  }
  if (static_cast<std::int64_t>(table.rows.size()) > kMaxExportRows) table.rows.resize(kMaxExportRows);
  return table_download(table, format_name == "csv" ? ExportFormat::csv : ExportFormat::xlsx,
                        format_date(ctx.now()));
}

// The owner is a user (422 rather than the database's foreign-key failure).
Result<void> check_owner(store::UnitOfWork& uow, const Risk& risk) {
  if (!risk.owner_id) return {};
  auto user = uow.users().get(*risk.owner_id);
  if (user) return {};
  if (user.error().kind != ErrorKind::not_found) return user.error();
  return Error::validation({{"ownerId", "is not a known user"}});
}

// The escalation rule: a residual rating that has just reached the extreme band moves the risk one register
// up. The move is audited on its own by record_escalation once the risk is stored.
void apply_escalation(const Organisation& org, const std::optional<Risk>& before, Risk& after,
                      const RiskBands& bands) {
  if (auto to = escalation_for(org, before, after, bands)) after.escalated_to = *to;
}

Result<void> record_escalation(RequestContext& ctx, store::UnitOfWork& uow, const Risk& stored,
                               ScopeRef from) {
  const auto to = current_register(stored);
  if (to == from) return {};
  return uow.audit().record(
      ctx.audit_event("escalate", "risk", std::to_string(stored.id),
                      "Escalated " + stored.reference + " to the " + register_name(ctx, to) + " register",
                      {{"register", scope_json(ctx.org(), from)}}, {{"register", scope_json(ctx.org(), to)}},
                      stored.scope),
      ctx.now());
}

Result<Response> create_risk(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Risk risk;
  read_risk(*body, ctx.org(), risk, true);
  // The register decides who may add to it: refuse before saying anything about the rest of the body.
  if (ctx.org().exists(risk.scope))
    if (auto r = ctx.require(Permission::risks_manage, risk.scope, "add a risk to that register"); !r)
      return r.error();
  if (auto r = body->finish(); !r) return r.error();
  if (auto errors = check_risk(risk); !errors.empty()) return Error::validation(std::move(errors));
  risk.status = RiskStatus::open;
  risk.created_at = risk.updated_at = ctx.now();
  auto created = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Risk> {
    if (auto r = check_owner(uow, risk); !r) return r.error();
    auto bands = uow.risks().bands();
    if (!bands) return bands.error();
    auto draft = risk;
    apply_escalation(ctx.org(), std::nullopt, draft, *bands);
    auto id = uow.risks().create(draft);
    if (!id) return id.error();
    auto stored = uow.risks().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event("create", "risk", std::to_string(*id), "Added the risk " + stored->reference, nullptr,
                        risk_audit_json(*stored), stored->scope),
        ctx.now());
    if (!logged) return logged.error();
    if (auto r = record_escalation(ctx, uow, *stored, stored->scope); !r) return r.error();
    return stored;
  });
  if (!created) return created.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return risk_response(ctx, **uow, *created, 201);
}

Result<Response> get_risk(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto risk = (*uow)->risks().get(*id);
  if (!risk) return risk.error();
  if (!may_read(ctx, *risk)) return ctx.deny("view this risk", risk->scope);
  return risk_response(ctx, **uow, *risk);
}

// A register the risk was moved to keeps its escalation only while that register still lies above it.
void keep_escalation_above(const Organisation& org, Risk& risk) {
  if (risk.escalated_to &&
      (*risk.escalated_to == risk.scope || !org.contains(*risk.escalated_to, risk.scope)))
    risk.escalated_to.reset();
}

Result<Response> update_risk(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Risk> {
    refused.what.reset();
    auto before = uow.risks().get_for_update(*id);
    if (!before) return before.error();
    if (!may_read(ctx, *before)) return refused.refuse("view this risk", before->scope);
    if (!may_edit(ctx, *before)) return refused.refuse("change this risk", before->scope);
    auto after = *before;
    body->version(after.version);
    read_risk(*body, ctx.org(), after, false);
    if (after.scope != before->scope) {
      if (!ctx.policy().allows(Permission::risks_manage, after.scope))
        return refused.refuse("move a risk to that register", after.scope);
      keep_escalation_above(ctx.org(), after);
    }
    if (auto r = body->finish(); !r) return r.error();
    if (auto errors = check_risk(after); !errors.empty()) return Error::validation(std::move(errors));
    if (auto r = check_owner(uow, after); !r) return r.error();
    auto bands = uow.risks().bands();
    if (!bands) return bands.error();
    const auto was_on = current_register(after);
    apply_escalation(ctx.org(), *before, after, *bands);
    after.updated_at = ctx.now();
    if (auto r = uow.risks().update(after); !r) return r.error();
    auto stored = uow.risks().get(*id);
    if (!stored) return stored.error();
    auto logged = uow.audit().record(
        ctx.audit_event("update", "risk", std::to_string(*id), "Changed the risk " + stored->reference,
                        risk_audit_json(*before), risk_audit_json(*stored), stored->scope),
        ctx.now());
    if (!logged) return logged.error();
    if (auto r = record_escalation(ctx, uow, *stored, was_on); !r) return r.error();
    return stored;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return risk_response(ctx, **uow, *saved);
}

Result<Response> review_risk(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  Refusal refused;
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Risk> {
    refused.what.reset();
    auto before = uow.risks().get_for_update(*id);
    if (!before) return before.error();
    if (!may_read(ctx, *before)) return refused.refuse("view this risk", before->scope);
    if (!may_review(ctx, *before)) return refused.refuse("review this risk", before->scope);
    if (before->status != RiskStatus::open)
      return Error::conflict(before->reference + " is closed: reopen it before reviewing it.");
    RiskReview review;
    review.reviewed_on = utc_day(ctx.now());
    review.reviewer_id = ctx.principal().user.id;
    std::optional<Date> next;
    read_review(*body, review, next);
    if (next && *next <= review.reviewed_on) body->error("nextReviewOn", "must be after today");
    if (auto r = body->finish(); !r) return r.error();
    auto after = *before;
    after.residual = review.residual;
    after.review_due_on = next;
    after.reviews.push_back(review);
    if (auto errors = check_risk(after); !errors.empty()) return Error::validation(std::move(errors));
    auto bands = uow.risks().bands();
    if (!bands) return bands.error();
    const auto was_on = current_register(after);
    apply_escalation(ctx.org(), *before, after, *bands);
    after.updated_at = ctx.now();
    if (auto r = uow.risks().update(after); !r) return r.error();
    auto stored = uow.risks().get(*id);
    if (!stored) return stored.error();
    auto logged =
        uow.audit().record(ctx.audit_event("review", "risk", std::to_string(*id),
                                           "Reviewed the risk " + stored->reference + ": residual " +
                                               std::to_string(review.residual.score()) + " (" +
                                               std::string(label(band_of(review.residual, *bands))) + ")",
                                           risk_audit_json(*before), risk_audit_json(*stored), stored->scope),
                           ctx.now());
    if (!logged) return logged.error();
    if (auto r = record_escalation(ctx, uow, *stored, was_on); !r) return r.error();
    return stored;
  });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!saved) return saved.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return risk_response(ctx, **uow, *saved, 201);
}

}  // namespace

void add_risk_routes(Router& router) {
  router.add(Method::get, "/api/v1/risks", Access::signed_in, list_risks);
  // Before /risks/{id}, which would otherwise take them.
  router.add(Method::get, "/api/v1/risks/heat-map", Access::signed_in, risk_heat_map);
  router.add(Method::get, "/api/v1/risks/export", Access::signed_in, export_risks);
  router.add(Method::post, "/api/v1/risks", Access::signed_in, create_risk);
  router.add(Method::get, "/api/v1/risks/{id}", Access::signed_in, get_risk);
  router.add(Method::put, "/api/v1/risks/{id}", Access::signed_in, update_risk);
  router.add(Method::post, "/api/v1/risks/{id}/reviews", Access::signed_in, review_risk);
}

}  // namespace hqms::http
