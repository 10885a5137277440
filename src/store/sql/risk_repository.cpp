#include <algorithm>

#include "store/sql/register_queries.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

constexpr const char* kColumns =
    "r.id, r.reference, r.title, r.description, r.cause, r.consequence, r.category, r.owner_id, "
    "r.scope_type, "
    "r.scope_id, r.escalated_to_type, r.escalated_to_id, r.inherent_likelihood, r.inherent_consequence, "
    "r.residual_likelihood, r.residual_consequence, r.target_likelihood, r.target_consequence, r.treatment, "
    "r.treatment_plan, r.review_due_on, r.status, r.created_at, r.updated_at, r.version";

// The CHECKs keep stored levels within 1..5.
RiskRating rating_from_db(std::int64_t likelihood, std::int64_t consequence) {
  return {static_cast<Likelihood>(likelihood), static_cast<Consequence>(consequence)};
}

ScopeRef scope_from_db(const std::string& type, std::int64_t id) {
  return {scope_type_from_string(type).value_or(ScopeType::organisation), id};
}

Risk read_risk(const Statement& st) {
  Risk r;
  r.id = st.int64(0);
  r.reference = st.opt_text(1).value_or("");
  r.title = st.text(2);
  r.description = st.text(3);
  r.cause = st.text(4);
  r.consequence = st.text(5);
  r.category = risk_category_from_string(st.text(6)).value_or(RiskCategory::clinical);
  r.owner_id = st.opt_int64(7);
  r.scope = scope_from_db(st.text(8), st.int64(9));
  if (auto type = st.opt_text(10)) r.escalated_to = scope_from_db(*type, st.int64(11));
  r.inherent = rating_from_db(st.int64(12), st.int64(13));
  r.residual = rating_from_db(st.int64(14), st.int64(15));
  r.target = rating_from_db(st.int64(16), st.int64(17));
  r.treatment = risk_treatment_from_string(st.text(18)).value_or(RiskTreatment::reduce);
  r.treatment_plan = st.text(19);
  r.review_due_on = date_from_db(st.opt_text(20));
  r.status = risk_status_from_string(st.text(21)).value_or(RiskStatus::open);
  r.created_at = timestamp_from_db(st.text(22));
  r.updated_at = timestamp_from_db(st.text(23));
  r.version = static_cast<int>(st.int64(24));
  return r;
}

int level(Likelihood l) {
  return static_cast<int>(l);
}
int level(Consequence c) {
  return static_cast<int>(c);
}

// Where a register sits in the organisation, for the scope filters: a department's risks are also its
// site's; the organisation register is in no site.
struct Placement {
  std::optional<Id> site_id;
  std::optional<Id> department_id;
};

Result<Placement> placement_of(Connection& c, ScopeRef scope) {
  switch (scope.type) {
    case ScopeType::organisation:
      return Placement{};
    case ScopeType::site:
      return Placement{scope.id, std::nullopt};
    case ScopeType::department:
      break;
  }
  auto st = c.prepare("SELECT site_id FROM department WHERE id = ?1");
  if (!st) return st.error();
  auto row = st->bind_all(scope.id).step();
  if (!row) return row.error();
  if (!*row) return Error::validation({{"scope", "is not a department of this organisation"}});
  return Placement{st->int64(0), scope.id};
}

constexpr int kFilterParams = 17;
constexpr std::int64_t kCountCap = 10000;

