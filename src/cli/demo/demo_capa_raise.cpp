// How each demo CAPA was raised: from an investigation's action plan, an FMEA row, a risk review, or an
// audit, complaint, indicator, committee or walk-round; and how far it is meant to get.
#include <fmt/format.h>

#include <algorithm>

#include "cli/demo/demo_capa_plan.hpp"
#include "cli/demo/demo_risk_catalogue.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;
using S = CapaState;

// How many CAPAs end in each state; the investigations' and FMEA studies' CAPAs take their share first.
const std::pair<S, int> kStateGoals[] = {{S::open, 14},        {S::planned, 20},
                                         {S::in_progress, 40}, {S::awaiting_verification, 16},
                                         {S::closed, 50},      {S::cancelled, 10}};
constexpr int kFromInvestigations = 40;  // investigations whose first plan item became a CAPA
constexpr int kSecondItems = 20;         // of those, also the second (weaker) item
constexpr std::size_t kFromRisks = 14;

// How long ago a CAPA that has got this far was raised (days): older ones have moved further.
std::pair<int, int> raised_days_ago(S state) {
  switch (state) {
    case S::open:
      return {1, 25};
    case S::planned:
      return {12, 80};
    case S::in_progress:
      return {25, 220};
    case S::awaiting_verification:
      return {60, 260};
    case S::closed:
      return {90, 355};
    default:
      return {5, 300};
  }
}

// Why CAPAs get cancelled, in general and for the kind of source they came from.
const char* kCancelReasons[] = {
    "Merged into the hospital-wide improvement CAPA for the same problem.",
    "Superseded by the national programme rolled out in the department.",
    "The service moved to the new unit; its commissioning plan carries the actions.",
};
const char* cancel_reason_for(CapaSource source, int roll) {
  if (roll % 2 == 0) {
    switch (source) {
      case CapaSource::audit_finding:
      case CapaSource::indicator_signal:
        return roll % 4 == 0 ? "Raised in error: duplicate of a CAPA for the same audit finding."
                             : "Finding withdrawn: the re-audit showed the data extraction was wrong.";
      case CapaSource::incident_investigation:
        return roll % 4 == 0
                   ? "Duplicate: the same action was raised from the investigation of an earlier event."
                   : "Replaced by a stronger action agreed at the serious incident review.";
      case CapaSource::complaint:
        return "Complaint withdrawn; the ward's review found the care met the standard.";
      default:
        break;
    }
  }
  return kCancelReasons[roll % 3];
}

const ActionIdea kFollowUp{"Follow-up audit of the new control with feedback at each shift huddle",
                           ActionStrength::intermediate,
                           "Monthly audit running; results fed back at the huddles."};
const ActionIdea kReportToReview{"Report the control's effect at the next risk review",
                                 ActionStrength::weaker, "Reported at the department's risk review."};

const char* kMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                         "July",    "August",   "September", "October", "November", "December"};

const CapaTopic* topic_named(std::string_view start) {
  for (const auto& t : demo_capa_topics())
    if (std::string_view(t.theme).starts_with(start)) return &t;
  return nullptr;
}

}  // namespace

const CapaTopic& DemoCapas::topic_for(EventCategory category, const std::string& department_code) {
  std::vector<const CapaTopic*> fits, any_department;
  for (const auto& t : demo_capa_topics()) {
    if (std::find(t.categories.begin(), t.categories.end(), category) == t.categories.end()) continue;
    any_department.push_back(&t);
    if (std::find(t.departments.begin(), t.departments.end(), department_code) != t.departments.end())
      fits.push_back(&t);
  }
  if (!fits.empty()) return *pick_of(fits);
  if (!any_department.empty()) return *pick_of(any_department);
  const auto all = demo_capa_topics();
  return all[static_cast<std::size_t>(pick(static_cast<int>(all.size())))];
}

std::optional<Id> DemoCapas::coordinator_for(Id department_id) {
  const auto people = staff_.coordinators(department_id);
  if (people.empty()) return std::nullopt;
  // Mostly the department's own manager (or the site's safety officer where there is none).
  return chance(0.6) ? people.front() : pick_of(people);
}

