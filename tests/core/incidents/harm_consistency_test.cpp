#include "core/incidents/harm_consistency.hpp"

#include <gtest/gtest.h>

namespace hqms {
namespace {

using E = EventType;
using H = HarmLevel;
using D = HarmDuration;
using M = MerpCategory;

std::vector<std::string> fields(const HarmAssessment& a) {
  std::vector<std::string> out;
  for (const auto& e : check_harm_consistency(a)) out.push_back(e.field);
  return out;
}

HarmAssessment medication(E type, H harm, M merp, D duration = D::unknown) {
  return {type, EventCategory::medication, harm, duration, merp};
}

TEST(HarmConsistency, NearMissesAndUnsafeConditionsHarmNoOne) {
  EXPECT_TRUE(fields({E::near_miss, EventCategory::fall, H::no_harm, D::unknown, {}}).empty());
  auto errors = check_harm_consistency({E::near_miss, EventCategory::fall, H::mild, D::temporary, {}});
  ASSERT_FALSE(errors.empty());
  EXPECT_EQ(errors[0].field, "harm");
  EXPECT_NE(errors[0].message.find("near miss did not reach the patient"), std::string::npos);
  EXPECT_EQ(fields({E::unsafe_condition, EventCategory::device, H::unknown, D::unknown, {}}),
            std::vector<std::string>{"harm"});
  EXPECT_TRUE(fields({E::incident, EventCategory::fall, H::moderate, D::temporary, {}}).empty());
}

TEST(HarmConsistency, DurationFitsTheHarm) {
  EXPECT_EQ(fields({E::incident, EventCategory::fall, H::no_harm, D::permanent, {}}),
            std::vector<std::string>{"harmDuration"});
  EXPECT_EQ(fields({E::incident, EventCategory::fall, H::death, D::temporary, {}}),
            std::vector<std::string>{"harmDuration"});
}

TEST(HarmConsistency, MerpBelongsToMedicationEvents) {
  EXPECT_EQ(fields({E::incident, EventCategory::fall, H::no_harm, D::unknown, M::C}),
            std::vector<std::string>{"merpCategory"});
  EXPECT_EQ(fields({E::incident, EventCategory::medication, H::no_harm, D::unknown, {}}),
            std::vector<std::string>{"merpCategory"});
}

TEST(HarmConsistency, MerpCategoriesAgreeWithTypeAndHarm) {
  // The consistent pairs.
  EXPECT_TRUE(fields(medication(E::unsafe_condition, H::no_harm, M::A)).empty());
  EXPECT_TRUE(fields(medication(E::near_miss, H::no_harm, M::B)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::no_harm, M::C)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::no_harm, M::D)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::mild, M::E, D::temporary)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::moderate, M::F, D::temporary)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::severe, M::G, D::permanent)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::severe, M::H)).empty());
  EXPECT_TRUE(fields(medication(E::incident, H::death, M::I)).empty());
  // And the refusals, each with the field to correct.
  EXPECT_EQ(fields(medication(E::incident, H::no_harm, M::A)), std::vector<std::string>{"merpCategory"});
  EXPECT_EQ(fields(medication(E::incident, H::no_harm, M::B)), std::vector<std::string>{"merpCategory"});
  EXPECT_EQ(fields(medication(E::near_miss, H::no_harm, M::C)), std::vector<std::string>{"merpCategory"});
  EXPECT_EQ(fields(medication(E::incident, H::mild, M::D)), std::vector<std::string>{"harm"});
  EXPECT_EQ(fields(medication(E::incident, H::no_harm, M::E)), std::vector<std::string>{"harm"});
  EXPECT_EQ(fields(medication(E::incident, H::mild, M::F, D::permanent)),
            std::vector<std::string>{"harmDuration"});
  EXPECT_EQ(fields(medication(E::incident, H::mild, M::G)), std::vector<std::string>{"harm"});
  EXPECT_EQ(fields(medication(E::incident, H::moderate, M::H)), std::vector<std::string>{"harm"});
  EXPECT_EQ(fields(medication(E::incident, H::severe, M::I)), std::vector<std::string>{"harm"});
  auto death_not_i = check_harm_consistency(medication(E::incident, H::death, M::H));
  ASSERT_EQ(death_not_i.size(), 2u);
  EXPECT_NE(death_not_i[1].message.find("category I"), std::string::npos);
}

}  // namespace
}  // namespace hqms
