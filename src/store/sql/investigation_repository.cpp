#include <algorithm>
#include <nlohmann/json.hpp>

#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kColumns =
    "v.id, v.reference, v.title, v.site_id, v.department_id, v.lead_id, v.state, v.body, v.created_at, "
    "v.updated_at, v.completed_at, v.version";

// The narrative parts travel as one JSON document: they are read and written whole, never queried.
std::string body_to_db(const Investigation& inv) {
  nlohmann::json timeline = nlohmann::json::array(), whys = nlohmann::json::array();
  for (const auto& f : inv.timeline) timeline.push_back({{"at", format_iso(f.at)}, {"fact", f.fact}});
  for (const auto& w : inv.whys) whys.push_back({{"problem", w.problem}, {"whys", w.whys}});
  return nlohmann::json{{"timeline", timeline},
                        {"whys", whys},
                        {"fishboneCategories", inv.fishbone_categories},
                        {"rootCauses", inv.root_causes}}
      .dump();
}

void body_from_db(const std::string& text, Investigation& inv) {
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (!j.is_object()) return;
  for (const auto& f : j.value("timeline", nlohmann::json::array()))
    inv.timeline.push_back({parse_iso(f.value("at", "")).value_or(Timestamp{}), f.value("fact", "")});
  for (const auto& w : j.value("whys", nlohmann::json::array()))
    inv.whys.push_back({w.value("problem", ""), w.value("whys", std::vector<std::string>{})});
  inv.fishbone_categories = j.value("fishboneCategories", std::vector<std::string>{});
  inv.root_causes = j.value("rootCauses", std::vector<std::string>{});
}

Investigation read_investigation(const Statement& st) {
  Investigation v;
  v.id = st.int64(0);
  v.reference = st.opt_text(1).value_or("");
  v.title = st.text(2);
  v.site_id = st.int64(3);
  v.department_id = st.int64(4);
  v.lead_id = st.opt_int64(5);
  v.state = investigation_state_from_string(st.text(6)).value_or(InvestigationState::in_progress);
  body_from_db(st.text(7), v);
  v.created_at = timestamp_from_db(st.text(8));
  v.updated_at = timestamp_from_db(st.text(9));
  v.completed_at = timestamp_from_db(st.opt_text(10));
  v.version = static_cast<int>(st.int64(11));
  return v;
}

template <class Read>
Result<void> each_row(Statement& st, Read read) {
  for (auto row = st.step();; row = st.step()) {
    if (!row) return row.error();
    if (!*row) return {};
    read(st);
  }
}

}  // namespace

// Members, causes, actions and linked events for the investigations at hand, one query each.
Result<void> SqlInvestigationRepository::load_parts(std::span<Investigation> items) {
  if (items.empty()) return {};
  std::vector<std::int64_t> ids;
  for (auto& v : items) ids.push_back(v.id);
  auto find = [&](Id id) -> Investigation* {
    auto it = std::find_if(items.begin(), items.end(), [&](const Investigation& v) { return v.id == id; });
    return it == items.end() ? nullptr : &*it;
  };
  const auto d = c_.dialect();
  struct Part {
    std::string sql;
    std::function<void(const Statement&, Investigation&)> read;
  };
  const Part parts[] = {
      {"SELECT investigation_id, user_id, role FROM investigation_member WHERE " +
           in_id_list(d, "investigation_id", 1) + " ORDER BY investigation_id, user_id",
       [](const Statement& st, Investigation& v) {
         v.team.push_back({st.int64(1), st.text(2)});
       }},
      {"SELECT investigation_id, category, text, contributing FROM investigation_cause WHERE " +
           in_id_list(d, "investigation_id", 1) + " ORDER BY investigation_id, position",
       [](const Statement& st, Investigation& v) {
         v.causes.push_back({st.text(1), st.text(2), st.int64(3) != 0});
       }},
      {"SELECT investigation_id, id, description, owner_id, due_on, strength, corrective_action_id FROM "
       "investigation_action WHERE " +
           in_id_list(d, "investigation_id", 1) + " ORDER BY investigation_id, position",
       [](const Statement& st, Investigation& v) {
         v.actions.push_back({st.int64(1), st.text(2), st.opt_int64(3), date_from_db(st.opt_text(4)),
                              action_strength_from_string(st.text(5)).value_or(ActionStrength::weaker),
                              st.opt_int64(6)});
       }},
      {"SELECT investigation_id, id FROM incident WHERE " + in_id_list(d, "investigation_id", 1) +
           " ORDER BY investigation_id, id",
       [](const Statement& st, Investigation& v) { v.incident_ids.push_back(st.int64(1)); }},
  };
  for (const auto& part : parts) {
    auto st = c_.prepare(part.sql);
    if (!st) return st.error();
    st->bind_all(id_list(ids));
    auto r = each_row(*st, [&](const Statement& row) {
      if (auto* v = find(row.int64(0))) part.read(row, *v);
    });
    if (!r) return r;
  }
  return {};
}

