#include "core/indicators/definition_json.hpp"
#include "store/sql/register_queries.hpp"
#include "store/sql/repositories.hpp"

namespace hqms::store::sql {
namespace {

using indicators::ChartAnnotation;
using nlohmann::json;

constexpr std::pair<ChartAnnotation::Kind, std::string_view> kAnnotationKinds[] = {
    {ChartAnnotation::Kind::process_change, "process_change"},
    {ChartAnnotation::Kind::exclusion, "exclusion"},
    {ChartAnnotation::Kind::baseline, "baseline"},
};

std::string_view kind_text(ChartAnnotation::Kind kind) {
  for (const auto& [k, text] : kAnnotationKinds)
    if (k == kind) return text;
  return "process_change";
}

ChartAnnotation::Kind kind_from(std::string_view text) {
  for (const auto& [k, t] : kAnnotationKinds)
    if (t == text) return k;
  return ChartAnnotation::Kind::process_change;
}

std::optional<Id> person(Id id) {
  return id ? std::optional<Id>(id) : std::nullopt;
}

constexpr const char* kIndicatorColumns =
    "code, definition, version, retired, created_by, created_at, updated_at";

Result<StoredIndicator> read_indicator(const Statement& st) {
  const auto doc = json::parse(st.text(1), nullptr, /*allow_exceptions=*/false);
  auto definition = indicators::definition_from_json(doc);
  if (!definition)
    return Error::internal("the stored definition of indicator " + st.text(0) +
                           " does not read: " + definition.error().message);
  StoredIndicator out;
  out.definition = std::move(*definition);
  out.definition.code = st.text(0);  // the key is the row's, whatever the document says
  out.definition.built_in = false;
  out.version = static_cast<int>(st.int64(2));
  out.retired = st.int64(3) != 0;
  out.created_by = st.opt_int64(4).value_or(0);
  out.created_at = timestamp_from_db(st.text(5));
  out.updated_at = timestamp_from_db(st.text(6));
  return out;
}

// The stored document: the definition as the API shows it, minus what only the row holds.
std::string definition_document(const indicators::IndicatorDefinition& definition) {
  auto custom = definition;
  custom.built_in = false;
  return indicators::definition_json(custom).dump();
}

constexpr const char* kSettingColumns =
    "indicator_code, target, alert_threshold, chart, rules, version, updated_by, updated_at";

IndicatorSetting read_setting(const Statement& st) {
  IndicatorSetting s;
  s.indicator_code = st.text(0);
  s.target = st.opt_real(1);
  s.alert_threshold = st.opt_real(2);
  if (auto chart = st.opt_text(3)) s.chart = indicators::chart_type_from_string(*chart);
  if (auto rules = st.opt_text(4)) s.rules = indicators::rule_set_from_string(*rules);
  s.version = static_cast<int>(st.int64(5));
  s.updated_by = st.opt_int64(6).value_or(0);
  s.updated_at = timestamp_from_db(st.text(7));
  return s;
}

constexpr const char* kAnnotationColumns =
    "id, indicator_code, scope_type, scope_id, kind, period, reason, baseline_points, created_by, created_at";

StoredAnnotation read_annotation(const Statement& st) {
  StoredAnnotation a;
  a.id = st.int64(0);
  a.indicator_code = st.text(1);
  a.scope = {scope_type_from_string(st.text(2)).value_or(ScopeType::organisation), st.int64(3)};
  a.annotation.kind = kind_from(st.text(4));
  a.annotation.period = st.text(5);
  a.annotation.reason = st.text(6);
  if (auto points = st.opt_int64(7)) a.annotation.baseline_points = static_cast<std::size_t>(*points);
  a.created_by = st.opt_int64(8).value_or(0);
  a.created_at = timestamp_from_db(st.text(9));
  return a;
}

}  // namespace

Result<std::vector<StoredIndicator>> SqlIndicatorSettingsRepository::list_custom(bool include_retired) {
  auto st = c_.prepare(std::string("SELECT ") + kIndicatorColumns +
                       " FROM indicator_definition WHERE (retired = 0 OR ?1 = 1) ORDER BY code");
  if (!st) return st.error();
  st->bind_all(include_retired);
  std::vector<StoredIndicator> out;
  std::optional<Error> failed;
  auto r = each_row(*st, [&](const Statement& row) {
    auto indicator = read_indicator(row);
    if (indicator)
      out.push_back(std::move(*indicator));
    else if (!failed)
      failed = indicator.error();
  });
  if (!r) return r.error();
  if (failed) return *failed;
  return out;
}

Result<std::optional<StoredIndicator>> SqlIndicatorSettingsRepository::find_custom(std::string_view code) {
  auto st =
      c_.prepare(std::string("SELECT ") + kIndicatorColumns + " FROM indicator_definition WHERE code = ?1");
  if (!st) return st.error();
  auto row = st->bind_all(code).step();
  if (!row) return row.error();
  if (!*row) return std::optional<StoredIndicator>();
  auto indicator = read_indicator(*st);
  if (!indicator) return indicator.error();
  return std::optional<StoredIndicator>(std::move(*indicator));
}

Result<void> SqlIndicatorSettingsRepository::insert_custom(const StoredIndicator& i) {
  // A unique-key violation on code comes back as a conflict from either backend.
  return c_.execute(
      "INSERT INTO indicator_definition(code, definition, version, retired, created_by, created_at, "
      "updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
      i.definition.code, definition_document(i.definition), i.version, i.retired, person(i.created_by),
      to_db(i.created_at), to_db(i.updated_at));
}

Result<bool> SqlIndicatorSettingsRepository::update_custom(const StoredIndicator& i, int expected_version) {
  auto done = c_.execute(
      "UPDATE indicator_definition SET definition = ?2, version = ?3, retired = ?4, updated_at = ?5 "
      "WHERE code = ?1 AND version = ?6",
      i.definition.code, definition_document(i.definition), i.version, i.retired, to_db(i.updated_at),
      expected_version);
  if (!done) return done.error();
  return c_.changes() > 0;
}

Result<std::vector<IndicatorSetting>> SqlIndicatorSettingsRepository::list_settings() {
  auto st = c_.prepare(std::string("SELECT ") + kSettingColumns +
                       " FROM indicator_setting ORDER BY indicator_code");
  if (!st) return st.error();
  return read_rows(*st, read_setting);
}

Result<std::optional<IndicatorSetting>> SqlIndicatorSettingsRepository::find_setting(std::string_view code) {
  auto st = c_.prepare(std::string("SELECT ") + kSettingColumns +
                       " FROM indicator_setting WHERE indicator_code = ?1");
  if (!st) return st.error();
  st->bind_all(code);
  return read_first(*st, read_setting);
}

Result<void> SqlIndicatorSettingsRepository::save_setting(const IndicatorSetting& s) {
  std::optional<std::string> chart, rules;
  if (s.chart) chart = std::string(indicators::to_string(*s.chart));
  if (s.rules) rules = std::string(indicators::to_string(*s.rules));
  return c_.execute(
      "INSERT INTO indicator_setting(indicator_code, target, alert_threshold, chart, rules, version, "
      "updated_by, "
      "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (indicator_code) DO UPDATE SET "
      "target = excluded.target, alert_threshold = excluded.alert_threshold, chart = excluded.chart, "
      "rules = excluded.rules, version = excluded.version, updated_by = excluded.updated_by, "
      "updated_at = excluded.updated_at",
      s.indicator_code, s.target, s.alert_threshold, chart, rules, s.version, person(s.updated_by),
      to_db(s.updated_at));
}

Result<std::vector<StoredAnnotation>> SqlIndicatorSettingsRepository::list_annotations(std::string_view code,
                                                                                       ScopeRef scope) {
  auto st = c_.prepare(std::string("SELECT ") + kAnnotationColumns +
                       " FROM spc_annotation WHERE indicator_code = ?1 AND scope_type = ?2 AND scope_id = ?3 "
                       "ORDER BY period, id");
  if (!st) return st.error();
  st->bind_all(code, to_string(scope.type), scope.id);
  return read_rows(*st, read_annotation);
}

Result<std::optional<StoredAnnotation>> SqlIndicatorSettingsRepository::find_annotation(Id id) {
  auto st = c_.prepare(std::string("SELECT ") + kAnnotationColumns + " FROM spc_annotation WHERE id = ?1");
  if (!st) return st.error();
  st->bind_all(id);
  return read_first(*st, read_annotation);
}

Result<Id> SqlIndicatorSettingsRepository::insert_annotation(const StoredAnnotation& a) {
  std::optional<std::int64_t> points;
  if (a.annotation.baseline_points) points = static_cast<std::int64_t>(*a.annotation.baseline_points);
  return c_.insert(
      "INSERT INTO spc_annotation(indicator_code, scope_type, scope_id, kind, period, reason, "
      "baseline_points, "
      "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
      a.indicator_code, to_string(a.scope.type), a.scope.id, kind_text(a.annotation.kind),
      a.annotation.period, a.annotation.reason, points, person(a.created_by), to_db(a.created_at));
}

Result<void> SqlIndicatorSettingsRepository::delete_annotation(Id id) {
  auto done = c_.execute("DELETE FROM spc_annotation WHERE id = ?1", id);
  if (!done) return done;
  if (c_.changes() == 0) return Error::not_found("There is no such annotation.");
  return {};
}

}  // namespace hqms::store::sql
