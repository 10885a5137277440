#include "cli/demo/demo_incidents.hpp"

#include <array>
#include <map>
#include <random>

#include "cli/demo/demo_reporting_rates.hpp"
#include "core/incidents/category_fields.hpp"
#include "core/incidents/incident_rules.hpp"
#include "core/incidents/sentinel_event.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

const std::map<EventCategory, std::vector<const char*>> kStories{
    {EventCategory::fall,
     {"Patient found on the floor beside the bed at night; bed rails were down and the call bell out of "
      "reach.",
      "Patient slipped in the bathroom while walking without the frame; wet floor after cleaning.",
      "Confused patient climbed over the bed rails and fell; falls risk reassessment had not been repeated.",
      "Patient fell while transferring from the chair to the commode with one staff member instead of two."}},
    {EventCategory::medication,
     {"Dose of enoxaparin given twice: the first dose was not signed on the chart.",
      "Insulin prescribed as 10 IU was transcribed as 100 IU; the error was caught at the bedside check.",
      "Patient with a documented penicillin allergy was given co-amoxiclav.",
      "Infusion pump programmed at ten times the prescribed rate of morphine.",
      "Pharmacy dispensed the wrong strength of levothyroxine; look-alike packaging."}},
    {EventCategory::pressure_injury,
     {"Category 3 pressure injury to the sacrum found at the skin check; repositioning chart had gaps "
      "overnight.",
      "Heel pressure injury developed under a plaster cast; pressure-relieving boot not fitted."}},
    {EventCategory::healthcare_associated_infection,
     {"Central line bloodstream infection on day 6; line insertion bundle checklist incomplete.",
      "Surgical site infection after a bowel resection; antibiotic prophylaxis given late."}},
    {EventCategory::surgery_anesthesia,
     {"Swab count discrepancy at closure; an x-ray found a retained swab which was removed.",
      "Wrong-side regional block started; the stop-before-you-block check was skipped.",
      "Unplanned return to theatre for bleeding after a laparoscopic cholecystectomy."}},
    {EventCategory::venous_thromboembolism,
     {"Pulmonary embolism on day 4 after surgery; VTE risk assessment not completed on admission.",
      "Deep vein thrombosis in a patient whose prophylaxis was held for a procedure and never restarted."}},
    {EventCategory::device,
     {"Defibrillator failed its daily check; the replacement battery had expired.",
      "Infusion pump alarmed occlusion repeatedly; the giving set was from a different manufacturer.",
      "Electronic prescribing system froze during the drug round; paper charts were not to hand."}},
    {EventCategory::blood_product,
     {"Sample for crossmatch was labelled with another patient's details; caught by the laboratory.",
      "Transfusion of red cells started without the bedside identity check."}},
    {EventCategory::perinatal,
     {"CTG abnormalities were not escalated for 90 minutes; baby born in poor condition.",
      "Postpartum haemorrhage of 2 litres; massive haemorrhage protocol activated late."}},
    {EventCategory::other,
     {"Patient left the department without being seen after a five-hour wait.",
      "Clinical handover omitted a pending CT result; review was delayed to the next day.",
      "Referral letter sent to the wrong general practitioner."}},
};

const std::map<EventCategory, std::vector<const char*>> kTexts{
    {EventCategory::medication,
     {"enoxaparin", "insulin", "co-amoxiclav", "morphine", "levothyroxine", "gentamicin"}},
    {EventCategory::device,
     {"Infusion pump", "Defibrillator", "Electronic prescribing system", "Syringe driver"}},
};

struct Cause {
  const char* category;
  const char* text;
};
const Cause kCauses[] = {
    {"Communication", "Handover did not mention the risk"},
    {"Communication", "Results not communicated to the responsible team"},
    {"Task & process", "Checklist step skipped under time pressure"},
    {"Task & process", "No standard process for reassessment after a change in condition"},
    {"People / staff", "Agency staff unfamiliar with the ward's equipment"},
    {"People / staff", "Fatigue at the end of a 12-hour night shift"},
    {"Equipment & devices", "Equipment from two manufacturers with different set-ups"},
    {"Environment", "Poor lighting in the side rooms at night"},
    {"Organisation & policy", "Staffing below the planned ratio"},
    {"Patient", "Patient confused and not able to use the call bell"},
};

class DemoEvents {
 public:
  DemoEvents(store::UnitOfWork& uow, const Organisation& org, Timestamp now)
      : uow_(uow), org_(org), now_(now), rng_(20261126) {}

  Result<DemoEventCounts> run();

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  template <class T>
  const T& pick(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
  }

  Result<void> load_people();
  IncidentSubmission submission(const Department& dept, EventCategory category, Timestamp occurred);
  Result<void> add_report(const Department& dept, EventCategory category, Timestamp occurred);
  Result<void> add_investigations();

