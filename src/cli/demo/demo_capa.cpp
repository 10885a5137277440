// Walks each demo CAPA through the core workflow as the app would (plan, start, finish the actions, verify,
// reopen when a check fails, cancel), stores it, and links it back to its investigation or FMEA row.
#include "cli/demo/demo_capa.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "cli/demo/demo_capa_plan.hpp"
#include "core/capa/capa_workflow.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

constexpr int kTotal = 150;

const char* kDoneNotes[] = {
    "Done and signed off by the department manager.",
    "In place since the start of the month; confirmed at the follow-up walk-round.",
    "Completed; the change is in the department's standard operating procedure.",
};

bool still_open(const CapaAction& a) {
  return a.status == CapaActionStatus::not_started || a.status == CapaActionStatus::in_progress;
}

}  // namespace

DemoCapas::DemoCapas(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff, Timestamp now,
                     const std::vector<FmeaCapaRequest>& fmea, DemoQualityCounts& counts)
    : uow_(uow),
      org_(org),
      staff_(staff),
      now_(now),
      today_(std::chrono::floor<days>(now)),
      latest_(now - hours(1)),
      rng_(20260512),
      fmea_(fmea),
      counts_(counts) {}

Timestamp DemoCapas::at_work(Date day) {
  return Timestamp(day) + hours(8) + minutes(pick(9 * 60));
}

// The next moment, `lo`..`hi` days after `from`, in working hours. When a CAPA's story runs late it is
// squeezed into what is left before now: nothing in the demo happens in the future.
Timestamp DemoCapas::later(Timestamp from, int lo, int hi) {
  auto t = at_work(std::chrono::floor<days>(from) + days(between(lo, hi)));
  if (t <= from) t = from + minutes(30 + pick(120));
  if (t > latest_)
    t = from < latest_ ? from + std::chrono::floor<minutes>((latest_ - from) / 2) : from + minutes(1);
  return t;
}

int DemoCapas::age_days(Timestamp t) const {
  return static_cast<int>((today_ - std::chrono::floor<days>(t)).count());
}

const Department* DemoCapas::department(const std::string& code) const {
  for (const auto& site : org_.sites)
    for (const auto& d : site.departments)
      if (d.code == code) return &d;
  return nullptr;
}

Result<void> DemoCapas::move(CorrectiveAction& c, S to, Timestamp at, const std::string& reason) {
  if (auto errors = check_transition(c, to, reason); !errors.empty())
    return demo_drift("CAPA \"" + c.title + "\" moving to " + std::string(to_string(to)), errors);
  apply_transition(c, to, reason, at);
  return {};
}

// Planning finds an owner and a due date for every action and says how and when it will be checked.
void DemoCapas::make_plan(CorrectiveAction& c, const CapaPlan& p, Timestamp at) {
  planned_on_ = std::chrono::floor<days>(at);
  if (c.root_cause.empty()) c.root_cause = p.root_cause;
  if (c.effectiveness_criterion.empty()) c.effectiveness_criterion = p.criterion;
  const auto owners = staff_.owners(c.department_id);
  Date last_due = planned_on_;
  for (auto& a : c.actions) {
    // Plan items the investigation lead held are handed to the department's own people.
    if ((!a.owner_id || a.investigation_action_id) && !owners.empty()) a.owner_id = pick_of(owners);
    a.due_on = planned_on_ + days(between(21, 90));
    last_due = std::max(last_due, *a.due_on);
  }
  c.effectiveness_due_on = last_due + days(between(30, 60));
}

void DemoCapas::start(CorrectiveAction& c) {
  for (auto& a : c.actions)
    if (a.status == CapaActionStatus::not_started) {
      a.status = CapaActionStatus::in_progress;
      return;
    }
}

// Done, with a note of what was done (the app refuses "done" without one).
Timestamp DemoCapas::finish(CapaAction& a, const CapaPlan& p, Timestamp from, int lo, int hi) {
  const auto at = later(from, lo, hi);
  a.status = CapaActionStatus::done;
  a.completed_at = at;
  a.completion_note = kDoneNotes[pick(3)];
  for (const auto& t : demo_capa_topics())
    for (const auto& idea : t.actions)
      if (a.description == idea.description) a.completion_note = idea.done;
  if (p.reopen.description && a.description == p.reopen.description) a.completion_note = p.reopen.done;
  if (p.fmea && a.failure_mode_id && !p.fmea->done.empty()) a.completion_note = p.fmea->done;
  return at;
}

