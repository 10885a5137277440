#include <algorithm>

#include "core/common/crypto.hpp"
#include "store/sql/register_queries.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kColumns =
    "c.id, c.reference, c.title, c.kind, c.source, c.source_reference, c.investigation_id, c.risk_id, "
    "c.fmea_study_id, c.site_id, c.department_id, c.coordinator_id, c.problem_statement, c.containment, "
    "c.root_cause, c.effectiveness_criterion, c.effectiveness_due_on, c.state, c.cancel_reason, "
    "c.created_at, c.updated_at, c.closed_at, c.created_by, c.version";

CorrectiveAction read_capa(const Statement& st) {
  CorrectiveAction c;
  c.id = st.int64(0);
  c.reference = st.opt_text(1).value_or("");
  c.title = st.text(2);
  c.kind = capa_kind_from_string(st.text(3)).value_or(CapaKind::corrective);
  c.source = capa_source_from_string(st.text(4)).value_or(CapaSource::manual);
  c.source_reference = st.text(5);
  c.investigation_id = st.opt_int64(6);
  c.risk_id = st.opt_int64(7);
  c.fmea_study_id = st.opt_int64(8);
  c.site_id = st.int64(9);
  c.department_id = st.int64(10);
  c.coordinator_id = st.opt_int64(11);
  c.problem_statement = st.text(12);
  c.containment = st.text(13);
  c.root_cause = st.text(14);
  c.effectiveness_criterion = st.text(15);
  c.effectiveness_due_on = date_from_db(st.opt_text(16));
  c.state = capa_state_from_string(st.text(17)).value_or(CapaState::open);
  c.cancel_reason = st.text(18);
  c.created_at = timestamp_from_db(st.text(19));
  c.updated_at = timestamp_from_db(st.text(20));
  c.closed_at = timestamp_from_db(st.opt_text(21));
  c.created_by = st.opt_int64(22);
  c.version = static_cast<int>(st.int64(23));
  return c;
}

// Whether the CAPA aliased `c` is overdue on the day bound to ?N: the SQL twin of
// is_overdue(CorrectiveAction), used both to filter and to count, so that the list, the board and the ageing
// report agree.
std::string overdue_condition(int param) {
  const std::string p = "?" + std::to_string(param);
  // A finished CAPA leaves nothing to chase, even a cancelled one that kept unfinished actions.
  return "(c.state NOT IN ('closed', 'cancelled') AND (EXISTS (SELECT 1 FROM capa_action oa WHERE "
         "oa.capa_id = c.id AND oa.status IN ('not_started', 'in_progress') AND oa.due_on < " +
         p + ") OR (c.state = 'awaiting_verification' AND c.effectiveness_due_on < " + p + ")))";
}

constexpr int kFilterParams = 15;

// Lists count their matches up to here, as the incident list does.
constexpr std::int64_t kCountCap = 10000;

// What the caller may see (their scope, or being the coordinator or an action owner) and the list filters.
std::string from_where(Dialect d) {
  return " FROM capa c WHERE (?1 = 1 OR " + in_id_list(d, "c.site_id", 2) + " OR " +
         in_id_list(d, "c.department_id", 3) +
         " OR c.coordinator_id = ?4 OR EXISTS (SELECT 1 FROM capa_action va WHERE va.capa_id = c.id AND "
         "va.owner_id = ?4))"
         " AND (?6 = 0 OR " +
         in_text_list(d, "c.state", 5) +
         ")"
         " AND (c.source = ?7 OR ?7 IS NULL) AND (c.department_id = ?8 OR ?8 IS NULL)"
         " AND (c.coordinator_id = ?9 OR EXISTS (SELECT 1 FROM capa_action wa WHERE wa.capa_id = c.id AND "
         "wa.owner_id = ?9) OR ?9 IS NULL)"
         " AND (c.investigation_id = ?10 OR ?10 IS NULL) AND (c.risk_id = ?11 OR ?11 IS NULL)"
         " AND (c.fmea_study_id = ?12 OR ?12 IS NULL) AND (" +
         overdue_condition(13) +
         " OR ?13 IS NULL)"
         " AND (?14 = '' OR lower(c.title) LIKE ?15 ESCAPE '\\' OR lower(c.reference) LIKE ?15 ESCAPE '\\'"
         " OR lower(c.problem_statement) LIKE ?15 ESCAPE '\\')";
}

