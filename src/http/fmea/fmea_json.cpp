#include "http/fmea/fmea_json.hpp"

#include <algorithm>
#include <cmath>

#include "core/learning/pareto.hpp"
#include "http/fmea/fmea_access.hpp"
#include "http/investigations/investigation_json.hpp"

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

// What the row stands at now: the re-score once there is one.
const SodRating& current(const FailureMode& fm) {
  return fm.revised ? *fm.revised : fm.rating;
}

const ProcessStep* step_of(const FmeaStudy& study, Id step_id) {
  auto it =
      std::find_if(study.steps.begin(), study.steps.end(), [&](const auto& s) { return s.id == step_id; });
  return it == study.steps.end() ? nullptr : &*it;
}

json sod_json(const SodRating& r) {
  return {{"severity", r.severity},
          {"occurrence", r.occurrence},
          {"detection", r.detection},
          {"rpn", r.rpn()},
          {"actionPriority", to_string(r.priority())}};
}

json summary_json(const FmeaStudy& study) {
  int high = 0;
  std::int64_t total = 0, revised = 0;
  for (const auto& fm : study.failure_modes) {
    total += fm.rating.rpn();
    revised += current(fm).rpn();
    if (current(fm).priority() == ActionPriority::high) ++high;
  }
  const double reduction = total == 0 ? 0.0 : std::round(1000.0 * (total - revised) / total) / 10.0;
  return {{"count", study.failure_modes.size()},
          {"highPriority", high},
          {"totalRpn", total},
          {"totalRevisedRpn", revised},
          {"reductionPercent", reduction}};
}

json pareto_json(const FmeaStudy& study) {
  std::vector<CategoryCount> counts;
  for (const auto& fm : study.failure_modes) {
    const auto* step = step_of(study, fm.step_id);
    const auto where = step ? std::to_string(step->number) + ". " + step->name : std::string("?");
    counts.push_back({std::to_string(fm.id), where + ": " + fm.mode, current(fm).rpn()});
  }
  auto bars = json::array();
  for (const auto& b : pareto(std::move(counts)))
    bars.push_back({{"key", b.key},
                    {"label", b.label},
                    {"count", b.count},
                    {"percent", b.percent},
                    {"cumulativePercent", b.cumulative_percent},
                    {"vitalFew", b.vital_few}});
  return bars;
}

std::optional<int> whole_number(BodyReader& body, const json& value, const std::string& field) {
  if (!value.is_number_integer()) {
    body.error(field, "must be a whole number from 1 to 10");
    return std::nullopt;
  }
  return value.get<int>();
}

void read_rating(BodyReader& body, const json& given, const std::string& prefix, SodRating& out,
                 bool required) {
  auto one = [&](const char* name, int& into) {
    const auto field = prefix + name;
    if (!given.contains(name) || given[name].is_null()) {
      if (required) body.error(field, "is required");
      return;
    }
    if (auto v = whole_number(body, given[name], field)) into = *v;
  };
  one("severity", out.severity);
  one("occurrence", out.occurrence);
  one("detection", out.detection);
}

}  // namespace

Result<StudyNames> study_names(store::UnitOfWork& uow, const FmeaStudy& study) {
  StudyNames names;
  std::vector<Id> people = study.team;
  if (study.lead_id) people.push_back(*study.lead_id);
  for (const auto& fm : study.failure_modes)
    if (fm.responsible_id) people.push_back(*fm.responsible_id);
  auto found = uow.users().display_names(people);
  if (!found) return found.error();
  names.people = std::move(*found);
  for (const auto& fm : study.failure_modes) {
    if (!fm.corrective_action_id) continue;
    auto capa = uow.capa().get(*fm.corrective_action_id);
    if (capa)
      names.capa_references[capa->id] = capa->reference;
    else if (capa.error().kind != ErrorKind::not_found)
      return capa.error();
  }
  return names;
}

