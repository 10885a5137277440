#include <algorithm>

#include "store/sql/register_queries.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kColumns =
    "s.id, s.reference, s.title, s.process, s.site_id, s.department_id, s.lead_id, s.state, s.created_at, "
    "s.updated_at, s.version";

FmeaStudy read_study(const Statement& st) {
  FmeaStudy s;
  s.id = st.int64(0);
  s.reference = st.opt_text(1).value_or("");
  s.title = st.text(2);
  s.process = st.text(3);
  s.site_id = st.int64(4);
  s.department_id = st.int64(5);
  s.lead_id = st.opt_int64(6);
  s.state = fmea_state_from_string(st.text(7)).value_or(FmeaState::in_progress);
  s.created_at = timestamp_from_db(st.text(8));
  s.updated_at = timestamp_from_db(st.text(9));
  s.version = static_cast<int>(st.int64(10));
  return s;
}

constexpr const char* kFailureModeColumns =
    "id, step_id, mode, effects, causes, prevention_controls, detection_controls, severity, occurrence, "
    "detection, recommended_action, responsible_id, due_on, corrective_action_id, action_taken, "
    "revised_severity, revised_occurrence, revised_detection, version";

FailureMode read_failure_mode(const Statement& st) {
  FailureMode fm;
  fm.id = st.int64(0);
  fm.step_id = st.int64(1);
  fm.mode = st.text(2);
  fm.effects = st.text(3);
  fm.causes = st.text(4);
  fm.prevention_controls = st.text(5);
  fm.detection_controls = st.text(6);
  fm.rating = {static_cast<int>(st.int64(7)), static_cast<int>(st.int64(8)), static_cast<int>(st.int64(9))};
  fm.recommended_action = st.text(10);
  fm.responsible_id = st.opt_int64(11);
  fm.due_on = date_from_db(st.opt_text(12));
  fm.corrective_action_id = st.opt_int64(13);
  fm.action_taken = st.text(14);
  if (!st.is_null(15))  // the CHECK keeps the three together
    fm.revised = SodRating{static_cast<int>(st.int64(15)), static_cast<int>(st.int64(16)),
                           static_cast<int>(st.int64(17))};
  fm.version = static_cast<int>(st.int64(18));
  return fm;
}

struct Revised {
  std::optional<int> severity, occurrence, detection;
};
Revised revised_to_db(const FailureMode& fm) {
  if (!fm.revised) return {};
  return {fm.revised->severity, fm.revised->occurrence, fm.revised->detection};
}

Result<void> require_step_of(Connection& c, Id study_id, Id step_id) {
  auto st = c.prepare("SELECT 1 FROM fmea_step WHERE id = ?1 AND study_id = ?2");
  if (!st) return st.error();
  auto row = st->bind_all(step_id, study_id).step();
  if (!row) return row.error();
  if (!*row) return Error::validation({{"stepId", "is not a step of this study"}});
  return {};
}

constexpr int kFilterParams = 7;

std::string from_where(Dialect d) {
  return " FROM fmea_study s WHERE (?1 = 1 OR " + in_id_list(d, "s.site_id", 2) + " OR " +
         in_id_list(d, "s.department_id", 3) +
         " OR s.lead_id = ?4 OR EXISTS (SELECT 1 FROM fmea_team_member m WHERE m.study_id = s.id AND "
         "m.user_id = ?4)) AND (s.state = ?5 OR ?5 IS NULL)"
         " AND (?6 = '' OR lower(s.title) LIKE ?7 ESCAPE '\\' OR lower(s.reference) LIKE ?7 ESCAPE '\\'"
         " OR lower(s.process) LIKE ?7 ESCAPE '\\')";
}

}  // namespace

Result<void> SqlFmeaRepository::load_team(std::span<FmeaStudy> items) {
  if (items.empty()) return {};
  std::vector<std::int64_t> ids;
  for (auto& s : items) ids.push_back(s.id);
  auto st = c_.prepare("SELECT study_id, user_id FROM fmea_team_member WHERE " +
                       in_id_list(c_.dialect(), "study_id", 1) + " ORDER BY study_id, user_id");
  if (!st) return st.error();
  st->bind_all(id_list(ids));
  return each_row(*st, [&](const Statement& row) {
    for (auto& s : items)
      if (s.id == row.int64(0)) s.team.push_back(row.int64(1));
  });
}

Result<void> SqlFmeaRepository::save_team(const FmeaStudy& study) {
  if (auto r = c_.execute("DELETE FROM fmea_team_member WHERE study_id = ?1", study.id); !r) return r;
  std::vector<Id> team = study.team;
  std::sort(team.begin(), team.end());
  team.erase(std::unique(team.begin(), team.end()), team.end());
  for (Id user_id : team)
    if (auto r =
            c_.execute("INSERT INTO fmea_team_member(study_id, user_id) VALUES (?1, ?2)", study.id, user_id);
        !r)
      return r;
  return {};
}

