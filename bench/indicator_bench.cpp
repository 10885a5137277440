// The indicator benchmark `make bench` runs: generates a synthetic hospital network
// (bench/encounter_generator.hpp), imports it (encounter CSV and FHIR NDJSON, MB/s), computes the whole
// catalogue monthly by unit and two strata with the engine and draws every SPC chart, then counts the same
// indicator set as SQL in SQLite (in process) and DuckDB (its npm package, through
// bench/duckdb/indicators.mjs), checks their results against the engine's cells, and prints wall seconds,
// MB/s, peak memory and the ratios.
//
// Usage:
//   hqms_indicator_bench [--encounters N] [--fhir-encounters N] [--dir DIR] [--keep] [--duckdb-script FILE]
//                        [--no-sqlite] [--no-duckdb] [--sql per-table|per-measure]
//   hqms_indicator_bench generate --out DIR [--encounters N] [--fhir-encounters N]   (the data files only)
// HQMS_BENCH_ENCOUNTERS sets the default size (10,000,000); the FHIR export covers the first 1,000,000.
#include <sqlite3.h>
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include "bench/encounter_generator.hpp"
#include "bench/indicator_sql.hpp"
#include "bench/text_output.hpp"
#include "core/encounters/encounter_record.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/import/csv_reader.hpp"
#include "core/import/encounter_csv.hpp"
#include "core/import/fhir_bulk.hpp"
#include "core/import/survey_csv.hpp"
#include "core/indicators/catalogue.hpp"
#include "core/indicators/indicator_chart.hpp"
#include "core/indicators/indicator_engine.hpp"

#ifndef HQMS_SOURCE_DIR
#define HQMS_SOURCE_DIR "."
#endif

