// The risk matrix as the organisation uses it: the band edges (its to set) and the scales and lists every
// risk form offers. Anyone signed in may read it; changing the bands is organisation-wide.
#include "http/json/mapping.hpp"
#include "http/risk/risk_json.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

template <class E>
json choices(std::initializer_list<E> values) {
  auto out = json::array();
  for (auto v : values) out.push_back({{"id", to_string(v)}, {"label", label(v)}});
  return out;
}

json settings_json(const RiskBands& bands) {
  auto likelihoods = json::array();
  for (auto l : all_likelihoods())
    likelihoods.push_back({{"level", static_cast<int>(l)}, {"id", to_string(l)}, {"label", label(l)}});
  auto consequences = json::array();
  for (auto c : all_consequences())
    consequences.push_back({{"level", static_cast<int>(c)}, {"id", to_string(c)}, {"label", label(c)}});
  auto categories = json::array();
  for (auto c : all_risk_categories()) categories.push_back({{"id", to_string(c)}, {"label", label(c)}});
  return {{"bands", bands_json(bands)},
          {"likelihoods", std::move(likelihoods)},
          {"consequences", std::move(consequences)},
          {"categories", std::move(categories)},
          {"treatments", choices({RiskTreatment::accept, RiskTreatment::reduce, RiskTreatment::transfer,
                                  RiskTreatment::avoid})},
          {"controlEffectiveness",
           choices({ControlEffectiveness::effective, ControlEffectiveness::partially_effective,
                    ControlEffectiveness::ineffective, ControlEffectiveness::not_assessed})}};
}

Result<Response> get_settings(RequestContext& ctx) {
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto bands = (*uow)->risks().bands();
  if (!bands) return bands.error();
  return json_ok(settings_json(*bands));
}

// {bands: {moderateFrom, highFrom, extremeFrom}}; errors against `bands.moderateFrom` and so on.
Result<RiskBands> read_bands(BodyReader& body) {
  RiskBands bands;
  if (!body.has("bands") || !body.at("bands").is_object()) {
    body.error("bands", "is required: {moderateFrom, highFrom, extremeFrom}");
  } else {
    const auto& given = body.at("bands");
    auto edge = [&](const char* name, int& out) {
      if (!given.contains(name) || !given[name].is_number_integer())
        body.error(std::string("bands.") + name, "is required: a whole-number score");
      else
        out = given[name].get<int>();
    };
    edge("moderateFrom", bands.moderate_from);
    edge("highFrom", bands.high_from);
    edge("extremeFrom", bands.extreme_from);
    if (body.ok())
      for (auto e : check_bands(bands)) body.error("bands." + e.field, e.message);
  }
  if (auto r = body.finish(); !r) return r.error();
  return bands;
}

Result<Response> put_settings(RequestContext& ctx) {
  if (auto r = ctx.require_organisation_wide(Permission::risks_configure, "change the risk matrix bands"); !r)
    return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto bands = read_bands(*body);
  if (!bands) return bands.error();
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<void> {
    auto before = uow.risks().bands();
    if (!before) return before.error();
    if (auto r = uow.risks().set_bands(*bands); !r) return r;
    return uow.audit().record(
        ctx.audit_event("update", "risk_settings", "risks", "Changed the risk matrix bands",
                        {{"bands", bands_json(*before)}}, {{"bands", bands_json(*bands)}},
                        {ScopeType::organisation, ctx.org().id}),
        ctx.now());
  });
  if (!saved) return saved.error();
  return json_ok(settings_json(*bands));
}

}  // namespace

void add_risk_settings_routes(Router& router) {
  router.add(Method::get, "/api/v1/risk-settings", Access::signed_in, get_settings);
  router.add(Method::put, "/api/v1/risk-settings", Access::signed_in, put_settings);
}

}  // namespace hqms::http