// Steps keep their ids and are numbered in the order given; a step taken out goes only when no failure mode
// hangs on it, so that no row of the worksheet is lost with it.
Result<void> SqlFmeaRepository::save_steps(const FmeaStudy& study) {
  std::vector<std::int64_t> kept;
  int number = 0;
  for (const auto& step : study.steps) {
    ++number;
    if (step.id != 0) {
      auto r = c_.execute("UPDATE fmea_step SET number = ?3, name = ?4 WHERE id = ?1 AND study_id = ?2",
                          step.id, study.id, number, step.name);
      if (!r) return r;
      if (c_.changes() == 1) {
        kept.push_back(step.id);
        continue;
      }
    }
    auto id = c_.insert("INSERT INTO fmea_step(study_id, number, name) VALUES (?1, ?2, ?3)", study.id, number,
                        step.name);
    if (!id) return id.error();
    kept.push_back(*id);
  }
  const auto d = c_.dialect();
  auto used =
      c_.prepare("SELECT s.name FROM fmea_step s WHERE s.study_id = ?1 AND NOT " + in_id_list(d, "s.id", 2) +
                 " AND EXISTS (SELECT 1 FROM fmea_failure_mode f WHERE f.step_id = s.id) ORDER BY s.number");
  if (!used) return used.error();
  auto row = used->bind_all(study.id, id_list(kept)).step();
  if (!row) return row.error();
  if (*row)
    return Error{ErrorKind::conflict,
                 "The step \"" + used->text(0) + "\" still has failure modes; move or delete them first.",
                 {{"steps", "a step with failure modes cannot be removed"}},
                 {}};
  return c_.execute("DELETE FROM fmea_step WHERE study_id = ?1 AND NOT " + in_id_list(d, "id", 2), study.id,
                    id_list(kept));
}

Result<Id> SqlFmeaRepository::create(const FmeaStudy& study) {
  auto id = c_.insert(
      "INSERT INTO fmea_study(title, process, site_id, department_id, lead_id, state, created_at, "
      "updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      study.title, study.process, study.site_id, study.department_id, study.lead_id, to_string(study.state),
      to_db(study.created_at), to_db(study.updated_at));
  if (!id) return id.error();
  if (auto r = c_.execute("UPDATE fmea_study SET reference = ?2 WHERE id = ?1", *id,
                          reference_number("FMEA", *id, 3, study.created_at));
      !r)
    return r.error();
  auto stored = study;
  stored.id = *id;
  for (auto& step : stored.steps) step.id = 0;
  if (auto r = save_team(stored); !r) return r.error();
  if (auto r = save_steps(stored); !r) return r.error();
  return *id;
}

Result<FmeaStudy> SqlFmeaRepository::read_one(Id id, bool lock) {
  FmeaStudy study;
  {
    auto st = c_.prepare(std::string("SELECT ") + kColumns + " FROM fmea_study s WHERE s.id = ?1" +
                         (lock ? for_update(c_.dialect()) : ""));
    if (!st) return st.error();
    auto row = st->bind_all(id).step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("There is no FMEA study " + std::to_string(id) + ".");
    study = read_study(*st);
  }
  if (auto r = load_team({&study, 1}); !r) return r.error();
  {
    auto st = c_.prepare("SELECT id, number, name FROM fmea_step WHERE study_id = ?1 ORDER BY number, id");
    if (!st) return st.error();
    st->bind_all(id);
    auto steps = read_rows(*st, [](const Statement& row) {
      return ProcessStep{row.int64(0), static_cast<int>(row.int64(1)), row.text(2)};
    });
    if (!steps) return steps.error();
    study.steps = std::move(*steps);
  }
  auto st = c_.prepare(std::string("SELECT ") + kFailureModeColumns +
                       " FROM fmea_failure_mode WHERE study_id = ?1 ORDER BY id");
  if (!st) return st.error();
  st->bind_all(id);
  auto modes = read_rows(*st, [](const Statement& row) { return read_failure_mode(row); });
  if (!modes) return modes.error();
  study.failure_modes = std::move(*modes);
  return study;
}

Result<FmeaStudy> SqlFmeaRepository::get(Id id) {
  return read_one(id, false);
}

Result<FmeaStudy> SqlFmeaRepository::get_for_update(Id id) {
  return read_one(id, true);
}

