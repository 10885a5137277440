// The FHIR R4 bulk-data import (src/core/import/fhir_bulk.hpp, simdjson On-Demand) on one NDJSON file of
// mixed resources, as POST /api/v1/imports?kind=encounters_fhir hands it the request body. libFuzzer's input
// ends exactly where the file does, so a line parsed in place with fewer than SIMDJSON_PADDING bytes after
// it, or a read past the end, shows under ASan. Every stay taken goes on into the engine's encounters table.
#include "core/import/fhir_bulk.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/encounters/encounter_record.hpp"
#include "core/import/import_fixtures.hpp"
#include "core/indicators/sources.hpp"
#include "expect.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using hqms::fuzz::expect;
  static const hqms::testing::KnownUnitsStub units;
  const hqms::NdjsonFile files[] = {{"export.ndjson", {reinterpret_cast<const char*>(data), size}}};
  hqms::indicators::FactTable table(hqms::indicators::encounter_schema());
  std::size_t stays = 0;
  const auto tally = hqms::read_fhir_bulk(files, &units, [&](const hqms::encounters::EncounterRecord& r) {
    expect(hqms::encounters::check_encounter(r, &units).empty(), "a stay taken keeps the encounter rules");
    hqms::encounters::append_encounter(table, r);
    ++stays;
  });
  expect(tally.ok(), "a bulk import reports its problems by line rather than failing");
  // Resources of other types are neither taken nor refused; a stay taken is one valid resource.
  expect(tally->records_valid + tally->records_rejected <= tally->records_read,
         "no resource is both taken and refused, or refused twice");
  expect(stays <= tally->records_valid, "the stays handed on are resources taken");
  expect(tally->problems.size() >= std::min(tally->records_rejected, hqms::ImportTally::max_problems),
         "every refused resource has its problem");
  for (const auto& problem : tally->problems)
    expect(problem.line >= 1 && problem.file == "export.ndjson", "a problem names its file and line");
  return 0;
}
