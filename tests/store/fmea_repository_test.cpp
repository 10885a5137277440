// FMEA storage: references, the team and steps that keep their ids, worksheet rows saved one by one with
// their own versions, and the list of studies a person may open.
#include <gtest/gtest.h>

#include "register_hospital.hpp"

namespace hqms::test {
namespace {

struct FmeaStore : RegisterHospital {
  FmeaStudy draft(const std::string& title, Id department) {
    FmeaStudy s;
    s.title = title;
    s.process = "Blood transfusion at the bedside";
    s.site_id = department == ward ? north_site : main_site;
    s.department_id = department;
    s.lead_id = coordinator;
    s.team = {owner, staff};
    s.steps = {{0, 1, "Order"}, {0, 2, "Collect"}, {0, 3, "Administer"}};
    s.created_at = s.updated_at = at("2026-03-02T09:00:00Z");
    return s;
  }

  Id create(const FmeaStudy& s) {
    auto id = write([&](store::UnitOfWork& uow) { return uow.fmea().create(s); });
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  FmeaStudy get(Id id) {
    auto s = read()->fmea().get(id);
    EXPECT_TRUE(s) << s.error().message;
    return s ? *s : FmeaStudy{};
  }

  static FailureMode row(Id step_id, const std::string& mode, SodRating rating) {
    FailureMode fm;
    fm.step_id = step_id;
    fm.mode = mode;
    fm.effects = "Wrong blood";
    fm.causes = "No bedside check";
    fm.rating = rating;
    fm.recommended_action = "Barcode scanning";
    return fm;
  }

  Result<Id> add(Id study, const FailureMode& fm) {
    return write([&](store::UnitOfWork& uow) { return uow.fmea().add_failure_mode(study, fm); });
  }

  std::vector<Id> ids(const store::FmeaQuery& q) {
    auto page = read()->fmea().list(q);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<Id> out;
    if (page)
      for (const auto& s : page->items) out.push_back(s.id);
    return out;
  }
};

TEST(FmeaRepository, CreateNumbersByYearAndStoresTeamAndSteps) {
  FmeaStore h;
  auto draft = h.draft("Transfusion", h.icu);
  draft.failure_modes.push_back(FmeaStore::row(0, "ignored", {5, 5, 5}));
  const Id id = h.create(draft);
  const auto s = h.get(id);
  EXPECT_TRUE(is_reference(s.reference, "FMEA-2026-", 3)) << s.reference;
  EXPECT_EQ(s.title, "Transfusion");
  EXPECT_EQ(s.department_id, h.icu);
  EXPECT_EQ(s.lead_id, h.coordinator);
  EXPECT_EQ(s.team, (std::vector<Id>{h.owner, h.staff}));
  EXPECT_EQ(s.state, FmeaState::in_progress);
  ASSERT_EQ(s.steps.size(), 3u);
  EXPECT_EQ(s.steps[0].name, "Order");
  EXPECT_EQ(s.steps[2].number, 3);
  EXPECT_NE(s.steps[0].id, 0);
  EXPECT_TRUE(s.failure_modes.empty()) << "create stores the header only";
  auto missing = h.read()->fmea().get(id + 50);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST(FmeaRepository, HeaderEditsRenumberStepsKeepTheirIdsAndGuardRows) {
  FmeaStore h;
  const Id id = h.create(h.draft("Transfusion", h.icu));
  auto s = h.get(id);
  const Id order = s.steps[0].id, collect = s.steps[1].id, administer = s.steps[2].id;
  ASSERT_TRUE(h.add(id, FmeaStore::row(administer, "Wrong unit hung", {9, 4, 6})));

  // Administer moves first and is renamed, Order goes (it has no rows), a new step is added.
  s.steps = {{administer, 0, "Administer and observe"}, {collect, 0, "Collect"}, {0, 0, "Dispose"}};
  s.team = {h.staff};
  s.title = "Bedside transfusion";
  s.state = FmeaState::completed;
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_header(s); }));
  auto after = h.get(id);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.title, "Bedside transfusion");
  EXPECT_EQ(after.state, FmeaState::completed);
  EXPECT_EQ(after.team, (std::vector<Id>{h.staff}));
  ASSERT_EQ(after.steps.size(), 3u);
  EXPECT_EQ(after.steps[0].id, administer);
  EXPECT_EQ(after.steps[0].number, 1);
  EXPECT_EQ(after.steps[0].name, "Administer and observe");
  EXPECT_EQ(after.steps[1].id, collect);
  EXPECT_EQ(after.steps[2].name, "Dispose");
  EXPECT_NE(after.steps[2].id, order);
  ASSERT_EQ(after.failure_modes.size(), 1u);
  EXPECT_EQ(after.failure_modes[0].step_id, administer);

