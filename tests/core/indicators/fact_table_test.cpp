#include "core/indicators/fact_table.hpp"

#include <gtest/gtest.h>

#include <cmath>

#include "core/indicators/sources.hpp"

namespace hqms::indicators {
namespace {

std::size_t column(const FactTable& table, std::string_view name) {
  return *table.schema().index_of(name);
}

TEST(FactTableDictionary, CodesAreGivenInOrderOfFirstSight) {
  Dictionary dictionary;
  EXPECT_EQ(dictionary.code_of("I21"), 0u);
  EXPECT_EQ(dictionary.code_of("I50"), 1u);
  EXPECT_EQ(dictionary.code_of("I21"), 0u);
  EXPECT_EQ(dictionary.code_of(""), 2u);
  EXPECT_EQ(dictionary.size(), 3u);
  EXPECT_EQ(dictionary.text(1), "I50");
  EXPECT_EQ(dictionary.find("I50"), 1u);
  EXPECT_FALSE(dictionary.find("I22").has_value());
  EXPECT_EQ(dictionary.size(), 3u);  // find does not add
}

TEST(FactTable, RowsKeepEachColumnAndUnsetColumnsTakeTheirDefaults) {
  FactTable table(encounter_schema());
  const auto site = column(table, "site");
  const auto sex = column(table, "sex");
  const auto died = column(table, "died");
  const auto surgical = column(table, "surgical");
  const auto patient_days = column(table, "patient_days");
  const auto ed_minutes = column(table, "ed_minutes");
  const auto discharge = column(table, "discharge_day");
  const auto procedures = column(table, "procedures");

  table.begin_row();
  table.set_dimension(site, "north");
  table.set_dimension(sex, "F");
  table.set_flag(died, true);
  table.set_flag(surgical, true);
  table.set_number(patient_days, 4.5);
  table.set_day(discharge, 20454);
  table.add_code(procedures, "0SR9");
  table.add_code(procedures, "02H");
  table.end_row();

  table.begin_row();  // only a site: every other column keeps its default
  table.set_dimension(site, "south");
  table.set_flag(died, true);
  table.set_flag(died, false);  // set then cleared
  table.end_row();

  table.begin_row();
  table.set_dimension(site, "north");
  table.set_dimension(sex, "M");
  table.add_code(procedures, "02H");
  table.end_row();

  ASSERT_EQ(table.rows(), 3u);
  const auto sites = table.dimension(site);
  ASSERT_EQ(sites.size(), 3u);
  EXPECT_EQ(sites[0], sites[2]);
  EXPECT_NE(sites[0], sites[1]);
  EXPECT_EQ(table.dictionary(site).text(sites[1]), "south");
  // An unset dimension is the empty text, encoded after the values seen before it.
  const auto sexes = table.dimension(sex);
  EXPECT_EQ(table.dictionary(sex).text(sexes[0]), "F");
  EXPECT_EQ(table.dictionary(sex).text(sexes[1]), "");
  EXPECT_EQ(table.dictionary(sex).text(sexes[2]), "M");
  EXPECT_EQ(table.dictionary(sex).size(), 3u);

  const std::uint32_t died_bit = 1u << table.flag_bit(died);
  const std::uint32_t surgical_bit = 1u << table.flag_bit(surgical);
  EXPECT_NE(died_bit, surgical_bit);
  EXPECT_EQ(table.flags()[0], died_bit | surgical_bit);
  EXPECT_EQ(table.flags()[1], 0u);
  EXPECT_EQ(table.flags()[2], 0u);

  EXPECT_FLOAT_EQ(table.number(patient_days)[0], 4.5f);
  EXPECT_TRUE(std::isnan(table.number(patient_days)[1]));
  EXPECT_TRUE(std::isnan(table.number(ed_minutes)[0]));
  EXPECT_EQ(table.day(discharge)[0], 20454);
  EXPECT_EQ(table.day(discharge)[1], 0);

  const auto first = table.codes(procedures, 0);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(table.dictionary(procedures).text(first[0]), "0SR9");
  EXPECT_EQ(table.dictionary(procedures).text(first[1]), "02H");
  EXPECT_TRUE(table.codes(procedures, 1).empty());
  const auto third = table.codes(procedures, 2);
  ASSERT_EQ(third.size(), 1u);
  EXPECT_EQ(third[0], first[1]);  // the same code, one dictionary for the column
}

TEST(FactTable, EachCodeListHasItsOwnDictionaryApartFromTheDimensions) {
  FactTable table(encounter_schema());
  table.begin_row();
  table.set_dimension(column(table, "primary_diagnosis"), "I21");
  table.add_code(column(table, "procedures"), "0SR9");
  table.end_row();
  EXPECT_EQ(table.dictionary(column(table, "procedures")).size(), 1u);
  EXPECT_FALSE(table.dictionary(column(table, "procedures")).find("I21").has_value());
  EXPECT_FALSE(table.dictionary(column(table, "primary_diagnosis")).find("0SR9").has_value());
}

TEST(FactTableSchemas, EverySourceHasUnitsAndAPeriodDay) {
  ASSERT_EQ(all_schemas().size(), 6u);
  for (const auto* schema : all_schemas()) {
    SCOPED_TRACE(schema->source);
    ASSERT_NE(schema->find("site"), nullptr);
    EXPECT_EQ(schema->find("site")->kind, ColumnKind::dimension);
    ASSERT_NE(schema->find("department"), nullptr);
    ASSERT_NE(schema->find(schema->period_day), nullptr);
    EXPECT_EQ(schema->find(schema->period_day)->kind, ColumnKind::day);
    EXPECT_EQ(schema_of(schema->source), schema);
    IndicatorData data;
    EXPECT_EQ(data.table(schema->source)->schema().source, schema->source);
    std::size_t flags = 0;
    for (const auto& spec : schema->columns) flags += spec.kind == ColumnKind::flag;
    EXPECT_LE(flags, 32u);
  }
  EXPECT_EQ(schema_of("beds"), nullptr);
  EXPECT_EQ(IndicatorData{}.table("beds"), nullptr);
}

TEST(FactTableSchemas, EncounterColumnsHaveTheDocumentedKinds) {
  const auto& schema = encounter_schema();
  EXPECT_EQ(schema.period_day, "discharge_day");
  EXPECT_EQ(schema.find("procedures")->kind, ColumnKind::code_list);
  EXPECT_EQ(schema.find("age_band")->kind, ColumnKind::dimension);
  EXPECT_EQ(schema.find("ed_minutes")->kind, ColumnKind::number);
  EXPECT_EQ(schema.find("admission_day")->kind, ColumnKind::day);
  EXPECT_EQ(schema.find("surgical")->kind, ColumnKind::flag);
  EXPECT_EQ(schema.columns.size(), 25u);
  EXPECT_EQ(incident_schema().find("medication_error_reached")->kind, ColumnKind::flag);
  EXPECT_EQ(survey_schema().find("answer")->kind, ColumnKind::number);
  EXPECT_EQ(capa_schema().period_day, "due_day");
  EXPECT_EQ(observation_schema().find("compliant")->kind, ColumnKind::flag);
  EXPECT_EQ(complaint_schema().period_day, "received_day");
  // Strata other than site and department exist on encounters and survey answers, not on incidents.
  for (auto dimension : {"age_band", "sex", "ethnicity", "payer"}) {
    EXPECT_NE(encounter_schema().find(dimension), nullptr);
    EXPECT_NE(survey_schema().find(dimension), nullptr);
    EXPECT_EQ(incident_schema().find(dimension), nullptr);
  }
}

// Rows i in [from, to): the later rows bring texts the earlier ones never had, and leave columns unset.
void fill(FactTable& table, int from, int to) {
  for (int i = from; i < to; ++i) {
    table.begin_row();
    table.set_dimension(column(table, "site"), i % 3 == 0 ? "NORTH" : "SOUTH");
    table.set_dimension(column(table, "department"), "D" + std::to_string(i % 5 + (i >= 12 ? 4 : 0)));
    if (i % 2 == 0) table.set_dimension(column(table, "ethnicity"), i % 4 == 0 ? "A" : "B");
    for (int c = 0; c < i % 4; ++c)
      table.add_code(column(table, "procedures"), "P" + std::to_string((i + c) % 9));
    table.set_flag(column(table, "died"), i % 5 == 0);
    table.set_flag(column(table, "surgical"), i % 4 != 0);
    if (i % 3 != 0) table.set_number(column(table, "patient_days"), i * 0.5);
    table.set_day(column(table, "discharge_day"), 20000 + i);
    table.end_row();
  }
}

TEST(FactTable, AppendingATableGivesTheTableOfItsRowsAddedInTurn) {
  FactTable whole(encounter_schema()), first(encounter_schema()), second(encounter_schema());
  fill(whole, 0, 30);
  fill(first, 0, 12);
  fill(second, 12, 30);
  first.append(second);
  ASSERT_EQ(first.rows(), whole.rows());
  EXPECT_EQ(first.flags().size(), whole.flags().size());
  EXPECT_TRUE(std::equal(first.flags().begin(), first.flags().end(), whole.flags().begin()));
  const auto& columns = encounter_schema().columns;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    for (std::size_t row = 0; row < whole.rows(); ++row) {
      switch (columns[c].kind) {
        case ColumnKind::dimension:
          EXPECT_EQ(first.dimension(c)[row], whole.dimension(c)[row]) << columns[c].name << " row " << row;
          EXPECT_EQ(first.dictionary(c).text(first.dimension(c)[row]),
                    whole.dictionary(c).text(whole.dimension(c)[row]));
          break;
        case ColumnKind::code_list: {
          const auto got = first.codes(c, row), want = whole.codes(c, row);
          EXPECT_TRUE(std::equal(got.begin(), got.end(), want.begin(), want.end())) << "row " << row;
          break;
        }
        case ColumnKind::number: {
          const float got = first.number(c)[row], want = whole.number(c)[row];
          EXPECT_TRUE(got == want || (std::isnan(got) && std::isnan(want)))
              << columns[c].name << " row " << row;
          break;
        }
        case ColumnKind::day:
          EXPECT_EQ(first.day(c)[row], whole.day(c)[row]);
          break;
        case ColumnKind::flag:
          break;
      }
    }
    if (columns[c].kind == ColumnKind::dimension || columns[c].kind == ColumnKind::code_list) {
      EXPECT_EQ(first.dictionary(c).size(), whole.dictionary(c).size()) << columns[c].name;
    }
  }
}

}  // namespace
}  // namespace hqms::indicators
