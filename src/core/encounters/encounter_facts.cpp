// The encounter record as a row of the engine's columnar table. Kept apart from the record rules so that the
// imports' checks need nothing of the engine.
#include <cassert>
#include <cmath>
#include <limits>

#include "core/encounters/encounter_record.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::encounters {
namespace {

indicators::DayNumber day_of(std::int64_t seconds) {
  constexpr std::int64_t day = 86400;
  return static_cast<indicators::DayNumber>(seconds >= 0 ? seconds / day : -((-seconds + day - 1) / day));
}

// Column positions, looked up by name once rather than per row.
struct EncounterColumns {
  std::size_t site, department, encounter_class, age_band, sex, ethnicity, payer, primary_diagnosis,
      disposition;
  std::size_t procedures;
  std::size_t admission_day, discharge_day;
  std::size_t patient_days, central_line_days, urinary_catheter_days, medication_doses, ed_minutes;
  std::size_t readmitted_30d, died, left_without_being_seen, clabsi, cauti, surgical_site_infection,
      pressure_injury, surgical;
};

const EncounterColumns& columns() {
  static const EncounterColumns found = [] {
    const auto& schema = indicators::encounter_schema();
    const auto at = [&](std::string_view name) {
      const auto index = schema.index_of(name);
      assert(index && "encounter schema column");
      return *index;
    };
    return EncounterColumns{at("site"),
                            at("department"),
                            at("encounter_class"),
                            at("age_band"),
                            at("sex"),
                            at("ethnicity"),
                            at("payer"),
                            at("primary_diagnosis"),
                            at("disposition"),
                            at("procedures"),
                            at("admission_day"),
                            at("discharge_day"),
                            at("patient_days"),
                            at("central_line_days"),
                            at("urinary_catheter_days"),
                            at("medication_doses"),
                            at("ed_minutes"),
                            at("readmitted_30d"),
                            at("died"),
                            at("left_without_being_seen"),
                            at("clabsi"),
                            at("cauti"),
                            at("surgical_site_infection"),
                            at("pressure_injury"),
                            at("surgical")};
  }();
  return found;
}

}  // namespace

void append_encounter(indicators::FactTable& table, const EncounterRecord& record) {
  const auto& c = columns();
  table.begin_row();
  table.set_dimension(c.site, record.site);
  table.set_dimension(c.department, record.department);
  table.set_dimension(c.encounter_class, record.encounter_class);
  table.set_dimension(c.age_band, record.age_band);
  table.set_dimension(c.sex, record.sex);
  table.set_dimension(c.ethnicity, record.ethnicity);
  table.set_dimension(c.payer, record.payer);
  table.set_dimension(c.primary_diagnosis, record.primary_diagnosis);
  table.set_dimension(c.disposition, record.disposition);
  for (const auto code : record.procedures) table.add_code(c.procedures, code);
  table.set_day(c.admission_day, day_of(record.admitted_at));
  table.set_day(c.discharge_day, day_of(record.discharged_at));
  table.set_number(c.patient_days, record.patient_days);
  table.set_number(c.central_line_days, record.central_line_days);
  table.set_number(c.urinary_catheter_days, record.urinary_catheter_days);
  table.set_number(c.medication_doses, record.medication_doses);
  table.set_number(c.ed_minutes,
                   record.ed_minutes ? *record.ed_minutes : std::numeric_limits<double>::quiet_NaN());
  table.set_flag(c.readmitted_30d, record.readmitted_30d);
  table.set_flag(c.died, record.disposition == "died");
  table.set_flag(c.left_without_being_seen, record.disposition == "left_without_being_seen");
  table.set_flag(c.clabsi, record.clabsi);
  table.set_flag(c.cauti, record.cauti);
  table.set_flag(c.surgical_site_infection, record.surgical_site_infection);
  table.set_flag(c.pressure_injury, record.pressure_injury);
  table.set_flag(c.surgical, !record.procedures.empty());
  table.end_row();
}

}  // namespace hqms::encounters
