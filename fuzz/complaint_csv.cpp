// The complaint CSV import (read_complaint_csv, src/core/import/survey_csv.hpp): every complaint taken goes
// on into the engine's complaints table, as it does when the data is loaded.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/encounters/unit_records.hpp"
#include "core/import/import_fixtures.hpp"
#include "core/import/survey_csv.hpp"
#include "core/indicators/sources.hpp"
#include "import_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hqms::testing::KnownUnitsStub units;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hqms::indicators::FactTable table(hqms::indicators::complaint_schema());
  std::size_t taken = 0;
  const auto tally = hqms::read_complaint_csv("complaints.csv", text, &units,
                                              [&](const hqms::encounters::ComplaintRecord& r) {
                                                hqms::encounters::append_complaint(table, r);
                                                ++taken;
                                              });
  hqms::fuzz::expect_consistent(tally, taken);
  hqms::fuzz::expect(table.rows() == taken, "every complaint taken is one row of the table");
  return 0;
}