void bind_filters(Statement& st, const CapaQuery& q, bool with_states) {
  std::vector<std::string> states;
  for (auto s : q.states) states.emplace_back(to_string(s));
  std::optional<std::string> source;
  if (q.source) source = std::string(to_string(*q.source));
  st.bind_all(q.visible.everything, id_list(q.visible.site_ids), id_list(q.visible.department_ids),
              q.caller_id, text_list(states), with_states && !states.empty(), source, q.department_id,
              q.owner_id, q.investigation_id, q.risk_id, q.fmea_study_id, to_db(q.overdue_on), q.text,
              contains_pattern(q.text));
}

constexpr const char* kEvidenceColumns =
    "id, action_id, file_name, media_type, size_bytes, uploaded_by, uploaded_at";

EvidenceFile read_evidence(const Statement& st) {
  return {st.int64(0),
          st.int64(1),
          st.text(2),
          st.text(3),
          st.int64(4),
          st.int64(5),
          timestamp_from_db(st.text(6))};
}

}  // namespace

// Actions and effectiveness checks for the CAPAs at hand, one query each.
Result<void> SqlCapaRepository::load_parts(std::span<CorrectiveAction> items) {
  if (items.empty()) return {};
  std::vector<std::int64_t> ids;
  for (auto& c : items) ids.push_back(c.id);
  auto find = [&](Id id) -> CorrectiveAction* {
    auto it = std::find_if(items.begin(), items.end(), [&](const CorrectiveAction& c) { return c.id == id; });
    return it == items.end() ? nullptr : &*it;
  };
  const auto d = c_.dialect();
  {
    auto st = c_.prepare(
        "SELECT capa_id, id, description, strength, owner_id, due_on, status, completion_note, completed_at, "
        "investigation_action_id, failure_mode_id FROM capa_action WHERE " +
        in_id_list(d, "capa_id", 1) + " ORDER BY capa_id, position, id");
    if (!st) return st.error();
    st->bind_all(id_list(ids));
    auto r = each_row(*st, [&](const Statement& row) {
      if (auto* c = find(row.int64(0)))
        c->actions.push_back(
            {row.int64(1), row.text(2),
             action_strength_from_string(row.text(3)).value_or(ActionStrength::weaker), row.opt_int64(4),
             date_from_db(row.opt_text(5)),
             capa_action_status_from_string(row.text(6)).value_or(CapaActionStatus::not_started), row.text(7),
             timestamp_from_db(row.opt_text(8)), row.opt_int64(9), row.opt_int64(10)});
    });
    if (!r) return r;
  }
  auto st = c_.prepare(
      "SELECT capa_id, id, result, criterion, evidence, checked_by, checked_at FROM capa_effectiveness_check "
      "WHERE " +
      in_id_list(d, "capa_id", 1) + " ORDER BY capa_id, id");
  if (!st) return st.error();
  st->bind_all(id_list(ids));
  return each_row(*st, [&](const Statement& row) {
    if (auto* c = find(row.int64(0)))
      c->checks.push_back(
          {row.int64(1),
           effectiveness_result_from_string(row.text(2)).value_or(EffectivenessResult::not_effective),
           row.text(3), row.text(4), row.int64(5), timestamp_from_db(row.text(6))});
  });
}

