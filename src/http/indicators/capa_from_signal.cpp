// "Open a CAPA from this signal": a special cause of concern on an indicator's chart becomes a corrective
// action in one click. The problem statement is worked out here from the chart as the server draws it (the
// value, centre line and limits of that period, the rule that fired), never taken from the browser, so the
// CAPA says what the data said. It is raised in the department the signal belongs to, so it needs
// capa.manage there besides indicators.read over the chart's scope.
#include <cmath>
#include <cstdio>

#include "core/capa/corrective_action.hpp"
#include "http/capa/capa_create.hpp"
#include "http/indicators/chart_body.hpp"
#include "http/indicators/indicator_chart_request.hpp"
#include "http/indicators/indicator_computation.hpp"
#include "http/indicators/indicator_lookup.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

constexpr std::size_t kTitleMax = 300;

// Two decimals for figures of 1 and more, three significant digits below: "4.27", "0.0316", "12".
std::string figure(double value) {
  char buffer[64];
  if (std::fabs(value) >= 1 || value == 0)
    std::snprintf(buffer, sizeof buffer, "%.2f", value);
  else
    std::snprintf(buffer, sizeof buffer, "%.3g", value);
  std::string text = buffer;
  if (text.find('.') != std::string::npos && text.find('e') == std::string::npos) {
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
  }
  return text;
}

// The rules in the words of the Making Data Count and Anhøj guidance.
std::string rule_words(const std::string& rule) {
  if (rule == "beyond_limits") return "a point beyond the process limits";
  if (rule == "shift") return "a shift";
  if (rule == "trend") return "a trend";
  if (rule == "two_of_three") return "two of three points close to a limit";
  if (rule == "long_run") return "an unusually long run";
  if (rule == "few_crossings") return "too few crossings of the centre line";
  return rule;
}

std::string limits_words(const spc::ChartPoint& p) {
  if (p.lower && p.upper) return "limits " + figure(*p.lower) + "–" + figure(*p.upper);
  if (p.upper) return "upper limit " + figure(*p.upper);
  if (p.lower) return "lower limit " + figure(*p.lower);
  return "no process limits on this chart";
}

struct SignalRequest {
  Id department_id = 0;
  std::string period;
  std::optional<std::string> rule;  // which of the point's signals the person clicked, when several
  std::optional<std::string> title;
  ChartChoice chart;
  std::optional<std::string> scope;
};

Result<SignalRequest> read_request(RequestContext& ctx) {
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  SignalRequest r;
  if (auto id = body->nullable_id("departmentId"); id && *id) {
    if (!ctx.org().department(**id))
      body->error("departmentId", "is not a known department");
    else
      r.department_id = **id;
  } else if (!id || !*id) {
    body->error("departmentId", "is required");
  }
  r.period = body->string("period", true, 20).value_or("");
  r.rule = body->string("rule", false, 40);
  body->string("reading", false, 40);  // what the browser saw; the server reads the chart itself
  r.title = body->string("title", false, kTitleMax);
  if (r.title && r.title->find_first_not_of(" \t\r\n") == std::string::npos) r.title.reset();
  r.chart = chart_choice(*body);
  r.scope = scope_text(*body);
  if (auto done = body->finish(); !done) return done.error();
  return r;
}

// The chart's scope is the department itself or the site it belongs to: a CAPA is raised where the signal is.
Result<void> check_scope(const Organisation& org, ScopeRef scope, Id department_id) {
  const ScopeRef department{ScopeType::department, department_id};
  if (scope.type == ScopeType::organisation || !org.contains(scope, department))
    return Error::validation({{"scope", "must be the department's chart or its site's"}});
  return {};
}

Result<Response> capa_from_signal(RequestContext& ctx) {
  const auto& code = ctx.param("code");
  auto request = read_request(ctx);
  if (!request) return request.error();
  const ScopeRef department{ScopeType::department, request->department_id};
  auto scope =
      read_scope(ctx, request->scope.value_or("department:" + std::to_string(request->department_id)),
                 Permission::indicators_read, "view indicators there");
  if (!scope) return scope.error();
  if (auto r = check_scope(ctx.org(), *scope, request->department_id); !r) return r.error();
  if (auto r = ctx.require(Permission::capa_manage, department, "raise a CAPA there"); !r) return r.error();

  ResolvedIndicator indicator;
  indicators::ChartOptions options;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto found = find_indicator(**uow, code);
    if (!found) return found.error();
    indicator = std::move(*found);
    auto annotations = scope_annotations(**uow, ctx.org(), indicator.definition.code, *scope);
    if (!annotations) return annotations.error();
    options.annotations = std::move(annotations->notes);
  }
  options.chart = request->chart.chart;
  options.rules = request->chart.rules;
  auto snapshot = ctx.app().indicator_data().snapshot(ctx.db());
  if (!snapshot) return snapshot.error();
  ChartRequest chart_request;
  chart_request.definition = &indicator.definition;
  chart_request.scope = *scope;
  chart_request.options = options;
  chart_request.today = day_number(std::chrono::floor<std::chrono::days>(ctx.now()));
  chart_request.suppression_threshold = ctx.app().config().small_number_threshold;
  auto computed = compute_chart(ctx.app().indicator_data(), **snapshot, ctx.org(), chart_request);
  if (!computed) return computed.error();
  const auto& chart = computed->chart;

  std::optional<std::size_t> point;
  for (std::size_t i = 0; i < chart.periods.size(); ++i)
    if (chart.periods[i] == request->period) point = i;
  if (!point) return Error::validation({{"period", "is not a point of this chart"}});
  const indicators::ChartSignal* signal = nullptr;
  for (const auto& s : chart.signals) {
    if (s.point != *point || s.reading != "concern") continue;
    if (!signal || (request->rule && s.rule == *request->rule)) signal = &s;
  }
  if (!signal) return Error::validation({{"period", "shows no special cause of concern on this chart"}});

  const auto& d = indicator.definition;
  const auto& p = chart.result.points.at(*point);
  const auto where = scope_name(ctx.org(), *scope);
  CorrectiveAction c;
  c.kind = CapaKind::corrective;
  c.source = CapaSource::indicator_signal;
  c.source_reference = d.code + " " + where + " " + request->period;
  c.title = request->title.value_or(d.name + ": special cause of concern in " + request->period);
  std::string value = figure(p.value);
  if (!d.unit_label.empty()) value += " " + d.unit_label;
  c.problem_statement = d.name + " for " + where + " in " + request->period + ": " + value +
                        ", special cause (" + rule_words(signal->rule) + ") of concern; centre " +
                        figure(p.centre) + ", " + limits_words(p) + ".";
  const auto* dept = ctx.org().department(request->department_id);
  c.department_id = dept->id;
  c.site_id = dept->site_id;
  c.coordinator_id = ctx.principal().user.id;
  c.created_by = ctx.principal().user.id;
  c.state = CapaState::open;
  c.created_at = c.updated_at = ctx.now();
  if (auto errors = check_capa(c); !errors.empty()) return Error::validation(std::move(errors));
  auto created =
      store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<CorrectiveAction> {
        return store_new_capa(ctx, uow, c,
                              " from a signal of " + d.code + " (" + where + ", " + request->period + ")");
      });
  if (!created) return created.error();
  return json_ok({{"id", created->id}, {"reference", created->reference}}, 201);
}

}  // namespace

void add_capa_from_signal_routes(Router& router) {
  router.add(Method::post, "/api/v1/indicators/{code}/capa", Access::signed_in, capa_from_signal);
}

}  // namespace hqms::http
