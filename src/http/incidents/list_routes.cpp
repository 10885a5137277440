// The queues and what is learnt from them: the filtered list, its CSV and Excel exports, the Pareto chart,
// monthly counts by department, and saved searches.
#include <algorithm>

#include "core/learning/pareto.hpp"
#include "http/export/table_export.hpp"
#include "http/incidents/incident_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

constexpr std::int64_t kMaxExportRows = 50000;

// Opens a read transaction, the deadline clock and the caller's filters: what every route here starts with.
struct ListContext {
  std::unique_ptr<store::UnitOfWork> uow;
  IncidentClock clock;
  store::IncidentQuery query;
};

Result<ListContext> open_list(RequestContext& ctx, bool paged) {
  if (auto r = ctx.require_somewhere(Permission::incidents_report, "view event reports"); !r)
    return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto clock = incident_clock(**uow, ctx.now());
  if (!clock) return clock.error();
  QueryReader reader(ctx.req());
  auto query = read_incident_query(ctx, reader, *clock, paged);
  if (!query) return query.error();
  return ListContext{std::move(*uow), std::move(*clock), std::move(*query)};
}

Result<Response> list_incidents(RequestContext& ctx) {
  auto list = open_list(ctx, true);
  if (!list) return list.error();
  auto page = list->uow->incidents().list(list->query);
  if (!page) return page.error();
  std::vector<Id> people;
  for (const auto& r : page->items)
    if (r.handler_id) people.push_back(*r.handler_id);
  auto names = list->uow->users().display_names(people);
  if (!names) return names.error();
  return json_ok(page_json(*page, [&](const IncidentReport& r) {
    return incident_summary_json(ctx.org(), r, *names,
                                 overdue_reasons(r, list->clock.today, list->clock.calendar).any());
  }));
}

Result<Response> export_incidents(RequestContext& ctx) {
  const auto format_name = ctx.req().query_value("format").value_or("csv");
  if (format_name != "csv" && format_name != "xlsx")
    return Error::validation({{"format", "must be csv or xlsx"}}, "The query has invalid parameters.");
  auto list = open_list(ctx, false);
  if (!list) return list.error();
  // Patient columns only for those who may see patient identifiers somewhere; each row then shows them only
  // where the caller may see that row's.
  const bool phi_columns = ctx.policy().allows_somewhere(Permission::incidents_read_phi);
  Table table{"event-reports",
              {"Reference", "Submitted", "Occurred", "Type", "Category", "Harm", "Harm duration",
               "NCC MERP category", "Severity", "State", "Site", "Department", "Location", "Sentinel event",
               "Analysis due", "Overdue", "Anonymous", "What happened", "Immediate actions"},
              {}};
  if (phi_columns) table.header.insert(table.header.end(), {"Patient identifier", "Patient name"});
  std::int64_t rows = 0;
  auto scanned = list->uow->incidents().scan(list->query, [&](const IncidentReport& r) {
    const auto* dept = ctx.org().department(r.event.department_id);
    const auto* site = ctx.org().site(r.site_id);
    std::vector<std::string> row{
        r.reference,
        format_iso(r.submitted_at),
        format_iso(r.event.occurred_at),
        std::string(label(r.event.type)),
        std::string(label(r.event.category)),
        std::string(label(r.event.harm)),
        std::string(label(r.event.harm_duration)),
        r.event.merp ? std::string(to_string(*r.event.merp)) : "",
        r.severity ? std::string(label(*r.severity)) : "",
        std::string(label(r.state)),
        site ? site->name : "",
        dept ? dept->name : "",
        r.event.location,
        r.sentinel ? "Yes" : "No",
        r.analysis_due ? format_date(Timestamp(*r.analysis_due)) : "",
        overdue_reasons(r, list->clock.today, list->clock.calendar).any() ? "Yes" : "No",
        r.anonymous ? "Yes" : "No",
        r.event.description,
        r.event.immediate_actions};
    if (phi_columns) {
      const bool allowed = incident_access(ctx, r).patient;
      const bool has = r.event.patient.has_value();
      row.push_back(!has ? "" : allowed ? r.event.patient->identifier : "(restricted)");
      row.push_back(!has ? "" : allowed ? r.event.patient->name : "(restricted)");
    }
    table.rows.push_back(std::move(row));
    return ++rows < kMaxExportRows;
  });
  if (!scanned) return scanned.error();
  return table_download(table, format_name == "csv" ? ExportFormat::csv : ExportFormat::xlsx,
                        format_date(ctx.now()));
}

