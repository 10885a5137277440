// CAPA storage: references, actions that keep their ids, append-only checks, evidence bytes, the list's
// visibility and filters (the overdue filter agreeing with core), the board counts, ageing and escalation.
#include <gtest/gtest.h>

#include <algorithm>

#include "register_hospital.hpp"

namespace hqms::test {
namespace {

struct CapaStore : RegisterHospital {
  CorrectiveAction draft(Id department, const std::string& title) {
    CorrectiveAction c;
    c.title = title;
    c.kind = CapaKind::corrective;
    c.source = CapaSource::audit_finding;
    c.source_reference = "Audit 2026/7";
    c.site_id = department == ward ? north_site : main_site;
    c.department_id = department;
    c.coordinator_id = coordinator;
    c.created_by = coordinator;
    c.problem_statement = "Wrong-site marking missed on " + title;
    c.containment = "Time-out re-briefed";
    c.root_cause = "Checklist has no marking step";
    c.effectiveness_criterion = "No misses in 3 monthly audits";
    c.state = CapaState::open;
    c.created_at = c.updated_at = at("2026-03-02T09:00:00Z");
    return c;
  }

  static CapaAction action(const std::string& description, std::optional<Id> owner_id,
                           std::optional<Date> due, CapaActionStatus status = CapaActionStatus::not_started) {
    CapaAction a;
    a.description = description;
    a.strength = ActionStrength::intermediate;
    a.owner_id = owner_id;
    a.due_on = due;
    a.status = status;
    return a;
  }

  Id create(const CorrectiveAction& c) {
    auto id = write([&](store::UnitOfWork& uow) { return uow.capa().create(c); });
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  }

  CorrectiveAction get(Id id) {
    auto c = read()->capa().get(id);
    EXPECT_TRUE(c) << c.error().message;
    return c ? *c : CorrectiveAction{};
  }

