// Risk register storage: references, controls replaced and reviews appended, who sees which register, the
// list's filters and sorts, the heat map's ratings and the organisation's band edges.
#include <gtest/gtest.h>

#include "register_hospital.hpp"

namespace hqms::test {
namespace {

RiskRating rating(int l, int c) {
  return {*likelihood_from_level(l), *consequence_from_level(c)};
}

struct RiskStore : RegisterHospital {
  Risk draft(ScopeRef scope, const std::string& title, RiskRating residual = rating(2, 3)) {
    Risk r;
    r.title = title;
    r.description = "What could happen: " + title;
    r.cause = "Staffing";
    r.consequence = "Harm";
    r.category = RiskCategory::patient_safety;
    r.owner_id = owner;
    r.scope = scope;
    r.inherent = rating(5, 5);
    r.residual = residual;
    r.target = rating(1, 1);
    r.treatment = RiskTreatment::reduce;
    r.treatment_plan = "Hire";
    r.review_due_on = day("2026-09-01");
    r.created_at = r.updated_at = at("2026-03-02T09:00:00Z");
    return r;
  }

  Id create(const Risk& r) {
    auto id = write([&](store::UnitOfWork& uow) { return uow.risks().create(r); });
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  Risk get(Id id) {
    auto r = read()->risks().get(id);
    EXPECT_TRUE(r) << r.error().message;
    return r ? *r : Risk{};
  }

  std::vector<Id> ids(const store::RiskQuery& q) {
    auto page = read()->risks().list(q);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<Id> out;
    if (page)
      for (const auto& r : page->items) out.push_back(r.id);
    return out;
  }

  ScopeRef department(Id id) const { return {ScopeType::department, id}; }
  ScopeRef site(Id id) const { return {ScopeType::site, id}; }
  ScopeRef organisation() const { return {ScopeType::organisation, org}; }
};

store::RiskQuery everything() {
  store::RiskQuery q;
  q.visible.everything = true;
  q.page.sort_field = "reference";
  q.page.limit = 200;
  return q;
}

TEST(RiskRepository, CreateNumbersAndReadsBackWhatWasStored) {
  RiskStore h;
  auto r = h.draft(h.department(h.ed), "Boarding in ED", rating(4, 4));
  r.controls = {{"Escalation policy", ControlEffectiveness::partially_effective},
                {"Bed meeting", ControlEffectiveness::effective}};
  r.escalated_to = h.site(h.main_site);
  r.reviews = {{0, day("2026-03-01"), h.ed_manager, rating(4, 4), "First look"}};
  const Id id = h.create(r);
  const auto stored = h.get(id);
  EXPECT_TRUE(is_reference(stored.reference, "RSK-", 4)) << stored.reference;
  EXPECT_EQ(stored.title, "Boarding in ED");
  EXPECT_EQ(stored.category, RiskCategory::patient_safety);
  EXPECT_EQ(stored.scope, h.department(h.ed));
  ASSERT_TRUE(stored.escalated_to);
  EXPECT_EQ(*stored.escalated_to, h.site(h.main_site));
  EXPECT_EQ(stored.inherent, rating(5, 5));
  EXPECT_EQ(stored.residual, rating(4, 4));
  EXPECT_EQ(stored.target, rating(1, 1));
  EXPECT_EQ(stored.treatment_plan, "Hire");
  EXPECT_EQ(stored.review_due_on, day("2026-09-01"));
  EXPECT_EQ(stored.status, RiskStatus::open);
  ASSERT_EQ(stored.controls.size(), 2u);
  EXPECT_EQ(stored.controls[0].description, "Escalation policy");
  EXPECT_EQ(stored.controls[0].effectiveness, ControlEffectiveness::partially_effective);
  ASSERT_EQ(stored.reviews.size(), 1u);
  EXPECT_NE(stored.reviews[0].id, 0);
  EXPECT_EQ(stored.reviews[0].residual, rating(4, 4));
  EXPECT_EQ(stored.reviews[0].reviewer_id, h.ed_manager);
  EXPECT_EQ(stored.version, 1);

  auto unknown = h.write([&](store::UnitOfWork& uow) {
    return uow.risks().create(h.draft(h.department(h.ward + 100), "Nowhere"));
  });
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().kind, ErrorKind::validation);
}

TEST(RiskRepository, UpdateReplacesControlsAppendsReviewsAndChecksTheVersion) {
  RiskStore h;
  auto r = h.draft(h.department(h.ed), "Boarding");
  r.controls = {{"Old control", ControlEffectiveness::ineffective}};
  const Id id = h.create(r);
  auto stored = h.get(id), stale = h.get(id);
  stored.controls = {{"New control", ControlEffectiveness::effective}};
  stored.reviews.push_back({0, day("2026-04-01"), h.ed_manager, rating(3, 3), "Worse"});
  stored.reviews.push_back({0, day("2026-05-01"), h.ed_manager, rating(2, 2), "Better"});
  stored.residual = rating(2, 2);
  stored.scope = h.site(h.north_site);
  stored.updated_at = at("2026-05-01T09:00:00Z");
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.risks().update(stored); }));
  auto after = h.get(id);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.scope, h.site(h.north_site));
  ASSERT_EQ(after.controls.size(), 1u);
  EXPECT_EQ(after.controls[0].description, "New control");
  ASSERT_EQ(after.reviews.size(), 2u);
  EXPECT_EQ(after.reviews[0].note, "Worse") << "oldest first: the trend";
  EXPECT_EQ(after.reviews[1].residual, rating(2, 2));

  after.reviews[0].note = "rewritten";
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.risks().update(after); }));
  EXPECT_EQ(h.get(id).reviews.size(), 2u);
  EXPECT_EQ(h.get(id).reviews[0].note, "Worse") << "the history is never rewritten";

  stale.title = "Stale";
  auto r2 = h.write([&](store::UnitOfWork& uow) { return uow.risks().update(stale); });
  ASSERT_FALSE(r2);
  EXPECT_EQ(r2.error().kind, ErrorKind::conflict);
  EXPECT_EQ(h.get(id).title, "Boarding");
}