CapaAction DemoCapas::new_action(const ActionIdea& idea, Id department_id, std::optional<Date> due) {
  CapaAction a;
  a.description = idea.description;
  a.strength = idea.strength;
  const auto owners = staff_.owners(department_id);
  if (!owners.empty()) a.owner_id = pick_of(owners);
  a.due_on = due;
  return a;
}

std::vector<CapaAction> DemoCapas::actions_from(const CapaTopic& t, bool weaker_only) {
  std::vector<CapaAction> out;
  for (const auto& idea : t.actions)
    if (weaker_only ? idea.strength == ActionStrength::weaker : chance(0.6))
      out.push_back(new_action(idea, 0, std::nullopt));
  if (out.empty()) out.push_back(new_action(t.actions.front(), 0, std::nullopt));
  return out;
}

std::string DemoCapas::source_reference(CapaSource source, const CapaTopic& t, Timestamp raised) {
  const auto day = format_date(raised);
  const auto year = day.substr(0, 4);
  const auto* month = kMonths[std::stoi(day.substr(5, 2)) - 1];
  switch (source) {
    case CapaSource::audit_finding:
      return fmt::format("Internal audit IA-{}-{:03}: {}", year, ++audits_, t.measure);
    case CapaSource::complaint:
      return fmt::format("Complaint CMP-{}-{:04}", year, 40 + 13 * ++complaints_);
    case CapaSource::indicator_signal:
      return fmt::format("Indicator signal: {} outside its control limits in {} {}", t.measure, month, year);
    case CapaSource::management_review:
      return fmt::format("Quality and Patient Safety Committee, {} {}: item {}", month, year, 3 + pick(8));
    default:
      return chance(0.5) ? "Safety walk-round, " + day : "";
  }
}

CapaPlan DemoCapas::from_topic(const CapaTopic& t, const Department& d, CapaSource source, S target) {
  CapaPlan p;
  p.target = target;
  const auto [lo, hi] = raised_days_ago(target);
  auto& c = p.capa;
  c.created_at = at_work(today_ - days(between(lo, hi)));
  c.title = std::string(t.theme) + " – " + d.name;
  c.kind = (source == CapaSource::management_review && chance(0.5)) ||
                   (source == CapaSource::indicator_signal && chance(0.3))
               ? CapaKind::preventive
               : CapaKind::corrective;
  c.source = source;
  c.source_reference = source_reference(source, t, c.created_at);
  c.site_id = d.site_id;
  c.department_id = d.id;
  c.coordinator_id = coordinator_for(d.id);
  c.problem_statement = t.problem;
  c.containment = t.containment;
  // About one in twelve plans only training, policies and posters: the RCA2 warning shows on those.
  c.actions = actions_from(t, chance(0.08));
  for (auto& a : c.actions) a.owner_id.reset();  // owners are found when it is planned
  p.root_cause = t.root_cause;
  p.criterion = t.criterion;
  p.reopen = t.reopen;
  p.effective = t.effective;
  p.not_effective = t.not_effective;
  return p;
}