  std::vector<Id> ids(const store::CapaQuery& q) {
    auto page = read()->capa().list(q);
    EXPECT_TRUE(page) << page.error().message;
    std::vector<Id> out;
    if (page)
      for (const auto& c : page->items) out.push_back(c.id);
    return out;
  }
};

store::CapaQuery everything() {
  store::CapaQuery q;
  q.visible.everything = true;
  q.page.sort_field = "reference";
  q.page.limit = 200;
  return q;
}

TEST(CapaRepository, CreateNumbersByYearAndReadsBackWhatWasStored) {
  CapaStore h;
  auto c = h.draft(h.ed, "Theatre 2");
  c.investigation_id = std::nullopt;
  c.effectiveness_due_on = day("2026-06-30");
  c.actions = {CapaStore::action("Add marking step to checklist", h.owner, day("2026-04-01")),
               CapaStore::action("Audit monthly", h.coordinator, std::nullopt)};
  c.actions[1].strength = ActionStrength::weaker;
  c.checks.push_back({0, EffectivenessResult::not_effective, "No misses", "Two misses in May", h.ed_manager,
                      at("2026-06-01T10:00:00Z")});
  const Id id = h.create(c);
  const auto stored = h.get(id);
  EXPECT_TRUE(is_reference(stored.reference, "CAPA-2026-", 4)) << stored.reference;
  EXPECT_EQ(stored.title, "Theatre 2");
  EXPECT_EQ(stored.source, CapaSource::audit_finding);
  EXPECT_EQ(stored.source_reference, "Audit 2026/7");
  EXPECT_EQ(stored.department_id, h.ed);
  EXPECT_EQ(stored.site_id, h.main_site);
  EXPECT_EQ(stored.coordinator_id, h.coordinator);
  EXPECT_EQ(stored.created_by, h.coordinator);
  EXPECT_EQ(stored.root_cause, "Checklist has no marking step");
  EXPECT_EQ(stored.effectiveness_due_on, day("2026-06-30"));
  EXPECT_EQ(stored.created_at, at("2026-03-02T09:00:00Z"));
  EXPECT_EQ(stored.version, 1);
  ASSERT_EQ(stored.actions.size(), 2u);
  EXPECT_NE(stored.actions[0].id, 0);
  EXPECT_EQ(stored.actions[0].description, "Add marking step to checklist");
  EXPECT_EQ(stored.actions[0].owner_id, h.owner);
  EXPECT_EQ(stored.actions[0].due_on, day("2026-04-01"));
  EXPECT_EQ(stored.actions[1].strength, ActionStrength::weaker);
  EXPECT_FALSE(stored.actions[1].due_on);
  ASSERT_EQ(stored.checks.size(), 1u);
  EXPECT_EQ(stored.checks[0].result, EffectivenessResult::not_effective);
  EXPECT_EQ(stored.checks[0].checked_by, h.ed_manager);

  const auto second = h.get(h.create(h.draft(h.ward, "Ward 3")));
  EXPECT_NE(second.reference, stored.reference);
  EXPECT_EQ(second.site_id, h.north_site);

  auto missing = h.read()->capa().get(id + 100);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::not_found);
}

TEST(CapaRepository, UpdateKeepsActionIdsDropsRemovedOnesWithEvidenceAndAppendsChecks) {
  CapaStore h;
  auto c = h.draft(h.ed, "Theatre 2");
  c.actions = {CapaStore::action("Keep", h.owner, day("2026-04-01")),
               CapaStore::action("Drop", h.owner, day("2026-04-02"))};
  const Id id = h.create(c);
  auto stored = h.get(id);
  const Id kept = stored.actions[0].id, dropped = stored.actions[1].id;
  EvidenceFile meta{0, dropped, "old.pdf", "application/pdf", 0, h.owner, at("2026-03-05T10:00:00Z")};
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.capa().add_evidence(id, meta, "%PDF-old"); }));

  stored.actions[0].status = CapaActionStatus::done;
  stored.actions[0].completion_note = "Checklist v4 issued";
  stored.actions[0].completed_at = at("2026-03-20T12:00:00Z");
  stored.actions.erase(stored.actions.begin() + 1);
  stored.actions.push_back(CapaStore::action("New", h.coordinator, day("2026-05-01")));
  stored.checks.push_back({0, EffectivenessResult::effective, "No misses", "None in 3 audits", h.ed_manager,
                           at("2026-07-01T10:00:00Z")});
  stored.state = CapaState::in_progress;
  stored.updated_at = at("2026-03-20T12:00:00Z");
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.capa().update(stored); }));

  const auto after = h.get(id);
  EXPECT_EQ(after.version, 2);
  EXPECT_EQ(after.state, CapaState::in_progress);
  ASSERT_EQ(after.actions.size(), 2u);
  EXPECT_EQ(after.actions[0].id, kept);
  EXPECT_EQ(after.actions[0].status, CapaActionStatus::done);
  EXPECT_EQ(after.actions[0].completion_note, "Checklist v4 issued");
  EXPECT_EQ(after.actions[0].completed_at, at("2026-03-20T12:00:00Z"));
  EXPECT_NE(after.actions[1].id, dropped);
  EXPECT_EQ(after.actions[1].description, "New");
  ASSERT_EQ(after.checks.size(), 1u);
  EXPECT_NE(after.checks[0].id, 0);
  EXPECT_TRUE(h.read()->capa().evidence(id)->empty()) << "the dropped action's evidence went with it";

  // Checks are append-only: saving again with the stored check does not add or change it.
  auto again = after;
  again.checks[0].evidence = "rewritten";
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.capa().update(again); }));
  const auto final_state = h.get(id);
  ASSERT_EQ(final_state.checks.size(), 1u);
  EXPECT_EQ(final_state.checks[0].evidence, "None in 3 audits");
}

TEST(CapaRepository, AStaleVersionIsAConflict) {
  CapaStore h;
  const Id id = h.create(h.draft(h.ed, "Theatre 2"));
  auto first = h.get(id), second = h.get(id);
  first.title = "First";
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.capa().update(first); }));
  second.title = "Second";
  auto r = h.write([&](store::UnitOfWork& uow) { return uow.capa().update(second); });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::conflict);
  EXPECT_NE(r.error().message.find("changed by someone else"), std::string::npos) << r.error().message;
  EXPECT_EQ(h.get(id).title, "First");
}