namespace fs = std::filesystem;
using namespace hqms;
using namespace hqms::indicators;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// Peak resident memory (VmHWM) in MB. Each stage resets it first (writing 5 to clear_refs, Linux 4.0+) so the
// figure is the stage's own peak; where that is refused the figure is the process's peak so far.
double peak_rss_mb() {
  std::ifstream status("/proc/self/status");
  for (std::string line; std::getline(status, line);)
    if (line.rfind("VmHWM:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}
bool g_peak_resets = true;
void reset_peak() {
  std::ofstream clear("/proc/self/clear_refs");
  clear << "5";
  clear.flush();
  if (!clear) g_peak_resets = false;
}

double mb(std::uintmax_t bytes) {
  return static_cast<double>(bytes) / 1e6;
}

void print_stage(const std::string& what, double seconds, std::optional<double> megabytes = std::nullopt,
                 const std::string& note = {}) {
  std::printf("  %-60s %9.2f s", what.c_str(), seconds);
  if (megabytes && seconds > 0)
    std::printf("  %8.1f MB/s", *megabytes / seconds);
  else
    std::printf("  %13s", "");
  std::printf("  peak %7.0f MB%s%s\n", peak_rss_mb(), note.empty() ? "" : "  ", note.c_str());
  std::fflush(stdout);
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  std::string text;
  text.resize(fs::file_size(path));
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  return text;
}

struct Options {
  std::size_t encounters = 10'000'000;
  std::size_t fhir_encounters = 1'000'000;
  fs::path dir;
  bool keep = false;
  bool sqlite = true;
  bool duckdb = true;
  fs::path duckdb_script = fs::path(HQMS_SOURCE_DIR) / "bench/duckdb/indicators.mjs";
  bool generate_only = false;
  bench::SqlShape sql_shape = bench::SqlShape::per_table;
};

Options parse(int argc, char** argv) {
  Options o;
  if (const char* env = std::getenv("HQMS_BENCH_ENCOUNTERS")) o.encounters = std::strtoull(env, nullptr, 10);
  bool fhir_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    const auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "generate")
      o.generate_only = true;
    else if (arg == "--encounters")
      o.encounters = std::stoull(value());
    else if (arg == "--fhir-encounters")
      o.fhir_encounters = std::stoull(value()), fhir_given = true;
    else if (arg == "--dir" || arg == "--out")
      o.dir = value();
    else if (arg == "--keep")
      o.keep = true;
    else if (arg == "--no-sqlite")
      o.sqlite = false;
    else if (arg == "--no-duckdb")
      o.duckdb = false;
    else if (arg == "--duckdb-script")
      o.duckdb_script = value();
    else if (arg == "--sql") {
      const auto shape = value();
      if (shape != "per-table" && shape != "per-measure")
        throw std::runtime_error("--sql per-table|per-measure");
      o.sql_shape = shape == "per-table" ? bench::SqlShape::per_table : bench::SqlShape::per_measure;
    } else
      throw std::runtime_error("unknown argument " + arg);
  }
  if (!fhir_given) o.fhir_encounters = std::min<std::size_t>(o.encounters, 1'000'000);
  o.fhir_encounters = std::min(o.fhir_encounters, o.encounters);
  if (o.dir.empty()) o.dir = fs::temp_directory_path() / "hqms-indicator-bench";
  if (o.generate_only) o.keep = true;
  return o;
}

// Bytes the files take per encounter (CSV), per FHIR stay, and the rest at 10M scale, measured on a run.
constexpr double kCsvBytesPerEncounter = 270, kFhirBytesPerStay = 4200, kOtherBytesAt10M = 1.2e9;

void fit_to_disk(Options& o) {
  fs::create_directories(o.dir);
  const double available = static_cast<double>(fs::space(o.dir).available);
  const auto need = [&] {
    return (kCsvBytesPerEncounter * static_cast<double>(o.encounters) +
            kFhirBytesPerStay * static_cast<double>(o.fhir_encounters) +
            kOtherBytesAt10M * static_cast<double>(o.encounters) / 1e7) *
           1.25;
  };
  std::printf("  disk: %.1f GB free in %s, the data needs about %.1f GB\n", available / 1e9, o.dir.c_str(),
              need() / 1e9);
  if (need() <= available) return;
  const double scale = available / need();
  o.encounters = static_cast<std::size_t>(static_cast<double>(o.encounters) * scale);
  o.fhir_encounters =
      std::min(o.encounters, static_cast<std::size_t>(static_cast<double>(o.fhir_encounters) * scale));
  std::printf("  NOTE: not enough disk: scaled down to %zu encounters (%zu in FHIR)\n", o.encounters,
              o.fhir_encounters);
}

// ---- the sources without an import reader: incidents and CAPA come from HQMS's own registers ----

// Loads a fact CSV whose header names the schema's columns (others ignored): days YYYY-MM-DD, flags 1/0.
std::size_t load_fact_csv(const fs::path& path, FactTable& table) {
  const std::string text = read_file(path);
  CsvReader reader(text);
  const auto* header = reader.next();
  if (!header) return 0;
  const auto& schema = table.schema();
  std::vector<std::optional<std::size_t>> column_at;
  for (const auto field : header->fields) column_at.push_back(schema.index_of(field));
  std::size_t rows = 0;
  while (const auto* record = reader.next()) {
    table.begin_row();
    for (std::size_t f = 0; f < record->fields.size() && f < column_at.size(); ++f) {
      if (!column_at[f]) continue;
      const auto column = *column_at[f];
      const std::string_view v = record->fields[f];
      switch (schema.columns[column].kind) {
        case ColumnKind::dimension:
          table.set_dimension(column, v);
          break;
        case ColumnKind::code_list:
          for (std::size_t start = 0; start < v.size();) {
            const auto bar = std::min(v.find('|', start), v.size());
            if (bar > start) table.add_code(column, v.substr(start, bar - start));
            start = bar + 1;
          }
          break;
        case ColumnKind::flag:
          table.set_flag(column, v == "1" || v == "true" || v == "yes");
          break;
        case ColumnKind::number:
          table.set_number(column, v.empty() ? std::nan("") : std::strtod(std::string(v).c_str(), nullptr));
          break;
        case ColumnKind::day: {
          const int y = std::atoi(std::string(v.substr(0, 4)).c_str());
          const int m = std::atoi(std::string(v.substr(5, 2)).c_str());
          const int d = std::atoi(std::string(v.substr(8, 2)).c_str());
          table.set_day(column,
                        bench::days_from_civil(y, static_cast<unsigned>(m), static_cast<unsigned>(d)));
          break;
        }
      }
    }
    table.end_row();
    ++rows;
  }
  if (reader.error()) throw std::runtime_error(path.string() + ": " + reader.error()->message);
  return rows;
}

// Writes a table as a fact CSV for DuckDB: the schema's columns, days as dates, flags true/false, a missing
// number blank, code lists '|a|b|'.
void write_fact_csv(const FactTable& table, const fs::path& path) {
  bench::FileOut out(path);
  const auto& schema = table.schema();
  for (std::size_t c = 0; c < schema.columns.size(); ++c) out << (c ? "," : "") << schema.columns[c].name;
  out.end_record();
  const auto flags = table.flags();
  for (std::size_t row = 0; row < table.rows(); ++row) {
    for (std::size_t c = 0; c < schema.columns.size(); ++c) {
      if (c) out << ',';
      switch (schema.columns[c].kind) {
        case ColumnKind::dimension:
          out << table.dictionary(c).text(table.dimension(c)[row]);
          break;
        case ColumnKind::code_list: {
          const auto codes = table.codes(c, row);
          if (!codes.empty()) {
            out << '|';
            for (const auto code : codes) out << table.dictionary(c).text(code) << '|';
          }
          break;
        }
        case ColumnKind::flag:
          out << ((flags[row] >> table.flag_bit(c)) & 1U ? "true" : "false");
          break;
        case ColumnKind::number: {
          const float v = table.number(c)[row];
          if (!std::isnan(v)) {
            char buffer[32];
            out << std::string_view(buffer, std::to_chars(buffer, buffer + sizeof buffer, v).ptr);
          }
          break;
        }
        case ColumnKind::day:
          out.date(table.day(c)[row]);
          break;
      }
    }
    out.end_record();
  }
  out.close();
}

// ---- the engine's cells, keyed like the SQL rows ----

using CellKey = std::string;  // period \t site \t department \t stratum
CellKey cell_key(std::string_view period, std::string_view site, std::string_view department,
                 std::string_view stratum) {
  CellKey key;
  key.reserve(period.size() + site.size() + department.size() + stratum.size() + 3);
  key.append(period).append("\t").append(site).append("\t").append(department).append("\t").append(stratum);
  return key;
}

double median_of(std::vector<float> values) {
  std::sort(values.begin(), values.end());
  const auto n = values.size();
  return n % 2 ? values[n / 2] : (static_cast<double>(values[n / 2 - 1]) + values[n / 2]) / 2.0;
}

// The non-empty cells of the engine's cube for a query (the first indicator it serves tells which cube).
std::unordered_map<CellKey, double> engine_cells(const CubeSet& set, const bench::MeasureSlice& slice) {
  std::unordered_map<CellKey, double> cells;
  const auto& user = slice.indicators.front();
  const auto dot = user.rfind('.');
  const auto* cube = set.find(user.substr(0, dot), slice.stratum);
  if (!cube) throw std::runtime_error("the engine made no cube for " + user + " by '" + slice.stratum + "'");
  const bool numerator = user.substr(dot + 1) == "numerator";
  const auto& values = numerator ? cube->numerator : cube->denominator;
  const std::size_t units = set.units.size(), strata = cube->strata.size();
  for (std::size_t p = 0; p < cube->periods.count; ++p) {
    const auto period = cube->periods.label(p);
    for (std::size_t u = 0; u < units; ++u)
      for (std::size_t s = 0; s < strata; ++s) {
        const std::size_t cell = (p * units + u) * strata + s;
        double value;
        if (slice.measure.aggregate == Aggregate::median) {
          const auto begin = cube->median_offsets[cell], end = cube->median_offsets[cell + 1];
          if (begin == end) continue;
          value = median_of({cube->median_values.begin() + begin, cube->median_values.begin() + end});
        } else {
          value = values[cell];
          if (value == 0) continue;
        }
        cells.emplace(cell_key(period, set.units[u].site, set.units[u].department, cube->strata[s]), value);
      }
  }
  return cells;
}

bool same(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

// ---- SQLite ----

struct SqlRow {
  std::string period, site, department, stratum;
  std::vector<double> values;  // NULL (a SUM over no rows) as 0
};

void sqlite_exec(sqlite3* db, const std::string& sql) {
  char* message = nullptr;
  if (sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
    std::string m = message ? message : "?";
    sqlite3_free(message);
    throw std::runtime_error("SQLite: " + m + " in " + sql.substr(0, 200));
  }
}

void sqlite_load(sqlite3* db, const FactTable& table) {
  const auto& schema = table.schema();
  sqlite_exec(db, bench::create_table_sql(schema, bench::SqlDialect::sqlite));
  std::string sql = "INSERT INTO " + schema.source + " VALUES (";
  for (std::size_t c = 0; c < schema.columns.size(); ++c) sql += c ? ", ?" : "?";
  sql += ")";
  sqlite3_stmt* insert = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &insert, nullptr) != SQLITE_OK)
    throw std::runtime_error(sqlite3_errmsg(db));
  const auto flags = table.flags();
  std::string codes;
  for (std::size_t row = 0; row < table.rows(); ++row) {
    for (std::size_t c = 0; c < schema.columns.size(); ++c) {
      const int p = static_cast<int>(c) + 1;
      switch (schema.columns[c].kind) {
        case ColumnKind::dimension: {
          const auto text = table.dictionary(c).text(table.dimension(c)[row]);
          sqlite3_bind_text(insert, p, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
          break;
        }
        case ColumnKind::code_list: {
          codes.clear();
          const auto list = table.codes(c, row);
          if (!list.empty()) codes = "|";
          for (const auto code : list) codes.append(table.dictionary(c).text(code)).append("|");
          sqlite3_bind_text(insert, p, codes.data(), static_cast<int>(codes.size()), SQLITE_TRANSIENT);
          break;
        }
        case ColumnKind::flag:
          sqlite3_bind_int(insert, p, static_cast<int>((flags[row] >> table.flag_bit(c)) & 1U));
          break;
        case ColumnKind::number: {
          const float v = table.number(c)[row];
          if (std::isnan(v))
            sqlite3_bind_null(insert, p);
          else
            sqlite3_bind_double(insert, p, v);
          break;
        }
        case ColumnKind::day: {
          const auto text = bench::iso_day(table.day(c)[row]);
          sqlite3_bind_text(insert, p, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
          break;
        }
      }
    }
    if (sqlite3_step(insert) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
    sqlite3_reset(insert);
  }
  sqlite3_finalize(insert);
}

std::vector<SqlRow> sqlite_query(sqlite3* db, const std::string& sql) {
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK)
    throw std::runtime_error(std::string(sqlite3_errmsg(db)) + " in " + sql);
  std::vector<SqlRow> rows;
  const auto text = [&](int c) {
    const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(statement, c));
    return std::string(t ? t : "");
  };
  const int columns = sqlite3_column_count(statement);
  int rc;
  while ((rc = sqlite3_step(statement)) == SQLITE_ROW) {
    SqlRow row{text(0), text(1), text(2), text(3), {}};
    for (int c = 4; c < columns; ++c) row.values.push_back(sqlite3_column_double(statement, c));
    rows.push_back(std::move(row));
  }
  sqlite3_finalize(statement);
  if (rc != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db));
  return rows;
}

