#include "core/import/fhir_bulk.hpp"

#include <simdjson.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/import/fhir_resources.hpp"
#include "core/import/iso_datetime.hpp"
#include "core/import/record_refusal.hpp"

namespace hqms {
namespace {

using namespace importing::fhir;
using importing::day_of;

constexpr std::uint32_t none = std::numeric_limits<std::uint32_t>::max();
constexpr int readmission_days = 30;
// NHSN: an infection is hospital-onset when it starts on day 3 of the stay or later, day 1 being the day of
// admission, i.e. two calendar days or more after it.
constexpr int hospital_onset_days = 2;

// The FHIR element each record rule's field comes from, for the report.
std::string_view fhir_element(std::string_view field) {
  static constexpr std::pair<std::string_view, std::string_view> elements[] = {
      {"encounter_id", "id"},
      {"patient_pseudonym", "subject"},
      {"site", "serviceProvider.identifier.value"},
      {"department", "location[0].location.identifier.value"},
      {"encounter_class", "class"},
      {"admitted_at", "period.start"},
      {"discharged_at", "period.end"},
      {"age_band", "Patient.birthDate"},
      {"sex", "Patient.gender"},
      {"ethnicity", "Patient.extension(us-core-ethnicity)"},
      {"payer", "extension(payer)"},
      {"primary_diagnosis", "Condition.code"},
      {"procedure_codes", "Procedure.code"},
      {"disposition", "hospitalization.dischargeDisposition"},
      {"patient_days", "period"},
      {"central_line_days", "DeviceUseStatement.timingPeriod"},
      {"urinary_catheter_days", "DeviceUseStatement.timingPeriod"},
      {"medication_doses", "MedicationAdministration"},
      {"ed_minutes", "period"},
  };
  for (const auto& [column, element] : elements)
    if (column == field) return element;
  return field;
}

std::string_view class_id(StayClass stay_class) {
  switch (stay_class) {
    case StayClass::inpatient:
      return "inpatient";
    case StayClass::emergency:
      return "emergency";
    case StayClass::day_case:
      return "day_case";
  }
  return "";
}

// The age band at admission, in completed years; empty when the birth date is after the admission.
std::string_view age_band(std::int64_t birth_day, std::int64_t admission_day) {
  const auto born = importing::civil_from_days(birth_day);
  const auto admitted = importing::civil_from_days(admission_day);
  int age = admitted.year - born.year;
  if (admitted.month < born.month || (admitted.month == born.month && admitted.day < born.day)) --age;
  if (age < 0) return {};
  if (age < 18) return "0-17";
  if (age < 45) return "18-44";
  if (age < 65) return "45-64";
  if (age < 75) return "65-74";
  if (age < 85) return "75-84";
  return "85+";
}

// Hospital-acquired condition flags of an ICD-10(-CM) code (imports.md lists them).
enum Acquired : std::uint8_t { clabsi = 1, cauti = 2, surgical_site = 4, pressure = 8 };
std::uint8_t acquired_flags(std::string_view code) {
  if (code.starts_with("T80.21")) return clabsi;
  if (code.starts_with("T83.51")) return cauti;
  if (code.starts_with("T81.4")) return surgical_site;
  // L89.<site><stage>: stage 2, 3 or 4 (0 unstageable, 1 stage 1, 6 deep tissue, 9 unspecified are not
  // counted).
  if (code.starts_with("L89.") && code.size() >= 6) {
    const char stage = code.back();
    if (stage == '2' || stage == '3' || stage == '4') return pressure;
  }
  return 0;
}

class BulkImport {
 public:
  BulkImport(std::span<const NdjsonFile> files, const encounters::KnownUnits* units,
             const EncounterSink& sink)
      : files_(files), units_(units), sink_(sink) {}

  ImportTally run() {
    for (std::uint32_t file = 0; file < files_.size(); ++file) read_file(file);
    join();
    tally_.records_valid = tally_.records_read - tally_.records_rejected - resources_.other_resources;
    order_problems();
    return std::move(tally_);
  }

 private:
  void reject(Where at, std::string_view id, std::vector<FieldError> errors) {
    importing::reject_record(tally_, files_[at.file].name, at.line, id, errors);
  }
  void reject(Where at, std::string_view id, std::string field, std::string message) {
    reject(at, id, {{std::move(field), std::move(message)}});
  }
  std::string place(Where at) const {
    return std::string(files_[at.file].name) + " line " + std::to_string(at.line);
  }

