#include "http/incidents/incident_access.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

// The signed-in person's work, in sections that the modules fill (incidents, CAPA, audits...). The sections
// exist from the start so that the home page keeps one shape as modules arrive.
void add_home_routes(Router& router) {
  router.add(Method::get, "/api/v1/me/work", Access::signed_in, [](RequestContext& ctx) -> Result<Response> {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto clock = incident_clock(**uow, ctx.now());
    if (!clock) return clock.error();
    auto counts = (*uow)->incidents().work_counts(caller_incident_query(ctx, *clock));
    if (!counts) return counts.error();
    auto section = [](std::string key, std::string title, std::string empty) {
      return nlohmann::json{{"key", std::move(key)},
                            {"title", std::move(title)},
                            {"emptyText", std::move(empty)},
                            {"items", nlohmann::json::array()}};
    };
    return json_ok({{"sections",
                     {section("reports", "My reports", "You have no open reports."),
                      section("assigned", "Assigned to me", "Nothing is assigned to you."),
                      section("overdue", "Overdue", "Nothing of yours is overdue.")}},
                    {"incidents",
                     {{"myReports", counts->my_reports},
                      {"triageQueue", counts->triage_queue},
                      {"myInvestigations", counts->my_investigations},
                      {"overdue", counts->overdue}}}});
  });
}

}  // namespace hqms::http