  store::UnitOfWork& uow_;
  const Organisation& org_;
  Timestamp now_;
  std::mt19937 rng_;
  BusinessCalendar calendar_;
  SentinelPolicy sentinel_;
  std::map<Id, std::vector<Id>> reporters_;           // department -> staff
  std::map<Id, Id> safety_officer_;                   // site -> patient safety officer
  std::vector<std::pair<Id, Id>> for_investigation_;  // report, site
  DemoEventCounts counts_;
};

Result<void> DemoEvents::load_people() {
  store::UserQuery q;
  q.visible.everything = true;
  q.page.limit = PageRequest::kMaxLimit;
  auto users = uow_.users().list(q);
  if (!users) return users.error();
  for (const auto& u : users->items) {
    if (u.home_department_id) reporters_[*u.home_department_id].push_back(u.id);
    for (const auto& g : u.grants)
      if (g.role == Role::patient_safety_officer && g.scope.type == ScopeType::site)
        safety_officer_[g.scope.id] = u.id;
  }
  return {};
}

IncidentSubmission DemoEvents::submission(const Department& dept, EventCategory category,
                                          Timestamp occurred) {
  IncidentSubmission s;
  s.category = category;
  s.department_id = dept.id;
  s.occurred_at = occurred;
  const double t = uniform();
  s.type = t < 0.25 ? EventType::near_miss : t < 0.31 ? EventType::unsafe_condition : EventType::incident;
  if (s.type == EventType::incident) {
    const double h = uniform();
    s.harm = h < 0.50    ? HarmLevel::no_harm
             : h < 0.80  ? HarmLevel::mild
             : h < 0.93  ? HarmLevel::moderate
             : h < 0.975 ? HarmLevel::severe
             : h < 0.985 ? HarmLevel::death
                         : HarmLevel::unknown;
  } else {
    s.harm = HarmLevel::no_harm;
  }
  if (s.harm == HarmLevel::death)
    s.harm_duration = HarmDuration::permanent;
  else if (s.harm == HarmLevel::mild || s.harm == HarmLevel::moderate || s.harm == HarmLevel::severe)
    s.harm_duration =
        uniform() < 0.12 && s.harm != HarmLevel::mild ? HarmDuration::permanent : HarmDuration::temporary;
  if (category == EventCategory::medication) {
    using enum MerpCategory;
    if (s.type == EventType::unsafe_condition)
      s.merp = A;
    else if (s.type == EventType::near_miss)
      s.merp = B;
    else if (s.harm == HarmLevel::no_harm || s.harm == HarmLevel::unknown)
      s.merp = uniform() < 0.6 ? C : D;
    else if (s.harm == HarmLevel::death)
      s.merp = I;
    else if (s.harm_duration == HarmDuration::permanent)
      s.merp = G;
    else if (s.harm == HarmLevel::severe)
      s.merp = H;
    else
      s.merp = uniform() < 0.6 ? E : F;
    if (s.harm == HarmLevel::unknown) s.harm = HarmLevel::no_harm;
  }
  for (const auto& f : category_fields(category)) {
    if (f.kind == DetailKind::choice && !f.choices.empty())
      s.details[std::string(f.name)] =
          std::string(f.choices[static_cast<std::size_t>(pick(static_cast<int>(f.choices.size())))].id);
    else if (f.required)
      s.details[std::string(f.name)] = kTexts.contains(category) ? pick(kTexts.at(category)) : "Not recorded";
  }
  if (category == EventCategory::fall)
    s.details["injury"] = s.harm == HarmLevel::no_harm   ? "none"
                          : s.harm == HarmLevel::mild    ? "minor"
                          : s.harm == HarmLevel::death   ? "death"
                          : s.harm == HarmLevel::unknown ? "unknown"
                                                         : "major";
  s.description = pick(kStories.at(category));
  s.location = "Bay " + std::to_string(1 + pick(8)) + ", bed " + std::to_string(1 + pick(24));
  s.immediate_actions = "Patient assessed by the team; nurse in charge informed.";
  if (s.type != EventType::unsafe_condition)
    s.patient = PatientInvolved{"MRN" + std::to_string(4000000 + pick(900000)), ""};
  s.people_involved = "Staff nurse, registrar";
  return s;
}