Timestamp DemoCapas::finish_all(CorrectiveAction& c, const CapaPlan& p, Timestamp from) {
  Timestamp last = from;
  for (auto& a : c.actions)
    if (still_open(a)) last = std::max(last, finish(a, p, from, 10, 70));
  return last;
}

// Part of the way: some actions done, at least one still open.
Timestamp DemoCapas::progress_some(CorrectiveAction& c, const CapaPlan& p, Timestamp from) {
  std::vector<CapaAction*> open;
  for (auto& a : c.actions)
    if (still_open(a)) open.push_back(&a);
  Timestamp last = from;
  if (open.size() < 2) return last;
  const auto done = static_cast<std::size_t>(pick(static_cast<int>(open.size())));
  for (std::size_t k = 0; k < done; ++k) last = std::max(last, finish(*open[k], p, from, 7, 50));
  for (auto k = done; k < open.size(); ++k)
    open[k]->status = chance(0.6) ? CapaActionStatus::in_progress : CapaActionStatus::not_started;
  return last;
}

Result<void> DemoCapas::verify(CorrectiveAction& c, const CapaPlan& p, Timestamp at, bool effective) {
  // Someone who owns none of the actions: the coordinator, or a site or organisation quality lead.
  auto candidates = staff_.coordinators(c.department_id);
  if (c.coordinator_id) candidates.insert(candidates.begin(), *c.coordinator_id);
  std::vector<Id> verifiers;
  for (Id v : candidates)
    if (std::none_of(c.actions.begin(), c.actions.end(),
                     [&](const CapaAction& a) { return a.owner_id == v; }))
      verifiers.push_back(v);
  if (verifiers.empty()) return Error::internal("no one may verify CAPA \"" + c.title + "\"");
  EffectivenessCheck check;
  check.result = effective ? EffectivenessResult::effective : EffectivenessResult::not_effective;
  check.evidence = effective ? p.effective : p.not_effective;
  check.checked_by = chance(0.7) ? verifiers.front() : pick_of(verifiers);
  std::optional<CapaAction> next;
  if (!effective) {
    next = new_action(p.reopen, c.department_id, std::chrono::floor<days>(at) + days(between(30, 60)));
    c.effectiveness_due_on = *next->due_on + days(between(30, 60));  // checked again once it is done
  }
  if (auto r = record_effectiveness(c, std::move(check), std::move(next), at); !r)
    return demo_drift("the effectiveness check of CAPA \"" + c.title + "\": " + r.error().message,
                      r.error().fields);
  if (!effective) planned_on_ = std::chrono::floor<days>(at);
  return {};
}

// The open actions of a planned or in-progress CAPA fall due in the coming weeks, except the one that makes
// an overdue CAPA overdue.
void DemoCapas::settle_due_dates(CorrectiveAction& c, const CapaPlan& p) {
  std::vector<CapaAction*> open;
  for (auto& a : c.actions)
    if (still_open(a)) open.push_back(&a);
  if (open.empty()) return;
  for (auto* a : open)
    if (!a->due_on || *a->due_on < today_ + days(3)) a->due_on = today_ + days(between(3, 60));
  if (!p.overdue) return;
  auto* late = p.reopened ? open.back() : pick_of(open);
  Date due = std::max(planned_on_ + days(7), today_ - days(between(1, 40)));
  if (due >= today_) due = today_ - days(1);
  late->due_on = due;
  if (p.overdue_owner) late->owner_id = p.overdue_owner;
}

