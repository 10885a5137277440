#include "http/capa/capa_body.hpp"

#include <algorithm>

#include "core/fmea/fmea.hpp"
#include "core/risk/risk.hpp"

namespace hqms::http {

using nlohmann::json;

namespace {

std::string text_of(const json& item, const char* key) {
  return item.is_object() && item.contains(key) && item[key].is_string() ? item[key].get<std::string>() : "";
}

// A date field of a JSON object: absent keeps `current`, null clears it.
std::optional<Date> day_of(BodyReader& body, const json& item, const char* key, const std::string& field,
                           std::optional<Date> current) {
  if (!item.is_object() || !item.contains(key)) return current;
  const auto& v = item[key];
  if (v.is_null() || (v.is_string() && v.get<std::string>().empty())) return std::nullopt;
  std::optional<Timestamp> parsed;
  if (v.is_string()) parsed = parse_date_or_instant(v.get<std::string>());
  if (!parsed) {
    body.error(field, "must be a date, YYYY-MM-DD");
    return current;
  }
  return std::chrono::floor<std::chrono::days>(*parsed);
}

}  // namespace

CapaAction read_action(BodyReader& body, const json& item, const std::string& at, const CapaAction& start) {
  CapaAction a = start;
  if (!item.is_object()) {
    body.error(at, "must be an action");
    return a;
  }
  if (item.contains("description")) {
    if (!item["description"].is_string())
      body.error(at + ".description", "must be a string");
    else
      a.description = item["description"].get<std::string>();
  }
  if (item.contains("strength") && !item["strength"].is_null()) {
    auto strength = action_strength_from_string(text_of(item, "strength"));
    if (!strength)
      body.error(at + ".strength", "must be stronger, intermediate or weaker");
    else
      a.strength = *strength;
  }
  if (item.contains("ownerId")) {
    const auto& owner = item["ownerId"];
    if (owner.is_null())
      a.owner_id.reset();
    else if (owner.is_number_integer() && owner.get<Id>() > 0)
      a.owner_id = owner.get<Id>();
    else
      body.error(at + ".ownerId", "must be a user id or null");
  }
  a.due_on = day_of(body, item, "dueOn", at + ".dueOn", a.due_on);
  return a;
}

namespace {

// A new action starts as intermediate, the middle of the RCA2 hierarchy, unless the body says otherwise.
CapaAction fresh_action() {
  CapaAction a;
  a.strength = ActionStrength::intermediate;
  return a;
}

void read_actions(BodyReader& body, CorrectiveAction& c) {
  if (!body.has("actions")) return;
  const auto& list = body.at("actions");
  if (!list.is_array()) {
    body.error("actions", "must be a list of actions");
    return;
  }
  std::vector<CapaAction> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& item = list[i];
    const std::string at = "actions[" + std::to_string(i) + "]";
    CapaAction start = fresh_action();
    if (item.is_object() && item.contains("id") && !item["id"].is_null()) {
      const auto& id = item["id"];
      auto kept = c.actions.end();
      if (id.is_number_integer())
        kept = std::find_if(c.actions.begin(), c.actions.end(),
                            [&](const CapaAction& a) { return a.id == id.get<Id>(); });
      if (kept == c.actions.end()) {
        body.error(at + ".id", "is not an action of this CAPA");
        continue;
      }
      start = *kept;
    }
    out.push_back(read_action(body, item, at, start));
  }
  c.actions = std::move(out);
}

}  // namespace

void read_capa_fields(BodyReader& body, CorrectiveAction& c) {
  if (auto v = body.string("title", false, 300)) c.title = *v;
  if (auto v = body.choice("kind", false, capa_kind_from_string)) c.kind = *v;
  if (auto v = body.string("sourceReference", false, 4000)) c.source_reference = *v;
  if (auto v = body.nullable_id("coordinatorId")) c.coordinator_id = *v;
  if (auto v = body.string("problemStatement", false, 4000)) c.problem_statement = *v;
  if (auto v = body.string("containment", false, 4000)) c.containment = *v;
  if (auto v = body.string("rootCause", false, 4000)) c.root_cause = *v;
  if (auto v = body.nullable_id("riskId")) c.risk_id = *v;
  if (auto v = body.nullable_id("fmeaStudyId")) c.fmea_study_id = *v;
  if (auto v = body.string("effectivenessCriterion", false, 4000)) c.effectiveness_criterion = *v;
  c.effectiveness_due_on =
      day_of(body, body.document(), "effectivenessDueOn", "effectivenessDueOn", c.effectiveness_due_on);
  read_actions(body, c);
}

Result<void> check_capa_people(store::UnitOfWork& uow, const CorrectiveAction& c,
                               const CorrectiveAction* before) {
  // Only people newly named are checked: an owner who has since left does not block other edits.
  auto already = [&](Id id) {
    return before && (before->coordinator_id == id ||
                      std::any_of(before->actions.begin(), before->actions.end(),
                                  [&](const CapaAction& a) { return a.owner_id == id; }));
  };
  std::vector<FieldError> errors;
  auto check = [&](Id id, std::string field) -> Result<void> {
    if (already(id)) return {};
    auto user = uow.users().get(id);
    if (user && user->active) return {};
    if (!user && user.error().kind != ErrorKind::not_found) return user.error();
    errors.push_back({std::move(field), "must be an active user"});
    return {};
  };
  if (c.coordinator_id)
    if (auto r = check(*c.coordinator_id, "coordinatorId"); !r) return r;
  for (std::size_t i = 0; i < c.actions.size(); ++i)
    if (c.actions[i].owner_id)
      if (auto r = check(*c.actions[i].owner_id, "actions[" + std::to_string(i) + "].ownerId"); !r) return r;
  if (!errors.empty()) return Error::validation(std::move(errors));
  return {};
}

Result<void> check_capa_links(const RequestContext& ctx, store::UnitOfWork& uow, const CorrectiveAction& c) {
  const auto me = ctx.principal().user.id;
  const auto policy = ctx.policy();
  if (c.risk_id) {
    auto risk = uow.risks().get(*c.risk_id);
    if (!risk && risk.error().kind != ErrorKind::not_found) return risk.error();
    if (!risk || !(risk->owner_id == me || policy.allows(Permission::risks_read, risk->scope) ||
                   policy.allows(Permission::risks_read, current_register(*risk))))
      return Error::validation({{"riskId", "is not a risk you can see"}});
  }
  if (c.fmea_study_id) {
    auto study = uow.fmea().get(*c.fmea_study_id);
    if (!study && study.error().kind != ErrorKind::not_found) return study.error();
    const auto on_team = [&](const FmeaStudy& s) {
      return s.lead_id == me || std::find(s.team.begin(), s.team.end(), me) != s.team.end();
    };
    if (!study || !(on_team(*study) ||
                    policy.allows(Permission::risks_read, {ScopeType::department, study->department_id})))
      return Error::validation({{"fmeaStudyId", "is not an FMEA study you can see"}});
  }
  return {};
}

}  // namespace hqms::http
