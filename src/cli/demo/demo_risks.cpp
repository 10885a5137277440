#include "cli/demo/demo_risks.hpp"

#include <algorithm>
#include <cmath>
#include <random>

#include "cli/demo/demo_risk_catalogue.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;

RiskRating rating(int l, int c) {
  return {static_cast<Likelihood>(l), static_cast<Consequence>(c)};
}

int level(Likelihood l) {
  return static_cast<int>(l);
}
int level(Consequence c) {
  return static_cast<int>(c);
}

// One step of a straight path from `from` to `to`, each axis on its own. A rising risk is rounded down on
// the way, so that it reaches its rating (and the band that escalated it) only at the last review.
RiskRating between(RiskRating from, RiskRating to, int step, int steps, bool rising) {
  auto at = [&](int a, int b) {
    const double x = a + (b - a) * static_cast<double>(step) / steps;
    return static_cast<int>(rising ? std::floor(x) : std::lround(x));
  };
  return rating(at(level(from.likelihood), level(to.likelihood)),
                at(level(from.consequence), level(to.consequence)));
}

const char* kLower[] = {"New control in place; likelihood reduced.",
                        "Fewer events this quarter; the controls are holding.",
                        "Re-audit shows the change has embedded; rating lowered."};
const char* kSame[] = {"Controls reviewed with the department; rating unchanged.",
                       "No new events; the treatment plan is on track.",
                       "Reviewed at the quality meeting; no change."};
const char* kHigher[] = {"Rating raised: further events this quarter and the controls are not holding.",
                         "Staffing worse than planned; likelihood raised.",
                         "Two near misses since the last review; rating raised."};

class DemoRisks {
 public:
  DemoRisks(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff, Timestamp now,
            DemoQualityCounts& counts)
      : uow_(uow),
        org_(org),
        staff_(staff),
        now_(now),
        today_(utc_day(now)),
        rng_(20260317),
        counts_(counts) {}