Result<void> DemoCapas::plan_from_investigations() {
  store::InvestigationQuery q;
  q.visible.everything = true;
  q.page.limit = PageRequest::kMaxLimit;
  q.page.sort_field = "reference";
  auto page = uow_.investigations().list(q);
  if (!page) return page.error();
  auto investigations = std::move(page->items);
  std::shuffle(investigations.begin(), investigations.end(), rng_);
  int linked = 0;
  for (const auto& inv : investigations) {
    if (linked == kFromInvestigations) break;
    if (inv.actions.empty() || inv.incident_ids.empty()) continue;
    auto report = uow_.incidents().get(inv.incident_ids.front());
    if (!report) return report.error();
    const auto* dept = org_.department(inv.department_id);
    if (!dept) return Error::internal("investigation " + inv.reference + " has no department");
    const auto& topic = topic_for(report->event.category, dept->code);
    const std::size_t items = linked < kSecondItems ? std::min<std::size_t>(2, inv.actions.size()) : 1;
    // The linked plans name the topic's own actions rather than the generic pair the investigation was
    // opened with: the first item its strongest action, the second its training or policy (written back to
    // the investigation with the link).
    const ActionIdea* weaker = &topic.actions.back();
    for (const auto& idea : topic.actions)
      if (idea.strength == ActionStrength::weaker) weaker = &idea;
    for (std::size_t k = 0; k < items; ++k) {
      const auto& item = inv.actions[k];
      const ActionIdea& named = k == 0 ? topic.actions.front() : *weaker;
      CapaPlan p;
      auto& c = p.capa;
      c.created_at = later(inv.created_at, 3, 20);
      const int age = age_days(c.created_at);
      const double u = uniform();
      p.target = age > 200   ? (u < .62   ? S::closed
                                : u < .74 ? S::awaiting_verification
                                : u < .90 ? S::in_progress
                                : u < .97 ? S::planned
                                          : S::cancelled)
                 : age > 120 ? (u < .40   ? S::closed
                                : u < .58 ? S::awaiting_verification
                                : u < .86 ? S::in_progress
                                : u < .97 ? S::planned
                                          : S::cancelled)
                             : (u < .15   ? S::closed
                                : u < .30 ? S::awaiting_verification
                                : u < .70 ? S::in_progress
                                : u < .92 ? S::planned
                                          : S::open);
      // As the investigation route raises it: the plan item is the first action.
      c.title = (inv.reference + ": " + named.description).substr(0, 300);
      c.kind = CapaKind::corrective;
      c.source = CapaSource::incident_investigation;
      c.source_reference = inv.reference;
      c.investigation_id = inv.id;
      c.site_id = inv.site_id;
      c.department_id = inv.department_id;
      c.coordinator_id = chance(0.5) && inv.lead_id ? inv.lead_id : coordinator_for(inv.department_id);
      c.problem_statement = inv.title + ". " + report->event.description;
      c.containment = report->event.immediate_actions;
      for (const auto& rc : inv.root_causes) c.root_cause += (c.root_cause.empty() ? "" : "\n") + rc;
      CapaAction first;
      first.description = named.description;
      first.strength = named.strength;
      first.owner_id = item.owner_id;
      first.due_on = item.due_on;
      first.investigation_action_id = item.id;
      c.actions.push_back(std::move(first));
      // The stronger item gathers the topic's other actions; the teaching session stays on its own, so its
      // CAPA shows the RCA2 warning.
      if (k == 0)
        for (const auto& idea : topic.actions)
          if (&idea != &named && idea.strength != ActionStrength::weaker && chance(0.35))
            c.actions.push_back(new_action(idea, inv.department_id, std::nullopt));
      p.root_cause = c.root_cause;
      p.criterion = topic.criterion;
      p.reopen = topic.reopen;
      p.effective = topic.effective;
      p.not_effective = topic.not_effective;
      p.plan_item_id = item.id;
      plans_.push_back(std::move(p));
    }
    ++linked;
  }
  return {};
}

void DemoCapas::plan_from_fmea() {
  for (const auto& r : fmea_) {
    CapaPlan p;
    p.target = r.target;
    p.fmea = &r;
    auto& c = p.capa;
    // As the worksheet's "raise CAPA" does: the row's recommended action is the one action.
    c.created_at = later(r.study.created_at, 21, 35);
    c.title = (r.study.reference + ": " + r.row.mode).substr(0, 300);
    c.kind = CapaKind::preventive;
    c.source = CapaSource::risk_review;
    int step = 0;
    for (const auto& s : r.study.steps)
      if (s.id == r.row.step_id) step = s.number;
    c.source_reference = fmt::format("{} {}, step {}", r.study.reference, r.study.title, step);
    c.fmea_study_id = r.study.id;
    c.site_id = r.study.site_id;
    c.department_id = r.study.department_id;
    c.coordinator_id = r.study.lead_id;
    c.problem_statement = fmt::format("{}. Effect: {}. RPN {} ({} action priority).", r.row.mode,
                                      r.row.effects, r.row.rating.rpn(), label(r.row.rating.priority()));
    c.root_cause = r.row.causes;
    CapaAction a;
    a.description = r.row.recommended_action;
    a.strength = r.strength;
    a.owner_id = r.row.responsible_id;
    a.due_on = r.row.due_on;
    a.failure_mode_id = r.row.id;
    c.actions.push_back(std::move(a));
    p.root_cause = c.root_cause;
    p.criterion =
        fmt::format("No recurrence in three months of audit, and the re-scored RPN at most half of {}.",
                    r.row.rating.rpn());
    p.reopen = kFollowUp;
    p.effective =
        "Re-scored at the FMEA team review: occurrence and detection down; no recurrence in three months of "
        "audit.";
    p.not_effective = "Audit found the new step skipped on night shift; the failure mode recurred twice.";
    plans_.push_back(std::move(p));
  }
}