Result<void> DemoCapas::walk(CorrectiveAction& c, const CapaPlan& p) {
  Timestamp t = c.created_at;
  if (p.target == S::open) return {};
  if (p.target == S::cancelled && p.cancel_from == S::open)
    return move(c, S::cancelled, later(t, 3, 25), p.cancel_reason);

  t = later(t, 2, 14);
  make_plan(c, p, t);
  if (auto r = move(c, S::planned, t); !r) return r;
  if (p.target == S::cancelled && p.cancel_from == S::planned)
    return move(c, S::cancelled, later(t, 5, 40), p.cancel_reason);
  if (p.target == S::planned && !p.reopened) {
    settle_due_dates(c, p);
    return {};
  }

  t = later(t, 1, 10);
  start(c);
  if (auto r = move(c, S::in_progress, t); !r) return r;
  if (p.target == S::cancelled)
    return move(c, S::cancelled, later(progress_some(c, p, t), 3, 30), p.cancel_reason);
  if (p.target == S::in_progress && !p.reopened) {
    progress_some(c, p, t);
    settle_due_dates(c, p);
    return {};
  }

  // Sometimes one action turns out not to be needed once the stronger ones are in.
  if (c.actions.size() >= 3 && chance(0.15)) {
    c.actions.back().status = CapaActionStatus::cancelled;
    c.actions.back().completion_note = "Not needed: the stronger actions above remove the cause.";
  }
  t = later(finish_all(c, p, t), 0, 7);
  if (auto r = move(c, S::awaiting_verification, t); !r) return r;
  if (p.target == S::awaiting_verification) {
    c.effectiveness_due_on = p.overdue ? today_ - days(between(2, 30)) : today_ + days(between(7, 60));
    return {};
  }

  t = later(t, 20, 60);
  if (p.reopened) {
    if (auto r = verify(c, p, t, false); !r) return r;
    if (p.target == S::planned) {
      settle_due_dates(c, p);
      return {};
    }
    t = later(t, 1, 7);
    start(c);
    if (auto r = move(c, S::in_progress, t); !r) return r;
    if (p.target == S::in_progress) {
      settle_due_dates(c, p);
      return {};
    }
    t = later(finish_all(c, p, t), 0, 5);
    if (auto r = move(c, S::awaiting_verification, t); !r) return r;
    t = later(t, 20, 45);
  }
  return verify(c, p, t, true);
}

// A few done actions carry a small evidence file: the audit figures behind the completion note.
Result<void> DemoCapas::add_evidence(const CorrectiveAction& c) {
  for (const auto& a : c.actions) {
    if (a.id == 0 || a.status != CapaActionStatus::done || !a.completed_at || !chance(0.3)) continue;
    EvidenceFile f;
    f.action_id = a.id;
    f.file_name = fmt::format("{}-audit.csv", c.reference.empty() ? "capa" : c.reference);
    f.media_type = "text/csv";
    f.uploaded_by = a.owner_id.value_or(c.created_by.value_or(0));
    f.uploaded_at = *a.completed_at;
    const auto day = std::chrono::floor<days>(*a.completed_at);
    std::string content = "month,check,compliance\n";
    for (int k = 2; k >= 0; --k)
      content += fmt::format("{},\"{}\",{}%\n", format_date(Timestamp(day - days(30 * k))).substr(0, 7),
                             a.description.substr(0, 60), 88 + pick(12));
    f.size_bytes = static_cast<std::int64_t>(content.size());
    if (auto id = uow_.capa().add_evidence(c.id, f, content); !id) return id.error();
  }
  return {};
}

// The worksheet row points at its CAPA and, once the action is done, is scored again.
Result<void> DemoCapas::link_fmea_row(const CorrectiveAction& c, const FmeaCapaRequest& r) {
  auto study = uow_.fmea().get(r.study.id);
  if (!study) return study.error();
  auto row = std::find_if(study->failure_modes.begin(), study->failure_modes.end(),
                          [&](const FailureMode& fm) { return fm.id == r.row.id; });
  auto action = std::find_if(c.actions.begin(), c.actions.end(),
                             [&](const CapaAction& a) { return a.failure_mode_id == r.row.id; });
  if (row == study->failure_modes.end() || action == c.actions.end())
    return Error::internal("FMEA row \"" + r.row.mode + "\" lost its CAPA action");
  row->corrective_action_id = c.id;
  row->responsible_id = action->owner_id;
  row->due_on = action->due_on;
  if (action->status == CapaActionStatus::done && r.revised.severity > 0) {
    row->action_taken = action->completion_note;
    row->revised = r.revised;
  }
  if (auto errors = check_failure_mode(*row); !errors.empty())
    return demo_drift("FMEA row \"" + row->mode + "\"", errors);
  if (auto u = uow_.fmea().update_failure_mode(study->id, *row); !u) return u;
  return uow_.fmea().touch(study->id, std::max(study->updated_at, c.updated_at));
}