// What the caller may see and the list filters. Risks are placed where they were raised: the organisation
// register (site and department NULL) matches no site or department listed, so only `everything` shows it.
std::string from_where(Dialect d) {
  return " FROM risk r WHERE (?1 = 1 OR " + in_id_list(d, "r.site_id", 2) + " OR " +
         in_id_list(d, "r.department_id", 3) +
         " OR r.owner_id = ?4)"
         " AND (r.category = ?5 OR ?5 IS NULL) AND (r.status = ?6 OR ?6 IS NULL)"
         " AND (COALESCE(r.escalated_to_type, r.scope_type) = ?7 OR ?7 IS NULL)"
         " AND (COALESCE(r.escalated_to_id, r.scope_id) = ?8 OR ?8 IS NULL)"
         " AND (r.department_id = ?9 OR ?9 IS NULL) AND (r.owner_id = ?10 OR ?10 IS NULL)"
         " AND (r.residual_score >= ?11 OR ?11 IS NULL) AND (r.residual_score <= ?12 OR ?12 IS NULL)"
         " AND (r.residual_likelihood = ?13 OR ?13 IS NULL) AND (r.residual_consequence = ?14 OR ?14 IS NULL)"
         " AND ((r.status = 'open' AND r.review_due_on < ?15) OR ?15 IS NULL)"
         " AND (?16 = '' OR lower(r.title) LIKE ?17 ESCAPE '\\' OR lower(r.reference) LIKE ?17 ESCAPE '\\'"
         " OR lower(r.description) LIKE ?17 ESCAPE '\\')";
}

void bind_filters(Statement& st, const RiskQuery& q) {
  std::optional<std::string> category, status, register_type;
  std::optional<Id> register_id;
  if (q.category) category = std::string(to_string(*q.category));
  if (q.status) status = std::string(to_string(*q.status));
  if (q.register_scope)
    register_type = std::string(to_string(q.register_scope->type)), register_id = q.register_scope->id;
  std::optional<int> likelihood, consequence;
  if (q.residual) likelihood = level(q.residual->likelihood), consequence = level(q.residual->consequence);
  st.bind_all(q.visible.everything, id_list(q.visible.site_ids), id_list(q.visible.department_ids),
              q.caller_id, category, status, register_type, register_id, q.department_id, q.owner_id,
              q.min_residual_score, q.max_residual_score, likelihood, consequence, to_db(q.review_overdue_on),
              q.text, contains_pattern(q.text));
}

}  // namespace

// Controls and the review history for the risks at hand, one query each.
Result<void> SqlRiskRepository::load_parts(std::span<Risk> items) {
  if (items.empty()) return {};
  std::vector<std::int64_t> ids;
  for (auto& r : items) ids.push_back(r.id);
  auto find = [&](Id id) -> Risk* {
    auto it = std::find_if(items.begin(), items.end(), [&](const Risk& r) { return r.id == id; });
    return it == items.end() ? nullptr : &*it;
  };
  const auto d = c_.dialect();
  {
    auto st = c_.prepare("SELECT risk_id, description, effectiveness FROM risk_control WHERE " +
                         in_id_list(d, "risk_id", 1) + " ORDER BY risk_id, position");
    if (!st) return st.error();
    st->bind_all(id_list(ids));
    auto r = each_row(*st, [&](const Statement& row) {
      if (auto* risk = find(row.int64(0)))
        risk->controls.push_back(
            {row.text(1),
             control_effectiveness_from_string(row.text(2)).value_or(ControlEffectiveness::not_assessed)});
    });
    if (!r) return r;
  }
  auto st = c_.prepare(
      "SELECT risk_id, id, reviewed_on, reviewer_id, residual_likelihood, residual_consequence, note FROM "
      "risk_review WHERE " +
      in_id_list(d, "risk_id", 1) + " ORDER BY risk_id, reviewed_on, id");
  if (!st) return st.error();
  st->bind_all(id_list(ids));
  return each_row(*st, [&](const Statement& row) {
    if (auto* risk = find(row.int64(0)))
      risk->reviews.push_back({row.int64(1), date_from_db(row.opt_text(2)).value_or(Date{}), row.int64(3),
                               rating_from_db(row.int64(4), row.int64(5)), row.text(6)});
  });
}