Result<Response> pareto_chart(RequestContext& ctx) {
  const auto by = ctx.req().query_value("by").value_or("category");
  store::IncidentGrouping grouping;
  if (by == "category")
    grouping = store::IncidentGrouping::category;
  else if (by == "location")
    grouping = store::IncidentGrouping::location;
  else if (by == "factor")
    grouping = store::IncidentGrouping::factor;
  else
    return Error::validation({{"by", "must be category, location or factor"}},
                             "The query has invalid parameters.");
  auto list = open_list(ctx, false);
  if (!list) return list.error();
  auto counts = list->uow->incidents().count_by(list->query, grouping);
  if (!counts) return counts.error();
  std::int64_t total = 0;
  for (auto& c : *counts) {
    total += c.count;
    if (grouping == store::IncidentGrouping::category) {
      if (auto cat = event_category_from_string(c.key)) c.label = label(*cat);
    } else if (grouping == store::IncidentGrouping::location) {
      const auto* dept = ctx.org().department(std::stoll(c.key));
      const auto* site = dept ? ctx.org().site(dept->site_id) : nullptr;
      c.label = dept ? dept->name + (site ? " (" + site->name + ")" : "") : c.key;
    } else {
      c.label = c.key;
    }
  }
  auto bars = json::array();
  for (const auto& b : pareto(std::move(*counts)))
    bars.push_back({{"key", b.key},
                    {"label", b.label},
                    {"count", b.count},
                    {"percent", b.percent},
                    {"cumulativePercent", b.cumulative_percent},
                    {"vitalFew", b.vital_few}});
  return json_ok({{"by", by}, {"total", total}, {"bars", std::move(bars)}});
}

