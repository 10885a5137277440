#pragma once
#include "core/org/organisation.hpp"

namespace hqms::test {

// Organisation 1: site 10 (departments 100, 101) and site 20 (department 200).
inline Organisation two_site_hospital() {
  return Organisation{
      1,
      "Test Hospital",
      {Site{10, "MAIN", "Main Campus", {{100, 10, "ED", "Emergency"}, {101, 10, "ICU", "Intensive Care"}}},
       Site{20, "NORTH", "North", {{200, 20, "NMED", "Medical Ward"}}}}};
}

}  // namespace hqms::test
