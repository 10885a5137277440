#include "http/risk/risk_json.hpp"

#include <algorithm>

#include "http/json/mapping.hpp"
#include "http/risk/risk_access.hpp"

namespace hqms::http {

using nlohmann::json;

namespace {

json person(std::optional<Id> id, const std::map<Id, std::string>& names) {
  if (!id) return nullptr;
  auto it = names.find(*id);
  return {{"id", *id}, {"displayName", it == names.end() ? "" : it->second}};
}

json day_json(const std::optional<Date>& d) {
  return d ? json(format_date(Timestamp(*d))) : json(nullptr);
}

json level_rating_json(const RiskRating& r) {
  return {{"likelihood", static_cast<int>(r.likelihood)}, {"consequence", static_cast<int>(r.consequence)}};
}

// A whole number in [min, max] at `value`, or an error against `field`.
std::optional<int> level(BodyReader& body, const json& value, const std::string& field, const char* range) {
  if (!value.is_number_integer() || value.get<int>() < 1 || value.get<int>() > 5) {
    body.error(field, std::string("must be a whole number from 1 (") + range + ")");
    return std::nullopt;
  }
  return value.get<int>();
}

}  // namespace

json rating_json(const RiskRating& r, const RiskBands& bands) {
  return {{"likelihood", static_cast<int>(r.likelihood)},
          {"consequence", static_cast<int>(r.consequence)},
          {"likelihoodLabel", label(r.likelihood)},
          {"consequenceLabel", label(r.consequence)},
          {"score", r.score()},
          {"band", to_string(band_of(r, bands))}};
}

json bands_json(const RiskBands& bands) {
  return {{"moderateFrom", bands.moderate_from},
          {"highFrom", bands.high_from},
          {"extremeFrom", bands.extreme_from}};
}

std::vector<Id> people_of(const Risk& risk) {
  std::vector<Id> ids;
  if (risk.owner_id) ids.push_back(*risk.owner_id);
  for (const auto& r : risk.reviews) ids.push_back(r.reviewer_id);
  return ids;
}

json risk_summary_json(const RequestContext& ctx, const Risk& risk, const RiskBands& bands,
                       const std::map<Id, std::string>& names) {
  return {{"id", risk.id},
          {"reference", risk.reference},
          {"title", risk.title},
          {"category", to_string(risk.category)},
          {"categoryLabel", label(risk.category)},
          {"scope", scope_json(ctx.org(), risk.scope)},
          {"register", scope_json(ctx.org(), current_register(risk))},
          {"owner", person(risk.owner_id, names)},
          {"inherent", rating_json(risk.inherent, bands)},
          {"residual", rating_json(risk.residual, bands)},
          {"target", rating_json(risk.target, bands)},
          {"treatment", to_string(risk.treatment)},
          {"reviewDueOn", day_json(risk.review_due_on)},
          {"reviewOverdue", review_overdue(risk, utc_day(ctx.now()))},
          {"escalated", risk.escalated_to.has_value()},
          {"status", to_string(risk.status)}};
}

json risk_json(const RequestContext& ctx, const Risk& risk, const RiskBands& bands,
               const std::map<Id, std::string>& names, json actions) {
  auto controls = json::array();
  for (const auto& c : risk.controls)
    controls.push_back({{"description", c.description}, {"effectiveness", to_string(c.effectiveness)}});
  auto reviews = json::array();
  for (const auto& r : risk.reviews)
    reviews.push_back({{"id", r.id},
                       {"reviewedOn", format_date(Timestamp(r.reviewed_on))},
                       {"reviewer", person(r.reviewer_id, names)},
                       {"residual", rating_json(r.residual, bands)},
                       {"note", r.note}});
  const bool open = risk.status == RiskStatus::open;
  return {{"id", risk.id},
          {"reference", risk.reference},
          {"title", risk.title},
          {"description", risk.description},
          {"cause", risk.cause},
          {"consequence", risk.consequence},
          {"category", to_string(risk.category)},
          {"categoryLabel", label(risk.category)},
          {"owner", person(risk.owner_id, names)},
          {"scope", scope_json(ctx.org(), risk.scope)},
          {"escalatedTo", risk.escalated_to ? scope_json(ctx.org(), *risk.escalated_to) : json(nullptr)},
          {"register", scope_json(ctx.org(), current_register(risk))},
          {"controls", std::move(controls)},
          {"inherent", rating_json(risk.inherent, bands)},
          {"residual", rating_json(risk.residual, bands)},
          {"target", rating_json(risk.target, bands)},
          {"treatment", to_string(risk.treatment)},
          {"treatmentPlan", risk.treatment_plan},
          {"reviewDueOn", day_json(risk.review_due_on)},
          {"reviewOverdue", review_overdue(risk, utc_day(ctx.now()))},
          {"reviews", std::move(reviews)},
          {"actions", std::move(actions)},
          {"status", to_string(risk.status)},
          {"createdAt", format_iso(risk.created_at)},
          {"updatedAt", format_iso(risk.updated_at)},
          {"version", risk.version},
          {"can",
           {{"edit", may_edit(ctx, risk)},
            {"review", open && may_review(ctx, risk)},
            {"raiseCapa", open && may_raise_capa(ctx, risk)}}}};
}

json risk_audit_json(const Risk& risk) {
  auto controls = json::array();
  for (const auto& c : risk.controls)
    controls.push_back({{"description", c.description}, {"effectiveness", to_string(c.effectiveness)}});
  auto reviews = json::array();
  for (const auto& r : risk.reviews)
    reviews.push_back({{"reviewedOn", format_date(Timestamp(r.reviewed_on))},
                       {"reviewerId", r.reviewer_id},
                       {"residual", level_rating_json(r.residual)},
                       {"note", r.note}});
  auto scope = [](const ScopeRef& s) { return json{{"type", to_string(s.type)}, {"id", s.id}}; };
  return {{"reference", risk.reference},
          {"title", risk.title},
          {"description", risk.description},
          {"cause", risk.cause},
          {"consequence", risk.consequence},
          {"category", to_string(risk.category)},
          {"ownerId", risk.owner_id ? json(*risk.owner_id) : json(nullptr)},
          {"scope", scope(risk.scope)},
          {"escalatedTo", risk.escalated_to ? scope(*risk.escalated_to) : json(nullptr)},
          {"controls", std::move(controls)},
          {"inherent", level_rating_json(risk.inherent)},
          {"residual", level_rating_json(risk.residual)},
          {"target", level_rating_json(risk.target)},
          {"treatment", to_string(risk.treatment)},
          {"treatmentPlan", risk.treatment_plan},
          {"reviewDueOn", day_json(risk.review_due_on)},
          {"reviews", std::move(reviews)},
          {"status", to_string(risk.status)}};
}

std::optional<RiskRating> read_rating(BodyReader& body, const std::string& field, bool required) {
  if (!body.has(field) || body.at(field).is_null()) {
    if (required) body.error(field, "is required");
    return std::nullopt;
  }
  const auto& given = body.at(field);
  if (!given.is_object()) {
    body.error(field, "must be {likelihood: 1..5, consequence: 1..5}");
    return std::nullopt;
  }
  const json missing;
  auto l = level(body, given.contains("likelihood") ? given["likelihood"] : missing, field + ".likelihood",
                 "rare) to 5 (almost certain");
  auto c = level(body, given.contains("consequence") ? given["consequence"] : missing, field + ".consequence",
                 "negligible) to 5 (catastrophic");
  if (!l || !c) return std::nullopt;
  return RiskRating{*likelihood_from_level(*l), *consequence_from_level(*c)};
}

namespace {

void read_scope(BodyReader& body, const Organisation& org, Risk& risk, bool creating) {
  if (!body.has("scope") || body.at("scope").is_null()) {
    if (creating) body.error("scope", "is required");
    return;
  }
  const auto& s = body.at("scope");
  auto type = s.is_object() && s.contains("type") && s["type"].is_string()
                  ? scope_type_from_string(s["type"].get<std::string>())
                  : std::nullopt;
  if (!type) {
    body.error("scope.type", "must be department, site or organisation");
    return;
  }
  if (!s.contains("id") || !s["id"].is_number_integer()) {
    body.error("scope.id", "must be the id of the department, site or organisation");
    return;
  }
  const ScopeRef scope{*type, s["id"].get<Id>()};
  if (!org.exists(scope)) {
    body.error("scope.id", "is not a known " + std::string(to_string(*type)));
    return;
  }
  risk.scope = scope;
}

void read_controls(BodyReader& body, Risk& risk) {
  if (!body.has("controls")) return;
  const auto& list = body.at("controls");
  if (!list.is_array()) {
    body.error("controls", "must be a list of {description, effectiveness}");
    return;
  }
  std::vector<RiskControl> controls;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& c = list[i];
    const std::string at = "controls[" + std::to_string(i) + "]";
    RiskControl control;
    if (c.is_object() && c.contains("description") && c["description"].is_string())
      control.description = c["description"].get<std::string>();
    else
      body.error(at + ".description", "is required");
    if (c.is_object() && c.contains("effectiveness") && !c["effectiveness"].is_null()) {
      auto e = c["effectiveness"].is_string()
                   ? control_effectiveness_from_string(c["effectiveness"].get<std::string>())
                   : std::nullopt;
      if (!e) body.error(at + ".effectiveness", "is not one of the accepted values");
      control.effectiveness = e.value_or(ControlEffectiveness::not_assessed);
    }
    controls.push_back(std::move(control));
  }
  risk.controls = std::move(controls);
}

}  // namespace