Result<void> SqlInvestigationRepository::save_parts(const Investigation& inv) {
  for (const char* table : {"investigation_member", "investigation_cause"})
    if (auto r = c_.execute(std::string("DELETE FROM ") + table + " WHERE investigation_id = ?1", inv.id); !r)
      return r;
  for (const auto& m : inv.team)
    if (auto r = c_.execute(
            "INSERT INTO investigation_member(investigation_id, user_id, role) VALUES (?1, ?2, ?3)", inv.id,
            m.user_id, m.role);
        !r)
      return r;
  int position = 0;
  for (const auto& c : inv.causes)
    if (auto r = c_.execute(
            "INSERT INTO investigation_cause(investigation_id, position, category, text, contributing) "
            "VALUES (?1, ?2, ?3, ?4, ?5)",
            inv.id, ++position, c.category, c.text, c.contributing);
        !r)
      return r;

  // Actions keep their ids: update those already stored, add the new ones, drop the ones taken out.
  std::vector<std::int64_t> kept;
  position = 0;
  for (const auto& a : inv.actions) {
    ++position;
    if (a.id != 0) {
      auto r = c_.execute(
          "UPDATE investigation_action SET position = ?3, description = ?4, owner_id = ?5, due_on = ?6, "
          "strength = ?7, corrective_action_id = ?8 WHERE id = ?1 AND investigation_id = ?2",
          a.id, inv.id, position, a.description, a.owner_id, to_db(a.due_on), to_string(a.strength),
          a.corrective_action_id);
      if (!r) return r;
      if (c_.changes() == 1) {
        kept.push_back(a.id);
        continue;
      }
    }
    auto id = c_.insert(
        "INSERT INTO investigation_action(investigation_id, position, description, owner_id, due_on, "
        "strength) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        inv.id, position, a.description, a.owner_id, to_db(a.due_on), to_string(a.strength));
    if (!id) return id.error();
    kept.push_back(*id);
  }
  if (auto r = c_.execute("DELETE FROM investigation_action WHERE investigation_id = ?1 AND NOT " +
                              in_id_list(c_.dialect(), "id", 2),
                          inv.id, id_list(kept));
      !r)
    return r;

  // Each event belongs to one investigation at most; linking one moves it here.
  if (auto r = c_.execute("UPDATE incident SET investigation_id = NULL, version = version + 1 WHERE "
                          "investigation_id = ?1 AND NOT " +
                              in_id_list(c_.dialect(), "id", 2),
                          inv.id, id_list(inv.incident_ids));
      !r)
    return r;
  return c_.execute("UPDATE incident SET investigation_id = ?1, version = version + 1 WHERE " +
                        in_id_list(c_.dialect(), "id", 2) +
                        " AND (investigation_id IS NULL OR investigation_id <> ?1)",
                    inv.id, id_list(inv.incident_ids));
}

Result<Id> SqlInvestigationRepository::create(const Investigation& inv) {
  auto id = c_.insert(
      "INSERT INTO investigation(title, site_id, department_id, lead_id, state, body, created_at, "
      "updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      inv.title, inv.site_id, inv.department_id, inv.lead_id, to_string(inv.state), body_to_db(inv),
      to_db(inv.created_at), to_db(inv.updated_at));
  if (!id) return id.error();
  std::string number = std::to_string(*id);
  if (number.size() < 4) number.insert(0, 4 - number.size(), '0');
  if (auto r = c_.execute("UPDATE investigation SET reference = ?2 WHERE id = ?1", *id,
                          "RCA-" + format_date(inv.created_at).substr(0, 4) + "-" + number);
      !r)
    return r.error();
  auto stored = inv;
  stored.id = *id;
  if (auto r = save_parts(stored); !r) return r.error();
  return *id;
}

Result<Investigation> SqlInvestigationRepository::get(Id id) {
  Investigation v;
  {
    auto st = c_.prepare(std::string("SELECT ") + kColumns + " FROM investigation v WHERE v.id = ?1");
    if (!st) return st.error();
    auto row = st->bind_all(id).step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("There is no investigation " + std::to_string(id) + ".");
    v = read_investigation(*st);
  }
  if (auto r = load_parts({&v, 1}); !r) return r.error();
  return v;
}

Result<void> SqlInvestigationRepository::update(const Investigation& inv) {
  auto done = c_.execute(
      "UPDATE investigation SET title = ?2, lead_id = ?3, state = ?4, body = ?5, updated_at = ?6, "
      "completed_at = ?7, version = version + 1 WHERE id = ?1 AND version = ?8",
      inv.id, inv.title, inv.lead_id, to_string(inv.state), body_to_db(inv), to_db(inv.updated_at),
      to_db(inv.completed_at), inv.version);
  if (!done) return done;
  if (c_.changes() == 0)
    return Error{ErrorKind::conflict,
                 "Someone else saved " + inv.reference + " while you were editing it; reload and try again.",
                 {{"version", "is no longer the current version"}},
                 {}};
  return save_parts(inv);
}

Result<Page<Investigation>> SqlInvestigationRepository::list(const InvestigationQuery& q) {
  const auto d = c_.dialect();
  const std::string from_where = " FROM investigation v WHERE (?1 = 1 OR " + in_id_list(d, "v.site_id", 2) +
                                 " OR " + in_id_list(d, "v.department_id", 3) +
                                 " OR v.lead_id = ?4 OR EXISTS (SELECT 1 FROM investigation_member m WHERE "
                                 "m.investigation_id = v.id AND "
                                 "m.user_id = ?4)) AND (v.state = ?5 OR ?5 IS NULL)"
                                 " AND (?6 = '' OR lower(v.title) LIKE ?7 OR lower(v.reference) LIKE ?7)";
  std::optional<std::string> state;
  if (q.state) state = std::string(to_string(*q.state));
  std::string like = "%";
  for (char c : q.text) like += (c == '%' || c == '_') ? '_' : static_cast<char>(std::tolower(c));
  like += "%";
  auto page = read_page<Investigation>(
      c_, kColumns, from_where,
      order_clause(q.page,
                   {{"updatedAt", "v.updated_at"}, {"reference", "v.id"}, {"title", "lower(v.title)"}},
                   "v.id"),
      q.page, 7,
      [&](Statement& st) {
        st.bind_all(q.visible.everything, id_list(q.visible.site_ids), id_list(q.visible.department_ids),
                    q.caller_id, state, q.text, like);
      },
      [](const Statement& st) { return read_investigation(st); });
  if (!page) return page;
  if (auto r = load_parts(page->items); !r) return r.error();
  return page;
}

}  // namespace hqms::store::sql
