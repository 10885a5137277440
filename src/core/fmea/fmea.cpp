#include "core/fmea/fmea.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <map>
#include <set>

#include "core/common/enum_table.hpp"
#include "core/common/text_checks.hpp"

namespace hqms {
namespace {

constexpr EnumTable<ActionPriority, 3> kPriorities{{
    {ActionPriority::high, "high", "High", "Act to improve prevention or detection, or justify why not"},
    {ActionPriority::medium, "medium", "Medium", "Should act to improve prevention or detection"},
    {ActionPriority::low, "low", "Low", "Could act to improve prevention or detection"},
}};

constexpr EnumTable<FmeaState, 2> kStates{{
    {FmeaState::in_progress, "in_progress", "In progress"},
    {FmeaState::completed, "completed", "Completed"},
}};

// The AIAG-VDA FMEA handbook (2019) action priority table, the same for design and process FMEA. Rows are
// severity bands, then occurrence bands, highest first; columns are detection bands, worst detection first.
constexpr ActionPriority H = ActionPriority::high, M = ActionPriority::medium, L = ActionPriority::low;
using DetectionRow = std::array<ActionPriority, 4>;  // D 7-10, 5-6, 2-4, 1
using OccurrenceRows = std::array<DetectionRow, 5>;  // O 8-10, 6-7, 4-5, 2-3, 1
constexpr std::array<OccurrenceRows, 5> kActionPriority{{
    // S 9-10: the effect harms someone or breaks a regulation.
    {{{H, H, H, H}, {H, H, H, H}, {H, H, H, M}, {H, M, L, L}, {L, L, L, L}}},
    // S 7-8
    {{{H, H, H, H}, {H, H, H, M}, {H, M, M, M}, {M, M, L, L}, {L, L, L, L}}},
    // S 4-6
    {{{H, H, M, M}, {M, M, M, L}, {M, L, L, L}, {L, L, L, L}, {L, L, L, L}}},
    // S 2-3
    {{{M, M, L, L}, {L, L, L, L}, {L, L, L, L}, {L, L, L, L}, {L, L, L, L}}},
    // S 1: no discernible effect.
    {{{L, L, L, L}, {L, L, L, L}, {L, L, L, L}, {L, L, L, L}, {L, L, L, L}}},
}};

// Each band by its lowest rating, highest band first; a rating falls in the first band whose floor it
// reaches.
constexpr std::array<int, 5> kSeverityFloors{9, 7, 4, 2, 1};
constexpr std::array<int, 5> kOccurrenceFloors{8, 6, 4, 2, 1};
constexpr std::array<int, 4> kDetectionFloors{7, 5, 2, 1};

template <std::size_t N>
std::size_t band_index(const std::array<int, N>& floors, int rating) {
  for (std::size_t i = 0; i < N; ++i)
    if (rating >= floors[i]) return i;
  return N - 1;
}

int priority_rank(ActionPriority p) {
  switch (p) {
    case ActionPriority::high:
      return 3;
    case ActionPriority::medium:
      return 2;
    case ActionPriority::low:
      return 1;
  }
  return 0;
}

constexpr std::size_t kTitleMaxLength = 300;
constexpr std::size_t kTextMaxLength = 4000;
constexpr std::size_t kMaxSteps = 100;

// "Spike the bag" and "spike the bag " are the same step.
std::string folded(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  std::string out = s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void check_rating(std::vector<FieldError>& errors, const std::string& prefix, const SodRating& r) {
  const std::array<std::pair<const char*, int>, 3> ratings{
      {{"severity", r.severity}, {"occurrence", r.occurrence}, {"detection", r.detection}}};
  for (const auto& [name, value] : ratings)
    if (value < 1 || value > 10) errors.push_back({prefix + name, "must be a rating from 1 to 10"});
}

const SodRating& current(const FailureMode& fm) {
  return fm.revised ? *fm.revised : fm.rating;
}

}  // namespace

std::string_view to_string(ActionPriority v) {
  return enum_name(kPriorities, v).id;
}
std::string_view label(ActionPriority v) {
  return enum_name(kPriorities, v).label;
}
std::string_view to_string(FmeaState v) {
  return enum_name(kStates, v).id;
}
std::optional<FmeaState> fmea_state_from_string(std::string_view s) {
  return enum_from_id(kStates, s);
}

int risk_priority_number(int severity, int occurrence, int detection) {
  return severity * occurrence * detection;
}

ActionPriority action_priority(int severity, int occurrence, int detection) {
  return kActionPriority[band_index(kSeverityFloors, severity)][band_index(kOccurrenceFloors, occurrence)]
                        [band_index(kDetectionFloors, detection)];
}

std::vector<FieldError> check_study(const FmeaStudy& study) {
  std::vector<FieldError> errors;
  check_required_text(errors, "title", study.title, kTitleMaxLength);
  check_required_text(errors, "process", study.process, kTextMaxLength);
  std::set<Id> team;
  for (std::size_t i = 0; i < study.team.size(); ++i)
    if (!team.insert(study.team[i]).second)
      errors.push_back({indexed_field("team", i), "is already on the team"});
  if (study.steps.size() > kMaxSteps)
    errors.push_back({"steps", "at most " + std::to_string(kMaxSteps) + " steps in one study"});
  std::set<std::string> names;
  for (std::size_t i = 0; i < study.steps.size(); ++i) {
    const auto field = indexed_field("steps", i, "name");
    const auto& name = study.steps[i].name;
    check_required_text(errors, field, name, kTitleMaxLength);
    if (!is_blank(name) && !names.insert(folded(name)).second)
      errors.push_back({field, "\"" + name + "\" is already a step"});
  }
  return errors;
}

std::vector<FieldError> check_failure_mode(const FailureMode& fm) {
  std::vector<FieldError> errors;
  check_required_text(errors, "mode", fm.mode, kTextMaxLength);
  check_text_length(errors, "effects", fm.effects, kTextMaxLength);
  check_text_length(errors, "causes", fm.causes, kTextMaxLength);
  check_text_length(errors, "preventionControls", fm.prevention_controls, kTextMaxLength);
  check_text_length(errors, "detectionControls", fm.detection_controls, kTextMaxLength);
  check_text_length(errors, "recommendedAction", fm.recommended_action, kTextMaxLength);
  check_text_length(errors, "actionTaken", fm.action_taken, kTextMaxLength);
  check_rating(errors, "", fm.rating);
  if (fm.revised) {
    // A re-score measures what an action changed; without one there is nothing to measure.
    if (is_blank(fm.action_taken))
      errors.push_back({"actionTaken", "record the action taken before scoring again"});
    check_rating(errors, "revised.", *fm.revised);
    // Actions lower how often a failure happens or how surely it is caught, not how badly it hurts.
    if (fm.revised->severity > fm.rating.severity)
      errors.push_back({"revised.severity", "cannot be above the original severity (" +
                                                std::to_string(fm.rating.severity) + ")"});
  }
  return errors;
}

std::optional<int> rpn_reduction(const FailureMode& fm) {
  if (!fm.revised) return std::nullopt;
  return fm.rating.rpn() - fm.revised->rpn();
}

std::vector<FailureMode> worksheet_order(std::vector<FailureMode> modes, std::span<const ProcessStep> steps) {
  std::map<Id, int> step_number;
  for (const auto& s : steps) step_number[s.id] = s.number;
  // A row whose step is unknown sorts after every known step rather than before the first.
  auto number_of = [&](Id step) {
    const auto found = step_number.find(step);
    return found == step_number.end() ? std::numeric_limits<int>::max() : found->second;
  };
  std::sort(modes.begin(), modes.end(), [&](const FailureMode& a, const FailureMode& b) {
    const auto &ra = current(a), &rb = current(b);
    if (ra.rpn() != rb.rpn()) return ra.rpn() > rb.rpn();
    const int pa = priority_rank(ra.priority()), pb = priority_rank(rb.priority());
    if (pa != pb) return pa > pb;
    if (ra.severity != rb.severity) return ra.severity > rb.severity;
    const int na = number_of(a.step_id), nb = number_of(b.step_id);
    if (na != nb) return na < nb;
    return a.id < b.id;
  });
  return modes;
}

}  // namespace hqms
