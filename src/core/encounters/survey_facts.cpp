// Survey responses as rows of the engine's survey table: one row per answered item, so that top-box shares
// are counted per item (and over all items) with the same one-pass aggregation as every other source.
#include <cassert>

#include "core/encounters/survey_response.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::encounters {
namespace {

struct SurveyColumns {
  std::size_t site, department, item, age_band, sex, ethnicity, payer, visit_day, answer, top_box;
};

const SurveyColumns& columns() {
  static const SurveyColumns found = [] {
    const auto& schema = indicators::survey_schema();
    const auto at = [&](std::string_view name) {
      const auto index = schema.index_of(name);
      assert(index && "survey schema column");
      return *index;
    };
    return SurveyColumns{at("site"),      at("department"), at("item"),      at("age_band"), at("sex"),
                         at("ethnicity"), at("payer"),      at("visit_day"), at("answer"),   at("top_box")};
  }();
  return found;
}

}  // namespace

void append_survey_response(indicators::FactTable& table, const SurveyResponseRecord& record) {
  const auto& c = columns();
  for (const auto& answer : record.answers) {
    const auto* item = survey_item(answer.item);
    table.begin_row();
    table.set_dimension(c.site, record.site);
    table.set_dimension(c.department, record.department);
    table.set_dimension(c.item, answer.item);
    table.set_dimension(c.age_band, record.age_band);
    table.set_dimension(c.sex, record.sex);
    table.set_dimension(c.ethnicity, record.ethnicity);
    table.set_dimension(c.payer, record.payer);
    table.set_day(c.visit_day, record.visit_day);
    table.set_number(c.answer, answer.answer);
    table.set_flag(c.top_box, item && answer.answer >= item->top_box_from);
    table.end_row();
  }
}

}  // namespace hqms::encounters