Result<void> SqlRiskRepository::save_parts(const Risk& risk) {
  if (auto r = c_.execute("DELETE FROM risk_control WHERE risk_id = ?1", risk.id); !r) return r;
  int position = 0;
  for (const auto& control : risk.controls)
    if (auto r = c_.execute(
            "INSERT INTO risk_control(risk_id, position, description, effectiveness) VALUES (?1, ?2, ?3, ?4)",
            risk.id, ++position, control.description, to_string(control.effectiveness));
        !r)
      return r;
  for (const auto& review : risk.reviews) {
    if (review.id != 0) continue;  // append-only: the history is never rewritten
    if (auto r =
            c_.execute("INSERT INTO risk_review(risk_id, reviewed_on, reviewer_id, residual_likelihood, "
                       "residual_consequence, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                       risk.id, to_db(review.reviewed_on), review.reviewer_id,
                       level(review.residual.likelihood), level(review.residual.consequence), review.note);
        !r)
      return r;
  }
  return {};
}

Result<Id> SqlRiskRepository::create(const Risk& risk) {
  auto placed = placement_of(c_, risk.scope);
  if (!placed) return placed.error();
  std::optional<std::string> escalated_type;
  std::optional<Id> escalated_id;
  if (risk.escalated_to)
    escalated_type = std::string(to_string(risk.escalated_to->type)), escalated_id = risk.escalated_to->id;
  auto id = c_.insert(
      "INSERT INTO risk(title, description, cause, consequence, category, owner_id, scope_type, scope_id, "
      "site_id, department_id, escalated_to_type, escalated_to_id, inherent_likelihood, "
      "inherent_consequence, "
      "inherent_score, residual_likelihood, residual_consequence, residual_score, target_likelihood, "
      "target_consequence, treatment, treatment_plan, review_due_on, status, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
      "?21, "
      "?22, ?23, ?24, ?25, ?26)",
      risk.title, risk.description, risk.cause, risk.consequence, to_string(risk.category), risk.owner_id,
      to_string(risk.scope.type), risk.scope.id, placed->site_id, placed->department_id, escalated_type,
      escalated_id, level(risk.inherent.likelihood), level(risk.inherent.consequence), risk.inherent.score(),
      level(risk.residual.likelihood), level(risk.residual.consequence), risk.residual.score(),
      level(risk.target.likelihood), level(risk.target.consequence), to_string(risk.treatment),
      risk.treatment_plan, to_db(risk.review_due_on), to_string(risk.status), to_db(risk.created_at),
      to_db(risk.updated_at));
  if (!id) return id.error();
  if (auto r =
          c_.execute("UPDATE risk SET reference = ?2 WHERE id = ?1", *id, reference_number("RSK", *id, 4));
      !r)
    return r.error();
  auto stored = risk;
  stored.id = *id;
  if (auto r = save_parts(stored); !r) return r.error();
  return *id;
}

Result<Risk> SqlRiskRepository::read_one(Id id, bool lock) {
  Risk risk;
  {
    auto st = c_.prepare(std::string("SELECT ") + kColumns + " FROM risk r WHERE r.id = ?1" +
                         (lock ? for_update(c_.dialect()) : ""));
    if (!st) return st.error();
    auto row = st->bind_all(id).step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("There is no risk " + std::to_string(id) + ".");
    risk = read_risk(*st);
  }
  if (auto r = load_parts({&risk, 1}); !r) return r.error();
  return risk;
}

Result<Risk> SqlRiskRepository::get(Id id) {
  return read_one(id, false);
}

Result<Risk> SqlRiskRepository::get_for_update(Id id) {
  return read_one(id, true);
}

