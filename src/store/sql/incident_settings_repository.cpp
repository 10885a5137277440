#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {
constexpr const char* kSentinelDays = "sentinel_analysis_business_days";
}

Result<std::vector<ExternalReportingRule>> SqlIncidentSettingsRepository::rules() {
  auto st = c_.prepare(
      "SELECT id, name, agency, min_harm, sentinel_only, category, due_days, business_days, active "
      "FROM external_reporting_rule ORDER BY id");
  if (!st) return st.error();
  return read_rows(*st, [](const Statement& row) {
    ExternalReportingRule r;
    r.id = row.int64(0);
    r.name = row.text(1);
    r.agency = row.text(2);
    r.min_harm = harm_level_from_string(row.text(3)).value_or(HarmLevel::severe);
    r.sentinel_only = row.int64(4) != 0;
    if (auto c = row.opt_text(5)) r.category = event_category_from_string(*c);
    r.due_days = static_cast<int>(row.int64(6));
    r.business_days = row.int64(7) != 0;
    r.active = row.int64(8) != 0;
    return r;
  });
}

Result<Id> SqlIncidentSettingsRepository::create_rule(const ExternalReportingRule& r) {
  std::optional<std::string> category;
  if (r.category) category = std::string(to_string(*r.category));
  return c_.insert(
      "INSERT INTO external_reporting_rule(name, agency, min_harm, sentinel_only, category, due_days, "
      "business_days, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
      r.name, r.agency, to_string(r.min_harm), r.sentinel_only, category, r.due_days, r.business_days,
      r.active);
}

Result<void> SqlIncidentSettingsRepository::update_rule(const ExternalReportingRule& r) {
  std::optional<std::string> category;
  if (r.category) category = std::string(to_string(*r.category));
  auto done = c_.execute(
      "UPDATE external_reporting_rule SET name = ?2, agency = ?3, min_harm = ?4, sentinel_only = ?5, "
      "category = ?6, due_days = ?7, business_days = ?8, active = ?9 WHERE id = ?1",
      r.id, r.name, r.agency, to_string(r.min_harm), r.sentinel_only, category, r.due_days, r.business_days,
      r.active);
  if (done && c_.changes() == 0)
    return Error::not_found("There is no reporting rule " + std::to_string(r.id) + ".");
  return done;
}

Result<SentinelPolicy> SqlIncidentSettingsRepository::sentinel_policy() {
  auto st = c_.prepare("SELECT value FROM incident_setting WHERE setting_key = ?1");
  if (!st) return st.error();
  auto row = st->bind_all(kSentinelDays).step();
  if (!row) return row.error();
  SentinelPolicy policy;
  if (*row) policy.analysis_due_business_days = std::stoi(st->text(0));
  return policy;
}

Result<void> SqlIncidentSettingsRepository::set_sentinel_policy(const SentinelPolicy& policy) {
  return c_.execute(
      "INSERT INTO incident_setting(setting_key, value) VALUES (?1, ?2) "
      "ON CONFLICT (setting_key) DO UPDATE SET value = excluded.value",
      kSentinelDays, std::to_string(policy.analysis_due_business_days));
}

Result<std::vector<Holiday>> SqlIncidentSettingsRepository::holidays() {
  auto st = c_.prepare("SELECT day, name FROM holiday ORDER BY day");
  if (!st) return st.error();
  std::vector<Holiday> out;
  for (auto row = st->step();; row = st->step()) {
    if (!row) return row.error();
    if (!*row) break;
    if (auto day = date_from_db(st->text(0))) out.push_back({*day, st->text(1)});
  }
  return out;
}

Result<void> SqlIncidentSettingsRepository::replace_holidays(const std::vector<Holiday>& holidays) {
  if (auto r = c_.execute("DELETE FROM holiday"); !r) return r;
  for (const auto& h : holidays)
    if (auto r = c_.execute("INSERT INTO holiday(day, name) VALUES (?1, ?2)", to_db(h.day), h.name); !r)
      return r;
  return {};
}

Result<BusinessCalendar> SqlIncidentSettingsRepository::calendar() {
  auto days = holidays();
  if (!days) return days.error();
  std::set<Date> set;
  for (const auto& h : *days) set.insert(h.day);
  return BusinessCalendar(std::move(set));
}

}  // namespace hqms::store::sql
