#pragma once
// The benchmark's SQL side: every catalogue measure translated into SQL GROUP BY queries, generated from the
// definitions (never written per indicator), so that SQLite and DuckDB count exactly what the engine counts.
// A query returns one row per non-empty cell: period ('YYYY-MM'), site, department, stratum ('' when not
// stratified) and the value of each of its measures (COUNT, SUM or median, with the measure's filters).
//
// The translation keeps the engine's meaning of each test:
//   is          flag column, `col` / `NOT col` (SQLite 0/1 integers, DuckDB booleans)
//   in, notIn   `col IN (...)` / `col NOT IN (...)`; dimensions are loaded as '' rather than NULL where blank
//   startsWith  `substr(col, 1, n) = 'x'` (case-sensitive, unlike SQLite's LIKE)
//   anyStartsWith  procedures are stored as '|code|code|', so `instr(procedures, '|x') > 0`
//   between     `col >= min AND col <= max`; a missing number (the engine's NaN) is NULL, so it never matches
// The two dialects differ only where SQL itself does: the month of a day (SQLite has no date type and keeps
// days as ISO text, the convention its documentation gives, so the month is substr(day, 1, 7); DuckDB keeps
// DATE and truncates it) and the median (DuckDB's median(); SQLite has none, so the middle rows by window
// functions).
#include <string>
#include <vector>

#include "core/indicators/indicator_definition.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::bench {

enum class SqlDialect { sqlite, duckdb };

// A distinct measure under one stratification (many indicators share "sum of patient-days"), and where its
// values are in the results: column `column` (0 = the first value column) of query `query`.
struct MeasureSlice {
  indicators::Measure measure;
  std::string stratum;                  // "" = not stratified
  std::vector<std::string> indicators;  // the indicators it serves, "code.numerator" / "code.denominator"
  std::size_t query = 0;
  std::size_t column = 0;
};

struct SqlQuery {
  std::string id;   // "q01", the key of the results
  std::string sql;  // columns: period, site, department, stratum, then one value per slice
  std::vector<std::size_t> slices;
};

// per_measure: one GROUP BY query per measure and stratification, each with its own WHERE (one scan each).
// per_table: one GROUP BY query per source table and stratification, each measure an aggregate with its
// filter (`COUNT(*) FILTER (WHERE ...)`), so a table is scanned once per stratification, as an analyst
// writing the whole set by hand would; medians keep their own query.
enum class SqlShape { per_measure, per_table };

struct SqlPlan {
  std::vector<MeasureSlice> slices;
  std::vector<SqlQuery> queries;
};

// The SQL for `indicators` counted monthly over [from, to] with the stratum dimensions `strata` (each
// indicator is counted unstratified and by each dimension of `strata` that it lists), as the engine's
// CubeRequest counts them.
SqlPlan sql_plan(const std::vector<const indicators::IndicatorDefinition*>& indicators,
                 const std::vector<std::string>& strata, indicators::DayNumber from, indicators::DayNumber to,
                 SqlDialect dialect, SqlShape shape);

// CREATE TABLE for a source's fact table, columns named and typed after the schema.
std::string create_table_sql(const indicators::FactSchema& schema, SqlDialect dialect);

// DuckDB: the statement that loads the encounter CSV (the documented import format) into the encounters
// table with the engine's columns, and the one that loads a fact dump (write_fact_csv) of another source.
std::string duckdb_load_encounter_csv(const std::string& csv_path);
std::string duckdb_load_fact_csv(const indicators::FactSchema& schema, const std::string& csv_path);

// "2024-03-05" for a day number.
std::string iso_day(indicators::DayNumber day);

}  // namespace hqms::bench
