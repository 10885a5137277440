// `hqms import <kind> --db FILE [--strict] FILE...`: imports the data the quality indicators count from (EHR
// stays as CSV or FHIR R4 bulk NDJSON, survey responses, compliance observations, complaints), the same way
// the Imports page does, and prints the run's tally and its first problems.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.hpp"
#include "cli/key_file_option.hpp"
#include "store/indicators/data_import.hpp"

namespace hqms::cli {
namespace {

namespace fs = std::filesystem;

constexpr std::pair<std::string_view, store::ImportKind> kKinds[] = {
    {"encounters", store::ImportKind::encounters_csv}, {"fhir", store::ImportKind::encounters_fhir},
    {"survey", store::ImportKind::survey_csv},         {"observations", store::ImportKind::observations_csv},
    {"complaints", store::ImportKind::complaints_csv},
};

constexpr std::size_t kProblemsShown = 20;

std::optional<std::string> read_whole(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return std::move(text).str();
}

// The named files; for FHIR a directory stands for the *.ndjson files in it (a bulk export's folder), in
// name order.
Result<std::vector<store::ImportFile>> gather(const std::vector<std::string>& names, bool fhir) {
  std::vector<fs::path> paths;
  for (const auto& name : names) {
    std::error_code ec;
    if (fhir && fs::is_directory(name, ec)) {
      std::vector<fs::path> inside;
      for (const auto& entry : fs::directory_iterator(name, ec))
        if (entry.is_regular_file() && entry.path().extension() == ".ndjson") inside.push_back(entry.path());
      if (inside.empty())
        return Error::validation({{name, "holds no .ndjson files"}}, name + " holds no .ndjson files");
      std::sort(inside.begin(), inside.end());
      paths.insert(paths.end(), inside.begin(), inside.end());
    } else {
      paths.emplace_back(name);
    }
  }
  std::vector<store::ImportFile> files;
  for (const auto& path : paths) {
    auto text = read_whole(path);
    if (!text) return Error::validation({{path.string(), "cannot be read"}}, "cannot read " + path.string());
    files.push_back({path.filename().string(), std::move(*text)});
  }
  return files;
}

// file:line: field: message, as compilers report, so that editors can jump to the line. A record the import
// could not place on a line (one assembled from several FHIR resources) is named by its id.
void print_problem(const ImportProblem& p) {
  std::cout << "  ";
  if (!p.file.empty()) std::cout << p.file << ":";
  if (p.line > 0)
    std::cout << p.line << ": ";
  else
    std::cout << (p.file.empty() ? "" : " ") << "record " << p.record_id << ": ";
  if (!p.field.empty()) std::cout << p.field << ": ";
  std::cout << p.message << "\n";
}

int import_files(const std::string& db_path, const std::string& key_file, const std::string& kind_name,
                 bool strict, const std::vector<std::string>& names) {
  const auto kind =
      std::find_if(std::begin(kKinds), std::end(kKinds), [&](auto& k) { return k.first == kind_name; });
  if (kind == std::end(kKinds)) {
    std::cerr << "unknown kind " << kind_name << ": encounters, fhir, survey, observations or complaints\n";
    return 2;
  }
  if (kind->second != store::ImportKind::encounters_fhir && names.size() != 1) {
    std::cerr << kind_name << " imports take one file\n";
    return 2;
  }
  auto files = gather(names, kind->second == store::ImportKind::encounters_fhir);
  if (!files) {
    std::cerr << files.error().message << "\n";
    return 2;
  }
  if (files->size() > 1) {
    std::cout << "Reading " << files->size() << " files:";
    for (const auto& f : *files) std::cout << " " << f.name;
    std::cout << "\n";
  }
  if (!store::is_postgres_location(db_path) && !fs::exists(db_path)) {
    std::cerr << "no such database: " << db_path << "\n";
    return 2;
  }
  auto options = store::single_connection();
  if (!use_key_file(db_path, key_file, options)) return 2;
  auto db = store::open_database(db_path, options);
  if (!db) {
    std::cerr << "cannot open " << store::describe_location(db_path) << ": " << db.error().message << "\n";
    return 1;
  }

  store::ImportRequest request;
  request.kind = kind->second;
  request.files = std::move(*files);
  request.strict = strict;
  std::optional<store::ImportRun> earlier;
  {
    auto uow = (*db)->begin(store::TxMode::read);
    if (!uow) {
      std::cerr << "the import failed: " << uow.error().message << "\n";
      return 1;
    }
    auto found =
        (*uow)->indicator_data().find_completed_run(request.kind, store::files_sha256(request.files));
    if (found) earlier = *found;
  }

  SystemClock clock;
  auto run = store::run_import(**db, request, clock);
  if (!run) {
    std::cerr << "the import failed: " << run.error().message << "\n";
    for (const auto& f : run.error().fields) std::cerr << "  " << f.field << ": " << f.message << "\n";
    return run.error().kind == ErrorKind::validation ? 2 : 1;
  }
  const bool rejected = run->outcome == store::ImportOutcome::rejected;
  std::cout << "Import run " << run->id << " (" << to_string(run->kind) << ", " << run->file_name
            << "): " << (rejected ? "rejected, nothing was kept (--strict)" : "completed") << "\n";
  if (earlier)
    std::cout << "The same file was imported before (run " << earlier->id << "): nothing new in it.\n";
  std::cout << "  read " << run->records_read << ", inserted " << run->records_inserted << ", updated "
            << run->records_updated << ", unchanged " << run->records_unchanged << ", rejected "
            << run->records_rejected << "\n";
  if (!run->problems.empty()) {
    const auto shown = std::min(kProblemsShown, run->problems.size());
    std::cout << "Problems (" << shown << " of " << run->records_rejected << " rejected records shown):\n";
    for (std::size_t i = 0; i < shown; ++i) print_problem(run->problems[i]);
  }
  return rejected ? 2 : 0;
}

}  // namespace

void add_import_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>("hqms.db");
  auto kind = std::make_shared<std::string>();
  auto strict = std::make_shared<bool>(false);
  auto files = std::make_shared<std::vector<std::string>>();
  auto key_file = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "import",
      "Import data for the quality indicators: encounters (CSV), fhir (R4 bulk NDJSON files or a "
      "directory of them), survey, observations or complaints (CSV)");
  cmd->add_option("kind", *kind, "encounters, fhir, survey, observations or complaints")->required();
  cmd->add_option("files", *files, "The file(s) to import")->required();
  cmd->add_option("--db", *db, "SQLite database file or PostgreSQL URI")->capture_default_str();
  cmd->add_flag("--strict", *strict, "Keep nothing when any record is invalid");
  add_key_file_option(cmd, *key_file);
  cmd->callback([db, key_file, kind, strict, files, &exit] {
    exit.value = import_files(*db, *key_file, *kind, *strict, *files);
  });
}

}  // namespace hqms::cli
