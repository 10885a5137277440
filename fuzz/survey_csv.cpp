// The patient-experience survey CSV import (src/core/import/survey_csv.hpp): every response taken goes on
// into the engine's survey table, one row per answer, as it does when the data is loaded.
#include "core/import/survey_csv.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/encounters/survey_response.hpp"
#include "core/import/import_fixtures.hpp"
#include "core/indicators/sources.hpp"
#include "import_checks.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hqms::testing::KnownUnitsStub units;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  hqms::indicators::FactTable table(hqms::indicators::survey_schema());
  std::size_t taken = 0, answers = 0;
  const auto tally =
      hqms::read_survey_csv("survey.csv", text, &units, [&](const hqms::encounters::SurveyResponseRecord& r) {
        hqms::fuzz::expect(!r.answers.empty(), "a response taken has an answer");
        hqms::encounters::append_survey_response(table, r);
        ++taken;
        answers += r.answers.size();
      });
  hqms::fuzz::expect_consistent(tally, taken);
  hqms::fuzz::expect(table.rows() == answers, "every answer taken is one row of the table");
  return 0;
}