Result<void> DemoCapas::plan_featured() {
  // Whoever signs in as nurse.ed finds an overdue action of their own, and manager.ed their team's.
  const auto* ed = department("ED");
  const auto* sepsis = topic_named("Sepsis");
  const auto* bands = topic_named("Patients without identification");
  if (!ed || !sepsis || !bands) return Error::internal("the demo hospital has no ED or no sepsis topic");
  auto nurse = staff_.id("nurse.ed");
  if (!nurse) return nurse.error();
  auto doctor = staff_.id("doctor.ed");
  if (!doctor) return doctor.error();
  auto manager = staff_.id("manager.ed");
  if (!manager) return manager.error();
  auto p = from_topic(*sepsis, *ed, CapaSource::audit_finding, S::in_progress);
  p.capa.coordinator_id = *manager;
  p.overdue = true;
  p.overdue_owner = *nurse;
  p.capa.actions = actions_from(*sepsis, false);
  for (auto& a : p.capa.actions) a.owner_id.reset();
  plans_.push_back(std::move(p));
  auto q = from_topic(*bands, *ed, CapaSource::complaint, S::planned);
  q.capa.coordinator_id = *manager;
  q.overdue = true;
  q.overdue_owner = *doctor;
  plans_.push_back(std::move(q));
  return {};
}

// The goals less what is already planned, as at least `count` states.
std::vector<CapaState> DemoCapas::remaining_targets(int count) const {
  std::vector<S> out;
  for (const auto& [state, goal] : kStateGoals) {
    const auto used =
        std::count_if(plans_.begin(), plans_.end(), [&](const CapaPlan& p) { return p.target == state; });
    for (auto k = used; k < goal; ++k) out.push_back(state);
  }
  while (static_cast<int>(out.size()) < count) out.push_back(out.size() % 2 ? S::in_progress : S::closed);
  return out;
}

Result<void> DemoCapas::plan_from_risks(std::vector<S>& targets) {
  store::RiskQuery q;
  q.visible.everything = true;
  q.status = RiskStatus::open;
  q.page.limit = PageRequest::kMaxLimit;
  q.page.sort_field = "reference";
  auto page = uow_.risks().list(q);
  if (!page) return page.error();
  auto bands = uow_.risks().bands();
  if (!bands) return bands.error();
  std::vector<Risk> risks;
  for (auto& r : page->items)
    if (r.scope.type == ScopeType::department && r.treatment == RiskTreatment::reduce &&
        r.residual.score() > r.target.score() && !r.reviews.empty())
      risks.push_back(std::move(r));
  std::sort(risks.begin(), risks.end(), [](const Risk& a, const Risk& b) { return a.id < b.id; });
  std::shuffle(risks.begin(), risks.end(), rng_);
  if (risks.size() > kFromRisks) risks.resize(kFromRisks);
  for (const auto& r : risks) {
    const auto* dept = org_.department(r.scope.id);
    if (!dept || targets.empty()) continue;
    CapaPlan p;
    p.target = targets.back();
    targets.pop_back();
    auto& c = p.capa;
    const auto [lo, hi] = raised_days_ago(p.target);
    c.created_at = std::max(at_work(today_ - days(between(lo, hi))),
                            Timestamp(r.reviews.front().reviewed_on) + hours(14));
    Date reviewed = r.reviews.front().reviewed_on;
    for (const auto& rv : r.reviews)
      if (Timestamp(rv.reviewed_on) <= c.created_at) reviewed = rv.reviewed_on;
    c.title = r.reference + ": " + r.title;
    c.kind = CapaKind::preventive;
    c.source = CapaSource::risk_review;
    c.source_reference = "Risk review of " + r.reference + " on " + format_date(Timestamp(reviewed));
    c.risk_id = r.id;
    c.site_id = dept->site_id;
    c.department_id = dept->id;
    c.coordinator_id = coordinator_for(dept->id);
    c.problem_statement =
        fmt::format("The residual score is {} ({}) against a target of {}. {}", r.residual.score(),
                    label(band_of(r.residual, *bands)), r.target.score(), r.description);
    auto strength = ActionStrength::intermediate;
    for (const auto& idea : demo_risk_ideas())
      if (r.title == idea.title) strength = idea.plan_strength;
    c.actions.push_back(new_action({r.treatment_plan.c_str(), strength, ""}, 0, std::nullopt));
    if (chance(0.5)) c.actions.push_back(new_action(kReportToReview, 0, std::nullopt));
    p.root_cause = r.cause;
    p.criterion = fmt::format("Residual risk at or below the target score of {} at two consecutive reviews.",
                              r.target.score());
    p.reopen = kFollowUp;
    p.effective = "Residual risk re-rated at the target score at two consecutive reviews.";
    p.not_effective =
        "Residual risk unchanged at the review: the new control is not yet used on every shift.";
    plans_.push_back(std::move(p));
  }
  return {};
}

