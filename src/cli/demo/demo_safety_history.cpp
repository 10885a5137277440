#include "cli/demo/demo_safety_history.hpp"

#include <fmt/format.h>

#include <array>
#include <random>

#include "cli/demo/demo_quality.hpp"
#include "cli/demo/demo_reporting_rates.hpp"
#include "core/incidents/category_fields.hpp"
#include "core/incidents/incident_rules.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

using enum EventCategory;

// Extra falls on MED in months 33, 34 and 35: on top of about ten a month, the climb the falls chart shows.
constexpr std::array<int, 3> kExtraMedFalls{6, 10, 16};

const char* story(EventCategory category) {
  switch (category) {
    case fall:
      return "Patient found on the floor beside the bed; the call bell was out of reach.";
    case medication:
      return "Dose given at the wrong time: the previous dose had not been signed for on the chart.";
    case pressure_injury:
      return "Pressure injury found at the skin check; the repositioning chart had gaps overnight.";
    case healthcare_associated_infection:
      return "Healthcare-associated infection confirmed by the laboratory; line care checklist incomplete.";
    case surgery_anesthesia:
      return "Unplanned return to theatre after the operation; the team reviewed the case at M&M.";
    case venous_thromboembolism:
      return "Venous thromboembolism after admission; the risk assessment had not been completed.";
    case device:
      return "Infusion pump alarmed repeatedly during the infusion; the pump was taken out of use.";
    case blood_product:
      return "Sample for crossmatch labelled with another patient's details; caught by the laboratory.";
    case perinatal:
      return "Delay in escalating an abnormal CTG trace to the obstetric registrar.";
    case other:
      return "Patient's property went missing during a transfer between wards.";
  }
  return "Event reported by the ward team for review.";
}

class SafetyHistory {
 public:
  SafetyHistory(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff, Timestamp now)
      : uow_(uow), org_(org), staff_(staff), now_(now), rng_(20231105) {}

  Result<void> report(const Department& dept, EventCategory category, Timestamp occurred, bool reached);
  int reports() const { return reports_; }

 private:
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  int pick(int n) { return std::min(n - 1, static_cast<int>(uniform() * n)); }
  IncidentSubmission submission(const Department& dept, EventCategory category, Timestamp occurred,
                                bool reached);

  store::UnitOfWork& uow_;
  const Organisation& org_;
  const DemoStaff& staff_;
  Timestamp now_;
  std::mt19937 rng_;
  int reports_ = 0;
};

// The same mix of event types, harm and NCC MERP categories as the recent year's reports.
IncidentSubmission SafetyHistory::submission(const Department& dept, EventCategory category,
                                             Timestamp occurred, bool reached) {
  IncidentSubmission s;
  s.category = category;
  s.department_id = dept.id;
  s.occurred_at = occurred;
  const double t = uniform();
  s.type = reached    ? EventType::incident
           : t < 0.25 ? EventType::near_miss
           : t < 0.31 ? EventType::unsafe_condition
                      : EventType::incident;
  s.harm = HarmLevel::no_harm;
  if (s.type == EventType::incident) {
    const double h = uniform();
    s.harm = h < 0.50    ? HarmLevel::no_harm
             : h < 0.80  ? HarmLevel::mild
             : h < 0.93  ? HarmLevel::moderate
             : h < 0.975 ? HarmLevel::severe
                         : HarmLevel::death;
  }
  if (s.harm == HarmLevel::death)
    s.harm_duration = HarmDuration::permanent;
  else if (s.harm != HarmLevel::no_harm)
    s.harm_duration =
        s.harm != HarmLevel::mild && uniform() < 0.12 ? HarmDuration::permanent : HarmDuration::temporary;
  if (category == medication) {
    using enum MerpCategory;
    s.merp = s.type == EventType::unsafe_condition        ? A
             : s.type == EventType::near_miss             ? B
             : s.harm == HarmLevel::no_harm               ? (uniform() < 0.6 ? C : D)
             : s.harm == HarmLevel::death                 ? I
             : s.harm_duration == HarmDuration::permanent ? G
             : s.harm == HarmLevel::severe                ? H
                                                          : (uniform() < 0.6 ? E : F);
  }
  for (const auto& f : category_fields(category)) {
    if (f.kind == DetailKind::choice && !f.choices.empty())
      s.details[std::string(f.name)] =
          std::string(f.choices[static_cast<std::size_t>(pick(static_cast<int>(f.choices.size())))].id);
    else if (f.required)
      s.details[std::string(f.name)] = "Not recorded";
  }
  if (category == fall)
    s.details["injury"] = s.harm == HarmLevel::no_harm ? "none"
                          : s.harm == HarmLevel::mild  ? "minor"
                          : s.harm == HarmLevel::death ? "death"
                                                       : "major";
  s.description = story(category);
  s.location = fmt::format("Bay {}, bed {}", 1 + pick(8), 1 + pick(24));
  s.immediate_actions = "Patient assessed by the team; nurse in charge informed.";
  if (s.type != EventType::unsafe_condition)
    s.patient = PatientInvolved{"MRN" + std::to_string(4000000 + pick(900000)), ""};
  s.people_involved = "Staff nurse, registrar";
  return s;
}

