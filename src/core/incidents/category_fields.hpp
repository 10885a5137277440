#pragma once
// The extra questions each AHRQ Common Formats category asks (a fall: assisted or not, injury, risk
// assessment done; a medication event: the drug and the stage of the medication process ...). The report
// form is drawn from this table and the server checks answers against it, so the two cannot disagree.
#include <span>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/incidents/incident_report.hpp"

namespace hqms {

enum class DetailKind { text, choice };

struct DetailChoice {
  std::string_view id;
  std::string_view label;
};

struct CategoryField {
  std::string_view name;  // key in EventDetails and in the API's `details` object
  std::string_view label;
  DetailKind kind = DetailKind::text;
  std::span<const DetailChoice> choices;  // for DetailKind::choice
  bool required = false;
  std::string_view help = {};
};

std::span<const CategoryField> category_fields(EventCategory category);

// Errors are reported against `details.<name>`: unknown keys, missing required answers, choices that are
// not offered, text over 500 characters.
std::vector<FieldError> check_event_details(EventCategory category, const EventDetails& details);

}  // namespace hqms
