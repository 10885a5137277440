#pragma once
// What the import tests share: the fixture files, a hospital whose departments are known, and copies of the
// records a reader hands on (its views die with the row).
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "core/encounters/encounter_record.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/import/import_report.hpp"

namespace hqms::testing {

inline std::string read_fixture(std::string_view name) {
  const std::string path = std::string(HQMS_SOURCE_DIR) + "/tests/core/import/fixtures/" + std::string(name);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Two sites: NORTH with ICU and ED, SOUTH with SURG.
class KnownUnitsStub final : public encounters::KnownUnits {
 public:
  std::optional<std::string_view> site_of_department(std::string_view department) const override {
    const auto found = units_.find(std::string(department));
    if (found == units_.end()) return std::nullopt;
    return std::string_view(found->second);
  }

 private:
  std::map<std::string, std::string> units_{{"ICU", "NORTH"}, {"ED", "NORTH"}, {"SURG", "SOUTH"}};
};

struct EncounterCopy {
  std::string encounter_id, patient_pseudonym, site, department, encounter_class;
  std::int64_t admitted_at = 0, discharged_at = 0;
  std::string age_band, sex, ethnicity, payer, primary_diagnosis;
  std::vector<std::string> procedures;
  std::string disposition;
  double patient_days = 0, central_line_days = 0, urinary_catheter_days = 0, medication_doses = 0;
  std::optional<double> ed_minutes;
  bool readmitted_30d = false, clabsi = false, cauti = false, surgical_site_infection = false,
       pressure_injury = false;

  explicit EncounterCopy(const encounters::EncounterRecord& r)
      : encounter_id(r.encounter_id),
        patient_pseudonym(r.patient_pseudonym),
        site(r.site),
        department(r.department),
        encounter_class(r.encounter_class),
        admitted_at(r.admitted_at),
        discharged_at(r.discharged_at),
        age_band(r.age_band),
        sex(r.sex),
        ethnicity(r.ethnicity),
        payer(r.payer),
        primary_diagnosis(r.primary_diagnosis),
        procedures(r.procedures.begin(), r.procedures.end()),
        disposition(r.disposition),
        patient_days(r.patient_days),
        central_line_days(r.central_line_days),
        urinary_catheter_days(r.urinary_catheter_days),
        medication_doses(r.medication_doses),
        ed_minutes(r.ed_minutes),
        readmitted_30d(r.readmitted_30d),
        clabsi(r.clabsi),
        cauti(r.cauti),
        surgical_site_infection(r.surgical_site_infection),
        pressure_injury(r.pressure_injury) {}
};

// The problems of a tally as "line:field" for compact expectations.
inline std::vector<std::string> problem_places(const ImportTally& tally) {
  std::vector<std::string> out;
  for (const auto& p : tally.problems) out.push_back(std::to_string(p.line) + ":" + p.field);
  return out;
}

}  // namespace hqms::testing
