#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

void add_health_routes(Router& router) {
  router.add(Method::get, "/healthz", Access::anyone, [](RequestContext&) -> Result<Response> {
    return json_ok({{"status", "ok"}});
  });

  router.add(Method::get, "/readyz", Access::anyone, [](RequestContext& ctx) -> Result<Response> {
    if (auto r = ctx.db().ping(); !r) return r.error();
    return json_ok({{"status", "ready"}});
  });

  // Unauthenticated like most Prometheus targets: it holds route names and counts, no records. Bind the
  // server to a private address (or filter /metrics at the proxy) where that matters.
  router.add(Method::get, "/metrics", Access::anyone, [](RequestContext& ctx) -> Result<Response> {
    return text_response(200, ctx.app().metrics().prometheus_text(),
                         "text/plain; version=0.0.4; charset=utf-8");
  });
}

}  // namespace hqms::http