  // Removing the step that has a row is refused, and nothing of that edit stays.
  auto refused = after;
  refused.steps.erase(refused.steps.begin());
  refused.title = "Not saved";
  auto r = h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_header(refused); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_EQ(h.get(id).title, "Bedside transfusion");
  EXPECT_EQ(h.get(id).steps.size(), 3u);

  auto stale = s;  // version 1
  stale.title = "Stale";
  auto conflict = h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_header(stale); });
  ASSERT_FALSE(conflict);
  EXPECT_EQ(conflict.error().kind, ErrorKind::conflict);
}

TEST(FmeaRepository, RowsAreSavedOneByOneWithTheirOwnVersions) {
  FmeaStore h;
  const Id id = h.create(h.draft("Transfusion", h.icu));
  const Id other = h.create(h.draft("Other", h.icu));
  const auto s = h.get(id);
  const Id step = s.steps[1].id;
  auto fm = FmeaStore::row(step, "Wrong unit collected", {9, 4, 6});
  fm.responsible_id = h.owner;
  fm.due_on = day("2026-05-01");
  auto fm_id = h.add(id, fm);
  ASSERT_TRUE(fm_id) << fm_id.error().message;
  auto second = h.add(id, FmeaStore::row(step, "Unit too warm", {5, 2, 2}));
  ASSERT_TRUE(second);

  auto stored = h.get(id).failure_modes;
  ASSERT_EQ(stored.size(), 2u);
  EXPECT_EQ(stored[0].id, *fm_id);
  EXPECT_EQ(stored[0].rating, (SodRating{9, 4, 6}));
  EXPECT_EQ(stored[0].responsible_id, h.owner);
  EXPECT_EQ(stored[0].due_on, day("2026-05-01"));
  EXPECT_FALSE(stored[0].revised);
  EXPECT_EQ(stored[0].version, 1);

  auto mine = stored[0], theirs = stored[0];
  mine.action_taken = "Scanners installed";
  mine.revised = SodRating{9, 2, 2};
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_failure_mode(id, mine); }));
  auto after = h.get(id).failure_modes[0];
  EXPECT_EQ(after.version, 2);
  ASSERT_TRUE(after.revised);
  EXPECT_EQ(*after.revised, (SodRating{9, 2, 2}));
  EXPECT_EQ(after.action_taken, "Scanners installed");
  EXPECT_EQ(h.get(id).version, 1) << "a row saved is not a new version of the header";

  theirs.mode = "Stale";
  auto stale = h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_failure_mode(id, theirs); });
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().kind, ErrorKind::conflict);
  auto elsewhere =
      h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_failure_mode(other, after); });
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().kind, ErrorKind::validation) << "the step is not one of that study's";
  auto foreign_step = FmeaStore::row(h.get(other).steps[0].id, "Foreign", {1, 1, 1});
  auto refused = h.add(id, foreign_step);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::validation);

  // Dropping the re-score clears all three ratings.
  after.revised.reset();
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_failure_mode(id, after); }));
  EXPECT_FALSE(h.get(id).failure_modes[0].revised);

  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.fmea().remove_failure_mode(id, *second); }));
  EXPECT_EQ(h.get(id).failure_modes.size(), 1u);
  auto again = h.write([&](store::UnitOfWork& uow) { return uow.fmea().remove_failure_mode(id, *second); });
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().kind, ErrorKind::not_found);
  auto not_theirs =
      h.write([&](store::UnitOfWork& uow) { return uow.fmea().remove_failure_mode(other, *fm_id); });
  ASSERT_FALSE(not_theirs);
  EXPECT_EQ(not_theirs.error().kind, ErrorKind::not_found);
}