  Result<void> run();

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  int between_days(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  Timestamp working_hours(Date day) { return Timestamp(day) + hours(8) + std::chrono::minutes(pick(9 * 60)); }

  Result<ScopeRef> scope_of(const RiskIdea& idea) const;
  Result<void> add(const RiskIdea& idea, bool past_review);
  Result<void> escalate(const Risk& risk, Date on);

  store::UnitOfWork& uow_;
  const Organisation& org_;
  const DemoStaff& staff_;
  Timestamp now_;
  Date today_;
  std::mt19937 rng_;
  RiskBands bands_;
  DemoQualityCounts& counts_;
};

Result<ScopeRef> DemoRisks::scope_of(const RiskIdea& idea) const {
  if (!*idea.scope) return ScopeRef{ScopeType::organisation, org_.id};
  for (const auto& site : org_.sites) {
    if (site.code == idea.scope) return ScopeRef{ScopeType::site, site.id};
    for (const auto& d : site.departments)
      if (d.code == idea.scope) return ScopeRef{ScopeType::department, d.id};
  }
  return Error::internal(std::string("the demo hospital has no department or site ") + idea.scope);
}

Result<void> DemoRisks::add(const RiskIdea& idea, bool past_review) {
  Risk r;
  r.title = idea.title;
  r.description = idea.description;
  r.cause = idea.cause;
  r.consequence = idea.consequence;
  r.category = idea.category;
  auto owner = staff_.id(idea.owner);
  if (!owner) return owner.error();
  r.owner_id = *owner;
  auto scope = scope_of(idea);
  if (!scope) return scope.error();
  r.scope = *scope;
  r.controls = idea.controls;
  r.inherent = rating(idea.inherent_l, idea.inherent_c);
  r.residual = rating(idea.residual_l, idea.residual_c);
  r.target = rating(idea.target_l, idea.target_c);
  r.treatment = idea.treatment;
  r.treatment_plan = idea.plan;

  // High and extreme risks are reviewed quarterly, the rest twice a year.
  const int interval = band_of(r.residual, bands_) >= RiskBand::high ? 90 : 180;
  const Date last = past_review ? today_ - days(interval + between_days(5, 60))
                                : today_ - days(between_days(3, interval - 10));
  const Date created = std::min(today_ - days(between_days(250, 360)), last - days(30));
  r.created_at = working_hours(created);
  const Date first = created + days(between_days(7, 21));
  const int span = static_cast<int>((last - first).count());
  const int reviews = std::clamp(2 + pick(5), 2, std::max(2, span / 25 + 1));

  // The year of reviews, oldest first, ending at today's residual rating.
  RiskRating start = r.residual;
  if (idea.trend == RiskTrend::falling)
    start = rating((idea.inherent_l + idea.residual_l + 1) / 2, (idea.inherent_c + idea.residual_c + 1) / 2);
  else if (idea.trend == RiskTrend::rising)
    start = rating(std::max(1, idea.residual_l - 1), idea.residual_c);
  // Only today's rating may be extreme: an earlier extreme review would have escalated the risk then.
  while (start != r.residual && band_of(start, bands_) == RiskBand::extreme) {
    if (level(start.likelihood) > idea.residual_l)
      start.likelihood = static_cast<Likelihood>(level(start.likelihood) - 1);
    else if (level(start.consequence) > idea.residual_c)
      start.consequence = static_cast<Consequence>(level(start.consequence) - 1);
    else
      break;
  }
  const Id reviewer = r.owner_id.value_or(0);
  for (int k = 0; k < reviews; ++k) {
    RiskReview review;
    review.reviewed_on = first + days(span * k / (reviews - 1));
    review.reviewer_id = reviewer;
    review.residual = between(start, r.residual, k, reviews - 1, idea.trend == RiskTrend::rising);
    if (k == 0) {
      review.note = "First review with the department after the register moved from the spreadsheet.";
    } else {
      const int before = r.reviews.back().residual.score(), after = review.residual.score();
      review.note = after < before ? kLower[pick(3)] : after > before ? kHigher[pick(3)] : kSame[pick(3)];
    }
    r.reviews.push_back(std::move(review));
  }
  r.review_due_on = last + days(interval);
  r.updated_at = working_hours(last);

  // Escalated when the residual reached the extreme band: at the last review, as the app would have done
  // it, or when raised if it was extreme from the start.
  std::optional<Risk> before;
  if (r.reviews.size() >= 2) {
    before = r;
    before->residual = r.reviews[r.reviews.size() - 2].residual;
  }
  r.escalated_to = escalation_for(org_, before, r, bands_);
  if (!r.escalated_to && band_of(r.residual, bands_) == RiskBand::extreme)
    r.escalated_to = escalation_for(org_, std::nullopt, r, bands_);

  if (auto errors = check_risk(r); !errors.empty()) return demo_drift(std::string("risk ") + r.title, errors);
  auto id = uow_.risks().create(r);
  if (!id) return id.error();
  ++counts_.risks;
  ++counts_.risk_bands[band_of(r.residual, bands_)];
  if (review_overdue(r, today_)) ++counts_.risks_review_overdue;
  if (r.escalated_to) {
    auto stored = uow_.risks().get(*id);
    if (!stored) return stored.error();
    if (auto e = escalate(*stored, last); !e) return e;
  }
  return {};
}

Result<void> DemoRisks::escalate(const Risk& risk, Date on) {
  auto place = [&](ScopeRef s) {
    return nlohmann::json{
        {"register",
         {{"type", std::string(to_string(s.type))}, {"id", s.id}, {"name", org_.name_of(s).value_or("")}}}};
  };
  const auto to = *risk.escalated_to;
  auto e = demo_audit_event("escalate", "risk", std::to_string(risk.id),
                            "Escalated " + risk.reference + " to the " + org_.name_of(to).value_or("") +
                                " register: residual score " + std::to_string(risk.residual.score()) +
                                " at the review of " + format_date(Timestamp(on)));
  e.before = place(risk.scope);
  e.after = place(to);
  if (risk.scope.type == ScopeType::department) {
    e.department_id = risk.scope.id;
    if (const auto* d = org_.department(risk.scope.id)) e.site_id = d->site_id;
  } else if (risk.scope.type == ScopeType::site) {
    e.site_id = risk.scope.id;
  }
  ++counts_.risks_escalated;
  return uow_.audit().record(e, now_);
}

Result<void> DemoRisks::run() {
  auto bands = uow_.risks().bands();
  if (!bands) return bands.error();
  bands_ = *bands;
  const auto ideas = demo_risk_ideas();
  // About ten risks, all reviewed quarterly, have slipped past their review date.
  std::vector<std::size_t> quarterly;
  for (std::size_t i = 0; i < ideas.size(); ++i)
    if (band_of(ideas[i].residual_l * ideas[i].residual_c, bands_) >= RiskBand::high) quarterly.push_back(i);
  std::shuffle(quarterly.begin(), quarterly.end(), rng_);
  quarterly.resize(std::min<std::size_t>(quarterly.size(), 10));
  for (std::size_t i = 0; i < ideas.size(); ++i) {
    const bool overdue = std::find(quarterly.begin(), quarterly.end(), i) != quarterly.end();
    if (auto r = add(ideas[i], overdue); !r) return r;
  }
  return {};
}

}  // namespace

Result<void> create_demo_risks(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff,
                               Timestamp now, DemoQualityCounts& counts) {
  return DemoRisks(uow, org, staff, now, counts).run();
}

}  // namespace hqms::cli
