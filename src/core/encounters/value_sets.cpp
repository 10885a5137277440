#include "core/encounters/value_sets.hpp"

namespace hqms::encounters {

std::string one_of(std::span<const std::string_view> values) {
  std::string text = "one of: ";
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (i > 0) text += ", ";
    text += values[i];
  }
  return text;
}

void require_text(std::vector<FieldError>& errors, std::string_view field, std::string_view value) {
  if (value.empty()) errors.push_back({std::string(field), "required"});
}

void require_one_of(std::vector<FieldError>& errors, std::string_view field, std::string_view value,
                    std::span<const std::string_view> values) {
  if (value.empty()) {
    errors.push_back({std::string(field), "required; " + one_of(values)});
  } else if (!in_value_set(values, value)) {
    errors.push_back({std::string(field), "'" + std::string(value) + "' is not " + one_of(values)});
  }
}

void require_unit(std::vector<FieldError>& errors, std::string_view site, std::string_view department,
                  const KnownUnits* units) {
  require_text(errors, "site", site);
  require_text(errors, "department", department);
  if (!units || department.empty()) return;
  const auto home = units->site_of_department(department);
  if (!home) {
    errors.push_back({"department", "unknown department '" + std::string(department) + "'"});
  } else if (!site.empty() && *home != site) {
    errors.push_back({"department", "department '" + std::string(department) + "' belongs to site '" +
                                        std::string(*home) + "', not '" + std::string(site) + "'"});
  }
}

}  // namespace hqms::encounters