Result<void> SqlCapaRepository::save_parts(const CorrectiveAction& capa) {
  // Actions keep their ids: update those already stored, add the new ones, drop the ones taken out.
  std::vector<std::int64_t> kept;
  int position = 0;
  for (const auto& a : capa.actions) {
    ++position;
    if (a.id != 0) {
      auto r = c_.execute(
          "UPDATE capa_action SET position = ?3, description = ?4, strength = ?5, owner_id = ?6, due_on = "
          "?7, "
          "status = ?8, completion_note = ?9, completed_at = ?10, investigation_action_id = ?11, "
          "failure_mode_id = ?12 WHERE id = ?1 AND capa_id = ?2",
          a.id, capa.id, position, a.description, to_string(a.strength), a.owner_id, to_db(a.due_on),
          to_string(a.status), a.completion_note, to_db(a.completed_at), a.investigation_action_id,
          a.failure_mode_id);
      if (!r) return r;
      if (c_.changes() == 1) {
        kept.push_back(a.id);
        continue;
      }
    }
    auto id = c_.insert(
        "INSERT INTO capa_action(capa_id, position, description, strength, owner_id, due_on, status, "
        "completion_note, completed_at, investigation_action_id, failure_mode_id) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        capa.id, position, a.description, to_string(a.strength), a.owner_id, to_db(a.due_on),
        to_string(a.status), a.completion_note, to_db(a.completed_at), a.investigation_action_id,
        a.failure_mode_id);
    if (!id) return id.error();
    kept.push_back(*id);
  }
  // An action taken out goes with its evidence.
  const auto d = c_.dialect();
  if (auto r =
          c_.execute("DELETE FROM capa_evidence WHERE capa_id = ?1 AND NOT " + in_id_list(d, "action_id", 2),
                     capa.id, id_list(kept));
      !r)
    return r;
  if (auto r = c_.execute("DELETE FROM capa_action WHERE capa_id = ?1 AND NOT " + in_id_list(d, "id", 2),
                          capa.id, id_list(kept));
      !r)
    return r;
  for (const auto& check : capa.checks) {
    if (check.id != 0) continue;  // append-only: stored checks never change
    if (auto r = c_.execute(
            "INSERT INTO capa_effectiveness_check(capa_id, result, criterion, evidence, checked_by, "
            "checked_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            capa.id, to_string(check.result), check.criterion, check.evidence, check.checked_by,
            to_db(check.checked_at));
        !r)
      return r;
  }
  return {};
}

Result<Id> SqlCapaRepository::create(const CorrectiveAction& capa) {
  auto id = c_.insert(
      "INSERT INTO capa(title, kind, source, source_reference, investigation_id, risk_id, fmea_study_id, "
      "site_id, department_id, coordinator_id, created_by, problem_statement, containment, root_cause, "
      "effectiveness_criterion, effectiveness_due_on, state, cancel_reason, created_at, updated_at, "
      "closed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, "
      "?19, ?20, ?21)",
      capa.title, to_string(capa.kind), to_string(capa.source), capa.source_reference, capa.investigation_id,
      capa.risk_id, capa.fmea_study_id, capa.site_id, capa.department_id, capa.coordinator_id,
      capa.created_by, capa.problem_statement, capa.containment, capa.root_cause,
      capa.effectiveness_criterion, to_db(capa.effectiveness_due_on), to_string(capa.state),
      capa.cancel_reason, to_db(capa.created_at), to_db(capa.updated_at), to_db(capa.closed_at));
  if (!id) return id.error();
  if (auto r = c_.execute("UPDATE capa SET reference = ?2 WHERE id = ?1", *id,
                          reference_number("CAPA", *id, 4, capa.created_at));
      !r)
    return r.error();
  auto stored = capa;
  stored.id = *id;
  if (auto r = save_parts(stored); !r) return r.error();
  return *id;
}

Result<CorrectiveAction> SqlCapaRepository::read_one(Id id, bool lock) {
  CorrectiveAction c;
  {
    auto st = c_.prepare(std::string("SELECT ") + kColumns + " FROM capa c WHERE c.id = ?1" +
                         (lock ? for_update(c_.dialect()) : ""));
    if (!st) return st.error();
    auto row = st->bind_all(id).step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("There is no CAPA " + std::to_string(id) + ".");
    c = read_capa(*st);
  }
  if (auto r = load_parts({&c, 1}); !r) return r.error();
  return c;
}

