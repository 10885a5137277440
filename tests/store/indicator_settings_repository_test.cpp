// What analysts keep about indicators: their own definitions (every filter form read back as saved, codes
// unique, optimistic updates, retirement), the settings over catalogue indicators, and chart annotations
// per indicator and scope.
#include <gtest/gtest.h>

#include "core/indicators/definition_json.hpp"
#include "register_hospital.hpp"

namespace hqms::test {
namespace {

using indicators::Condition;

indicators::IndicatorDefinition definition(const std::string& code) {
  indicators::IndicatorDefinition d;
  d.code = code;
  d.name = "Elderly AMI mortality";
  d.description = "Deaths among stays for acute myocardial infarction, aged 65 and over";
  d.domain = indicators::IomDomain::effective;
  d.type = indicators::IndicatorType::proportion;
  d.per = 100;
  d.unit_label = "%";
  d.numerator.source = "encounters";
  d.numerator.where = {
      {"died", Condition::Test::is, true, {}, {}, {}},
      {"age_band", Condition::Test::in, true, {"65-74", "75-84", "85+"}, {}, {}},
      {"disposition", Condition::Test::not_in, true, {"transfer"}, {}, {}},
      {"primary_diagnosis", Condition::Test::starts_with, true, {"I21", "I22"}, {}, {}},
      {"procedures", Condition::Test::any_starts_with, true, {"0SR"}, {}, {}},
      {"ed_minutes", Condition::Test::between, true, {}, std::nullopt, 1440.5},
      {"patient_days", Condition::Test::between, true, {}, 0.25, std::nullopt},
  };
  indicators::Measure denominator;
  denominator.source = "encounters";
  denominator.where = {{"primary_diagnosis", Condition::Test::starts_with, true, {"I21"}, {}, {}}};
  d.denominator = denominator;
  d.direction = indicators::Direction::lower_is_better;
  d.target = 7.5;
  d.alert_threshold = std::nullopt;
  d.period = indicators::PeriodUnit::quarter;
  d.strata = {"age_band", "sex"};
  d.chart = indicators::ChartType::p_prime;
  d.rules = indicators::RuleSet::anhoej;
  d.citation = "AHRQ IQI 15 (adapted)";
  d.built_in = false;
  return d;
}

struct IndicatorSettingsStore : ::testing::Test, RegisterHospital {
  store::StoredIndicator stored(const std::string& code) {
    store::StoredIndicator s;
    s.definition = definition(code);
    s.created_by = coordinator;
    s.created_at = s.updated_at = at("2026-03-01T09:00:00Z");
    return s;
  }
  store::IndicatorSettingsRepository& settings(store::UnitOfWork& uow) { return uow.indicator_settings(); }
};

TEST(IndicatorSettingsJson, EveryFilterFormReadsBackAsWritten) {
  const auto d = definition("elderly_ami_mortality");
  const auto json = indicators::definition_json(d);
  EXPECT_EQ(json["numerator"]["where"][1]["in"][2], "85+");
  EXPECT_EQ(json["numerator"]["where"][2].contains("notIn"), true);
  EXPECT_TRUE(json["numerator"]["where"][5]["between"][0].is_null());
  EXPECT_EQ(json["numerator"]["column"], nullptr);
  EXPECT_EQ(json["chart"], "p_prime");
  EXPECT_EQ(json["alertThreshold"], nullptr);
  auto back = indicators::definition_from_json(json);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(*back, d);

  auto broken = json;
  broken["domain"] = "cheap";
  broken["numerator"]["where"][0] = {{"column", "died"}, {"is", true}, {"in", {"x"}}};
  broken.erase("name");
  auto refused = indicators::definition_from_json(broken);
  ASSERT_FALSE(refused);
  std::vector<std::string> fields;
  for (const auto& f : refused.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "domain", "numerator.where[0]"}));
}

TEST_F(IndicatorSettingsStore, CustomIndicatorsAreKeptWholeAndVersioned) {
  ASSERT_TRUE(
      write([&](store::UnitOfWork& uow) { return settings(uow).insert_custom(stored("ami_deaths")); }));
  auto duplicate =
      write([&](store::UnitOfWork& uow) { return settings(uow).insert_custom(stored("ami_deaths")); });
  ASSERT_FALSE(duplicate);
  EXPECT_EQ(duplicate.error().kind, ErrorKind::conflict);

  auto found = read()->indicator_settings().find_custom("ami_deaths");
  ASSERT_TRUE(found && *found) << (found ? "missing" : found.error().message);
  EXPECT_EQ((*found)->definition, definition("ami_deaths"));
  EXPECT_EQ((*found)->version, 1);
  EXPECT_EQ((*found)->created_by, coordinator);
  EXPECT_FALSE((*found)->retired);
  EXPECT_FALSE(*read()->indicator_settings().find_custom("nothing"));

  auto changed = **found;
  changed.definition.name = "AMI deaths";
  changed.version = 2;
  changed.updated_at = at("2026-03-02T09:00:00Z");
  auto updated = write([&](store::UnitOfWork& uow) { return settings(uow).update_custom(changed, 1); });
  ASSERT_TRUE(updated);
  EXPECT_TRUE(*updated);
  changed.version = 3;
  auto stale = write([&](store::UnitOfWork& uow) { return settings(uow).update_custom(changed, 1); });
  ASSERT_TRUE(stale);
  EXPECT_FALSE(*stale) << "version 1 is no longer the stored one";
  auto again = read()->indicator_settings().find_custom("ami_deaths");
  EXPECT_EQ((*again)->definition.name, "AMI deaths");
  EXPECT_EQ((*again)->version, 2);
  EXPECT_EQ((*again)->updated_at, at("2026-03-02T09:00:00Z"));
}

