#include "core/import/encounter_csv.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "core/import/csv_fields.hpp"
#include "core/import/iso_datetime.hpp"

namespace hqms {
namespace {

using importing::WantedColumn;

// The documented columns; the order here is the order of `Column`.
enum Column : std::size_t {
  encounter_id,
  patient_pseudonym,
  site,
  department,
  encounter_class,
  admitted_at,
  discharged_at,
  age_band,
  sex,
  ethnicity,
  payer,
  primary_diagnosis,
  procedure_codes,
  disposition,
  patient_days,
  central_line_days,
  urinary_catheter_days,
  medication_doses,
  ed_minutes,
  readmitted_30d,
  clabsi,
  cauti,
  surgical_site_infection,
  pressure_injury,
};

constexpr WantedColumn wanted[] = {
    {"encounter_id"},
    {"patient_pseudonym"},
    {"site"},
    {"department"},
    {"encounter_class"},
    {"admitted_at"},
    {"discharged_at"},
    {"age_band"},
    {"sex"},
    {"ethnicity", false},
    {"payer", false},
    {"primary_diagnosis", false},
    {"procedure_codes", false},
    {"disposition"},
    {"patient_days", false},
    {"central_line_days", false},
    {"urinary_catheter_days", false},
    {"medication_doses", false},
    {"ed_minutes", false},
    {"readmitted_30d", false},
    {"clabsi", false},
    {"cauti", false},
    {"surgical_site_infection", false},
    {"pressure_injury", false},
};

constexpr std::string_view unknown = "unknown";

// Reads one row into `record`, with the faults of reading (a date that is no date) in `errors`; the record
// rules come after.
class EncounterRow {
 public:
  EncounterRow(const CsvRecord& row, const std::vector<std::size_t>& at, std::vector<FieldError>& errors)
      : row_(row), at_(at), errors_(errors) {}

  std::string_view text(Column column) const { return importing::field_at(row_, at_[column]); }

  std::int64_t date_time(Column column) {
    const auto value = text(column);
    if (const auto seconds = importing::parse_date_time(value)) return *seconds;
    fault(column, value.empty() ? "required: an ISO 8601 date-time"
                                : "'" + std::string(value) +
                                      "' is not an ISO 8601 date-time (2025-03-04T10:15:00Z, "
                                      "2025-03-04T10:15+01:00 or 2025-03-04 10:15)");
    return 0;
  }

  // Blank is `blank`.
  std::optional<double> number(Column column, std::optional<double> blank) {
    const auto value = text(column);
    if (value.empty()) return blank;
    if (const auto number = importing::parse_number(value)) return number;
    fault(column, "'" + std::string(value) + "' is not a number (digits with '.' as the decimal point)");
    return blank;
  }

  bool flag(Column column) {
    const auto value = text(column);
    if (const auto flag = importing::parse_flag(value)) return *flag;
    fault(column, "'" + std::string(value) + "' is not a yes/no flag (1/0, true/false, yes/no, y/n)");
    return false;
  }

  // '|'-separated codes, blanks between separators skipped.
  void codes(Column column, std::vector<std::string_view>& out) {
    out.clear();
    auto rest = text(column);
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      const auto code = importing::trimmed(rest.substr(0, bar));
      if (!code.empty()) out.push_back(code);
      if (bar == std::string_view::npos) break;
      rest.remove_prefix(bar + 1);
    }
  }

  bool faulty(std::string_view field) const {
    return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == field; });
  }

 private:
  void fault(Column column, std::string message) {
    errors_.push_back({std::string(wanted[column].name), std::move(message)});
  }

  const CsvRecord& row_;
  const std::vector<std::size_t>& at_;
  std::vector<FieldError>& errors_;
};

// Builds one row's record, checks it and hands it on; one per part of the file being read.
class EncounterRows {
 public:
  EncounterRows(const encounters::KnownUnits* units, const EncounterSink& sink)
      : units_(units), sink_(sink) {}

