#include "core/capa/corrective_action.hpp"
#include "core/common/business_calendar.hpp"
#include "core/incidents/classification.hpp"
#include "core/incidents/incident_workflow.hpp"
#include "http/capa/capa_json.hpp"
#include "http/incidents/incident_access.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

// A few items per section: the home page points at the work, the lists behind the links hold all of it.
constexpr int kItemsPerSection = 5;

json section(std::string key, std::string title, std::string empty, json items) {
  return {{"key", std::move(key)},
          {"title", std::move(title)},
          {"emptyText", std::move(empty)},
          {"items", std::move(items)}};
}

// An investigator sees when the analysis is due; a reporter only where their report stands.
json report_item(const IncidentReport& r, std::string_view why, bool with_due, Date today) {
  const bool due = with_due && !is_final(r.state) && r.analysis_due.has_value();
  return {{"id", "incident-" + std::to_string(r.id)},
          {"title", r.reference + " · " + std::string(label(r.event.category))},
          {"subtitle", std::string(why) + std::string(label(r.state))},
          {"href", "/incidents/" + std::to_string(r.id)},
          {"dueAt", due ? date_json(r.analysis_due) : json(nullptr)},
          {"overdue", due && *r.analysis_due < today}};
}

Result<json> incident_items(store::UnitOfWork& uow, store::IncidentQuery query, store::IncidentQueue queue,
                            std::string_view why) {
  query.queue = queue;
  query.page.limit = kItemsPerSection;
  query.page.sort_field = "submittedAt";
  query.page.descending = true;
  auto page = uow.incidents().list(query);
  if (!page) return page.error();
  auto items = json::array();
  const bool with_due = queue == store::IncidentQueue::investigations;
  for (const auto& r : page->items) items.push_back(report_item(r, why, with_due, query.today));
  return items;
}

// The open CAPAs the caller coordinates or owns an action in, soonest due first.
Result<json> capa_items(RequestContext& ctx, store::UnitOfWork& uow) {
  store::CapaQuery q;
  q.visible = ctx.policy().scope_filter(Permission::capa_read);
  q.caller_id = ctx.principal().user.id;
  q.owner_id = ctx.principal().user.id;
  q.states = {CapaState::open, CapaState::planned, CapaState::in_progress, CapaState::awaiting_verification};
  q.page.limit = kItemsPerSection;
  q.page.sort_field = "updatedAt";
  q.page.descending = true;
  auto page = uow.capa().list(q);
  if (!page) return page.error();
  const auto today = utc_day(ctx.now());
  auto items = json::array();
  for (const auto& c : page->items) {
    items.push_back({{"id", "capa-" + std::to_string(c.id)},
                     {"title", c.reference + " · " + c.title},
                     {"subtitle", "CAPA: " + std::string(label(c.state))},
                     {"href", "/capa/" + std::to_string(c.id)},
                     {"dueAt", date_json(next_due(c))},
                     {"overdue", is_overdue(c, today)}});
  }
  return items;
}

}  // namespace

// The signed-in person's work: the counts of the incident card, their latest reports, and what is theirs to
// do (reports they investigate, CAPAs they coordinate or hold an action in). Overdue actions have their own
// card (GET /api/v1/me/overdue-actions).
void add_home_routes(Router& router) {
  router.add(Method::get, "/api/v1/me/work", Access::signed_in, [](RequestContext& ctx) -> Result<Response> {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto clock = incident_clock(**uow, ctx.now());
    if (!clock) return clock.error();
    const auto query = caller_incident_query(ctx, *clock);
    auto counts = (*uow)->incidents().work_counts(query);
    if (!counts) return counts.error();
    auto reports = incident_items(**uow, query, store::IncidentQueue::mine, "Reported by you, ");
    if (!reports) return reports.error();
    auto investigating =
        incident_items(**uow, query, store::IncidentQueue::investigations, "Under your investigation, ");
    if (!investigating) return investigating.error();
    auto capas = capa_items(ctx, **uow);
    if (!capas) return capas.error();
    auto assigned = std::move(*investigating);
    for (auto& item : *capas) assigned.push_back(std::move(item));
    return json_ok(
        {{"sections",
          {section("reports", "My latest reports", "You have not reported an event yet.",
                   std::move(*reports)),
           section("assigned", "Assigned to me", "Nothing is assigned to you.", std::move(assigned))}},
         {"incidents",
          {{"myReports", counts->my_reports},
           {"triageQueue", counts->triage_queue},
           {"myInvestigations", counts->my_investigations},
           {"overdue", counts->overdue}}}});
  });
}

}  // namespace hqms::http
