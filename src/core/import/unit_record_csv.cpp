// The observation and complaint CSV imports (declared in survey_csv.hpp with the survey import).
#include <string>

#include "core/import/csv_fields.hpp"
#include "core/import/iso_datetime.hpp"
#include "core/import/survey_csv.hpp"

namespace hqms {
namespace {

using importing::WantedColumn;

std::optional<indicators::DayNumber> read_day(std::string_view text, std::string_view column,
                                              std::vector<FieldError>& errors) {
  const auto day = importing::parse_date(text);
  if (!day) errors.push_back({std::string(column), "'" + std::string(text) + "' is not a date (YYYY-MM-DD)"});
  return day;
}

}  // namespace

Result<ImportTally> read_observation_csv(std::string_view file_name, std::string_view text,
                                         const encounters::KnownUnits* units, const ObservationSink& sink) {
  enum Column : std::size_t { observation_id, kind, site, department, observed_on, moment, compliant };
  static constexpr WantedColumn wanted[] = {{"observation_id"}, {"kind"},        {"site"},
                                            {"department"},     {"observed_on"}, {"moment", false},
                                            {"compliant"}};
  encounters::ObservationRecord record;
  return importing::read_csv_rows(
      file_name, text, wanted,
      [&](const CsvRecord& row, const std::vector<std::size_t>& at, std::vector<FieldError>& errors) {
        const auto field = [&](std::size_t column) { return importing::field_at(row, at[column]); };
        record.observation_id = field(observation_id);
        record.kind = field(kind);
        record.site = field(site);
        record.department = field(department);
        record.observed_day = read_day(field(observed_on), "observed_on", errors).value_or(0);
        record.moment = field(moment);
        const auto flag_text = field(compliant);
        // Blank is not "no" here: an observation without its result records nothing.
        const auto flag = flag_text.empty() ? std::nullopt : importing::parse_flag(flag_text);
        if (!flag) {
          errors.push_back({"compliant", flag_text.empty() ? "required: yes or no"
                                                           : "'" + std::string(flag_text) +
                                                                 "' is not a yes/no flag (1/0, true/false, "
                                                                 "yes/no, y/n)"});
        }
        record.compliant = flag.value_or(false);
        for (auto& e : encounters::check_observation(record, units)) errors.push_back(std::move(e));
        if (errors.empty()) sink(record);
        return record.observation_id;
      });
}

Result<ImportTally> read_complaint_csv(std::string_view file_name, std::string_view text,
                                       const encounters::KnownUnits* units, const ComplaintSink& sink) {
  enum Column : std::size_t { complaint_id, site, department, received_on, category, severity };
  static constexpr WantedColumn wanted[] = {{"complaint_id"}, {"site"},     {"department"},
                                            {"received_on"},  {"category"}, {"severity"}};
  encounters::ComplaintRecord record;
  return importing::read_csv_rows(
      file_name, text, wanted,
      [&](const CsvRecord& row, const std::vector<std::size_t>& at, std::vector<FieldError>& errors) {
        const auto field = [&](std::size_t column) { return importing::field_at(row, at[column]); };
        record.complaint_id = field(complaint_id);
        record.site = field(site);
        record.department = field(department);
        record.received_day = read_day(field(received_on), "received_on", errors).value_or(0);
        record.category = field(category);
        record.severity = field(severity);
        for (auto& e : encounters::check_complaint(record, units)) errors.push_back(std::move(e));
        if (errors.empty()) sink(record);
        return record.complaint_id;
      });
}

}  // namespace hqms
