// A chart with nothing to show yet (a new unit, a stratum with no stays, too few points for limits) is an
// empty chart with the reason as its warning rather than an error: the page draws it and says why. Only a
// choice the caller made wrongly (a chart type that does not fit, an unknown stratum) is a 422.
#include "http/indicators/indicator_chart_request.hpp"

#include "core/common/business_calendar.hpp"
#include "http/indicators/indicator_scope.hpp"
#include "http/routing/paging.hpp"

namespace hqms::http {
namespace {

bool is_choice_error(const Error& e) {
  if (e.kind != ErrorKind::validation) return true;
  for (const auto& f : e.fields)
    if (f.field == "chart" || f.field == "stratum" || f.field == "by" || f.field == "period") return true;
  return false;
}

}  // namespace

indicators::DayNumber today_of(const RequestContext& ctx) {
  return day_number(utc_day(ctx.now()));
}

Result<std::optional<StratumChoice>> read_stratum(const Request& req) {
  auto raw = req.query_value("stratum");
  if (!raw || raw->empty()) return std::optional<StratumChoice>();
  const auto colon = raw->find(':');
  if (colon == std::string::npos || colon == 0 || colon + 1 == raw->size() || raw->size() > 200)
    return Error::validation({{"stratum", "must be <dimension>:<value>, e.g. age_band:85+"}},
                             "The query has invalid parameters.");
  return std::optional<StratumChoice>(StratumChoice{raw->substr(0, colon), raw->substr(colon + 1)});
}

Result<ScopeAnnotations> scope_annotations(store::UnitOfWork& uow, const Organisation& org,
                                           std::string_view code, ScopeRef scope) {
  auto stored = uow.indicator_settings().list_annotations(code, scope);
  if (!stored) return stored.error();
  std::vector<Id> people;
  for (const auto& a : *stored) people.push_back(a.created_by);
  auto names = uow.users().display_names(people);
  if (!names) return names.error();
  ScopeAnnotations out;
  for (const auto& a : *stored) {
    out.notes.push_back(a.annotation);
    out.json.push_back(annotation_json(org, a, *names));
  }
  return out;
}

Result<ChartAnswer> chart_from_request(RequestContext& ctx, std::string_view action) {
  auto scope = read_scope(ctx, ctx.req().query_value("scope"), Permission::indicators_read, action);
  if (!scope) return scope.error();
  auto stratum = read_stratum(ctx.req());
  if (!stratum) return stratum.error();
  QueryReader query(ctx.req());
  ChartRequest request;
  request.options.chart = query.choice("chart", indicators::chart_type_from_string);
  request.options.rules = query.choice("rules", indicators::rule_set_from_string);
  const auto from = query.text("from", 20);
  const auto to = query.text("to", 20);
  if (auto checked = query.finish(); !checked) return checked.error();

  ChartAnswer answer;
  answer.scope = *scope;
  answer.stratum = *stratum;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto indicator = find_indicator(**uow, ctx.param("code"));
    if (!indicator) return indicator.error();
    answer.indicator = std::move(*indicator);
    auto notes = scope_annotations(**uow, ctx.org(), answer.indicator.definition.code, *scope);
    if (!notes) return notes.error();
    request.options.annotations = std::move(notes->notes);
    answer.annotations = std::move(notes->json);
  }
  const auto& d = answer.indicator.definition;
  const auto resolution = indicators::resolution_of(d.period);
  if (!from.empty() || !to.empty()) {
    std::vector<FieldError> errors;
    auto first = from.empty() ? std::optional<indicators::DayNumber>() : parse_period_start(resolution, from);
    auto last = to.empty() ? std::optional<indicators::DayNumber>() : parse_period_start(resolution, to);
    if (!from.empty() && !first) errors.push_back({"from", "must be a date or a period such as 2026-10"});
    if (!to.empty() && !last) errors.push_back({"to", "must be a date or a period such as 2026-10"});
    if (!errors.empty()) return Error::validation(std::move(errors), "The query has invalid parameters.");
    const auto today = today_of(ctx);
    const auto end = indicators::period_axis(resolution, last.value_or(today), last.value_or(today)).end(0);
    // Without a start, the usual 36 periods before the end.
    auto start = first;
    if (!start) {
      auto axis = indicators::period_axis(resolution, end, end);
      auto day = axis.first_day;
      for (int i = 0; i < 35; ++i) day = indicators::period_axis(resolution, day - 1, day - 1).first_day;
      start = day;
    }
    if (*start > end)
      return Error::validation({{"from", "must not be after to"}}, "The query has invalid parameters.");
    request.window = ChartWindow{*start, end};
  }
  request.definition = &d;
  request.scope = *scope;
  request.stratum = *stratum;
  request.today = today_of(ctx);
  request.suppression_threshold = ctx.app().config().small_number_threshold;

  auto snapshot = ctx.app().indicator_data().snapshot(ctx.db());
  if (!snapshot) return snapshot.error();
  auto computed = compute_chart(ctx.app().indicator_data(), **snapshot, ctx.org(), request);
  if (computed) {
    answer.computed = std::move(*computed);
    return answer;
  }
  if (is_choice_error(computed.error())) return computed.error();
  // Nothing to draw: an empty chart of the chosen type, saying why.
  answer.computed.chart.chart = request.options.chart.value_or(d.chart);
  answer.computed.chart.rules = request.options.rules.value_or(d.rules);
  for (const auto& f : computed.error().fields) answer.computed.chart.warnings.push_back(f.message);
  if (computed.error().fields.empty()) answer.computed.chart.warnings.push_back(computed.error().message);
  for (const auto& s : d.strata)
    if (s != "site" && s != "department") answer.computed.strata_available.push_back(s);
  return answer;
}

nlohmann::json chart_answer_json(const Organisation& org, const ChartAnswer& answer) {
  ChartView view;
  view.definition = &answer.indicator.definition;
  view.chart = &answer.computed.chart;
  view.periods = &answer.computed.periods;
  view.scope = answer.scope;
  view.stratum = answer.stratum;
  view.suppressed = answer.computed.suppressed;
  view.annotations = answer.annotations;
  view.strata_available = answer.computed.strata_available;
  return chart_json(org, view);
}

}  // namespace hqms::http