Result<void> DemoEvents::add_report(const Department& dept, EventCategory category, Timestamp occurred) {
  auto s = submission(dept, category, occurred);
  if (!check_submission(s, org_, now_).empty())
    return {};  // the generator only stores what a form would accept
  IncidentReport r;
  r.event = s;
  r.site_id = dept.site_id;
  const auto& staff = reporters_[dept.id];
  r.anonymous = staff.empty() || uniform() < 0.06;
  if (!r.anonymous) r.reporter_id = pick(staff);
  const auto submitted = occurred + minutes(20 + pick(600));
  r.submitted_at = r.anonymous ? Timestamp(std::chrono::floor<days>(submitted)) : submitted;
  r.updated_at = r.submitted_at;
  auto id = uow_.incidents().create(r, "demo:" + std::to_string(counts_.reports));
  if (!id) return id.error();
  auto stored = uow_.incidents().get(*id);
  if (!stored) return stored.error();
  r = std::move(*stored);
  ++counts_.reports;

  // Older reports have moved further through the workflow.
  const auto age = std::chrono::duration_cast<days>(now_ - r.submitted_at).count();
  const double u = uniform();
  if (age > 60) {
    r.state = u < 0.80   ? IncidentState::closed
              : u < 0.88 ? IncidentState::rejected
              : u < 0.92 ? IncidentState::action_planning
                         : IncidentState::under_investigation;
  } else if (age > 14) {
    r.state = u < 0.35   ? IncidentState::closed
              : u < 0.65 ? IncidentState::under_investigation
              : u < 0.85 ? IncidentState::action_planning
                         : IncidentState::in_triage;
  } else {
    r.state = u < 0.55 ? IncidentState::submitted : IncidentState::in_triage;
  }
  if (r.state == IncidentState::rejected)
    r.state_reason = "Not a patient safety event: a facilities request.";
  if (r.state != IncidentState::submitted) {
    r.handler_id =
        safety_officer_.contains(r.site_id) ? std::optional<Id>(safety_officer_[r.site_id]) : std::nullopt;
    const auto harm = r.event.harm;
    r.severity = harm == HarmLevel::death      ? Severity::catastrophic
                 : harm == HarmLevel::severe   ? Severity::major
                 : harm == HarmLevel::moderate ? Severity::moderate
                                               : Severity::minor;
    const auto triaged = std::chrono::floor<days>(r.submitted_at) + days(1 + pick(3));
    if (meets_sentinel_definition(harm, r.event.harm_duration, false) && uniform() < 0.8) {
      r.sentinel = true;
      r.sentinel_flagged_on = triaged;
      r.analysis_due = sentinel_analysis_due(triaged, sentinel_, calendar_);
      ++counts_.sentinel;
      // A few sentinel analyses have slipped past their due date: they show red.
      if (*r.analysis_due < std::chrono::floor<days>(now_) && r.state == IncidentState::closed &&
          uniform() < 0.15)
        r.state = IncidentState::under_investigation;
    }
    if (requires_disclosure(harm) && uniform() < 0.85)
      r.disclosure =
          Disclosure{Timestamp(triaged) + hours(11), "Patient and next of kin", "In person",
                     "Apologised; explained what happened and what we will do.", r.handler_id.value_or(1)};
    if ((r.sentinel || harm == HarmLevel::severe) && r.state != IncidentState::rejected)
      for_investigation_.push_back({r.id, r.site_id});
  }
  r.updated_at = r.submitted_at + hours(24 * std::min<long>(age, 30));
  if (r.updated_at > now_) r.updated_at = now_;
  if (auto u2 = uow_.incidents().update(r); !u2) return u2.error();
  if (r.state != IncidentState::submitted && uniform() < 0.2) {
    store::IncidentComment c{
        0,
        r.id,
        r.handler_id,
        "",
        false,
        r.anonymous,
        r.anonymous ? "Thank you for reporting. Was the call bell within reach when the patient fell?"
                    : "Ward manager asked to review the staffing on the night.",
        r.updated_at};
    if (auto cid = uow_.incident_activity().add_comment(c); !cid) return cid.error();
  }
  return {};
}

Result<void> DemoEvents::add_investigations() {
  int n = 0;
  for (const auto& [report_id, site] : for_investigation_) {
    if (n >= 60) break;
    auto report = uow_.incidents().get(report_id);
    if (!report) return report.error();
    Investigation inv;
    inv.title = std::string(label(report->event.category)) + ": " + report->reference;
    inv.site_id = report->site_id;
    inv.department_id = report->event.department_id;
    inv.lead_id = safety_officer_.contains(site) ? std::optional<Id>(safety_officer_[site]) : std::nullopt;
    inv.incident_ids = {report_id};
    inv.fishbone_categories = default_fishbone_categories();
    inv.created_at = report->updated_at;
    inv.updated_at = report->updated_at;
    inv.timeline = {{report->event.occurred_at, "Event occurred"}, {report->submitted_at, "Reported"}};
    inv.whys = {
        {"Why did it happen?",
         {"The check was not done", "The ward was short of two nurses", "Sickness cover was not arranged"}}};
    // Communication and process causes dominate, as they do in published RCA reviews.
    for (int k = 0; k < 3; ++k) {
      const auto& c = kCauses[static_cast<std::size_t>(std::min(pick(14), 9))];
      if (std::none_of(inv.causes.begin(), inv.causes.end(),
                       [&](const FishboneCause& x) { return x.text == c.text; }))
        inv.causes.push_back({c.category, c.text, true});
    }
    inv.root_causes = {"No reliable process to reassess risk after a change in the patient's condition."};
    inv.actions = {
        {0, "Electronic prompt to reassess risk after sedation or a fall", inv.lead_id,
         std::chrono::floor<days>(now_) + days(30 + pick(60)), ActionStrength::stronger, std::nullopt},
        {0, "Teaching session on the reassessment standard", inv.lead_id,
         std::chrono::floor<days>(now_) + days(14 + pick(30)), ActionStrength::weaker, std::nullopt}};
    if (report->state == IncidentState::closed) {
      inv.state = InvestigationState::completed;
      inv.completed_at = report->updated_at;
    }
    auto id = uow_.investigations().create(inv);
    if (!id) return id.error();
    ++n;
  }
  counts_.investigations = n;
  return {};
}

