#include "core/incidents/category_fields.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

namespace hqms {
namespace {

using C = EventCategory;

std::vector<std::string> fields(const std::vector<FieldError>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

const CategoryField* field(C category, std::string_view name) {
  for (const auto& f : category_fields(category))
    if (f.name == name) return &f;
  return nullptr;
}

std::vector<std::string_view> choice_ids(C category, std::string_view name) {
  std::vector<std::string_view> out;
  for (const auto& c : field(category, name)->choices) out.push_back(c.id);
  return out;
}

std::vector<std::string_view> required_names(C category) {
  std::vector<std::string_view> out;
  for (const auto& f : category_fields(category))
    if (f.required) out.push_back(f.name);
  return out;
}

TEST(CategoryFields, FallAsksAssistanceInjuryAndRiskAssessment) {
  EXPECT_EQ(required_names(C::fall),
            (std::vector<std::string_view>{"assisted", "injury", "riskAssessmentDone"}));
  EXPECT_EQ(choice_ids(C::fall, "assisted"),
            (std::vector<std::string_view>{"assisted", "unassisted", "unknown"}));
  EXPECT_EQ(choice_ids(C::fall, "injury"),
            (std::vector<std::string_view>{"none", "minor", "major", "death", "unknown"}));
  EXPECT_EQ(choice_ids(C::fall, "riskAssessmentDone"),
            (std::vector<std::string_view>{"yes", "no", "unknown"}));
  ASSERT_NE(field(C::fall, "activity"), nullptr);
  EXPECT_EQ(field(C::fall, "activity")->kind, DetailKind::text);
  EXPECT_FALSE(field(C::fall, "activity")->required);
}

TEST(CategoryFields, MedicationAsksTheDrugAndTheStage) {
  EXPECT_EQ(required_names(C::medication), (std::vector<std::string_view>{"drug", "stage"}));
  EXPECT_EQ(field(C::medication, "drug")->kind, DetailKind::text);
  EXPECT_EQ(choice_ids(C::medication, "stage"),
            (std::vector<std::string_view>{"prescribing", "transcribing", "dispensing", "administering",
                                           "monitoring"}));
  EXPECT_FALSE(field(C::medication, "route")->required);
  EXPECT_FALSE(field(C::medication, "dose")->required);
}

TEST(CategoryFields, EveryOtherCategoryHasItsQuestions) {
  EXPECT_EQ(choice_ids(C::blood_product, "product"),
            (std::vector<std::string_view>{"red_cells", "platelets", "plasma", "cryoprecipitate", "other"}));
  EXPECT_EQ(choice_ids(C::blood_product, "stage"),
            (std::vector<std::string_view>{"ordering", "sampling", "laboratory", "issue", "administration"}));
  EXPECT_EQ(required_names(C::device), std::vector<std::string_view>{"deviceName"});
  EXPECT_EQ(choice_ids(C::device, "healthIt"), (std::vector<std::string_view>{"yes", "no"}));
  EXPECT_NE(field(C::device, "manufacturer"), nullptr);
  EXPECT_EQ(choice_ids(C::healthcare_associated_infection, "infectionType"),
            (std::vector<std::string_view>{"clabsi", "cauti", "ssi", "vap", "c_difficile", "mrsa_bacteraemia",
                                           "other"}));
  EXPECT_EQ(choice_ids(C::perinatal, "affected"),
            (std::vector<std::string_view>{"mother", "neonate", "both"}));
  EXPECT_EQ(choice_ids(C::pressure_injury, "stage"),
            (std::vector<std::string_view>{"stage_1", "stage_2", "stage_3", "stage_4", "unstageable",
                                           "deep_tissue_injury"}));
  EXPECT_EQ(choice_ids(C::pressure_injury, "presentOnAdmission"),
            (std::vector<std::string_view>{"yes", "no", "unknown"}));
  EXPECT_EQ(choice_ids(C::surgery_anesthesia, "eventKind"),
            (std::vector<std::string_view>{"wrong_site", "wrong_procedure", "wrong_patient",
                                           "retained_foreign_object", "anaesthesia_event", "other"}));
  EXPECT_EQ(choice_ids(C::venous_thromboembolism, "vteType"), (std::vector<std::string_view>{"dvt", "pe"}));
  EXPECT_EQ(required_names(C::venous_thromboembolism), std::vector<std::string_view>{"vteType"});
  EXPECT_TRUE(category_fields(C::other).empty());
}

TEST(CategoryFields, TheTableIsWellFormed) {
  for (auto category : all_event_categories()) {
    std::set<std::string_view> names;
    for (const auto& f : category_fields(category)) {
      SCOPED_TRACE(std::string(to_string(category)) + "." + std::string(f.name));
      EXPECT_TRUE(names.insert(f.name).second) << "each name once per category";
      EXPECT_FALSE(f.label.empty());
      EXPECT_TRUE(std::none_of(f.name.begin(), f.name.end(), [](char c) { return c == '_' || c == ' '; }))
          << "field names are camelCase";
      EXPECT_EQ(f.kind == DetailKind::choice, !f.choices.empty()) << "choices exactly for choice fields";
      for (const auto& c : f.choices) {
        EXPECT_FALSE(c.label.empty());
        EXPECT_TRUE(std::all_of(c.id.begin(), c.id.end(), [](char ch) {
          return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
        })) << c.id;
      }
    }
  }
}

TEST(CategoryFields, CompleteAnswersPass) {
  EXPECT_TRUE(check_event_details(C::fall, {{"assisted", "unassisted"},
                                            {"injury", "minor"},
                                            {"riskAssessmentDone", "yes"},
                                            {"activity", "walking to the toilet"}})
                  .empty());
  EXPECT_TRUE(
      check_event_details(C::medication, {{"drug", "enoxaparin"}, {"stage", "administering"}}).empty());
  EXPECT_TRUE(check_event_details(C::pressure_injury, {{"stage", "deep_tissue_injury"}}).empty());
  EXPECT_TRUE(check_event_details(C::other, {}).empty());
}

TEST(CategoryFields, MissingRequiredAnswersAreNamed) {
  auto errors = check_event_details(C::fall, {{"assisted", "assisted"}});
  EXPECT_EQ(fields(errors), (std::vector<std::string>{"details.injury", "details.riskAssessmentDone"}));
  EXPECT_NE(errors[0].message.find("required"), std::string::npos);
  EXPECT_NE(errors[0].message.find("Fall"), std::string::npos);
  // Whitespace is no answer.
  EXPECT_EQ(fields(check_event_details(C::medication, {{"drug", "   "}, {"stage", "dispensing"}})),
            std::vector<std::string>{"details.drug"});
  // Optional questions may stay unanswered, or be answered with nothing.
  EXPECT_TRUE(check_event_details(C::blood_product, {{"product", "plasma"}, {"stage", ""}}).empty());
}

TEST(CategoryFields, OnlyOfferedChoicesAreAccepted) {
  auto errors = check_event_details(C::venous_thromboembolism, {{"vteType", "DVT"}});
  ASSERT_EQ(fields(errors), std::vector<std::string>{"details.vteType"});
  EXPECT_EQ(errors[0].message, "\"DVT\" is not one of the choices: dvt, pe") << "ids, not labels";
  // An optional choice, when answered, must still be one offered.
  EXPECT_EQ(fields(check_event_details(C::device, {{"deviceName", "Infusion pump"}, {"healthIt", "maybe"}})),
            std::vector<std::string>{"details.healthIt"});
  EXPECT_EQ(fields(check_event_details(C::blood_product, {{"product", "red cells"}})),
            std::vector<std::string>{"details.product"});
}

TEST(CategoryFields, AnotherCategorysAnswersAreRefused) {
  // A reporter who switched from medication to fall leaves the drug behind.
  auto errors = check_event_details(
      C::fall,
      {{"assisted", "unknown"}, {"injury", "none"}, {"riskAssessmentDone", "no"}, {"drug", "insulin"}});
  ASSERT_EQ(fields(errors), std::vector<std::string>{"details.drug"});
  EXPECT_NE(errors[0].message.find("not a question"), std::string::npos);
  EXPECT_EQ(fields(check_event_details(C::other, {{"note", "x"}})), std::vector<std::string>{"details.note"});
}

TEST(CategoryFields, TextAnswersAreAtMost500Characters) {
  const std::string longest(500, 'x');
  EXPECT_TRUE(check_event_details(C::medication, {{"drug", longest}, {"stage", "monitoring"}}).empty());
  auto errors = check_event_details(C::medication, {{"drug", longest + "x"}, {"stage", "monitoring"}});
  ASSERT_EQ(fields(errors), std::vector<std::string>{"details.drug"});
  EXPECT_EQ(errors[0].message, "must be at most 500 characters");
  EXPECT_EQ(
      fields(check_event_details(
          C::medication, {{"drug", "heparin"}, {"stage", "monitoring"}, {"dose", std::string(501, '1')}})),
      std::vector<std::string>{"details.dose"});
}

}  // namespace
}  // namespace hqms