void DemoCapas::plan_others(std::vector<S>& targets) {
  const std::pair<CapaSource, int> mix[] = {{CapaSource::audit_finding, 9},
                                            {CapaSource::complaint, 5},
                                            {CapaSource::indicator_signal, 5},
                                            {CapaSource::management_review, 4},
                                            {CapaSource::manual, 4}};
  int weight = 0;
  for (const auto& [s, w] : mix) weight += w;
  const auto topics = demo_capa_topics();
  while (!targets.empty()) {
    int roll = pick(weight);
    CapaSource source = CapaSource::manual;
    for (const auto& [s, w] : mix) {
      if (roll < w) {
        source = s;
        break;
      }
      roll -= w;
    }
    const auto& t = topics[static_cast<std::size_t>(pick(static_cast<int>(topics.size())))];
    const auto* dept =
        department(t.departments[static_cast<std::size_t>(pick(static_cast<int>(t.departments.size())))]);
    if (!dept) continue;
    plans_.push_back(from_topic(t, *dept, source, targets.back()));
    targets.pop_back();
  }
}

// Whether it runs late, fails its first check or is cancelled, once its target and age are known.
void DemoCapas::decide_course(CapaPlan& p) {
  if (p.target == S::cancelled) {
    const double u = uniform();
    p.cancel_from = u < 0.3 ? S::open : u < 0.7 ? S::planned : S::in_progress;
    p.cancel_reason = cancel_reason_for(p.capa.source, pick(12));
    return;
  }
  if (p.fmea) return;  // the studies' CAPAs follow the worksheet
  const int age = age_days(p.capa.created_at);
  if (!p.overdue_owner) {
    if (p.target == S::planned) p.overdue = chance(0.4);
    if (p.target == S::in_progress) p.overdue = chance(0.42);
    if (p.target == S::awaiting_verification) p.overdue = chance(0.35);
  }
  if ((p.target == S::closed && age > 170 && chance(0.1)) ||
      (p.target == S::in_progress && age > 110 && chance(0.1)) ||
      (p.target == S::planned && age > 120 && chance(0.4)))
    p.reopened = true;
}

// Raised records are rarely complete: an open CAPA may still lack its root cause, owners and due dates.
void DemoCapas::as_raised(CapaPlan& p) {
  auto& c = p.capa;
  c.created_by = c.coordinator_id;
  c.updated_at = c.created_at;
  if (p.target != S::open) return;
  if (c.root_cause.empty() && chance(0.5)) c.root_cause = p.root_cause;
  if (chance(0.3)) c.effectiveness_criterion = p.criterion;
  const auto owners = staff_.owners(c.department_id);
  for (auto& a : c.actions) {
    if (!a.owner_id && !owners.empty() && chance(0.5)) a.owner_id = pick_of(owners);
    if (a.due_on && *a.due_on < today_) a.due_on = today_ + days(between(10, 60));
    if (!a.due_on && chance(0.3)) a.due_on = today_ + days(between(10, 60));
  }
}

}  // namespace hqms::cli