TEST(CapaRepository, EvidenceBytesComeBackExactly) {
  CapaStore h;
  auto c = h.draft(h.ed, "Theatre 2");
  c.actions = {CapaStore::action("Photo of signage", h.owner, std::nullopt)};
  const Id id = h.create(c);
  const Id other = h.create(h.draft(h.ed, "Other"));
  const Id action_id = h.get(id).actions[0].id;
  const std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff", 17);
  EvidenceFile meta{0, action_id, "sign.png", "image/png", 0, h.owner, at("2026-03-05T10:00:00Z")};
  auto file_id = h.write([&](store::UnitOfWork& uow) { return uow.capa().add_evidence(id, meta, bytes); });
  ASSERT_TRUE(file_id) << file_id.error().message;

  auto listed = h.read()->capa().evidence(id);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].file_name, "sign.png");
  EXPECT_EQ((*listed)[0].size_bytes, 17);
  EXPECT_EQ((*listed)[0].action_id, action_id);
  EXPECT_EQ((*listed)[0].uploaded_by, h.owner);
  auto file = h.read()->capa().evidence_file(id, *file_id);
  ASSERT_TRUE(file) << file.error().message;
  EXPECT_EQ(file->second, bytes);
  EXPECT_EQ(file->first.media_type, "image/png");

  auto elsewhere = h.read()->capa().evidence_file(other, *file_id);
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().kind, ErrorKind::not_found);
  auto wrong_action =
      h.write([&](store::UnitOfWork& uow) { return uow.capa().add_evidence(other, meta, bytes); });
  ASSERT_FALSE(wrong_action);
  EXPECT_EQ(wrong_action.error().kind, ErrorKind::not_found);
}

TEST(CapaRepository, ListsShowWhatTheCallerMaySeeOrWorksOn) {
  CapaStore h;
  const Id in_ed = h.create(h.draft(h.ed, "ED"));
  const Id in_icu = h.create(h.draft(h.icu, "ICU"));
  auto ward = h.draft(h.ward, "Ward");
  ward.coordinator_id = h.ed_manager;
  const Id ward_coordinated = h.create(ward);
  auto ward2 = h.draft(h.ward, "Ward owned");
  ward2.actions = {CapaStore::action("Do it", h.staff, std::nullopt)};
  const Id ward_owned = h.create(ward2);
  h.create(h.draft(h.ward, "Ward hidden"));

  auto q = everything();
  q.visible = ScopeFilter{false, {}, {h.ed}};
  EXPECT_EQ(h.ids(q), (std::vector<Id>{in_ed}));
  q.caller_id = h.ed_manager;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{in_ed, ward_coordinated})) << "a coordinator sees their CAPA";
  q.caller_id = h.staff;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{in_ed, ward_owned})) << "an action owner sees the CAPA";
  q.visible = ScopeFilter{false, {h.main_site}, {}};
  q.caller_id = 0;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{in_ed, in_icu}));
  q.visible = ScopeFilter{};
  EXPECT_TRUE(h.ids(q).empty());
}

TEST(CapaRepository, ListFiltersAndSorts) {
  CapaStore h;
  auto a = h.draft(h.ed, "Falls bundle");
  a.state = CapaState::planned;
  a.source = CapaSource::risk_review;
  a.updated_at = at("2026-03-05T00:00:00Z");
  const Id falls = h.create(a);
  auto b = h.draft(h.icu, "Line infections");
  b.state = CapaState::in_progress;
  b.actions = {CapaStore::action("Bundle", h.owner, std::nullopt)};
  b.updated_at = at("2026-03-07T00:00:00Z");
  const Id lines = h.create(b);
  auto c = h.draft(h.ward, "Handover 100%_done");
  c.state = CapaState::closed;
  c.updated_at = at("2026-03-06T00:00:00Z");
  const Id handover = h.create(c);

  auto q = everything();
  q.states = {CapaState::planned, CapaState::closed};
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls, handover}));
  q.states.clear();
  q.source = CapaSource::risk_review;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls}));
  q.source.reset();
  q.department_id = h.icu;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{lines}));
  q.department_id.reset();
  q.owner_id = h.owner;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{lines})) << "owner of an action";
  q.owner_id = h.coordinator;
  EXPECT_EQ(h.ids(q).size(), 3u) << "coordinator of all three";
  q.owner_id.reset();
  q.text = "FALLS";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls}));
  q.text = "%_";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{handover}))
      << "typed wildcards match only themselves or one character";
  q.text = h.get(lines).reference;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{lines}));
  q.text.clear();

  q.page.sort_field = "updatedAt";
  q.page.descending = true;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{lines, handover, falls}));
  q.page.sort_field = "state";
  q.page.descending = false;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls, lines, handover})) << "workflow order, not alphabetical";
  q.page.sort_field = "title";
  EXPECT_EQ(h.ids(q), (std::vector<Id>{falls, handover, lines}));
  q.page.limit = 1;
  q.page.offset = 1;
  auto page = h.read()->capa().list(q);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, handover);
  EXPECT_EQ(page->items[0].actions.size(), 0u);
}