json failure_mode_json(const FmeaStudy& study, const FailureMode& fm, const StudyNames& names) {
  const auto* step = step_of(study, fm.step_id);
  json capa_reference = nullptr;
  if (fm.corrective_action_id)
    if (auto it = names.capa_references.find(*fm.corrective_action_id); it != names.capa_references.end())
      capa_reference = it->second;
  const auto reduction = rpn_reduction(fm);
  return {{"id", fm.id},
          {"stepId", fm.step_id},
          {"stepNumber", step ? step->number : 0},
          {"stepName", step ? step->name : ""},
          {"mode", fm.mode},
          {"effects", fm.effects},
          {"causes", fm.causes},
          {"preventionControls", fm.prevention_controls},
          {"detectionControls", fm.detection_controls},
          {"severity", fm.rating.severity},
          {"occurrence", fm.rating.occurrence},
          {"detection", fm.rating.detection},
          {"rpn", fm.rating.rpn()},
          {"actionPriority", to_string(fm.rating.priority())},
          {"recommendedAction", fm.recommended_action},
          {"responsible", person(fm.responsible_id, names.people)},
          {"responsibleId", fm.responsible_id ? json(*fm.responsible_id) : json(nullptr)},
          {"dueOn", day_json(fm.due_on)},
          {"correctiveActionId", fm.corrective_action_id ? json(*fm.corrective_action_id) : json(nullptr)},
          {"correctiveActionReference", capa_reference},
          {"actionTaken", fm.action_taken},
          {"revised", fm.revised ? sod_json(*fm.revised) : json(nullptr)},
          {"rpnReduction", reduction ? json(*reduction) : json(nullptr)},
          {"version", fm.version}};
}

json fmea_json(const RequestContext& ctx, const FmeaStudy& study, const StudyNames& names) {
  const auto* dept = ctx.org().department(study.department_id);
  auto team = json::array();
  for (auto id : study.team) team.push_back(person(id, names.people));
  auto steps = json::array();
  for (const auto& s : study.steps) steps.push_back({{"id", s.id}, {"number", s.number}, {"name", s.name}});
  auto rows = json::array();
  for (const auto& fm : worksheet_order(study.failure_modes, study.steps))
    rows.push_back(failure_mode_json(study, fm, names));
  const bool edit = may_edit(ctx, study);
  return {{"id", study.id},
          {"reference", study.reference},
          {"title", study.title},
          {"process", study.process},
          {"siteId", study.site_id},
          {"departmentId", study.department_id},
          {"departmentName", dept ? dept->name : ""},
          {"lead", person(study.lead_id, names.people)},
          {"team", std::move(team)},
          {"state", to_string(study.state)},
          {"steps", std::move(steps)},
          {"failureModes", std::move(rows)},
          {"pareto", pareto_json(study)},
          {"summary", summary_json(study)},
          {"createdAt", format_iso(study.created_at)},
          {"updatedAt", format_iso(study.updated_at)},
          {"version", study.version},
          {"can",
           {{"edit", edit},
            {"raiseCapa", edit && ctx.policy().allows(Permission::capa_manage, study_scope(study))}}}};
}

json fmea_list_item_json(const RequestContext& ctx, const FmeaStudy& study,
                         const std::map<Id, std::string>& people) {
  const auto* dept = ctx.org().department(study.department_id);
  int max_rpn = 0, high = 0;
  for (const auto& fm : study.failure_modes) {
    max_rpn = std::max(max_rpn, current(fm).rpn());
    if (current(fm).priority() == ActionPriority::high) ++high;
  }
  return {{"id", study.id},
          {"reference", study.reference},
          {"title", study.title},
          {"process", study.process},
          {"departmentName", dept ? dept->name : ""},
          {"lead", person(study.lead_id, people)},
          {"state", to_string(study.state)},
          {"failureModeCount", study.failure_modes.size()},
          {"maxRpn", max_rpn},
          {"highPriorityCount", high},
          {"updatedAt", format_iso(study.updated_at)}};
}

json fmea_audit_json(const FmeaStudy& study) {
  auto steps = json::array();
  for (const auto& s : study.steps) steps.push_back({{"id", s.id}, {"number", s.number}, {"name", s.name}});
  return {{"reference", study.reference},
          {"title", study.title},
          {"process", study.process},
          {"departmentId", study.department_id},
          {"leadId", study.lead_id ? json(*study.lead_id) : json(nullptr)},
          {"team", study.team},
          {"steps", std::move(steps)},
          {"state", to_string(study.state)}};
}