Result<void> SafetyHistory::report(const Department& dept, EventCategory category, Timestamp occurred,
                                   bool reached) {
  IncidentReport r;
  r.event = submission(dept, category, occurred, reached);
  if (auto errors = check_submission(r.event, org_, now_); !errors.empty())
    return demo_drift("event report", errors);
  r.site_id = dept.site_id;
  const auto owners = staff_.owners(dept.id);
  r.anonymous = owners.empty() || uniform() < 0.06;
  if (!r.anonymous) r.reporter_id = owners[static_cast<std::size_t>(pick(static_cast<int>(owners.size())))];
  const auto submitted = occurred + minutes(20 + pick(600));
  r.submitted_at = r.anonymous ? Timestamp(std::chrono::floor<days>(submitted)) : submitted;
  // Reviewed and closed within a month, unless it happened in the last few weeks.
  const auto age = std::chrono::duration_cast<days>(now_ - r.submitted_at).count();
  r.state = age > 45   ? IncidentState::closed
            : age > 14 ? IncidentState::under_investigation
            : age > 3  ? IncidentState::in_triage
                       : IncidentState::submitted;
  if (r.state != IncidentState::submitted) {
    r.handler_id = staff_.safety_officer(r.site_id);
    const auto harm = r.event.harm;
    r.severity = harm == HarmLevel::death      ? Severity::catastrophic
                 : harm == HarmLevel::severe   ? Severity::major
                 : harm == HarmLevel::moderate ? Severity::moderate
                                               : Severity::minor;
    if (requires_disclosure(harm))
      r.disclosure =
          Disclosure{r.submitted_at + hours(26), "Patient and next of kin", "In person",
                     "Apologised; explained what happened and what we will do.", r.handler_id.value_or(1)};
  }
  r.updated_at = std::min(now_, r.submitted_at + hours(24 * std::min<long>(age, 30)));
  auto id = uow_.incidents().create(r, "demo-history:" + std::to_string(reports_));
  if (!id) return id.error();
  r.id = *id;
  if (auto u = uow_.incidents().update(r); !u) return u.error();
  ++reports_;
  return {};
}

const Department* department(const Organisation& org, std::string_view code) {
  for (const auto& site : org.sites)
    for (const auto& d : site.departments)
      if (d.code == code) return &d;
  return nullptr;
}

}  // namespace

Result<DemoSafetyHistory> create_demo_safety_history(store::UnitOfWork& uow, const Organisation& org,
                                                     const DemoStaff& staff, const DemoMonths& months,
                                                     Timestamp now) {
  SafetyHistory history(uow, org, staff, now);
  std::mt19937 rng(20231106);
  auto uniform = [&] { return std::uniform_real_distribution<double>(0, 1)(rng); };
  DemoSafetyHistory counts;

  // create_demo_events covers the 366 days up to today; this covers everything before, back to month 0.
  const auto today = std::chrono::floor<days>(now);
  const auto recent_year = today - days(365);
  for (auto day = months.first_day(0); day < recent_year; day += days(1)) {
    for (const auto& profile : demo_reporting_rates()) {
      const auto* dept = department(org, profile.code);
      if (!dept) continue;
      for (int k = std::poisson_distribution<int>(profile.per_day)(rng); k > 0; --k) {
        const EventCategory category =
            profile.category_at(static_cast<int>(uniform() * profile.total_weight()));
        const auto occurred = Timestamp(day) + minutes(static_cast<int>(uniform() * 24 * 60));
        if (auto r = history.report(*dept, category, occurred, false); !r) return r.error();
      }
    }
  }
  counts.reports = history.reports();

  if (const auto* med = department(org, "MED")) {
    for (std::size_t i = 0; i < kExtraMedFalls.size(); ++i) {
      const int month = kMedFallsRiseFirstMonth + static_cast<int>(i);
      for (int k = 0; k < kExtraMedFalls[i]; ++k) {
        const auto day = months.first_day(month) + days(static_cast<int>(uniform() * months.days_in(month)));
        const auto occurred = Timestamp(day) + hours(1) + minutes(static_cast<int>(uniform() * 22 * 60));
        if (occurred + hours(12) > now) continue;
        if (auto r = history.report(*med, fall, occurred, true); !r) return r.error();
        ++counts.extra_falls;
      }
    }
  }
  return counts;
}

}  // namespace hqms::cli