void read_risk(BodyReader& body, const Organisation& org, Risk& risk, bool creating) {
  if (auto v = body.string("title", creating, 300)) risk.title = *v;
  if (auto v = body.string("description", false, 4000)) risk.description = *v;
  if (auto v = body.string("cause", false, 4000)) risk.cause = *v;
  if (auto v = body.string("consequence", false, 4000)) risk.consequence = *v;
  if (auto v = body.string("treatmentPlan", false, 4000)) risk.treatment_plan = *v;
  if (auto v = body.choice("category", creating, risk_category_from_string)) risk.category = *v;
  if (auto v = body.choice("treatment", creating, risk_treatment_from_string)) risk.treatment = *v;
  if (body.has("ownerId")) risk.owner_id = body.nullable_id("ownerId").value_or(risk.owner_id);
  read_scope(body, org, risk, creating);
  read_controls(body, risk);
  if (auto r = read_rating(body, "inherent", creating)) risk.inherent = *r;
  if (auto r = read_rating(body, "residual", creating)) risk.residual = *r;
  if (auto r = read_rating(body, "target", creating)) risk.target = *r;
  if (auto day = body.nullable_day("reviewDueOn")) risk.review_due_on = *day;
  if (!creating)
    if (auto v = body.choice("status", false, risk_status_from_string)) risk.status = *v;
}

void read_review(BodyReader& body, RiskReview& review, std::optional<Date>& next_review_on) {
  if (auto r = read_rating(body, "residual", true)) review.residual = *r;
  if (auto v = body.string("note", false, 4000)) review.note = *v;
  if (auto day = body.nullable_day("nextReviewOn", true)) next_review_on = *day;
}

}  // namespace hqms::http