  // Each line is parsed where it lies when at least SIMDJSON_PADDING bytes of the same file follow it
  // (simdjson reads up to that far past the end, but what those bytes hold does not change the result), so a
  // file of gigabytes is not copied; only the last lines of a file are copied into a padded buffer.
  void read_file(std::uint32_t file) {
    std::string_view text = files_[file].text;
    std::size_t pos = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
    std::uint32_t line = 0;
    while (pos < text.size()) {
      ++line;
      const void* found = std::memchr(text.data() + pos, '\n', text.size() - pos);
      const std::size_t end =
          found ? static_cast<std::size_t>(static_cast<const char*>(found) - text.data()) : text.size();
      std::string_view resource = text.substr(pos, end - pos);
      pos = end + 1;
      if (!resource.empty() && resource.back() == '\r') resource.remove_suffix(1);
      if (resource.find_first_not_of(" \t") == std::string_view::npos) continue;  // a blank line
      ++tally_.records_read;

      const std::size_t after = static_cast<std::size_t>(text.data() + text.size() - resource.data());
      simdjson::padded_string_view json;
      if (after >= resource.size() + simdjson::SIMDJSON_PADDING) {
        json = simdjson::padded_string_view(resource.data(), resource.size(), after);
      } else {
        tail_.assign(resource);
        tail_.resize(resource.size() + simdjson::SIMDJSON_PADDING, ' ');
        json = simdjson::padded_string_view(tail_.data(), resource.size(), tail_.size());
      }
      errors_.clear();
      reader_.read(json, Where{file, line}, resources_, id_, errors_);
      if (!errors_.empty()) importing::reject_record(tally_, files_[file].name, line, id_, errors_);
    }
  }

  template <class Facts>
  std::unordered_map<std::string_view, std::uint32_t> index_by_id(const std::vector<Facts>& facts,
                                                                  std::string_view type,
                                                                  std::vector<std::uint8_t>& refused) {
    std::unordered_map<std::string_view, std::uint32_t> index;
    index.reserve(facts.size());
    for (std::uint32_t i = 0; i < facts.size(); ++i) {
      const auto [first, added] = index.emplace(facts[i].id, i);
      if (!added) {
        refused[i] = 1;
        reject(facts[i].at, facts[i].id, "id",
               std::string(type) + "/" + std::string(facts[i].id) + " appears twice; the first, at " +
                   place(facts[first->second].at) + ", is taken");
      }
    }
    return index;
  }

  std::uint32_t find(const std::unordered_map<std::string_view, std::uint32_t>& index, std::string_view id) {
    const auto found = index.find(id);
    return found == index.end() ? none : found->second;
  }