Result<void> DemoCapas::store(CapaPlan& p) {
  if (auto errors = check_capa(p.capa); !errors.empty())
    return demo_drift("CAPA \"" + p.capa.title + "\"", errors);
  auto id = uow_.capa().create(p.capa);
  if (!id) return id.error();
  auto stored = uow_.capa().get(*id);
  if (!stored) return stored.error();
  auto c = std::move(*stored);
  if (auto r = walk(c, p); !r) return r;
  if (auto errors = check_capa(c); !errors.empty()) return demo_drift("CAPA \"" + c.title + "\"", errors);
  if (p.target != S::open)
    if (auto u = uow_.capa().update(c); !u) return u;
  if (auto e = add_evidence(c); !e) return e;

  ++counts_.capas;
  ++counts_.capa_states[c.state];
  if (is_overdue(c, today_)) ++counts_.capas_overdue;
  if (p.plan_item_id) {
    auto a = std::find_if(c.actions.begin(), c.actions.end(),
                          [&](const CapaAction& x) { return x.investigation_action_id == p.plan_item_id; });
    if (a == c.actions.end()) return Error::internal("CAPA \"" + c.title + "\" lost its plan item");
    plan_items_[*c.investigation_id].push_back(
        {*p.plan_item_id, c.id, a->description, a->strength, a->owner_id, a->due_on, c.created_at});
  }
  if (p.fmea)
    if (auto r = link_fmea_row(c, *p.fmea); !r) return r;
  return {};
}

// Each plan item that became a CAPA points at it, with the owner and due date the CAPA gave it.
Result<void> DemoCapas::link_investigations() {
  for (const auto& [investigation_id, links] : plan_items_) {
    auto inv = uow_.investigations().get(investigation_id);
    if (!inv) return inv.error();
    for (const auto& link : links) {
      for (auto& item : inv->actions) {
        if (item.id != link.item_id) continue;
        item.corrective_action_id = link.capa_id;
        item.description = link.description;
        item.strength = link.strength;
        item.owner_id = link.owner_id;
        item.due_on = link.due_on;
      }
      inv->updated_at = std::max(inv->updated_at, link.at);
    }
    if (auto errors = check_investigation(*inv); !errors.empty())
      return demo_drift("investigation " + inv->reference, errors);
    if (auto u = uow_.investigations().update(*inv); !u) return u;
  }
  return {};
}

Result<void> DemoCapas::run() {
  if (auto r = plan_from_investigations(); !r) return r;
  plan_from_fmea();
  if (auto r = plan_featured(); !r) return r;
  const int rest = std::max(0, kTotal - static_cast<int>(plans_.size()));
  auto targets = remaining_targets(rest);
  std::shuffle(targets.begin(), targets.end(), rng_);
  targets.resize(static_cast<std::size_t>(rest));
  if (auto r = plan_from_risks(targets); !r) return r;
  plan_others(targets);
  for (auto& p : plans_) {
    decide_course(p);
    as_raised(p);
  }
  // Stored in the order they were raised, so that references follow the calendar.
  std::stable_sort(plans_.begin(), plans_.end(), [](const CapaPlan& a, const CapaPlan& b) {
    return a.capa.created_at < b.capa.created_at;
  });
  for (auto& p : plans_)
    if (auto r = store(p); !r) return r;
  return link_investigations();
}

Result<void> create_demo_capas(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff,
                               Timestamp now, const std::vector<FmeaCapaRequest>& fmea,
                               DemoQualityCounts& counts) {
  return DemoCapas(uow, org, staff, now, fmea, counts).run();
}

}  // namespace hqms::cli
