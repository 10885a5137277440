// Catalogue indicators carry the analysts' saved settings; their version is the settings' version so that a
// settings change can be made optimistically like any other edit.
#include "http/indicators/indicator_lookup.hpp"

#include <algorithm>
#include <map>

#include "core/indicators/catalogue.hpp"

namespace hqms::http {
namespace {

ResolvedIndicator with_setting(const indicators::IndicatorDefinition& definition,
                               const std::optional<store::IndicatorSetting>& setting) {
  ResolvedIndicator out{definition, 0, false};
  if (!setting) return out;
  out.definition.target = setting->target;
  out.definition.alert_threshold = setting->alert_threshold;
  if (setting->chart) out.definition.chart = *setting->chart;
  if (setting->rules) out.definition.rules = *setting->rules;
  out.version = setting->version;
  return out;
}

ResolvedIndicator from_stored(const store::StoredIndicator& stored,
                              const std::optional<store::IndicatorSetting>& setting) {
  // A custom indicator's own target and chart are part of its definition; a setting saved on it (the same
  // settings route serves both) still wins, but the version stays the definition's.
  auto out = with_setting(stored.definition, setting);
  out.definition.built_in = false;
  out.version = stored.version;
  out.retired = stored.retired;
  return out;
}

}  // namespace

Result<ResolvedIndicator> find_indicator(store::UnitOfWork& uow, std::string_view code) {
  auto setting = uow.indicator_settings().find_setting(code);
  if (!setting) return setting.error();
  if (const auto* built_in = indicators::catalogue_indicator(code)) return with_setting(*built_in, *setting);
  auto stored = uow.indicator_settings().find_custom(code);
  if (!stored) return stored.error();
  if (!*stored) return Error::not_found("No indicator has this code.");
  return from_stored(**stored, *setting);
}

Result<ResolvedIndicator> find_indicator(store::Database& db, std::string_view code) {
  auto uow = db.begin(store::TxMode::read);
  if (!uow) return uow.error();
  return find_indicator(**uow, code);
}

Result<std::vector<ResolvedIndicator>> all_indicators(store::UnitOfWork& uow, bool include_retired) {
  auto settings = uow.indicator_settings().list_settings();
  if (!settings) return settings.error();
  std::map<std::string, store::IndicatorSetting, std::less<>> by_code;
  for (auto& s : *settings) by_code.emplace(s.indicator_code, std::move(s));
  auto setting_of = [&](std::string_view code) -> std::optional<store::IndicatorSetting> {
    auto it = by_code.find(code);
    if (it == by_code.end()) return std::nullopt;
    return it->second;
  };
  std::vector<ResolvedIndicator> out;
  for (const auto& definition : indicators::catalogue())
    out.push_back(with_setting(definition, setting_of(definition.code)));
  auto custom = uow.indicator_settings().list_custom(include_retired);
  if (!custom) return custom.error();
  std::sort(custom->begin(), custom->end(),
            [](const auto& a, const auto& b) { return a.definition.code < b.definition.code; });
  for (const auto& stored : *custom) {
    if (stored.retired && !include_retired) continue;
    out.push_back(from_stored(stored, setting_of(stored.definition.code)));
  }
  return out;
}

}  // namespace hqms::http