  void join() {
    const auto& patients = resources_.patients;
    const auto& stays = resources_.encounters;
    const auto count = stays.size();
    std::vector<std::uint8_t> patient_refused(patients.size()), refused(count);
    const auto patient_index = index_by_id(patients, "Patient", patient_refused);
    const auto stay_index = index_by_id(stays, "Encounter", refused);

    std::vector<std::uint32_t> patient_of(count, none);
    for (std::uint32_t i = 0; i < count; ++i) {
      if (refused[i]) continue;
      patient_of[i] = find(patient_index, stays[i].patient);
      if (patient_of[i] == none) {
        refused[i] = 1;
        reject(stays[i].at, stays[i].id, "subject",
               "Patient/" + std::string(stays[i].patient) + " is not in the export");
      }
    }

    const auto stay_of = [&](const auto& facts, std::string_view element) {
      const auto found = find(stay_index, facts.encounter);
      if (found == none)
        reject(facts.at, facts.id, std::string(element),
               "Encounter/" + std::string(facts.encounter) + " is not in the export");
      return found;
    };

    // Diagnoses and hospital-acquired conditions.
    std::vector<std::string_view> primary(count), first_diagnosis(count);
    std::vector<std::uint8_t> acquired(count);
    for (const auto& c : resources_.conditions) {
      const auto s = stay_of(c, "encounter");
      if (s == none) continue;
      if (!stays[s].primary_condition.empty() && stays[s].primary_condition == c.id) primary[s] = c.code;
      if (c.encounter_diagnosis && first_diagnosis[s].empty()) first_diagnosis[s] = c.code;
      if (c.onset && day_of(*c.onset) - day_of(stays[s].start) >= hospital_onset_days)
        acquired[s] |= acquired_flags(c.code);
    }

    // Procedure codes, laid out per stay so each record's list is one contiguous span.
    std::vector<std::uint32_t> procedure_stay(resources_.procedures.size(), none);
    std::vector<std::uint32_t> first_procedure(count + 1, 0);
    for (std::size_t i = 0; i < resources_.procedures.size(); ++i) {
      const auto& p = resources_.procedures[i];
      procedure_stay[i] = stay_of(p, "encounter");
      if (procedure_stay[i] != none) ++first_procedure[procedure_stay[i] + 1];
    }
    for (std::size_t s = 0; s < count; ++s) first_procedure[s + 1] += first_procedure[s];
    std::vector<std::string_view> procedure_codes(first_procedure[count]);
    {
      std::vector<std::uint32_t> next(first_procedure.begin(), first_procedure.end() - 1);
      for (std::size_t i = 0; i < resources_.procedures.size(); ++i)
        if (procedure_stay[i] != none)
          procedure_codes[next[procedure_stay[i]]++] = resources_.procedures[i].code;
    }

    std::vector<double> doses(count, 0);
    for (const auto& m : resources_.medications) {
      const auto s = stay_of(m, "context");
      if (s != none && m.completed) doses[s] += 1;
    }
    for (const auto& o : resources_.observations) stay_of(o, "encounter");

    // Each patient's stays in order of admission: for device-days and readmissions.
    std::vector<std::uint32_t> by_patient;
    by_patient.reserve(count);
    for (std::uint32_t i = 0; i < count; ++i)
      if (patient_of[i] != none) by_patient.push_back(i);
    std::sort(by_patient.begin(), by_patient.end(), [&](std::uint32_t a, std::uint32_t b) {
      return patient_of[a] != patient_of[b] ? patient_of[a] < patient_of[b] : stays[a].start < stays[b].start;
    });
    std::vector<std::uint32_t> first_stay(patients.size() + 1, 0);
    for (const auto s : by_patient) ++first_stay[patient_of[s] + 1];
    for (std::size_t p = 0; p < patients.size(); ++p) first_stay[p + 1] += first_stay[p];

    // Device-days: the calendar days a device overlaps each stay of its patient. Days are gathered per stay
    // and kind and merged, so two catheters in place on the same day count that day once.
    struct DeviceDays {
      std::uint32_t stay;
      Device device;
      std::int32_t first, last;  // day numbers, inclusive
      auto operator<=>(const DeviceDays&) const = default;
    };
    std::vector<DeviceDays> spans;
    for (const auto& d : resources_.devices) {
      const auto p = find(patient_index, d.patient);
      if (p == none) {
        reject(d.at, d.id, "subject", "Patient/" + std::string(d.patient) + " is not in the export");
        continue;
      }
      for (auto k = first_stay[p]; k < first_stay[p + 1]; ++k) {
        const auto s = by_patient[k];
        const auto from = std::max(d.start, stays[s].start);
        const auto to = std::min(d.end.value_or(stays[s].end), stays[s].end);
        if (from <= to) spans.push_back({s, d.device, day_of(from), day_of(to)});
      }
    }
    std::sort(spans.begin(), spans.end());
    std::vector<double> central_line(count, 0), urinary_catheter(count, 0);
    for (std::size_t i = 0; i < spans.size();) {
      auto merged = spans[i];
      for (++i; i < spans.size() && spans[i].stay == merged.stay && spans[i].device == merged.device &&
                spans[i].first <= merged.last + 1;
           ++i)
        merged.last = std::max(merged.last, spans[i].last);
      auto& days =
          merged.device == Device::central_line ? central_line[merged.stay] : urinary_catheter[merged.stay];
      days += merged.last - merged.first + 1;
    }

    // Readmission: the patient's next inpatient admission after this inpatient discharge, within 30 days.
    std::vector<std::uint8_t> readmitted(count);
    for (std::size_t p = 0; p < patients.size(); ++p) {
      for (auto k = first_stay[p]; k < first_stay[p + 1]; ++k) {
        const auto& stay = stays[by_patient[k]];
        if (stay.stay_class != StayClass::inpatient) continue;
        for (auto j = k + 1; j < first_stay[p + 1]; ++j) {
          const auto& next = stays[by_patient[j]];
          if (next.stay_class != StayClass::inpatient || next.start < stay.end) continue;
          readmitted[by_patient[k]] = day_of(next.start) - day_of(stay.end) <= readmission_days;
          break;
        }
      }
    }

    // Every stay that holds together becomes one record, in reading order.
    encounters::EncounterRecord record;
    std::vector<FieldError> errors;
    for (std::uint32_t i = 0; i < count; ++i) {
      if (refused[i]) continue;
      const auto& stay = stays[i];
      const auto& patient = patients[patient_of[i]];
      errors.clear();
      record.encounter_id = stay.id;
      record.patient_pseudonym = patient.id;
      record.site = stay.site;
      record.department = stay.department;
      record.encounter_class = class_id(stay.stay_class);
      record.admitted_at = stay.start;
      record.discharged_at = stay.end;
      record.age_band = {};
      if (!patient.birth_day) {
        errors.push_back(
            {"Patient.birthDate", "Patient/" + std::string(patient.id) +
                                      " has no birthDate: the age band at admission is unknown"});
      } else {
        record.age_band = age_band(*patient.birth_day, day_of(stay.start));
        if (record.age_band.empty())
          errors.push_back(
              {"Patient.birthDate", "Patient/" + std::string(patient.id) + " was born after admission"});
      }
      record.sex = patient.sex;
      record.ethnicity = patient.ethnicity;
      record.payer = stay.payer;
      record.primary_diagnosis = !primary[i].empty() ? primary[i] : first_diagnosis[i];
      record.procedures = std::span<const std::string_view>(procedure_codes.data() + first_procedure[i],
                                                            first_procedure[i + 1] - first_procedure[i]);
      record.disposition = stay.disposition;
      const auto length = std::max<std::int64_t>(0, stay.end - stay.start);
      record.patient_days = stay.stay_class == StayClass::day_case
                                ? 0.0
                                : static_cast<double>(length / importing::seconds_per_day);
      const double calendar_days =
          static_cast<double>(std::max(0, day_of(stay.end) - day_of(stay.start)) + 1);
      record.central_line_days = std::min(central_line[i], calendar_days);
      record.urinary_catheter_days = std::min(urinary_catheter[i], calendar_days);
      record.medication_doses = doses[i];
      record.ed_minutes = stay.stay_class == StayClass::emergency
                              ? std::optional<double>(static_cast<double>(length) / 60.0)
                              : std::nullopt;
      record.readmitted_30d = readmitted[i] != 0;
      record.clabsi = acquired[i] & clabsi;
      record.cauti = acquired[i] & cauti;
      record.surgical_site_infection = acquired[i] & surgical_site;
      record.pressure_injury = acquired[i] & pressure;

      for (auto& e : encounters::check_encounter(record, units_)) {
        if (e.field == "age_band" && !errors.empty()) continue;  // already said why
        e.field = std::string(fhir_element(e.field));
        errors.push_back(std::move(e));
      }
      if (errors.empty()) {
        sink_(record);
      } else {
        reject(stay.at, stay.id, std::move(errors));
        errors = {};
      }
    }
  }

  // Problems found while joining come after those of reading; the report lists them by file and line.
  void order_problems() {
    const auto file_position = [&](const std::string& name) {
      for (std::size_t f = 0; f < files_.size(); ++f)
        if (files_[f].name == name) return f;
      return files_.size();
    };
    std::stable_sort(tally_.problems.begin(), tally_.problems.end(),
                     [&](const ImportProblem& a, const ImportProblem& b) {
                       const auto fa = file_position(a.file), fb = file_position(b.file);
                       return fa != fb ? fa < fb : a.line < b.line;
                     });
  }

  std::span<const NdjsonFile> files_;
  const encounters::KnownUnits* units_;
  const EncounterSink& sink_;
  ImportTally tally_;
  BulkResources resources_;
  ResourceReader reader_;
  std::string tail_;  // the padded copy of a line near the end of its file
  std::string id_;
  std::vector<FieldError> errors_;
};

}  // namespace

Result<ImportTally> read_fhir_bulk(std::span<const NdjsonFile> files, const encounters::KnownUnits* units,
                                   const EncounterSink& sink) {
  return BulkImport(files, units, sink).run();
}

}  // namespace hqms