// YYYY-MM of a month offset from `start`.
std::string month_after(std::chrono::year_month start, int offset) {
  const auto ym = start + std::chrono::months(offset);
  const auto month = static_cast<unsigned>(ym.month());
  return std::to_string(static_cast<int>(ym.year())) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

std::optional<std::chrono::year_month> parse_month(const std::string& text) {
  if (text.size() != 7 || text[4] != '-') return std::nullopt;
  try {
    const int y = std::stoi(text.substr(0, 4));
    const unsigned m = static_cast<unsigned>(std::stoi(text.substr(5, 2)));
    if (m < 1 || m > 12) return std::nullopt;
    return std::chrono::year_month(std::chrono::year(y), std::chrono::month(m));
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

Result<Response> monthly_counts(RequestContext& ctx) {
  const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(ctx.now()));
  const std::chrono::year_month this_month(today.year(), today.month());
  auto from = parse_month(ctx.req().query_value("fromMonth").value_or(month_after(this_month, -11)));
  auto to = parse_month(ctx.req().query_value("toMonth").value_or(month_after(this_month, 0)));
  std::vector<FieldError> errors;
  if (!from) errors.push_back({"fromMonth", "must be a month, YYYY-MM"});
  if (!to) errors.push_back({"toMonth", "must be a month, YYYY-MM"});
  if (from && to && (*to < *from || (*to - *from).count() > 59))
    errors.push_back({"toMonth", "must be from 0 to 59 months after fromMonth"});
  if (!errors.empty()) return Error::validation(std::move(errors), "The query has invalid parameters.");
  auto list = open_list(ctx, false);
  if (!list) return list.error();
  const int months = static_cast<int>((*to - *from).count()) + 1;
  list->query.occurred_from = Timestamp(std::chrono::sys_days(*from / 1));
  list->query.occurred_until = Timestamp(std::chrono::sys_days((*to + std::chrono::months(1)) / 1));
  auto counts = list->uow->incidents().monthly(list->query);
  if (!counts) return counts.error();

  std::vector<std::string> labels;
  for (int i = 0; i < months; ++i) labels.push_back(month_after(*from, i));
  std::map<Id, std::vector<std::int64_t>> by_department;
  std::vector<std::int64_t> totals(months, 0);
  for (const auto& c : *counts) {
    auto at = std::find(labels.begin(), labels.end(), c.month);
    if (at == labels.end()) continue;
    const auto i = static_cast<std::size_t>(at - labels.begin());
    auto& row = by_department[c.department_id];
    row.resize(months, 0);
    row[i] += c.count;
    totals[i] += c.count;
  }
  auto departments = json::array();
  for (const auto& [id, row] : by_department) {
    const auto* dept = ctx.org().department(id);
    const auto* site = dept ? ctx.org().site(dept->site_id) : nullptr;
    std::int64_t total = 0;
    for (auto n : row) total += n;
    departments.push_back({{"id", id},
                           {"name", dept ? dept->name : std::to_string(id)},
                           {"siteName", site ? site->name : ""},
                           {"counts", row},
                           {"total", total}});
  }
  return json_ok({{"months", labels}, {"departments", std::move(departments)}, {"totals", totals}});
}

// Whether a query string filters by patient (its parameter names decoded as the server decodes them).
bool names_a_patient(std::string_view query) {
  if (query.starts_with('?')) query.remove_prefix(1);
  while (!query.empty()) {
    const auto end = std::min(query.find('&'), query.size());
    const auto pair = query.substr(0, end);
    if (percent_decode(pair.substr(0, pair.find('=')), true) == "patientIdentifier") return true;
    query.remove_prefix(std::min(end + 1, query.size()));
  }
  return false;
}

json saved_search_json(const store::SavedSearch& s) {
  return {{"id", s.id}, {"name", s.name}, {"module", s.module}, {"query", s.query}};
}

Result<Response> list_saved_searches(RequestContext& ctx) {
  const auto module = ctx.req().query_value("module").value_or("incidents");
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto found = (*uow)->saved_searches().list(ctx.principal().user.id, module);
  if (!found) return found.error();
  auto items = json::array();
  for (const auto& s : *found) items.push_back(saved_search_json(s));
  return json_ok({{"items", std::move(items)}});
}

Result<Response> create_saved_search(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  store::SavedSearch s;
  s.user_id = ctx.principal().user.id;
  s.name = body->string("name", true, 100).value_or("");
  s.module = body->string("module", true, 40).value_or("");
  s.query = body->string("query", true, 2000).value_or("");
  if (s.name.find_first_not_of(' ') == std::string::npos) body->error("name", "is required");
  if (names_a_patient(s.query))
    body->error("query",
                "cannot hold a patient identifier: saved searches and their audit entries are kept in clear");
  if (auto r = body->finish(); !r) return r.error();
  s.created_at = ctx.now();
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Id> {
    auto id = uow.saved_searches().create(s);
    if (!id) return id.error();
    auto logged = uow.audit().record(
        ctx.audit_event(
            "create", "saved_search", std::to_string(*id), "Saved the search " + s.name, nullptr,
            saved_search_json(store::SavedSearch{*id, s.user_id, s.module, s.name, s.query, s.created_at}),
            {ScopeType::organisation, ctx.org().id}),
        ctx.now());
    if (!logged) return logged.error();
    return *id;
  });
  if (!saved && saved.error().kind == ErrorKind::conflict)
    return Error{
        ErrorKind::conflict, "You already have a saved search of that name.", {{"name", "is taken"}}, {}};
  if (!saved) return saved.error();
  s.id = *saved;
  return json_ok(saved_search_json(s), 201);
}

Result<Response> delete_saved_search(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto done = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto s = uow.saved_searches().get(*id);
    // Deleting is idempotent: an absent search, or someone else's (as good as absent), is already gone.
    if (!s && s.error().kind != ErrorKind::not_found) return s.error();
    if (!s || s->user_id != ctx.principal().user.id) return {};
    if (auto r = uow.saved_searches().remove(*id); !r) return r;
    return uow.audit().record(
        ctx.audit_event("delete", "saved_search", std::to_string(*id), "Deleted the saved search " + s->name,
                        saved_search_json(*s), nullptr, {ScopeType::organisation, ctx.org().id}),
        ctx.now());
  });
  if (!done) return done.error();
  return empty_response(204);
}

}  // namespace

void add_incident_list_routes(Router& router) {
  router.add(Method::get, "/api/v1/incidents", Access::signed_in, list_incidents);
  router.add(Method::get, "/api/v1/incidents/export", Access::signed_in, export_incidents);
  router.add(Method::get, "/api/v1/incidents/pareto", Access::signed_in, pareto_chart);
  router.add(Method::get, "/api/v1/incidents/monthly", Access::signed_in, monthly_counts);
  router.add(Method::get, "/api/v1/saved-searches", Access::signed_in, list_saved_searches);
  router.add(Method::post, "/api/v1/saved-searches", Access::signed_in, create_saved_search);
  router.add(Method::delete_, "/api/v1/saved-searches/{id}", Access::signed_in, delete_saved_search);
}

}  // namespace hqms::http
