// The encounter CSV import (src/core/import/encounter_csv.hpp) as `hqms import` and POST /api/v1/imports run
// it: every record taken goes on into the engine's encounters table, as it does when the data is loaded. The
// same file read in parts on several threads must give the one-go read's tally, problems and records.
#include "core/import/encounter_csv.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/encounters/encounter_record.hpp"
#include "core/import/import_fixtures.hpp"
#include "core/indicators/sources.hpp"
#include "expect.hpp"
#include "import_checks.hpp"

namespace {

using hqms::fuzz::expect;

bool same_problems(const hqms::ImportTally& a, const hqms::ImportTally& b) {
  if (a.problems.size() != b.problems.size()) return false;
  for (std::size_t i = 0; i < a.problems.size(); ++i) {
    const auto &x = a.problems[i], &y = b.problems[i];
    if (x.line != y.line || x.field != y.field || x.message != y.message || x.record_id != y.record_id)
      return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const hqms::testing::KnownUnitsStub units;
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  hqms::indicators::FactTable table(hqms::indicators::encounter_schema());
  std::vector<std::string> whole;
  const auto one_go = hqms::read_encounter_csv("encounters.csv", text, &units,
                                               [&](const hqms::encounters::EncounterRecord& r) {
                                                 hqms::encounters::append_encounter(table, r);
                                                 whole.emplace_back(r.encounter_id);
                                               });
  hqms::fuzz::expect_consistent(one_go, whole.size());
  expect(table.rows() == whole.size(), "every record taken is one row of the table");

  std::vector<std::string> in_parts[3];
  const hqms::EncounterSink sinks[3] = {
      [&](const hqms::encounters::EncounterRecord& r) { in_parts[0].emplace_back(r.encounter_id); },
      [&](const hqms::encounters::EncounterRecord& r) { in_parts[1].emplace_back(r.encounter_id); },
      [&](const hqms::encounters::EncounterRecord& r) { in_parts[2].emplace_back(r.encounter_id); }};
  const auto parted = hqms::read_encounter_csv_in_parts("encounters.csv", text, &units, sinks);
  expect(one_go.ok() == parted.ok(), "the parts fail where the whole does");
  if (!one_go) {
    expect(one_go.error().message == parted.error().message && one_go.error().fields == parted.error().fields,
           "the parts' error is the whole's");
    return 0;
  }
  expect(one_go->records_read == parted->records_read && one_go->records_valid == parted->records_valid &&
             one_go->records_rejected == parted->records_rejected,
         "the parts count as the whole does");
  expect(same_problems(*one_go, *parted), "the parts' problems are the whole's, in file order");
  std::vector<std::string> joined;
  for (const auto& part : in_parts) joined.insert(joined.end(), part.begin(), part.end());
  expect(joined == whole, "the parts' sinks together get the whole's records in file order");
  return 0;
}
