#include "core/import/survey_csv.hpp"

#include <string>
#include <vector>

#include "core/import/csv_fields.hpp"
#include "core/import/iso_datetime.hpp"

namespace hqms {
namespace {

using importing::WantedColumn;

enum Column : std::size_t {
  response_id,
  site,
  department,
  visit_date,
  age_band,
  sex,
  ethnicity,
  payer,
  first_item
};

// The fixed columns, then one optional column per survey item in survey_items() order.
const std::vector<WantedColumn>& wanted() {
  static const std::vector<WantedColumn> columns = [] {
    std::vector<WantedColumn> out = {{"response_id"}, {"site"}, {"department"},       {"visit_date"},
                                     {"age_band"},    {"sex"},  {"ethnicity", false}, {"payer", false}};
    for (const auto& item : encounters::survey_items()) out.push_back({item.id, false});
    return out;
  }();
  return columns;
}

std::string_view or_unknown(std::string_view text) {
  return text.empty() ? std::string_view("unknown") : text;
}

}  // namespace

Result<ImportTally> read_survey_csv(std::string_view file_name, std::string_view text,
                                    const encounters::KnownUnits* units, const SurveySink& sink) {
  const auto items = encounters::survey_items();
  std::vector<encounters::SurveyAnswer> answers;  // reused for every row
  answers.reserve(items.size());
  encounters::SurveyResponseRecord record;

  return importing::read_csv_rows(
      file_name, text, wanted(),
      [&](const CsvRecord& row, const std::vector<std::size_t>& at, std::vector<FieldError>& errors) {
        const auto field = [&](std::size_t column) { return importing::field_at(row, at[column]); };
        record.response_id = field(response_id);
        record.site = field(site);
        record.department = field(department);
        const auto day_text = field(visit_date);
        if (const auto day = importing::parse_date(day_text)) {
          record.visit_day = *day;
        } else {
          errors.push_back({"visit_date", "'" + std::string(day_text) + "' is not a date (YYYY-MM-DD)"});
        }
        record.age_band = field(age_band);
        record.sex = field(sex);
        record.ethnicity = or_unknown(field(ethnicity));
        record.payer = or_unknown(field(payer));

        answers.clear();
        for (std::size_t i = 0; i < items.size(); ++i) {
          const auto value = field(first_item + i);
          if (value.empty()) continue;  // not answered
          if (const auto answer = importing::parse_whole(value)) {
            answers.push_back({items[i].id, *answer});
          } else {
            errors.push_back(
                {std::string(items[i].id), "'" + std::string(value) + "' is not a whole number"});
          }
        }
        record.answers = answers;

        auto broken = encounters::check_survey_response(record, units);
        // "no item answered" is not news when an answer was there but unreadable.
        for (auto& e : broken)
          if (!(e.field.empty() && !errors.empty())) errors.push_back(std::move(e));
        if (errors.empty()) sink(record);
        return record.response_id;
      });
}

}  // namespace hqms