Result<void> SqlRiskRepository::update(const Risk& risk) {
  auto placed = placement_of(c_, risk.scope);
  if (!placed) return placed.error();
  std::optional<std::string> escalated_type;
  std::optional<Id> escalated_id;
  if (risk.escalated_to)
    escalated_type = std::string(to_string(risk.escalated_to->type)), escalated_id = risk.escalated_to->id;
  auto done = c_.execute(
      "UPDATE risk SET title = ?2, description = ?3, cause = ?4, consequence = ?5, category = ?6, owner_id = "
      "?7, "
      "scope_type = ?8, scope_id = ?9, site_id = ?10, department_id = ?11, escalated_to_type = ?12, "
      "escalated_to_id = ?13, inherent_likelihood = ?14, inherent_consequence = ?15, inherent_score = ?16, "
      "residual_likelihood = ?17, residual_consequence = ?18, residual_score = ?19, target_likelihood = ?20, "
      "target_consequence = ?21, treatment = ?22, treatment_plan = ?23, review_due_on = ?24, status = ?25, "
      "updated_at = ?26, version = version + 1 WHERE id = ?1 AND version = ?27",
      risk.id, risk.title, risk.description, risk.cause, risk.consequence, to_string(risk.category),
      risk.owner_id, to_string(risk.scope.type), risk.scope.id, placed->site_id, placed->department_id,
      escalated_type, escalated_id, level(risk.inherent.likelihood), level(risk.inherent.consequence),
      risk.inherent.score(), level(risk.residual.likelihood), level(risk.residual.consequence),
      risk.residual.score(), level(risk.target.likelihood), level(risk.target.consequence),
      to_string(risk.treatment), risk.treatment_plan, to_db(risk.review_due_on), to_string(risk.status),
      to_db(risk.updated_at), risk.version);
  if (!done) return done;
  if (c_.changes() == 0)
    return Error{
        ErrorKind::conflict,
        risk.reference + " was changed by someone else while you were editing it; reload and try again.",
        {{"version", "is no longer the current version"}},
        {}};
  return save_parts(risk);
}

Result<Page<Risk>> SqlRiskRepository::list(const RiskQuery& q) {
  auto page = read_page<Risk>(
      c_, kColumns, from_where(c_.dialect()),
      order_clause(q.page,
                   {{"residualScore", "r.residual_score"},
                    {"inherentScore", "r.inherent_score"},
                    {"reviewDueOn", "COALESCE(r.review_due_on, '9999-12-31')"},
                    {"updatedAt", "r.updated_at"},
                    {"reference", "r.id"},
                    {"title", "lower(r.title)"}},
                   "r.id"),
      q.page, kFilterParams, [&](Statement& st) { bind_filters(st, q); },
      [](const Statement& st) { return read_risk(st); }, kCountCap);
  if (!page) return page;
  if (auto r = load_parts(page->items); !r) return r.error();
  return page;
}

Result<std::vector<RiskRating>> SqlRiskRepository::residual_ratings(const RiskQuery& q) {
  auto st = c_.prepare("SELECT r.residual_likelihood, r.residual_consequence" + from_where(c_.dialect()) +
                       " ORDER BY r.id");
  if (!st) return st.error();
  bind_filters(*st, q);
  return read_rows(*st, [](const Statement& row) { return rating_from_db(row.int64(0), row.int64(1)); });
}

Result<RiskBands> SqlRiskRepository::bands() {
  auto st = c_.prepare("SELECT moderate_from, high_from, extreme_from FROM risk_setting WHERE id = 1");
  if (!st) return st.error();
  auto row = st->step();
  if (!row) return row.error();
  if (!*row) return RiskBands{};
  return RiskBands{static_cast<int>(st->int64(0)), static_cast<int>(st->int64(1)),
                   static_cast<int>(st->int64(2))};
}

Result<void> SqlRiskRepository::set_bands(const RiskBands& b) {
  return c_.execute(
      "INSERT INTO risk_setting(id, moderate_from, high_from, extreme_from) VALUES (1, ?1, ?2, ?3) "
      "ON CONFLICT (id) DO UPDATE SET moderate_from = excluded.moderate_from, high_from = "
      "excluded.high_from, "
      "extreme_from = excluded.extreme_from",
      b.moderate_from, b.high_from, b.extreme_from);
}

}  // namespace hqms::store::sql