Result<DemoEventCounts> DemoEvents::run() {
  if (auto r = load_people(); !r) return r.error();
  auto calendar = uow_.incident_settings().calendar();
  if (!calendar) return calendar.error();
  calendar_ = std::move(*calendar);
  auto policy = uow_.incident_settings().sentinel_policy();
  if (!policy) return policy.error();
  sentinel_ = *policy;
  const auto today = std::chrono::floor<days>(now_);
  for (int back = 365; back >= 0; --back) {
    const auto day = today - days(back);
    for (const auto& profile : demo_reporting_rates()) {
      const Department* dept = nullptr;
      for (const auto& site : org_.sites)
        for (const auto& d : site.departments)
          if (d.code == profile.code) dept = &d;
      if (!dept) continue;
      std::poisson_distribution<int> reports(profile.per_day);
      for (int k = reports(rng_); k > 0; --k) {
        const EventCategory category = profile.category_at(pick(profile.total_weight()));
        const auto occurred = Timestamp(day) + minutes(pick(24 * 60));
        if (occurred + hours(12) > now_) continue;
        if (auto r = add_report(*dept, category, occurred); !r) return r.error();
      }
    }
  }
  if (auto r = add_investigations(); !r) return r.error();
  return counts_;
}

// Irish public holidays, so that business-day clocks skip them.
std::vector<store::Holiday> demo_holidays() {
  std::vector<store::Holiday> out;
  const std::pair<const char*, const char*> days_off[] = {
      {"2025-12-25", "Christmas Day"},       {"2025-12-26", "St Stephen's Day"},
      {"2026-01-01", "New Year's Day"},      {"2026-02-02", "St Brigid's Day"},
      {"2026-03-17", "St Patrick's Day"},    {"2026-04-06", "Easter Monday"},
      {"2026-05-04", "May bank holiday"},    {"2026-06-01", "June bank holiday"},
      {"2026-08-03", "August bank holiday"}, {"2026-10-26", "October bank holiday"},
      {"2026-12-25", "Christmas Day"},       {"2026-12-28", "St Stephen's Day (observed)"},
      {"2027-01-01", "New Year's Day"},      {"2027-02-01", "St Brigid's Day"},
      {"2027-03-17", "St Patrick's Day"},    {"2027-03-29", "Easter Monday"},
  };
  for (const auto& [day, name] : days_off)
    if (auto t = parse_date_or_instant(day)) out.push_back({std::chrono::floor<days>(*t), name});
  return out;
}

}  // namespace

Result<DemoEventCounts> create_demo_events(store::Database& db, const Clock& clock) {
  return store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<DemoEventCounts> {
    auto org = uow.org().load();
    if (!org) return org.error();
    if (auto r = uow.incident_settings().replace_holidays(demo_holidays()); !r) return r.error();
    for (const auto& rule :
         {ExternalReportingRule{0, "Serious reportable event", "National regulator (HIQA)", HarmLevel::severe,
                                true, std::nullopt, 3, true, true},
          ExternalReportingRule{0, "Death notification", "Coroner", HarmLevel::death, false, std::nullopt, 1,
                                false, true},
          ExternalReportingRule{0, "Serious medication error", "Medicines regulator (HPRA)",
                                HarmLevel::severe, false, EventCategory::medication, 15, false, true}})
      if (auto id = uow.incident_settings().create_rule(rule); !id) return id.error();
    auto counts = DemoEvents(uow, *org, clock.now()).run();
    if (!counts) return counts.error();
    AuditEvent event;
    event.actor_username = "hqms demo";
    event.action = "create";
    event.entity_type = "incident";
    event.entity_id = "demo";
    event.summary = "Loaded a year of demo event reports (" + std::to_string(counts->reports) + ")";
    if (auto r = uow.audit().record(event, clock.now()); !r) return r.error();
    return counts;
  });
}

}  // namespace hqms::cli
