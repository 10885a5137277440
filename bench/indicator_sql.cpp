#include "bench/indicator_sql.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "bench/text_output.hpp"

namespace hqms::bench {
namespace {

using indicators::ColumnKind;
using indicators::Condition;
using indicators::FactSchema;
using indicators::Measure;

std::string sql_text(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out + "'";
}

std::string number_text(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

std::string day_literal(double day, SqlDialect dialect, bool lower) {
  // Day columns hold whole days: an inclusive bound of 3.5 is day 4 from below, day 3 from above.
  const auto whole = static_cast<indicators::DayNumber>(lower ? std::ceil(day) : std::floor(day));
  return dialect == SqlDialect::sqlite ? sql_text(iso_day(whole)) : "DATE " + sql_text(iso_day(whole));
}

const indicators::ColumnSpec& column_of(const FactSchema& schema, const std::string& name) {
  const auto* spec = schema.find(name);
  if (!spec) throw std::runtime_error("no column " + name + " in " + schema.source);
  return *spec;
}

std::string list_of(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + sql_text(v);
  return out;
}

std::string condition_sql(const FactSchema& schema, const Condition& c, SqlDialect dialect) {
  const auto& spec = column_of(schema, c.column);
  const std::string& col = c.column;
  switch (c.test) {
    case Condition::Test::is:
      return c.flag ? col : "NOT " + col;
    case Condition::Test::in:
      return c.values.empty() ? "FALSE" : col + " IN (" + list_of(c.values) + ")";
    case Condition::Test::not_in:
      return c.values.empty() ? "TRUE" : col + " NOT IN (" + list_of(c.values) + ")";
    case Condition::Test::starts_with: {
      std::string out;
      for (const auto& v : c.values)
        out += (out.empty() ? "" : " OR ") +
               ("substr(" + col + ", 1, " + std::to_string(v.size()) + ") = " + sql_text(v));
      return out.empty() ? "FALSE" : "(" + out + ")";
    }
    case Condition::Test::any_starts_with: {
      std::string out;
      for (const auto& v : c.values)
        out += (out.empty() ? "" : " OR ") + ("instr(" + col + ", " + sql_text("|" + v) + ") > 0");
      return out.empty() ? "FALSE" : "(" + out + ")";
    }
    case Condition::Test::between: {
      const bool day = spec.kind == ColumnKind::day;
      std::string out = col + " IS NOT NULL";
      if (c.min)
        out += " AND " + col + " >= " + (day ? day_literal(*c.min, dialect, true) : number_text(*c.min));
      if (c.max)
        out += " AND " + col + " <= " + (day ? day_literal(*c.max, dialect, false) : number_text(*c.max));
      return "(" + out + ")";
    }
  }
  return "FALSE";
}

std::string month_of(const std::string& day_column, SqlDialect dialect) {
  return dialect == SqlDialect::sqlite ? "substr(" + day_column + ", 1, 7)"
                                       : "date_trunc('month', " + day_column + ")";
}

std::string where_sql(const Measure& measure, SqlDialect dialect) {
  const auto* schema = indicators::schema_of(measure.source);
  std::string where;
  for (const auto& c : measure.where)
    where += (where.empty() ? "" : " AND ") + condition_sql(*schema, c, dialect);
  if (measure.aggregate == indicators::Aggregate::median)
    where += (where.empty() ? "" : " AND ") + measure.column + " IS NOT NULL";
  return where;
}

std::string aggregate_sql(const Measure& measure, SqlDialect dialect, bool filtered) {
  std::string aggregate = measure.aggregate == indicators::Aggregate::count ? "COUNT(*)"
                          : measure.aggregate == indicators::Aggregate::sum
                              ? "SUM(" + measure.column + ")"
                              : "median(" + measure.column + ")";
  const auto where = where_sql(measure, dialect);
  if (filtered && !where.empty()) aggregate += " FILTER (WHERE " + where + ")";
  return aggregate;
}

// The GROUP BY of `measures` (all of one source) under one stratification: with one measure its filters are
// the WHERE clause, with several each aggregate carries its own FILTER.
std::string query_sql(const std::vector<const Measure*>& measures, const std::string& stratum,
                      indicators::DayNumber from, indicators::DayNumber to, SqlDialect dialect) {
  const Measure& first = *measures.front();
  const auto* schema = indicators::schema_of(first.source);
  if (!schema) throw std::runtime_error("no source " + first.source);
  const std::string& day = schema->period_day;
  std::string where =
      day + " BETWEEN " + day_literal(from, dialect, true) + " AND " + day_literal(to, dialect, false);
  const bool single = measures.size() == 1;
  if (single)
    if (const auto own = where_sql(first, dialect); !own.empty()) where += " AND " + own;
  const std::string strat = stratum.empty() ? "''" : stratum;
  const std::string keys = month_of(day, dialect) + " AS period, site, department, " + strat + " AS stratum";
  std::string sql;
  if (first.aggregate == indicators::Aggregate::median && dialect == SqlDialect::sqlite) {
    // The middle row (odd count) or the two middle rows (even) of each cell, averaged: 2·rn in [n, n + 2].
    sql =
        "SELECT period, site, department, stratum, AVG(v) AS value FROM (SELECT period, site, department, "
        "stratum, v, ROW_NUMBER() OVER (PARTITION BY period, site, department, stratum ORDER BY v) AS rn, "
        "COUNT(*) OVER (PARTITION BY period, site, department, stratum) AS n FROM (SELECT " +
        keys + ", " + first.column + " AS v FROM " + first.source + " WHERE " + where +
        ")) WHERE 2 * rn >= n AND 2 * rn <= n + 2 GROUP BY 1, 2, 3, 4";
  } else {
    std::string values;
    for (std::size_t i = 0; i < measures.size(); ++i)
      values += ", " + aggregate_sql(*measures[i], dialect, !single) + " AS v" + std::to_string(i);
    sql = "SELECT " + keys + values + " FROM " + first.source + " WHERE " + where + " GROUP BY 1, 2, 3, 4";
  }
  if (dialect == SqlDialect::duckdb)  // the month as text only on the grouped rows
    sql = "SELECT strftime(period, '%Y-%m') AS period, * EXCLUDE (period) FROM (" + sql + ")";
  return sql;
}

std::string sql_type(ColumnKind kind, SqlDialect dialect) {
  switch (kind) {
    case ColumnKind::dimension:
    case ColumnKind::code_list:
      return dialect == SqlDialect::sqlite ? "TEXT" : "VARCHAR";
    case ColumnKind::flag:
      return dialect == SqlDialect::sqlite ? "INTEGER" : "BOOLEAN";
    case ColumnKind::number:
      return dialect == SqlDialect::sqlite ? "REAL" : "DOUBLE";
    case ColumnKind::day:
      return dialect == SqlDialect::sqlite ? "TEXT" : "DATE";
  }
  return "TEXT";
}

}  // namespace

std::string iso_day(indicators::DayNumber day) {
  const auto c = civil_from_days(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", c.y, c.m, c.d);
  return buffer;
}

SqlPlan sql_plan(const std::vector<const indicators::IndicatorDefinition*>& indicators,
                 const std::vector<std::string>& strata, indicators::DayNumber from, indicators::DayNumber to,
                 SqlDialect dialect, SqlShape shape) {
  SqlPlan plan;
  const auto add = [&](const Measure& measure, const std::string& stratum, const std::string& user) {
    for (auto& slice : plan.slices)
      if (slice.measure == measure && slice.stratum == stratum) {
        slice.indicators.push_back(user);
        return;
      }
    plan.slices.push_back({measure, stratum, {user}, 0, 0});
  };
  for (const auto* indicator : indicators) {
    std::vector<std::string> slicings{""};
    for (const auto& s : strata)
      if (s != "site" && s != "department" &&
          std::find(indicator->strata.begin(), indicator->strata.end(), s) != indicator->strata.end())
        slicings.push_back(s);
    for (const auto& s : slicings) {
      add(indicator->numerator, s, indicator->code + ".numerator");
      if (indicator->denominator) add(*indicator->denominator, s, indicator->code + ".denominator");
    }
  }
  // Group the slices into queries: alone (per measure, and every median), or by source and stratum.
  for (std::size_t i = 0; i < plan.slices.size(); ++i) {
    auto& slice = plan.slices[i];
    const bool alone =
        shape == SqlShape::per_measure || slice.measure.aggregate == indicators::Aggregate::median;
    std::size_t q = plan.queries.size();
    if (!alone)
      for (std::size_t k = 0; k < plan.queries.size(); ++k) {
        const auto& other = plan.slices[plan.queries[k].slices.front()];
        if (other.measure.aggregate != indicators::Aggregate::median &&
            other.measure.source == slice.measure.source && other.stratum == slice.stratum) {
          q = k;
          break;
        }
      }
    if (q == plan.queries.size()) {
      char id[16];
      std::snprintf(id, sizeof id, "q%03zu", q + 1);
      plan.queries.push_back({id, {}, {}});
    }
    slice.query = q;
    slice.column = plan.queries[q].slices.size();
    plan.queries[q].slices.push_back(i);
  }
  for (auto& query : plan.queries) {
    std::vector<const Measure*> measures;
    for (const auto i : query.slices) measures.push_back(&plan.slices[i].measure);
    query.sql = query_sql(measures, plan.slices[query.slices.front()].stratum, from, to, dialect);
  }
  return plan;
}

std::string create_table_sql(const FactSchema& schema, SqlDialect dialect) {
  std::string sql = "CREATE TABLE " + schema.source + " (";
  for (std::size_t i = 0; i < schema.columns.size(); ++i)
    sql += (i ? ", " : "") + schema.columns[i].name + " " + sql_type(schema.columns[i].kind, dialect);
  return sql + ")";
}

std::string duckdb_load_encounter_csv(const std::string& csv_path) {
  // The import format's columns with explicit types; blank text is NULL in read_csv, '' in the engine.
  const std::string read =
      "read_csv(" + sql_text(csv_path) +
      ", header = true, delim = ',', quote = '\"', auto_detect = false, columns = {"
      "'encounter_id': 'VARCHAR', 'patient_pseudonym': 'VARCHAR', 'site': 'VARCHAR', 'department': "
      "'VARCHAR', "
      "'encounter_class': 'VARCHAR', 'admitted_at': 'TIMESTAMP', 'discharged_at': 'TIMESTAMP', "
      "'age_band': 'VARCHAR', 'sex': 'VARCHAR', 'ethnicity': 'VARCHAR', 'payer': 'VARCHAR', "
      "'primary_diagnosis': 'VARCHAR', 'procedure_codes': 'VARCHAR', 'disposition': 'VARCHAR', "
      "'patient_days': 'DOUBLE', 'central_line_days': 'DOUBLE', 'urinary_catheter_days': 'DOUBLE', "
      "'medication_doses': 'DOUBLE', 'ed_minutes': 'DOUBLE', 'readmitted_30d': 'BOOLEAN', 'clabsi': "
      "'BOOLEAN', "
      "'cauti': 'BOOLEAN', 'surgical_site_infection': 'BOOLEAN', 'pressure_injury': 'BOOLEAN'})";
  const auto text = [](const char* c) { return std::string("coalesce(") + c + ", '') AS " + c; };
  std::string sql = "CREATE TABLE encounters AS SELECT ";
  for (const char* c : {"site", "department", "encounter_class", "age_band", "sex", "ethnicity", "payer",
                        "primary_diagnosis", "disposition"})
    sql += text(c) + ", ";
  sql +=
      "CASE WHEN coalesce(procedure_codes, '') = '' THEN '' ELSE '|' || procedure_codes || '|' END AS "
      "procedures, "
      "CAST(admitted_at AS DATE) AS admission_day, CAST(discharged_at AS DATE) AS discharge_day, "
      "coalesce(patient_days, 0) AS patient_days, coalesce(central_line_days, 0) AS central_line_days, "
      "coalesce(urinary_catheter_days, 0) AS urinary_catheter_days, "
      "coalesce(medication_doses, 0) AS medication_doses, ed_minutes, "
      "coalesce(readmitted_30d, false) AS readmitted_30d, coalesce(disposition = 'died', false) AS died, "
      "coalesce(disposition = 'left_without_being_seen', false) AS left_without_being_seen, "
      "coalesce(clabsi, false) AS clabsi, coalesce(cauti, false) AS cauti, "
      "coalesce(surgical_site_infection, false) AS surgical_site_infection, "
      "coalesce(pressure_injury, false) AS pressure_injury, coalesce(procedure_codes, '') <> '' AS surgical "
      "FROM " +
      read;
  return sql;
}

std::string duckdb_load_fact_csv(const FactSchema& schema, const std::string& csv_path) {
  std::string columns, select;
  for (const auto& c : schema.columns) {
    columns += (columns.empty() ? "" : ", ") + sql_text(c.name) + ": " +
               sql_text(sql_type(c.kind, SqlDialect::duckdb));
    const bool text = c.kind == ColumnKind::dimension || c.kind == ColumnKind::code_list;
    select += (select.empty() ? "" : ", ") + (text ? "coalesce(" + c.name + ", '') AS " + c.name : c.name);
  }
  return "CREATE TABLE " + schema.source + " AS SELECT " + select + " FROM read_csv(" + sql_text(csv_path) +
         ", header = true, delim = ',', quote = '\"', auto_detect = false, columns = {" + columns + "})";
}

}  // namespace hqms::bench