  std::string_view operator()(const CsvRecord& row, const std::vector<std::size_t>& at,
                              std::vector<FieldError>& errors) {
    EncounterRow read(row, at, errors);
    record_.encounter_id = read.text(encounter_id);
    record_.patient_pseudonym = read.text(patient_pseudonym);
    record_.site = read.text(site);
    record_.department = read.text(department);
    record_.encounter_class = read.text(encounter_class);
    record_.admitted_at = read.date_time(admitted_at);
    record_.discharged_at = read.date_time(discharged_at);
    record_.age_band = read.text(age_band);
    record_.sex = read.text(sex);
    record_.ethnicity = read.text(ethnicity);
    if (record_.ethnicity.empty()) record_.ethnicity = unknown;
    record_.payer = read.text(payer);
    if (record_.payer.empty()) record_.payer = unknown;
    record_.primary_diagnosis = read.text(primary_diagnosis);
    read.codes(procedure_codes, procedures_);
    record_.procedures = procedures_;
    record_.disposition = read.text(disposition);

    // Blank patient-days: the whole days between admission and discharge, as the FHIR import counts them.
    const auto stay = std::max<std::int64_t>(0, record_.discharged_at - record_.admitted_at);
    const double whole_days =
        record_.encounter_class == "day_case" ? 0.0 : static_cast<double>(stay / importing::seconds_per_day);
    record_.patient_days = *read.number(patient_days, whole_days);
    record_.central_line_days = *read.number(central_line_days, 0.0);
    record_.urinary_catheter_days = *read.number(urinary_catheter_days, 0.0);
    record_.medication_doses = *read.number(medication_doses, 0.0);
    record_.ed_minutes = read.number(ed_minutes, std::nullopt);
    record_.readmitted_30d = read.flag(readmitted_30d);
    record_.clabsi = read.flag(clabsi);
    record_.cauti = read.flag(cauti);
    record_.surgical_site_infection = read.flag(surgical_site_infection);
    record_.pressure_injury = read.flag(pressure_injury);

    if (errors.empty()) {
      auto broken = encounters::check_encounter(record_, units_);
      if (broken.empty()) {
        sink_(record_);
        return record_.encounter_id;
      }
      for (auto& e : broken) errors.push_back(std::move(e));
    } else {
      // A field that could not be read is reported once, not again by the rule it then breaks (a missing
      // admission makes every discharge look "before admission").
      const auto read_faults = errors.size();
      for (auto& e : encounters::check_encounter(record_, units_)) {
        const bool repeated =
            std::any_of(errors.begin(), errors.begin() + static_cast<std::ptrdiff_t>(read_faults),
                        [&](const FieldError& r) { return r.field == e.field; });
        const bool from_times = e.field == "discharged_at" || e.field == "central_line_days" ||
                                e.field == "urinary_catheter_days";
        if (!repeated && !(from_times && (read.faulty("admitted_at") || read.faulty("discharged_at"))))
          errors.push_back(std::move(e));
      }
    }
    return record_.encounter_id;
  }

 private:
  const encounters::KnownUnits* units_;
  const EncounterSink& sink_;
  // Reused for every row: the record's views point into the file or into this.
  std::vector<std::string_view> procedures_;
  encounters::EncounterRecord record_;
};

}  // namespace

Result<ImportTally> read_encounter_csv(std::string_view file_name, std::string_view text,
                                       const encounters::KnownUnits* units, const EncounterSink& sink) {
  return read_encounter_csv_in_parts(file_name, text, units, std::span(&sink, 1));
}

Result<ImportTally> read_encounter_csv_in_parts(std::string_view file_name, std::string_view text,
                                                const encounters::KnownUnits* units,
                                                std::span<const EncounterSink> sinks) {
  return importing::read_csv_rows_in_parts(file_name, text, wanted, sinks.size(),
                                           [&](std::size_t k) { return EncounterRows(units, sinks[k]); });
}

}  // namespace hqms
