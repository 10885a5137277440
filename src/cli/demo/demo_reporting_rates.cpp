#include "cli/demo/demo_reporting_rates.hpp"

namespace hqms::cli {
namespace {

const DepartmentReporting kRates[] = {
    {"ED",
     1.4,
     {{EventCategory::fall, 30},
      {EventCategory::medication, 30},
      {EventCategory::other, 20},
      {EventCategory::device, 10},
      {EventCategory::venous_thromboembolism, 3}}},
    {"ICU",
     0.9,
     {{EventCategory::pressure_injury, 30},
      {EventCategory::healthcare_associated_infection, 25},
      {EventCategory::medication, 25},
      {EventCategory::device, 15},
      {EventCategory::blood_product, 5}}},
    {"SURG",
     0.9,
     {{EventCategory::surgery_anesthesia, 35},
      {EventCategory::healthcare_associated_infection, 20},
      {EventCategory::venous_thromboembolism, 15},
      {EventCategory::medication, 15},
      {EventCategory::fall, 10}}},
    {"MED",
     1.2,
     {{EventCategory::fall, 40},
      {EventCategory::medication, 30},
      {EventCategory::pressure_injury, 15},
      {EventCategory::venous_thromboembolism, 5},
      {EventCategory::other, 10}}},
    {"PAED",
     0.4,
     {{EventCategory::medication, 50},
      {EventCategory::fall, 15},
      {EventCategory::device, 15},
      {EventCategory::other, 20}}},
    {"MAT",
     0.5,
     {{EventCategory::perinatal, 60},
      {EventCategory::medication, 15},
      {EventCategory::blood_product, 10},
      {EventCategory::other, 15}}},
    {"PHARM", 0.6, {{EventCategory::medication, 90}, {EventCategory::other, 10}}},
    {"RAD", 0.3, {{EventCategory::device, 40}, {EventCategory::other, 40}, {EventCategory::fall, 20}}},
    {"LAB", 0.3, {{EventCategory::blood_product, 60}, {EventCategory::other, 40}}},
    {"NED", 0.6, {{EventCategory::fall, 30}, {EventCategory::medication, 35}, {EventCategory::other, 35}}},
    {"NMED",
     0.9,
     {{EventCategory::fall, 45},
      {EventCategory::medication, 25},
      {EventCategory::pressure_injury, 20},
      {EventCategory::other, 10}}},
    {"NREH",
     0.4,
     {{EventCategory::fall, 60}, {EventCategory::pressure_injury, 20}, {EventCategory::other, 20}}},
};

}  // namespace

int DepartmentReporting::total_weight() const {
  int total = 0;
  for (const auto& [category, weight] : mix) total += weight;
  return total;
}

EventCategory DepartmentReporting::category_at(int roll) const {
  for (const auto& [category, weight] : mix) {
    if (roll < weight) return category;
    roll -= weight;
  }
  return EventCategory::other;
}

std::span<const DepartmentReporting> demo_reporting_rates() {
  return kRates;
}

}  // namespace hqms::cli