TEST_F(IndicatorSettingsStore, RetiredIndicatorsAreListedOnlyWhenAskedFor) {
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) -> Result<void> {
    if (auto r = settings(uow).insert_custom(stored("b_second")); !r) return r;
    return settings(uow).insert_custom(stored("a_first"));
  }));
  auto retired = *(*read()->indicator_settings().find_custom("b_second"));
  retired.retired = true;
  retired.version = 2;
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return settings(uow).update_custom(retired, 1); }));
  auto active = read()->indicator_settings().list_custom(false);
  ASSERT_TRUE(active);
  ASSERT_EQ(active->size(), 1u);
  EXPECT_EQ(active->front().definition.code, "a_first");
  auto all = read()->indicator_settings().list_custom(true);
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->back().definition.code, "b_second");
  EXPECT_TRUE(all->back().retired);
}

TEST_F(IndicatorSettingsStore, SettingsAreSavedOverAndMayClearATarget) {
  store::IndicatorSetting s;
  s.indicator_code = "falls_per_1000_patient_days";
  s.target = 0.1 + 0.2;
  s.alert_threshold = 5;
  s.chart = indicators::ChartType::u_prime;
  s.version = 1;
  s.updated_by = coordinator;
  s.updated_at = at("2026-03-01T09:00:00Z");
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return settings(uow).save_setting(s); }));
  auto found = read()->indicator_settings().find_setting(s.indicator_code);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->target, 0.1 + 0.2) << "kept exactly";
  EXPECT_EQ((*found)->chart, indicators::ChartType::u_prime);
  EXPECT_FALSE((*found)->rules);
  EXPECT_EQ((*found)->updated_by, coordinator);

  s.target.reset();
  s.rules = indicators::RuleSet::anhoej;
  s.version = 2;
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return settings(uow).save_setting(s); }));
  auto list = read()->indicator_settings().list_settings();
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 1u);
  EXPECT_FALSE(list->front().target);
  EXPECT_EQ(list->front().alert_threshold, 5.0);
  EXPECT_EQ(list->front().rules, indicators::RuleSet::anhoej);
  EXPECT_EQ(list->front().version, 2);
  EXPECT_FALSE(*read()->indicator_settings().find_setting("other"));
}

TEST_F(IndicatorSettingsStore, AnnotationsBelongToOneChartAtOneScope) {
  auto add = [&](ScopeRef scope, indicators::ChartAnnotation::Kind kind, const char* period,
                 std::optional<std::size_t> points = std::nullopt) {
    store::StoredAnnotation a;
    a.indicator_code = "falls_per_1000_patient_days";
    a.scope = scope;
    a.annotation = {kind, period, "New bed alarms", points};
    a.created_by = coordinator;
    a.created_at = at("2026-03-01T09:00:00Z");
    auto id = write([&](store::UnitOfWork& uow) { return settings(uow).insert_annotation(a); });
    EXPECT_TRUE(id) << id.error().message;
    return id ? *id : 0;
  };
  const ScopeRef ward_scope{ScopeType::department, ward}, org_scope{ScopeType::organisation, org};
  const Id later = add(ward_scope, indicators::ChartAnnotation::Kind::exclusion, "2025-06");
  const Id baseline = add(ward_scope, indicators::ChartAnnotation::Kind::baseline, "2025-01", 12);
  add(org_scope, indicators::ChartAnnotation::Kind::process_change, "2025-03");

  auto list = read()->indicator_settings().list_annotations("falls_per_1000_patient_days", ward_scope);
  ASSERT_TRUE(list);
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].id, baseline) << "in period order";
  EXPECT_EQ((*list)[0].annotation.kind, indicators::ChartAnnotation::Kind::baseline);
  EXPECT_EQ((*list)[0].annotation.baseline_points, 12u);
  EXPECT_EQ((*list)[1].annotation.kind, indicators::ChartAnnotation::Kind::exclusion);
  EXPECT_FALSE((*list)[1].annotation.baseline_points);
  EXPECT_EQ((*list)[1].scope, ward_scope);
  EXPECT_EQ((*list)[1].annotation.reason, "New bed alarms");
  EXPECT_TRUE(read()->indicator_settings().list_annotations("other", ward_scope)->empty());

  auto found = read()->indicator_settings().find_annotation(later);
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->annotation.period, "2025-06");
  EXPECT_EQ((*found)->created_by, coordinator);
  ASSERT_TRUE(write([&](store::UnitOfWork& uow) { return settings(uow).delete_annotation(later); }));
  EXPECT_FALSE(*read()->indicator_settings().find_annotation(later));
  auto gone = write([&](store::UnitOfWork& uow) { return settings(uow).delete_annotation(later); });
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().kind, ErrorKind::not_found);
}

}  // namespace
}  // namespace hqms::test