TEST(FmeaRepository, ARowThatBecameACapaActionCanStillBeRemoved) {
  FmeaStore h;
  const Id id = h.create(h.draft("Transfusion", h.icu));
  const Id step = h.get(id).steps[0].id;
  auto fm_id = h.add(id, FmeaStore::row(step, "Wrong unit", {9, 4, 6}));
  ASSERT_TRUE(fm_id);
  CorrectiveAction capa;
  capa.title = "FMEA: Wrong unit";
  capa.source = CapaSource::risk_review;
  capa.fmea_study_id = id;
  capa.site_id = h.main_site;
  capa.department_id = h.icu;
  capa.problem_statement = "Wrong unit";
  capa.created_at = capa.updated_at = at("2026-03-03T09:00:00Z");
  CapaAction action;
  action.description = "Barcode scanning";
  action.failure_mode_id = *fm_id;
  capa.actions.push_back(action);
  auto capa_id = h.write([&](store::UnitOfWork& uow) { return uow.capa().create(capa); });
  ASSERT_TRUE(capa_id) << capa_id.error().message;
  auto fm = h.get(id).failure_modes[0];
  fm.corrective_action_id = *capa_id;
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.fmea().update_failure_mode(id, fm); }));
  EXPECT_EQ(h.get(id).failure_modes[0].corrective_action_id, *capa_id);

  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.fmea().remove_failure_mode(id, *fm_id); }));
  auto stored = h.read()->capa().get(*capa_id);
  ASSERT_TRUE(stored);
  ASSERT_EQ(stored->actions.size(), 1u);
  EXPECT_FALSE(stored->actions[0].failure_mode_id) << "the action stays, unlinked";
}

TEST(FmeaRepository, TouchMovesUpdatedAtOnly) {
  FmeaStore h;
  const Id id = h.create(h.draft("Transfusion", h.icu));
  ASSERT_TRUE(
      h.write([&](store::UnitOfWork& uow) { return uow.fmea().touch(id, at("2026-04-01T10:00:00Z")); }));
  const auto s = h.get(id);
  EXPECT_EQ(s.updated_at, at("2026-04-01T10:00:00Z"));
  EXPECT_EQ(s.version, 1);
}

TEST(FmeaRepository, ListsShowStudiesInScopeOrWhereTheCallerLeadsOrHelps) {
  FmeaStore h;
  const Id icu = h.create(h.draft("ICU lines", h.icu));
  auto ward_led = h.draft("Ward handover", h.ward);
  ward_led.lead_id = h.ed_manager;
  ward_led.team = {};
  ward_led.state = FmeaState::completed;
  const Id ward_lead = h.create(ward_led);
  auto ward_team = h.draft("Ward 100%_meds", h.ward);
  ward_team.lead_id.reset();
  ward_team.team = {h.ed_manager};
  const Id ward_member = h.create(ward_team);
  auto hidden = h.draft("Hidden", h.ward);
  hidden.lead_id.reset();
  hidden.team = {};
  const Id ward_hidden = h.create(hidden);

  store::FmeaQuery q;
  q.page.sort_field = "reference";
  q.visible = ScopeFilter{false, {}, {h.icu}};
  EXPECT_EQ(h.ids(q), (std::vector<Id>{icu}));
  q.caller_id = h.ed_manager;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{icu, ward_lead, ward_member}));
  q.visible.everything = true;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{icu, ward_lead, ward_member, ward_hidden}));
  q.state = FmeaState::completed;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ward_lead}));
  q.state.reset();
  q.text = "%_";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ward_member}));
  q.text = "LINES";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{icu}));
  q.text.clear();
  q.page.sort_field = "title";
  q.page.descending = true;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{ward_lead, ward_member, icu, ward_hidden}));

  auto page = h.read()->fmea().list(q);
  ASSERT_TRUE(page);
  ASSERT_EQ(page->items.size(), 4u);
  EXPECT_EQ(page->items[1].team, (std::vector<Id>{h.ed_manager}));
  EXPECT_TRUE(page->items[1].steps.empty()) << "headers only";
}

}  // namespace
}  // namespace hqms::test