// Compares a query's rows with the engine's cells; the first difference, or empty when they agree.
std::string compare(const std::vector<SqlRow>& rows, std::size_t column,
                    const std::unordered_map<CellKey, double>& cells) {
  std::size_t matched = 0;
  for (const auto& r : rows) {
    const double value = r.values.at(column);
    const auto key = cell_key(r.period, r.site, r.department, r.stratum);
    const auto it = cells.find(key);
    if (it == cells.end()) {
      if (value == 0) continue;  // nothing counted, or a sum over zeros: the engine's cell is 0
      return "SQL has " + key + " = " + std::to_string(value) + ", the engine has no such cell";
    }
    if (!same(it->second, value))
      return key + ": SQL " + std::to_string(value) + ", engine " + std::to_string(it->second);
    ++matched;
  }
  if (matched != cells.size())
    return "the engine has " + std::to_string(cells.size()) + " cells, SQL matched " +
           std::to_string(matched);
  return {};
}

// ---- DuckDB through node ----

struct DuckDbRun {
  std::string unavailable;  // the reason, when it did not run
  std::string version;
  int threads = 0;
  double load_seconds = 0, query_seconds = 0;
  double peak_mb = 0;
  nlohmann::json queries;  // [{id, rows, nonzero, sum}]
};

DuckDbRun run_duckdb(const Options& o, const fs::path& manifest) {
  DuckDbRun run;
  if (!fs::exists(o.duckdb_script)) {
    run.unavailable = o.duckdb_script.string() + " not found";
    return run;
  }
  if (!fs::exists(o.duckdb_script.parent_path() / "node_modules/@duckdb/node-api")) {
    run.unavailable = "@duckdb/node-api is not installed (bench/run.sh runs npm ci in bench/duckdb)";
    return run;
  }
  const fs::path output = o.dir / "duckdb-result.json";
  const std::string command =
      "node '" + o.duckdb_script.string() + "' '" + manifest.string() + "' > '" + output.string() + "'";
  if (std::system(command.c_str()) != 0) {
    run.unavailable = "the DuckDB script failed (its message is above)";
    return run;
  }
  const auto result = nlohmann::json::parse(read_file(output));
  if (result.contains("error")) {
    run.unavailable = result["error"].get<std::string>();
    return run;
  }
  run.version = result.value("version", "");
  run.threads = result.value("threads", 0);
  run.load_seconds = result.value("loadSeconds", 0.0);
  run.query_seconds = result.value("querySeconds", 0.0);
  run.peak_mb = result.value("peakRssMb", 0.0);
  run.queries = result["queries"];
  return run;
}