TEST(CapaRepository, TheOverdueFilterAgreesWithCore) {
  CapaStore h;
  const Date today = day("2026-05-10");
  std::vector<CorrectiveAction> made;
  auto add = [&](CorrectiveAction c) {
    c.id = h.create(c);
    made.push_back(h.get(c.id));
  };
  auto late = CapaStore::action("Late", h.owner, day("2026-05-09"));
  auto due_today = CapaStore::action("Due today", h.owner, day("2026-05-10"));
  auto late_done = CapaStore::action("Late but done", h.owner, day("2026-05-01"), CapaActionStatus::done);
  auto late_cancelled =
      CapaStore::action("Late, cancelled", h.owner, day("2026-05-01"), CapaActionStatus::cancelled);
  auto late_started =
      CapaStore::action("Late, started", h.owner, day("2026-05-01"), CapaActionStatus::in_progress);
  for (auto [state, actions, check_due] :
       {std::tuple{CapaState::planned, std::vector{late}, std::optional<Date>()},
        std::tuple{CapaState::in_progress, std::vector{due_today, late_done}, std::optional<Date>()},
        std::tuple{CapaState::in_progress, std::vector{late_cancelled, late_started}, std::optional<Date>()},
        std::tuple{CapaState::awaiting_verification, std::vector{late_done},
                   std::optional(day("2026-05-09"))},
        std::tuple{CapaState::awaiting_verification, std::vector{late_done},
                   std::optional(day("2026-05-10"))},
        std::tuple{CapaState::planned, std::vector<CapaAction>{}, std::optional(day("2026-05-01"))},
        std::tuple{CapaState::cancelled, std::vector{late}, std::optional<Date>()},
        std::tuple{CapaState::closed, std::vector{late_done}, std::optional(day("2026-05-01"))}}) {
    auto c = h.draft(h.ed, "CAPA " + std::to_string(made.size()));
    c.state = state;
    c.actions = actions;
    c.effectiveness_due_on = check_due;
    add(c);
  }
  std::vector<Id> expected;
  for (const auto& c : made)
    if (is_overdue(c, today)) expected.push_back(c.id);
  ASSERT_EQ(expected.size(), 3u) << "the cases cover both kinds of overdue and the ones that are not";
  auto q = everything();
  q.overdue_on = today;
  EXPECT_EQ(h.ids(q), expected);

  auto ages = h.read()->capa().open_ages(everything(), today);
  ASSERT_TRUE(ages) << ages.error().message;
  EXPECT_EQ(ages->size(), 6u) << "closed and cancelled are not open";
  std::vector<Id> overdue_in_ages;
  for (std::size_t i = 0; i < ages->size(); ++i) {
    EXPECT_EQ((*ages)[i].department_id, h.ed);
    EXPECT_EQ((*ages)[i].opened_on, day("2026-03-02"));
    if ((*ages)[i].overdue) overdue_in_ages.push_back(made[i].id);
  }
  EXPECT_EQ(overdue_in_ages, expected);
}

TEST(CapaRepository, BoardCountsEveryStateAndIgnoresTheStateFilter) {
  CapaStore h;
  for (auto [state, department] : {std::pair{CapaState::open, h.ed}, std::pair{CapaState::open, h.ed},
                                   std::pair{CapaState::closed, h.ed}, std::pair{CapaState::open, h.ward}}) {
    auto c = h.draft(department, "CAPA");
    c.state = state;
    h.create(c);
  }
  auto q = everything();
  q.states = {CapaState::closed};
  q.department_id = h.ed;
  auto counts = h.read()->capa().count_by_state(q);
  ASSERT_TRUE(counts) << counts.error().message;
  ASSERT_EQ(counts->size(), all_capa_states().size());
  for (const auto& c : *counts) {
    const std::int64_t expected = c.state == CapaState::open ? 2 : c.state == CapaState::closed ? 1 : 0;
    EXPECT_EQ(c.count, expected) << to_string(c.state);
  }
}