Result<CorrectiveAction> SqlCapaRepository::get(Id id) {
  return read_one(id, false);
}

Result<CorrectiveAction> SqlCapaRepository::get_for_update(Id id) {
  return read_one(id, true);
}

Result<void> SqlCapaRepository::update(const CorrectiveAction& capa) {
  auto done = c_.execute(
      "UPDATE capa SET title = ?2, kind = ?3, source = ?4, source_reference = ?5, investigation_id = ?6, "
      "risk_id = ?7, fmea_study_id = ?8, site_id = ?9, department_id = ?10, coordinator_id = ?11, "
      "problem_statement = ?12, containment = ?13, root_cause = ?14, effectiveness_criterion = ?15, "
      "effectiveness_due_on = ?16, state = ?17, cancel_reason = ?18, updated_at = ?19, closed_at = ?20, "
      "version = version + 1 WHERE id = ?1 AND version = ?21",
      capa.id, capa.title, to_string(capa.kind), to_string(capa.source), capa.source_reference,
      capa.investigation_id, capa.risk_id, capa.fmea_study_id, capa.site_id, capa.department_id,
      capa.coordinator_id, capa.problem_statement, capa.containment, capa.root_cause,
      capa.effectiveness_criterion, to_db(capa.effectiveness_due_on), to_string(capa.state),
      capa.cancel_reason, to_db(capa.updated_at), to_db(capa.closed_at), capa.version);
  if (!done) return done;
  if (c_.changes() == 0)
    return Error{
        ErrorKind::conflict,
        capa.reference + " was changed by someone else while you were editing it; reload and try again.",
        {{"version", "is no longer the current version"}},
        {}};
  return save_parts(capa);
}

Result<Page<CorrectiveAction>> SqlCapaRepository::list(const CapaQuery& q) {
  auto page = read_page<CorrectiveAction>(
      c_, kColumns, from_where(c_.dialect()),
      order_clause(q.page,
                   {{"updatedAt", "c.updated_at"},
                    {"createdAt", "c.created_at"},
                    {"reference", "c.id"},
                    {"title", "lower(c.title)"},
                    {"state",
                     "CASE c.state WHEN 'open' THEN 0 WHEN 'planned' THEN 1 WHEN 'in_progress' THEN 2 WHEN "
                     "'awaiting_verification' THEN 3 WHEN 'closed' THEN 4 ELSE 5 END"}},
                   "c.id"),
      q.page, kFilterParams, [&](Statement& st) { bind_filters(st, q, true); },
      [](const Statement& st) { return read_capa(st); }, kCountCap);
  if (!page) return page;
  if (auto r = load_parts(page->items); !r) return r.error();
  return page;
}

Result<std::vector<CapaStateCount>> SqlCapaRepository::count_by_state(const CapaQuery& q) {
  auto st = c_.prepare("SELECT c.state, COUNT(*)" + from_where(c_.dialect()) + " GROUP BY c.state");
  if (!st) return st.error();
  bind_filters(*st, q, false);
  std::vector<CapaStateCount> out;
  for (auto s : all_capa_states()) out.push_back({s, 0});
  auto r = each_row(*st, [&](const Statement& row) {
    if (auto s = capa_state_from_string(row.text(0)))
      for (auto& count : out)
        if (count.state == *s) count.count = row.int64(1);
  });
  if (!r) return r.error();
  return out;
}

Result<std::vector<OpenCapaAge>> SqlCapaRepository::open_ages(const CapaQuery& q, Date today) {
  auto st =
      c_.prepare("SELECT c.department_id, c.created_at, CASE WHEN " + overdue_condition(kFilterParams + 1) +
                 " THEN 1 ELSE 0 END" + from_where(c_.dialect()) +
                 " AND c.state NOT IN ('closed', 'cancelled') ORDER BY c.id");
  if (!st) return st.error();
  bind_filters(*st, q, true);
  st->bind(kFilterParams + 1, to_db(today));
  return read_rows(*st, [](const Statement& row) {
    return OpenCapaAge{row.int64(0), date_from_db(row.opt_text(1)).value_or(Date{}), row.int64(2) != 0};
  });
}