Result<void> SqlFmeaRepository::update_header(const FmeaStudy& study) {
  auto done = c_.execute(
      "UPDATE fmea_study SET title = ?2, process = ?3, site_id = ?4, department_id = ?5, lead_id = ?6, "
      "state = ?7, updated_at = ?8, version = version + 1 WHERE id = ?1 AND version = ?9",
      study.id, study.title, study.process, study.site_id, study.department_id, study.lead_id,
      to_string(study.state), to_db(study.updated_at), study.version);
  if (!done) return done;
  if (c_.changes() == 0)
    return Error{
        ErrorKind::conflict,
        study.reference + " was changed by someone else while you were editing it; reload and try again.",
        {{"version", "is no longer the current version"}},
        {}};
  if (auto r = save_team(study); !r) return r;
  return save_steps(study);
}

Result<Id> SqlFmeaRepository::add_failure_mode(Id study_id, const FailureMode& fm) {
  if (auto r = require_step_of(c_, study_id, fm.step_id); !r) return r.error();
  const auto revised = revised_to_db(fm);
  return c_.insert(
      "INSERT INTO fmea_failure_mode(study_id, step_id, mode, effects, causes, prevention_controls, "
      "detection_controls, severity, occurrence, detection, recommended_action, responsible_id, due_on, "
      "corrective_action_id, action_taken, revised_severity, revised_occurrence, revised_detection) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
      study_id, fm.step_id, fm.mode, fm.effects, fm.causes, fm.prevention_controls, fm.detection_controls,
      fm.rating.severity, fm.rating.occurrence, fm.rating.detection, fm.recommended_action, fm.responsible_id,
      to_db(fm.due_on), fm.corrective_action_id, fm.action_taken, revised.severity, revised.occurrence,
      revised.detection);
}

Result<void> SqlFmeaRepository::update_failure_mode(Id study_id, const FailureMode& fm) {
  if (auto r = require_step_of(c_, study_id, fm.step_id); !r) return r;
  const auto revised = revised_to_db(fm);
  auto done = c_.execute(
      "UPDATE fmea_failure_mode SET step_id = ?3, mode = ?4, effects = ?5, causes = ?6, prevention_controls "
      "= ?7, "
      "detection_controls = ?8, severity = ?9, occurrence = ?10, detection = ?11, recommended_action = ?12, "
      "responsible_id = ?13, due_on = ?14, corrective_action_id = ?15, action_taken = ?16, "
      "revised_severity = ?17, revised_occurrence = ?18, revised_detection = ?19, version = version + 1 "
      "WHERE id = ?1 AND study_id = ?2 AND version = ?20",
      fm.id, study_id, fm.step_id, fm.mode, fm.effects, fm.causes, fm.prevention_controls,
      fm.detection_controls, fm.rating.severity, fm.rating.occurrence, fm.rating.detection,
      fm.recommended_action, fm.responsible_id, to_db(fm.due_on), fm.corrective_action_id, fm.action_taken,
      revised.severity, revised.occurrence, revised.detection, fm.version);
  if (!done) return done;
  if (c_.changes() == 1) return {};
  auto st = c_.prepare("SELECT 1 FROM fmea_failure_mode WHERE id = ?1 AND study_id = ?2");
  if (!st) return st.error();
  auto row = st->bind_all(fm.id, study_id).step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("There is no such failure mode in this study.");
  return Error{ErrorKind::conflict,
               "The failure mode \"" + fm.mode +
                   "\" was changed by someone else while you were editing it; reload and try again.",
               {{"version", "is no longer the current version"}},
               {}};
}

Result<void> SqlFmeaRepository::remove_failure_mode(Id study_id, Id failure_mode_id) {
  auto done =
      c_.execute("DELETE FROM fmea_failure_mode WHERE id = ?1 AND study_id = ?2", failure_mode_id, study_id);
  if (!done) return done;
  if (c_.changes() == 0) return Error::not_found("There is no such failure mode in this study.");
  return {};
}

Result<void> SqlFmeaRepository::touch(Id study_id, Timestamp at) {
  // Not a new version of the header: a row saved must not make someone's open header edit stale.
  return c_.execute("UPDATE fmea_study SET updated_at = ?2 WHERE id = ?1", study_id, to_db(at));
}

Result<Page<FmeaStudy>> SqlFmeaRepository::list(const FmeaQuery& q) {
  std::optional<std::string> state;
  if (q.state) state = std::string(to_string(*q.state));
  auto page = read_page<FmeaStudy>(
      c_, kColumns, from_where(c_.dialect()),
      order_clause(q.page,
                   {{"updatedAt", "s.updated_at"}, {"reference", "s.id"}, {"title", "lower(s.title)"}},
                   "s.id"),
      q.page, kFilterParams,
      [&](Statement& st) {
        st.bind_all(q.visible.everything, id_list(q.visible.site_ids), id_list(q.visible.department_ids),
                    q.caller_id, state, q.text, contains_pattern(q.text));
      },
      [](const Statement& st) { return read_study(st); });
  if (!page) return page;
  if (auto r = load_team(page->items); !r) return r.error();
  return page;
}

}  // namespace hqms::store::sql