TEST(RiskRepository, RegistersAreSeenFromTheirScopeOrByTheOwner) {
  RiskStore h;
  const Id ed_risk = h.create(h.draft(h.department(h.ed), "ED"));
  const Id main_risk = h.create(h.draft(h.site(h.main_site), "Main site"));
  const Id ward_risk = h.create(h.draft(h.department(h.ward), "Ward"));
  auto org_level = h.draft(h.organisation(), "Organisation");
  org_level.owner_id = h.coordinator;
  const Id org_risk = h.create(org_level);

  auto q = everything();
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ed_risk, main_risk, ward_risk, org_risk}));
  q.visible = ScopeFilter{false, {h.main_site}, {}};
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ed_risk, main_risk}));
  q.visible = ScopeFilter{false, {}, {h.ed}};
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ed_risk})) << "a department does not see its site's register";
  q.visible = ScopeFilter{false, {}, {h.ward}};
  q.caller_id = h.coordinator;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ward_risk, org_risk})) << "the owner sees their risk";
}

TEST(RiskRepository, ListFiltersAndSorts) {
  RiskStore h;
  auto a = h.draft(h.department(h.ed), "Falls", rating(5, 4));  // 20: extreme
  a.escalated_to = h.site(h.main_site);
  a.review_due_on = day("2026-04-01");
  a.category = RiskCategory::clinical;
  const Id falls = h.create(a);
  auto b = h.draft(h.department(h.icu), "IT outage 50%_down", rating(2, 3));  // 6
  b.category = RiskCategory::information_security;
  b.owner_id = h.coordinator;
  b.review_due_on = day("2026-06-01");
  const Id outage = h.create(b);
  auto c = h.draft(h.department(h.ed), "Closed one", rating(3, 3));  // 9
  c.status = RiskStatus::closed;
  c.review_due_on = day("2026-01-01");
  c.inherent = rating(3, 4);
  const Id closed = h.create(c);

  auto q = everything();
  q.category = RiskCategory::information_security;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{outage}));
  q.category.reset();
  q.status = RiskStatus::open;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls, outage}));
  q.status.reset();
  q.register_scope = h.site(h.main_site);
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls})) << "escalated: now on the site register";
  q.register_scope = h.department(h.ed);
  EXPECT_EQ(h.ids(q), (std::vector<Id>{closed}));
  q.register_scope.reset();
  q.department_id = h.ed;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls, closed})) << "raised in the department, escalated or not";
  q.department_id.reset();
  q.owner_id = h.coordinator;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{outage}));
  q.owner_id.reset();
  q.min_residual_score = 8;
  q.max_residual_score = 12;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{closed}));
  q.min_residual_score = 15;
  q.max_residual_score.reset();
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls}));
  q.min_residual_score.reset();
  q.residual = rating(2, 3);
  EXPECT_EQ(h.ids(q), (std::vector<Id>{outage}));
  q.residual = rating(3, 2);
  EXPECT_TRUE(h.ids(q).empty()) << "a heat-map cell is likelihood and consequence, not the score";
  q.residual.reset();
  q.review_overdue_on = day("2026-05-01");
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls})) << "closed risks are not due for review";
  q.review_overdue_on.reset();
  q.text = "%_";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{outage}));
  q.text = "FALLS";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls}));
  q.text.clear();

  q.page.sort_field = "residualScore";
  q.page.descending = true;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls, closed, outage}));
  q.page.sort_field = "inherentScore";
  q.page.descending = false;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{closed, falls, outage}));
  q.page.sort_field = "reviewDueOn";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{closed, falls, outage}));
  q.page.sort_field = "title";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{closed, falls, outage}));
}

TEST(RiskRepository, TheHeatMapReadsResidualRatingsUnderTheFilters) {
  RiskStore h;
  h.create(h.draft(h.department(h.ed), "A", rating(5, 4)));
  h.create(h.draft(h.department(h.ed), "B", rating(5, 4)));
  h.create(h.draft(h.department(h.ward), "C", rating(1, 2)));
  auto q = everything();
  q.visible = ScopeFilter{false, {h.main_site}, {}};
  auto ratings = h.read()->risks().residual_ratings(q);
  ASSERT_TRUE(ratings) << ratings.error().message;
  EXPECT_EQ(*ratings, (std::vector<RiskRating>{rating(5, 4), rating(5, 4)}));
  q.visible.everything = true;
  q.page.limit = 1;
  EXPECT_EQ(h.read()->risks().residual_ratings(q)->size(), 3u) << "paging does not apply";
}

TEST(RiskRepository, BandsDefaultUntilSetAndRefuseImpossibleEdges) {
  RiskStore h;
  EXPECT_EQ(*h.read()->risks().bands(), RiskBands{});
  const RiskBands first{3, 6, 12}, second{5, 10, 16};
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.risks().set_bands(first); }));
  EXPECT_EQ(*h.read()->risks().bands(), first);
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.risks().set_bands(second); }));
  EXPECT_EQ(*h.read()->risks().bands(), second);
  EXPECT_FALSE(h.write([&](store::UnitOfWork& uow) { return uow.risks().set_bands(RiskBands{8, 6, 20}); }));
  EXPECT_EQ(*h.read()->risks().bands(), second);
}

}  // namespace
}  // namespace hqms::test