Result<std::vector<OverdueAction>> SqlCapaRepository::overdue_actions(Date today) {
  // Each late action of a CAPA still being worked, answered by its owner; and each effectiveness check past
  // due, answered by the coordinator.
  auto st = c_.prepare(
      "SELECT c.id, c.reference, c.title, a.id, a.description, a.due_on, a.owner_id, c.department_id "
      "FROM capa_action a JOIN capa c ON c.id = a.capa_id WHERE c.state NOT IN ('closed', 'cancelled') AND "
      "a.status IN ('not_started', 'in_progress') AND a.due_on < ?1 "
      "UNION ALL SELECT c.id, c.reference, c.title, 0, c.effectiveness_criterion, c.effectiveness_due_on, "
      "c.coordinator_id, c.department_id FROM capa c WHERE c.state = 'awaiting_verification' AND "
      "c.effectiveness_due_on < ?1 ORDER BY 6, 1, 4");
  if (!st) return st.error();
  st->bind_all(to_db(today));
  return read_rows(*st, [](const Statement& row) {
    OverdueAction a;
    a.capa_id = row.int64(0);
    a.capa_reference = row.opt_text(1).value_or("");
    a.capa_title = row.text(2);
    a.action_id = row.int64(3);
    a.description = row.text(4);
    if (a.action_id == 0)
      a.description = a.description.empty() ? "Effectiveness check" : "Effectiveness check: " + a.description;
    a.due_on = date_from_db(row.opt_text(5)).value_or(Date{});
    a.owner_id = row.opt_int64(6);
    a.department_id = row.int64(7);
    return a;
  });
}

Result<Id> SqlCapaRepository::add_evidence(Id capa_id, const EvidenceFile& meta, const std::string& content) {
  {
    auto st = c_.prepare("SELECT 1 FROM capa_action WHERE id = ?1 AND capa_id = ?2");
    if (!st) return st.error();
    auto row = st->bind_all(meta.action_id, capa_id).step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("There is no such action on this CAPA.");
  }
  return c_.insert(
      "INSERT INTO capa_evidence(capa_id, action_id, file_name, media_type, size_bytes, sha256, content, "
      "uploaded_by, uploaded_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      capa_id, meta.action_id, meta.file_name, meta.media_type, static_cast<std::int64_t>(content.size()),
      sha256_hex(content), base64_encode(content), meta.uploaded_by, to_db(meta.uploaded_at));
}

Result<std::vector<EvidenceFile>> SqlCapaRepository::evidence(Id capa_id) {
  auto st = c_.prepare(std::string("SELECT ") + kEvidenceColumns +
                       " FROM capa_evidence WHERE capa_id = ?1 ORDER BY action_id, id");
  if (!st) return st.error();
  st->bind_all(capa_id);
  return read_rows(*st, [](const Statement& row) { return read_evidence(row); });
}

Result<std::pair<EvidenceFile, std::string>> SqlCapaRepository::evidence_file(Id capa_id, Id file_id) {
  auto st = c_.prepare(std::string("SELECT ") + kEvidenceColumns +
                       ", content FROM capa_evidence WHERE capa_id = ?1 AND id = ?2");
  if (!st) return st.error();
  auto row = st->bind_all(capa_id, file_id).step();
  if (!row) return row.error();
  if (!*row) return Error::not_found("There is no such evidence file.");
  auto bytes = base64_decode(st->text(7));
  if (!bytes) return Error::internal("evidence file " + std::to_string(file_id) + " is damaged");
  return std::pair{read_evidence(*st), std::move(*bytes)};
}

}  // namespace hqms::store::sql
