#pragma once
// The checks the record rules share: a value among the documented ids, a department that exists at its site.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/encounters/encounter_record.hpp"

namespace hqms::encounters {

inline bool in_value_set(std::span<const std::string_view> values, std::string_view value) {
  for (const auto v : values)
    if (v == value) return true;
  return false;
}

// "one of: home, transfer, ..." for the message of a value outside its set.
std::string one_of(std::span<const std::string_view> values);

// Adds an error for `field` when `value` is blank.
void require_text(std::vector<FieldError>& errors, std::string_view field, std::string_view value);
// Adds an error for `field` when `value` is not one of `values` (blank included).
void require_one_of(std::vector<FieldError>& errors, std::string_view field, std::string_view value,
                    std::span<const std::string_view> values);
// Site and department present, and, where the units are known, the department one of them and at that site.
void require_unit(std::vector<FieldError>& errors, std::string_view site, std::string_view department,
                  const KnownUnits* units);

}  // namespace hqms::encounters