struct Figures {
  double import_seconds = 0;  // every source, engine side
  double aggregation_seconds = 0;
  double spc_seconds = 0;
};

int run(Options o) {
  std::printf("== indicator engine benchmark\n");
  fit_to_disk(o);
  const auto size = bench::NetworkSize::for_encounters(o.encounters, o.fhir_encounters);

  // ---- 1. the data ----
  reset_peak();
  auto started = Clock::now();
  const auto network = bench::generate_network(o.dir, size);
  std::uintmax_t fhir_bytes = 0;
  for (const auto& f : network.fhir_files) fhir_bytes += f.bytes;
  const double generated_mb = mb(network.encounters_csv.bytes + fhir_bytes + network.survey_csv.bytes +
                                 network.observations_csv.bytes + network.complaints_csv.bytes +
                                 network.incidents_csv.bytes + network.capa_csv.bytes);
  print_stage("generate the network (seed " + std::to_string(bench::default_seed) + ")",
              seconds_since(started), generated_mb);
  std::printf(
      "    %zu encounters (%.0f MB CSV): %zu inpatient stays, %.1f%% readmitted within 30 days, %.1f%% "
      "died;\n"
      "    %zu ED visits, %.1f%% left without being seen; FHIR export of %zu stays in %zu files (%.0f MB);\n"
      "    %zu incidents, %zu CAPAs, %zu survey responses, %zu hand-hygiene observations, %zu complaints\n",
      network.encounters_csv.records - 1, mb(network.encounters_csv.bytes), network.inpatient_stays,
      100.0 * network.readmitted / std::max<std::size_t>(1, network.inpatient_stays),
      100.0 * network.deaths / std::max<std::size_t>(1, network.inpatient_stays), network.ed_visits,
      100.0 * network.left_without_being_seen / std::max<std::size_t>(1, network.ed_visits),
      network.fhir_encounters, network.fhir_files.size(), mb(fhir_bytes), size.incidents, size.capa,
      size.survey_responses, size.observations, size.complaints);
  if (o.generate_only) {
    std::printf("  files in %s\n", o.dir.c_str());
    return 0;
  }

  Figures engine;
  IndicatorData data;
  // ---- 2. imports ----
  {
    reset_peak();
    started = Clock::now();
    std::string text = read_file(network.encounters_csv.path);
    // Both cores parse: a table per half of the file, appended in file order.
    FactTable second_half(indicators::encounter_schema());
    data.encounters.reserve(o.encounters / 2 + 1);
    second_half.reserve(o.encounters / 2 + 1);
    const std::array<EncounterSink, 2> sinks{
        [&](const encounters::EncounterRecord& r) { encounters::append_encounter(data.encounters, r); },
        [&](const encounters::EncounterRecord& r) { encounters::append_encounter(second_half, r); }};
    auto tally = read_encounter_csv_in_parts("encounters.csv", text, nullptr, sinks);
    data.encounters.append(second_half);
    const double s = seconds_since(started);
    engine.import_seconds += s;
    if (!tally) throw std::runtime_error("encounter CSV: " + tally.error().message);
    print_stage("CSV import: encounters (read + parse + check + columns, 2 threads)", s,
                mb(network.encounters_csv.bytes),
                std::to_string(tally->records_valid) + " rows, " + std::to_string(tally->records_rejected) +
                    " refused");
    if (tally->records_rejected > 0 && !tally->problems.empty())
      std::printf("    first refusal: line %zu %s: %s\n", tally->problems[0].line,
                  tally->problems[0].field.c_str(), tally->problems[0].message.c_str());
  }
  {
    reset_peak();
    started = Clock::now();
    std::size_t rows = 0;
    std::uintmax_t bytes = network.survey_csv.bytes + network.observations_csv.bytes +
                           network.complaints_csv.bytes + network.incidents_csv.bytes +
                           network.capa_csv.bytes;
    const auto check = [](const char* what, const Result<ImportTally>& t) {
      if (!t) throw std::runtime_error(std::string(what) + ": " + t.error().message);
      if (t->records_rejected > 0)
        std::printf("    %s: %zu refused, first: %s\n", what, t->records_rejected,
                    t->problems.empty() ? "" : t->problems[0].message.c_str());
    };
    {
      const auto text = read_file(network.survey_csv.path);
      check("survey",
            read_survey_csv("survey.csv", text, nullptr, [&](const encounters::SurveyResponseRecord& r) {
              encounters::append_survey_response(data.survey, r);
            }));
    }
    {
      const auto text = read_file(network.observations_csv.path);
      check("observations", read_observation_csv("observations.csv", text, nullptr,
                                                 [&](const encounters::ObservationRecord& r) {
                                                   encounters::append_observation(data.observations, r);
                                                 }));
    }
    {
      const auto text = read_file(network.complaints_csv.path);
      check("complaints",
            read_complaint_csv("complaints.csv", text, nullptr, [&](const encounters::ComplaintRecord& r) {
              encounters::append_complaint(data.complaints, r);
            }));
    }
    rows += load_fact_csv(network.incidents_csv.path, data.incidents);
    rows += load_fact_csv(network.capa_csv.path, data.capa);
    const double s = seconds_since(started);
    engine.import_seconds += s;
    print_stage("CSV import: survey, observations, complaints, incidents, CAPA", s, mb(bytes),
                std::to_string(data.survey.rows() + data.observations.rows() + data.complaints.rows() +
                               data.incidents.rows() + data.capa.rows()) +
                    " rows");
  }
  if (!network.fhir_files.empty()) {
    reset_peak();
    started = Clock::now();
    std::vector<std::string> texts;
    std::vector<NdjsonFile> files;
    for (const auto& f : network.fhir_files) texts.push_back(read_file(f.path));
    for (std::size_t i = 0; i < texts.size(); ++i)
      files.push_back({network.fhir_files[i].path.filename().c_str(), texts[i]});
    FactTable fhir_table(encounter_schema());
    fhir_table.reserve(network.fhir_encounters);
    auto tally = read_fhir_bulk(files, nullptr, [&](const encounters::EncounterRecord& r) {
      encounters::append_encounter(fhir_table, r);
    });
    const double s = seconds_since(started);
    if (!tally) throw std::runtime_error("FHIR: " + tally.error().message);
    print_stage("FHIR NDJSON import: " + std::to_string(network.fhir_encounters) + " stays", s,
                mb(fhir_bytes),
                std::to_string(tally->records_read) + " resources, " + std::to_string(fhir_table.rows()) +
                    " stays, " + std::to_string(tally->records_rejected) + " refused");
    if (tally->records_rejected > 0 && !tally->problems.empty())
      std::printf("    first refusal: %s line %zu %s: %s\n", tally->problems[0].file.c_str(),
                  tally->problems[0].line, tally->problems[0].field.c_str(),
                  tally->problems[0].message.c_str());
  }

  // ---- 3. the engine ----
  CubeRequest request;
  for (const auto& d : catalogue()) request.indicators.push_back(&d);
  request.from = bench::days_from_civil(bench::first_year, 1, 1);
  request.to = bench::days_from_civil(bench::last_year, 12, 31);
  request.strata = {"age_band", "sex"};
  request.resolution = Resolution::month;
  request.threads = 2;
  std::printf("  catalogue: %zu indicators, monthly %s..%s, strata age_band and sex, 2 threads\n",
              request.indicators.size(), bench::iso_day(request.from).c_str(),
              bench::iso_day(request.to).c_str());
  reset_peak();
  std::vector<double> runs;
  std::optional<CubeSet> cubes;
  for (int i = 0; i < 3; ++i) {
    started = Clock::now();
    auto result = compute_cubes(data, request);
    runs.push_back(seconds_since(started));
    if (!result) throw std::runtime_error("compute_cubes: " + result.error().message);
    cubes = std::move(*result);
  }
  engine.aggregation_seconds = *std::min_element(runs.begin(), runs.end());
  char runs_text[96];
  std::snprintf(runs_text, sizeof runs_text, "best of 3: %.2f / %.2f / %.2f s; %zu cubes, %zu units", runs[0],
                runs[1], runs[2], cubes->cubes.size(), cubes->units.size());
  print_stage("engine: aggregation (compute_cubes)", engine.aggregation_seconds, std::nullopt, runs_text);

  reset_peak();
  started = Clock::now();
  std::size_t charts = 0, refused = 0, signals = 0, empty = 0;
  std::map<std::string, std::size_t> refusals;
  for (const auto& cube : cubes->cubes) {
    const bool stratified = !cube.stratum_dimension.empty();
    for (std::size_t u = 0; u < cubes->units.size(); ++u) {
      const std::size_t unit[] = {u};
      for (std::size_t s = 0; s < (stratified ? cube.strata.size() : 1); ++s) {
        const auto points = series(cube, unit, stratified ? std::optional<std::size_t>(s) : std::nullopt);
        // A unit with nothing to count for this indicator (an ED for inpatient falls) has no chart to draw.
        if (std::none_of(points.begin(), points.end(),
                         [](const SeriesPoint& p) { return p.value.has_value(); })) {
          ++empty;
          continue;
        }
        auto chart = indicator_chart(*cube.indicator, cube.periods, points, {});
        if (chart) {
          ++charts;
          signals += chart->signals.size();
        } else {
          ++refused;
          const auto& e = chart.error();
          ++refusals[e.fields.empty() ? e.message : e.fields.front().field + ": " + e.fields.front().message];
        }
      }
    }
  }
  engine.spc_seconds = seconds_since(started);
  print_stage("engine: SPC chart per indicator x department x stratum", engine.spc_seconds, std::nullopt,
              std::to_string(charts) + " charts, " + std::to_string(signals) + " signals, " +
                  std::to_string(refused) + " refused, " + std::to_string(empty) + " empty series skipped");
  if (!refusals.empty()) {
    const auto most = std::max_element(refusals.begin(), refusals.end(),
                                       [](const auto& a, const auto& b) { return a.second < b.second; });
    std::printf("    most common reason a chart was refused (%zu): %s\n", most->second, most->first.c_str());
  }
  std::printf("  %-60s %9.2f s\n", "engine: aggregation + SPC",
              engine.aggregation_seconds + engine.spc_seconds);

  // ---- 4. SQLite ----
  const auto sqlite_plan = bench::sql_plan(request.indicators, request.strata, request.from, request.to,
                                           bench::SqlDialect::sqlite, o.sql_shape);
  std::vector<std::unordered_map<CellKey, double>> expected;
  for (const auto& slice : sqlite_plan.slices) expected.push_back(engine_cells(*cubes, slice));
  std::printf("  SQL: %zu distinct measure x stratification of the catalogue in %zu GROUP BY queries (%s)\n",
              sqlite_plan.slices.size(), sqlite_plan.queries.size(),
              o.sql_shape == bench::SqlShape::per_table
                  ? "one per table and stratification, FILTER per measure"
                  : "one per measure and stratification");
  const auto slice_name = [](const bench::MeasureSlice& slice) {
    return slice.indicators.front() + " by '" + slice.stratum + "'";
  };
  double sqlite_seconds = 0;
  if (o.sqlite) {
    sqlite3* db = nullptr;
    sqlite3_open(":memory:", &db);
    // In memory, no journal, sorts in memory, and the sorter's helper threads on the two cores.
    sqlite_exec(db,
                "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -2000000; "
                "PRAGMA temp_store = MEMORY; PRAGMA threads = 2");
    reset_peak();
    started = Clock::now();
    sqlite_exec(db, "BEGIN");
    for (const auto* schema : all_schemas()) sqlite_load(db, *data.table(schema->source));
    sqlite_exec(db, "COMMIT");
    print_stage("SQLite " + std::string(sqlite3_libversion()) + ": load the rows (in memory; not compared)",
                seconds_since(started));
    reset_peak();
    std::string first_difference;
    std::size_t mismatches = 0;
    for (const auto& query : sqlite_plan.queries) {
      started = Clock::now();
      const auto rows = sqlite_query(db, query.sql);
      const double took = seconds_since(started);
      sqlite_seconds += took;
      if (std::getenv("HQMS_BENCH_VERBOSE"))
        std::printf("    %s %.3f s %s\n", query.id.c_str(), took, query.sql.c_str());
      for (const auto i : query.slices) {
        const auto difference = compare(rows, sqlite_plan.slices[i].column, expected[i]);
        if (difference.empty()) continue;
        ++mismatches;
        if (first_difference.empty())
          first_difference = query.id + " (" + slice_name(sqlite_plan.slices[i]) + "): " + difference;
      }
    }
    print_stage(
        "SQLite: the catalogue as SQL", sqlite_seconds, std::nullopt,
        mismatches ? "MISMATCH in " + std::to_string(mismatches) + " measures" : "OK: every cell equal");
    if (!first_difference.empty()) std::printf("    first difference: %s\n", first_difference.c_str());
    sqlite3_close(db);
  }

  // ---- 5. DuckDB ----
  DuckDbRun duck;
  if (o.duckdb) {
    const auto duck_plan = bench::sql_plan(request.indicators, request.strata, request.from, request.to,
                                           bench::SqlDialect::duckdb, o.sql_shape);
    nlohmann::json manifest;
    manifest["threads"] = 2;
    manifest["load"] = nlohmann::json::array();
    manifest["load"].push_back(
        {{"table", "encounters"},
         {"sql", bench::duckdb_load_encounter_csv(fs::absolute(network.encounters_csv.path))}});
    for (const auto* schema : all_schemas()) {
      if (schema->source == encounters_source) continue;
      const auto dump = fs::absolute(o.dir / ("fact-" + schema->source + ".csv"));
      write_fact_csv(*data.table(schema->source), dump);
      manifest["load"].push_back(
          {{"table", schema->source}, {"sql", bench::duckdb_load_fact_csv(*schema, dump)}});
    }
    manifest["queries"] = nlohmann::json::array();
    for (const auto& q : duck_plan.queries) manifest["queries"].push_back({{"id", q.id}, {"sql", q.sql}});
    const auto manifest_path = o.dir / "duckdb-manifest.json";
    std::ofstream(manifest_path) << manifest.dump(1);
    duck = run_duckdb(o, manifest_path);
    if (!duck.unavailable.empty()) {
      std::printf("  DuckDB: not available (%s)\n", duck.unavailable.c_str());
    } else {
      // The same slices in the same order as SQLite's plan (both come from the same definitions).
      std::size_t mismatches = 0;
      std::string first;
      for (std::size_t i = 0; i < duck_plan.slices.size(); ++i) {
        const auto& slice = duck_plan.slices[i];
        double sum = 0;
        for (const auto& [key, value] : expected[i]) sum += value;
        const auto& result = duck.queries.at(slice.query)["columns"].at(slice.column);
        const auto nonzero = result.value("nonzero", std::size_t{0});
        const double duck_sum = result.value("sum", 0.0);
        if (nonzero == expected[i].size() && same(duck_sum, sum)) continue;
        ++mismatches;
        if (first.empty())
          first = duck_plan.queries[slice.query].id + " (" + slice_name(slice) + "): DuckDB " +
                  std::to_string(nonzero) + " cells summing to " + std::to_string(duck_sum) + ", engine " +
                  std::to_string(expected[i].size()) + " summing to " + std::to_string(sum);
      }
      std::printf(
          "  %-60s %9.2f s                 peak %7.0f MB\n",
          ("DuckDB " + duck.version + ": load (read_csv, " + std::to_string(duck.threads) + " threads)")
              .c_str(),
          duck.load_seconds, duck.peak_mb);
      const std::string verdict = mismatches ? "MISMATCH in " + std::to_string(mismatches) + " measures"
                                             : "OK: every measure's cell count and sum equal";
      std::printf("  %-60s %9.2f s                 %s\n", "DuckDB: the catalogue as SQL", duck.query_seconds,
                  verdict.c_str());
      if (!first.empty()) std::printf("    first difference: %s\n", first.c_str());
    }
  }

  // ---- 6. ratios ----
  const bool have_duck = o.duckdb && duck.unavailable.empty();
  const auto secs = [](bool have, double s) {
    char b[32];
    if (!have) return std::string("-");
    std::snprintf(b, sizeof b, "%.2f s", s);
    return std::string(b);
  };
  const auto ratio = [](bool have, double theirs, double ours) {
    char b[32];
    if (!have) return std::string("-");
    std::snprintf(b, sizeof b, "%.1fx", theirs / ours);
    return std::string(b);
  };
  const double engine_e2e = engine.import_seconds + engine.aggregation_seconds;
  const double duck_e2e = duck.load_seconds + duck.query_seconds;
  std::printf("\n  %-44s %12s %12s %12s\n", "", "engine", "SQLite", "DuckDB");
  std::printf("  %-44s %12s %12s %12s\n", "aggregation: the catalogue",
              secs(true, engine.aggregation_seconds).c_str(), secs(o.sqlite, sqlite_seconds).c_str(),
              secs(have_duck, duck.query_seconds).c_str());
  std::printf("  %-44s %12s %12s %12s\n", "  engine faster by", "",
              ratio(o.sqlite, sqlite_seconds, engine.aggregation_seconds).c_str(),
              ratio(have_duck, duck.query_seconds, engine.aggregation_seconds).c_str());
  std::printf("  %-44s %12s %12s %12s\n", "end to end: load + aggregation", secs(true, engine_e2e).c_str(),
              "-", secs(have_duck, duck_e2e).c_str());
  std::printf("  %-44s %12s %12s %12s\n", "  engine faster by", "", "-",
              ratio(have_duck, duck_e2e, engine_e2e).c_str());
  std::printf(
      "  (engine end to end = CSV import of every source + aggregation; its SPC charts add %.2f s.\n"
      "   SQLite is loaded from the engine's rows, so its load is not compared. DuckDB: %s.)\n",
      engine.spc_seconds, have_duck ? (std::to_string(duck.threads) + " threads").c_str() : "not run");
  if (!g_peak_resets) std::printf("  (peak memory is the process's peak so far: clear_refs was refused)\n");

  if (!o.keep) fs::remove_all(o.dir);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return run(parse(argc, argv));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "indicator bench: %s\n", e.what());
    return 1;
  }
}
