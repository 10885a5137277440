#pragma once
// Inside the CAPA demo: the plan for each CAPA (how it was raised and how far it has got), and the loader
// that raises them (demo_capa_raise.cpp) and walks each through the core workflow (demo_capa.cpp).
#include <map>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "cli/demo/demo_capa.hpp"
#include "cli/demo/demo_capa_topics.hpp"

namespace hqms::cli {

struct CapaPlan {
  CorrectiveAction capa;  // as raised: open, with its first actions
  CapaState target = CapaState::open;
  CapaState cancel_from = CapaState::open;
  std::string cancel_reason;
  bool overdue = false;
  bool reopened = false;              // a check found it not effective once
  std::optional<Id> overdue_owner;    // who owns the overdue action, when it must be someone
  std::string root_cause, criterion;  // known by the time it is planned
  ActionIdea reopen;                  // the new action when the check fails
  const char* effective = "";
  const char* not_effective = "";
  std::optional<Id> plan_item_id;  // the investigation's action-plan item it came from
  const FmeaCapaRequest* fmea = nullptr;
};

// An investigation plan item that became a CAPA, written back once the CAPA has its id.
struct PlanItemLink {
  Id item_id = 0;
  Id capa_id = 0;
  std::string description;
  ActionStrength strength = ActionStrength::weaker;
  std::optional<Id> owner_id;
  std::optional<Date> due_on;
  Timestamp at{};
};

class DemoCapas {
 public:
  DemoCapas(store::UnitOfWork& uow, const Organisation& org, const DemoStaff& staff, Timestamp now,
            const std::vector<FmeaCapaRequest>& fmea, DemoQualityCounts& counts);

  Result<void> run();

 private:
  using S = CapaState;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  int between(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  double uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  bool chance(double p) { return uniform() < p; }
  template <class T>
  T pick_of(const std::vector<T>& v) {
    return v[static_cast<std::size_t>(pick(static_cast<int>(v.size())))];
  }
  Timestamp at_work(Date day);
  Timestamp later(Timestamp from, int lo, int hi);
  int age_days(Timestamp t) const;
  const Department* department(const std::string& code) const;

  // Raising (demo_capa_raise.cpp)
  Result<void> plan_from_investigations();
  void plan_from_fmea();
  Result<void> plan_featured();
  Result<void> plan_from_risks(std::vector<S>& targets);
  void plan_others(std::vector<S>& targets);
  std::vector<S> remaining_targets(int count) const;
  CapaPlan from_topic(const CapaTopic& t, const Department& d, CapaSource source, S target);
  std::vector<CapaAction> actions_from(const CapaTopic& t, bool weaker_only);
  const CapaTopic& topic_for(EventCategory category, const std::string& department_code);
  std::string source_reference(CapaSource source, const CapaTopic& t, Timestamp raised);
  std::optional<Id> coordinator_for(Id department_id);
  CapaAction new_action(const ActionIdea& idea, Id department_id, std::optional<Date> due);
  void decide_course(CapaPlan& p);
  void as_raised(CapaPlan& p);

  // The workflow, as the app would run it (demo_capa.cpp)
  Result<void> walk(CorrectiveAction& c, const CapaPlan& p);
  Result<void> move(CorrectiveAction& c, S to, Timestamp at, const std::string& reason = {});
  void make_plan(CorrectiveAction& c, const CapaPlan& p, Timestamp at);
  void start(CorrectiveAction& c);
  Timestamp finish(CapaAction& a, const CapaPlan& p, Timestamp from, int lo, int hi);
  Timestamp finish_all(CorrectiveAction& c, const CapaPlan& p, Timestamp from);
  Timestamp progress_some(CorrectiveAction& c, const CapaPlan& p, Timestamp from);
  Result<void> verify(CorrectiveAction& c, const CapaPlan& p, Timestamp at, bool effective);
  void settle_due_dates(CorrectiveAction& c, const CapaPlan& p);
  Result<void> store(CapaPlan& p);
  Result<void> add_evidence(const CorrectiveAction& c);
  Result<void> link_fmea_row(const CorrectiveAction& c, const FmeaCapaRequest& r);
  Result<void> link_investigations();

  store::UnitOfWork& uow_;
  const Organisation& org_;
  const DemoStaff& staff_;
  Timestamp now_;
  Date today_;
  Timestamp latest_;  // nothing in the demo happens later than this
  std::mt19937 rng_;
  const std::vector<FmeaCapaRequest>& fmea_;
  DemoQualityCounts& counts_;
  std::vector<CapaPlan> plans_;
  std::map<Id, std::vector<PlanItemLink>> plan_items_;  // investigation -> its items that became CAPAs
  Date planned_on_{};                                   // when the CAPA being walked was last planned
  int audits_ = 0, complaints_ = 0;
};

}  // namespace hqms::cli
