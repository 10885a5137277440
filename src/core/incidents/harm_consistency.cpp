#include "core/incidents/harm_consistency.hpp"

#include <algorithm>
#include <string>

namespace hqms {
namespace {

bool one_of(HarmLevel h, std::initializer_list<HarmLevel> allowed) {
  return std::find(allowed.begin(), allowed.end(), h) != allowed.end();
}

std::string merp_name(MerpCategory m) {
  return "NCC MERP category " + std::string(to_string(m));
}

}  // namespace

std::vector<FieldError> check_harm_consistency(const HarmAssessment& a) {
  std::vector<FieldError> errors;
  const bool reached_patient = a.type == EventType::incident;

  if (!reached_patient && a.harm != HarmLevel::no_harm)
    errors.push_back(
        {"harm", a.type == EventType::near_miss
                     ? "a near miss did not reach the patient, so it cannot have harmed them: record "
                       "No harm, or report it as an incident"
                     : "an unsafe condition involves no patient, so harm must be No harm"});

  if (a.harm == HarmLevel::no_harm && a.duration != HarmDuration::unknown)
    errors.push_back({"harmDuration", "a duration applies only when there was harm"});
  if (a.harm == HarmLevel::death && a.duration == HarmDuration::temporary)
    errors.push_back({"harmDuration", "death is not temporary harm"});

  if (a.merp && a.category != EventCategory::medication)
    errors.push_back({"merpCategory", "NCC MERP categories apply to medication events only"});
  if (a.category == EventCategory::medication && !a.merp)
    errors.push_back({"merpCategory", "a medication event needs its NCC MERP category (A to I)"});
  if (!a.merp || a.category != EventCategory::medication) return errors;

  const auto m = *a.merp;
  switch (m) {
    case MerpCategory::A:
      if (a.type != EventType::unsafe_condition)
        errors.push_back({"merpCategory", merp_name(m) +
                                              " means circumstances with the capacity to cause error; "
                                              "report it as an unsafe condition"});
      break;
    case MerpCategory::B:
      if (a.type != EventType::near_miss)
        errors.push_back({"merpCategory", merp_name(m) +
                                              " means the error did not reach the patient; report it "
                                              "as a near miss"});
      break;
    case MerpCategory::C:
    case MerpCategory::D:
      if (a.type != EventType::incident)
        errors.push_back({"merpCategory", merp_name(m) +
                                              " means the error reached the patient; report it as an "
                                              "incident"});
      else if (!one_of(a.harm, {HarmLevel::no_harm}))
        errors.push_back({"harm", merp_name(m) + " means the error caused no harm; record No harm or choose "
                                                 "category E to I"});
      break;
    case MerpCategory::E:
    case MerpCategory::F:
      if (!one_of(a.harm, {HarmLevel::mild, HarmLevel::moderate, HarmLevel::severe}))
        errors.push_back(
            {"harm", merp_name(m) + " means temporary harm; record Mild, Moderate or Severe harm"});
      else if (a.duration == HarmDuration::permanent)
        errors.push_back(
            {"harmDuration", merp_name(m) + " means temporary harm; permanent harm is category G"});
      break;
    case MerpCategory::G:
      if (!one_of(a.harm, {HarmLevel::moderate, HarmLevel::severe}))
        errors.push_back({"harm", merp_name(m) + " means permanent harm; record Moderate or Severe harm"});
      else if (a.duration == HarmDuration::temporary)
        errors.push_back({"harmDuration", merp_name(m) + " means permanent harm"});
      break;
    case MerpCategory::H:
      if (!one_of(a.harm, {HarmLevel::severe}))
        errors.push_back({"harm", merp_name(m) + " means an intervention was needed to sustain life; record "
                                                 "Severe harm"});
      break;
    case MerpCategory::I:
      if (a.harm != HarmLevel::death)
        errors.push_back({"harm", merp_name(m) +
                                      " means the error may have contributed to the patient's death; "
                                      "record Death"});
      break;
  }
  if (a.harm == HarmLevel::death && m != MerpCategory::I)
    errors.push_back({"merpCategory", "a medication error that contributed to death is NCC MERP category I"});
  return errors;
}

}  // namespace hqms