json failure_mode_audit_json(const FailureMode& fm) {
  auto sod = [](const SodRating& r) {
    return json{{"severity", r.severity}, {"occurrence", r.occurrence}, {"detection", r.detection}};
  };
  return {{"id", fm.id},
          {"stepId", fm.step_id},
          {"mode", fm.mode},
          {"effects", fm.effects},
          {"causes", fm.causes},
          {"preventionControls", fm.prevention_controls},
          {"detectionControls", fm.detection_controls},
          {"rating", sod(fm.rating)},
          {"recommendedAction", fm.recommended_action},
          {"responsibleId", fm.responsible_id ? json(*fm.responsible_id) : json(nullptr)},
          {"dueOn", day_json(fm.due_on)},
          {"correctiveActionId", fm.corrective_action_id ? json(*fm.corrective_action_id) : json(nullptr)},
          {"actionTaken", fm.action_taken},
          {"revised", fm.revised ? sod(*fm.revised) : json(nullptr)}};
}

void read_header(BodyReader& body, FmeaStudy& study, bool creating) {
  if (auto v = body.string("title", creating, 300)) study.title = *v;
  if (auto v = body.string("process", creating, 4000)) study.process = *v;
  if (body.has("leadId")) study.lead_id = body.nullable_id("leadId").value_or(study.lead_id);
  if (body.has("team")) study.team = read_ids(body, "team");
  if (!creating)
    if (auto v = body.choice("state", false, fmea_state_from_string)) study.state = *v;
  if (!body.has("steps")) return;
  const auto& list = body.at("steps");
  if (!list.is_array()) {
    body.error("steps", "must be a list of {id?, name}");
    return;
  }
  std::vector<ProcessStep> steps;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const auto& s = list[i];
    const std::string at = "steps[" + std::to_string(i) + "]";
    ProcessStep step;
    step.number = static_cast<int>(i) + 1;
    if (s.is_object() && s.contains("name") && s["name"].is_string())
      step.name = s["name"].get<std::string>();
    else
      body.error(at + ".name", "is required");
    if (s.is_object() && s.contains("id") && !s["id"].is_null()) {
      const bool known = s["id"].is_number_integer() && step_of(study, s["id"].get<Id>()) != nullptr;
      if (creating || !known)
        body.error(at + ".id", "is not a step of this study");
      else
        step.id = s["id"].get<Id>();
    }
    steps.push_back(std::move(step));
  }
  study.steps = std::move(steps);
}

void read_failure_mode(BodyReader& body, FailureMode& fm, bool creating) {
  if (body.has("stepId") || creating) {
    if (!body.has("stepId") || !body.at("stepId").is_number_integer())
      body.error("stepId", "is required: the id of one of the study's steps");
    else
      fm.step_id = body.at("stepId").get<Id>();
  }
  if (auto v = body.string("mode", creating, 4000)) fm.mode = *v;
  if (auto v = body.string("effects", false, 4000)) fm.effects = *v;
  if (auto v = body.string("causes", false, 4000)) fm.causes = *v;
  if (auto v = body.string("preventionControls", false, 4000)) fm.prevention_controls = *v;
  if (auto v = body.string("detectionControls", false, 4000)) fm.detection_controls = *v;
  if (auto v = body.string("recommendedAction", false, 4000)) fm.recommended_action = *v;
  if (auto v = body.string("actionTaken", false, 4000)) fm.action_taken = *v;
  read_rating(body, body.document(), "", fm.rating, creating);
  if (body.has("responsibleId"))
    fm.responsible_id = body.nullable_id("responsibleId").value_or(fm.responsible_id);
  if (auto day = body.nullable_day("dueOn")) fm.due_on = *day;
  if (body.has("revised")) {
    const auto& given = body.at("revised");
    if (given.is_null()) {
      fm.revised.reset();
    } else if (!given.is_object()) {
      body.error("revised", "must be {severity, occurrence, detection} or null");
    } else {
      SodRating revised = fm.revised.value_or(fm.rating);
      read_rating(body, given, "revised.", revised, !fm.revised);
      fm.revised = revised;
    }
  }
}

}  // namespace hqms::http