TEST(CapaRepository, OverdueActionsNameTheOwnerAndTheCoordinatorForChecks) {
  CapaStore h;
  const Date today = day("2026-05-10");
  auto working = h.draft(h.icu, "Working");
  working.state = CapaState::in_progress;
  working.actions = {CapaStore::action("Late", h.owner, day("2026-05-01")),
                     CapaStore::action("Not yet", h.owner, day("2026-05-20")),
                     CapaStore::action("Done", h.owner, day("2026-04-01"), CapaActionStatus::done)};
  const Id working_id = h.create(working);
  auto verifying = h.draft(h.ed, "Verifying");
  verifying.state = CapaState::awaiting_verification;
  verifying.effectiveness_due_on = day("2026-04-30");
  const Id verifying_id = h.create(verifying);
  auto cancelled = h.draft(h.ed, "Cancelled");
  cancelled.state = CapaState::cancelled;
  cancelled.actions = {CapaStore::action("Late", h.owner, day("2026-05-01"))};
  h.create(cancelled);

  auto overdue = h.read()->capa().overdue_actions(today);
  ASSERT_TRUE(overdue) << overdue.error().message;
  ASSERT_EQ(overdue->size(), 2u);
  const auto& check = (*overdue)[0];  // the oldest due first
  EXPECT_EQ(check.capa_id, verifying_id);
  EXPECT_EQ(check.action_id, 0);
  EXPECT_EQ(check.owner_id, h.coordinator);
  EXPECT_EQ(check.due_on, day("2026-04-30"));
  EXPECT_EQ(check.department_id, h.ed);
  EXPECT_NE(check.description.find("Effectiveness check"), std::string::npos);
  const auto& action = (*overdue)[1];
  EXPECT_EQ(action.capa_id, working_id);
  EXPECT_EQ(action.action_id, h.get(working_id).actions[0].id);
  EXPECT_EQ(action.description, "Late");
  EXPECT_EQ(action.owner_id, h.owner);
  EXPECT_EQ(action.capa_reference, h.get(working_id).reference);
  EXPECT_EQ(action.capa_title, "Working");
  EXPECT_EQ(action.department_id, h.icu);
}

TEST(CapaRepository, RemovingThePlanItemAnActionCameFromLeavesTheActionUnlinked) {
  CapaStore h;
  Investigation inv;
  inv.title = "RCA";
  inv.site_id = h.main_site;
  inv.department_id = h.ed;
  inv.created_at = inv.updated_at = at("2026-03-01T00:00:00Z");
  inv.actions.push_back({0, "Plan item", h.owner, std::nullopt, ActionStrength::stronger, std::nullopt});
  auto inv_id = h.write([&](store::UnitOfWork& uow) { return uow.investigations().create(inv); });
  ASSERT_TRUE(inv_id) << inv_id.error().message;
  auto stored_inv = *h.read()->investigations().get(*inv_id);
  auto c = h.draft(h.ed, "From RCA");
  c.source = CapaSource::incident_investigation;
  c.investigation_id = *inv_id;
  c.actions = {CapaStore::action("Plan item", h.owner, std::nullopt)};
  c.actions[0].investigation_action_id = stored_inv.actions[0].id;
  const Id id = h.create(c);
  EXPECT_EQ(h.get(id).actions[0].investigation_action_id, stored_inv.actions[0].id);

  stored_inv.actions.clear();
  ASSERT_TRUE(h.write([&](store::UnitOfWork& uow) { return uow.investigations().update(stored_inv); }));
  const auto after = h.get(id);
  ASSERT_EQ(after.actions.size(), 1u);
  EXPECT_FALSE(after.actions[0].investigation_action_id);
  auto q = everything();
  q.investigation_id = *inv_id;
  EXPECT_EQ(h.ids(q), (std::vector<Id>{id}));
}

}  // namespace
}  // namespace hqms::test
