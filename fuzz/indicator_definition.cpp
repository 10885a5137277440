// Indicator definition JSON (src/core/indicators/definition_json.hpp) as the workbench sends it to
// POST /api/v1/indicators and /preview: the body through BodyReader, read_definition (the shape, then
// check_indicator and the stored lengths), and for a definition that reads, what the preview does with it in
// core: counted by the engine over a small hospital's data in every source, its series charted. What is
// stored must read back as it is shown (definition_json, then definition_from_json, gives the same JSON).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/encounters/encounter_record.hpp"
#include "core/indicators/definition_json.hpp"
#include "core/indicators/indicator_chart.hpp"
#include "core/indicators/indicator_engine.hpp"
#include "core/indicators/sources.hpp"
#include "expect.hpp"
#include "http/indicators/definition_body.hpp"
#include "http/json/body_reader.hpp"

namespace {

using namespace hqms::indicators;
using hqms::fuzz::expect;

constexpr DayNumber kFirstDay = 20089;  // 2025-01-01
constexpr int kRows = 300;
constexpr int kDaysBetweenRows = 2;  // 600 days: 20 months, 7 quarters, 86 weeks

// Values of the dimensions that filters test, from their value sets; other dimensions get a few texts.
std::string dimension_value(std::string_view column, int row) {
  static const std::vector<std::string> units[] = {{"NORTH", "ICU"}, {"NORTH", "ED"}, {"SOUTH", "SURG"}};
  const auto pick = [&](std::span<const std::string_view> values) {
    return std::string(values[static_cast<std::size_t>(row) % values.size()]);
  };
  if (column == "site") return units[row % 3][0];
  if (column == "department") return units[row % 3][1];
  if (column == "age_band") return pick(hqms::encounters::age_bands);
  if (column == "sex") return pick(hqms::encounters::sexes);
  if (column == "encounter_class") return pick(hqms::encounters::encounter_classes);
  if (column == "disposition") return pick(hqms::encounters::dispositions);
  if (column == "primary_diagnosis") return row % 4 == 0 ? "I21.4" : row % 4 == 1 ? "J18" : "A41.9";
  return std::string(column) + "_" + std::to_string(row % 3);
}

void fill(FactTable& table) {
  const auto& columns = table.schema().columns;
  for (int row = 0; row < kRows; ++row) {
    table.begin_row();
    for (std::size_t c = 0; c < columns.size(); ++c) {
      switch (columns[c].kind) {
        case ColumnKind::dimension:
          table.set_dimension(c, dimension_value(columns[c].name, row));
          break;
        case ColumnKind::code_list:
          if (row % 3 != 0) table.add_code(c, row % 2 == 0 ? "0SR90JZ" : "02703ZZ");
          break;
        case ColumnKind::flag:
          table.set_flag(c, (row + static_cast<int>(c)) % 5 == 0);
          break;
        case ColumnKind::number:
          table.set_number(c, row % 7 == 0 ? NAN : static_cast<double>((row * 13) % 40));
          break;
        case ColumnKind::day:
          table.set_day(c, kFirstDay + row * kDaysBetweenRows);
          break;
      }
    }
    table.end_row();
  }
}

const IndicatorData& hospital_data() {
  static const IndicatorData data = [] {
    IndicatorData d;
    for (auto* table : {&d.encounters, &d.incidents, &d.capa, &d.survey, &d.observations, &d.complaints})
      fill(*table);
    return d;
  }();
  return data;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto body = hqms::http::BodyReader::parse_text({reinterpret_cast<const char*>(data), size});
  if (!body) return 0;
  // A preview may leave the code empty; a definition that is kept may not.
  const bool kept = body->has("code") && body->at("code").is_string() &&
                    !body->at("code").get_ref<const std::string&>().empty();
  auto reading = hqms::http::read_definition(body->document(), kept);
  if (!reading.errors.empty()) return 0;
  auto definition = std::move(reading.definition);
  if (definition.code.empty()) definition.code = "workbench_preview";

  const auto shown = definition_json(definition);
  const auto back = definition_from_json(shown);
  expect(back.ok(), "a definition shown reads back");
  expect(definition_json(*back) == shown, "a definition reads back as it is shown");

  CubeRequest request;
  request.indicators = {&definition};
  request.from = kFirstDay;
  request.to = kFirstDay + kRows * kDaysBetweenRows;
  request.strata = definition.strata;
  request.threads = 1;
  const auto cubes = compute_cubes(hospital_data(), request);
  expect(cubes.ok(), "a definition that reads can be counted");
  for (const auto& cube : cubes->cubes) {
    const auto points = series(cube, {});
    expect(points.size() == cube.periods.count, "a series has one point per period");
    (void)indicator_chart(definition, cube.periods, points, {});
    if (!cube.strata.empty()) (void)series(cube, {}, cube.strata.size() - 1);
  }
  return 0;
}
