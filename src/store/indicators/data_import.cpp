#include "store/indicators/data_import.hpp"

#include <algorithm>
#include <functional>
#include <map>

#include "core/common/crypto.hpp"
#include "core/import/encounter_csv.hpp"
#include "core/import/fhir_bulk.hpp"
#include "core/import/survey_csv.hpp"

namespace hqms::store {
namespace {

// The organisation's departments by code: what the readers check records against, and the ids the rows are
// kept under.
class OrganisationUnits final : public encounters::KnownUnits {
 public:
  explicit OrganisationUnits(const Organisation& org) {
    for (const auto& site : org.sites)
      for (const auto& d : site.departments) units_.emplace(d.code, Unit{site.code, {site.id, d.id}});
  }

  std::optional<std::string_view> site_of_department(std::string_view department) const override {
    auto it = units_.find(department);
    if (it == units_.end()) return std::nullopt;
    return std::string_view(it->second.site_code);
  }

  const UnitIds* ids(std::string_view department) const {
    auto it = units_.find(department);
    return it == units_.end() ? nullptr : &it->second.ids;
  }

 private:
  struct Unit {
    std::string site_code;
    UnitIds ids;
  };
  std::map<std::string, Unit, std::less<>> units_;
};

// Where a record starts, for the problems this service adds itself (the readers report their own with the
// line): records come as views into the file text, in file order, so the line is one more than the line
// breaks before the record's id, counted on from the previous record. 0 where the id is not in the file
// text (a quoted field the reader had to unescape, or a FHIR record assembled from several resources).
class LineFinder {
 public:
  explicit LineFinder(const std::vector<ImportFile>& files) : files_(files), cursors_(files.size()) {}

  std::pair<std::string, std::size_t> locate(std::string_view id) {
    const std::less<const char*> before;
    for (std::size_t i = 0; i < files_.size(); ++i) {
      const auto& text = files_[i].text;
      if (before(id.data(), text.data()) || !before(id.data(), text.data() + text.size())) continue;
      auto& c = cursors_[i];
      const auto offset = static_cast<std::size_t>(id.data() - text.data());
      if (offset < c.offset) c = {};
      c.breaks +=
          static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(c.offset),
                                              text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
      c.offset = offset;
      return {files_[i].name, c.breaks + 1};
    }
    return {files_.size() == 1 ? files_.front().name : std::string(), 0};
  }

 private:
  struct Cursor {
    std::size_t offset = 0;
    std::size_t breaks = 0;
  };
  const std::vector<ImportFile>& files_;
  std::vector<Cursor> cursors_;
};

// One attempt at keeping the valid records: refuses the ones outside the person's departments, upserts the
// others and counts what each upsert did. The first database failure stops the writing (the readers still
// finish, and the transaction is then rolled back).
class ImportWork {
 public:
  ImportWork(const ImportRequest& request, const OrganisationUnits& units, IndicatorDataRepository& repo,
             Id run_id)
      : request_(request), units_(units), repo_(repo), run_id_(run_id), lines_(request.files) {}

  template <class Upsert>
  void take(std::string_view id, std::string_view department, Upsert upsert) {
    if (failure) return;
    const UnitIds* unit = units_.ids(department);
    if (!unit || (request_.may_import && !request_.may_import(unit->department_id))) {
      auto [file, line] = lines_.locate(id);
      refused.push_back({std::move(file), line, std::string(id), "department",
                         unit ? "department " + std::string(department) + " is outside your scope"
                              : "department " + std::string(department) + " is not known"});
      return;
    }
    auto done = upsert(repo_, *unit, run_id_);
    if (!done) {
      failure = done.error();
      return;
    }
    switch (*done) {
      case UpsertResult::inserted:
        ++inserted;
        break;
      case UpsertResult::updated:
        ++updated;
        break;
      case UpsertResult::unchanged:
        ++unchanged;
        break;
    }
  }

  std::vector<ImportProblem> refused;
  std::int64_t inserted = 0, updated = 0, unchanged = 0;
  std::optional<Error> failure;

 private:
  const ImportRequest& request_;
  const OrganisationUnits& units_;
  IndicatorDataRepository& repo_;
  Id run_id_;
  LineFinder lines_;
};

Result<ImportTally> read_files(const ImportRequest& request, const OrganisationUnits& units,
                               ImportWork& work) {
  const auto& file = request.files.front();
  // Stays arrive the same way from a CSV and from a FHIR export.
  const auto take_encounter = [&](const encounters::EncounterRecord& r) {
    work.take(r.encounter_id, r.department, [&](IndicatorDataRepository& repo, UnitIds ids, Id run) {
      return repo.upsert_encounter(r, ids, run);
    });
  };
  switch (request.kind) {
    case ImportKind::encounters_csv:
      return read_encounter_csv(file.name, file.text, &units, take_encounter);
    case ImportKind::encounters_fhir: {
      std::vector<NdjsonFile> files;
      for (const auto& f : request.files) files.push_back({f.name, f.text});
      return read_fhir_bulk(files, &units, take_encounter);
    }
    case ImportKind::survey_csv:
      return read_survey_csv(file.name, file.text, &units, [&](const encounters::SurveyResponseRecord& r) {
        work.take(r.response_id, r.department, [&](IndicatorDataRepository& repo, UnitIds ids, Id run) {
          return repo.upsert_survey_response(r, ids, run);
        });
      });
    case ImportKind::observations_csv:
      return read_observation_csv(file.name, file.text, &units, [&](const encounters::ObservationRecord& r) {
        work.take(r.observation_id, r.department, [&](IndicatorDataRepository& repo, UnitIds ids, Id run) {
          return repo.upsert_observation(r, ids, run);
        });
      });
    case ImportKind::complaints_csv:
      return read_complaint_csv(file.name, file.text, &units, [&](const encounters::ComplaintRecord& r) {
        work.take(r.complaint_id, r.department, [&](IndicatorDataRepository& repo, UnitIds ids, Id run) {
          return repo.upsert_complaint(r, ids, run);
        });
      });
  }
  return Error::internal("unknown import kind");
}

// The run's counts and problems from what the reader reported and what this service refused itself, the
// problems in file order.
void settle(ImportRun& run, const ImportTally& tally, ImportWork& work) {
  run.records_read = static_cast<std::int64_t>(tally.records_read);
  run.records_rejected = static_cast<std::int64_t>(tally.records_rejected + work.refused.size());
  run.records_inserted = work.inserted;
  run.records_updated = work.updated;
  run.records_unchanged = work.unchanged;
  run.problems = tally.problems;
  for (auto& p : work.refused) run.problems.push_back(std::move(p));
  std::stable_sort(run.problems.begin(), run.problems.end(),
                   [](const ImportProblem& a, const ImportProblem& b) {
                     return std::tie(a.file, a.line) < std::tie(b.file, b.line);
                   });
  if (run.problems.size() > ImportTally::max_problems) run.problems.resize(ImportTally::max_problems);
}

// Counts only: the files hold patient data, the audit trail must not.
Result<void> audit_run(UnitOfWork& uow, const ImportRun& run, const ImportRequest& request, Timestamp at) {
  const bool rejected = run.outcome == ImportOutcome::rejected;
  AuditEvent e;
  e.actor_id = request.imported_by;
  e.actor_username = request.imported_by_username;
  e.action = rejected ? "import.rejected" : "import.completed";
  e.entity_type = "import_run";
  e.entity_id = std::to_string(run.id);
  e.summary = std::string(rejected ? "Rejected the strict import" : "Imported") + " " +
              std::string(to_string(run.kind)) + " " + run.file_name + ": " +
              std::to_string(run.records_read) + " read, " + std::to_string(run.records_inserted) +
              " inserted, " + std::to_string(run.records_updated) + " updated, " +
              std::to_string(run.records_unchanged) + " unchanged, " + std::to_string(run.records_rejected) +
              " rejected" + (rejected ? "; nothing was kept" : "");
  e.after = {{"kind", to_string(run.kind)},
             {"fileName", run.file_name},
             {"fileSha256", run.file_sha256},
             {"strict", run.strict},
             {"outcome", rejected ? "rejected" : "completed"},
             {"recordsRead", run.records_read},
             {"recordsInserted", run.records_inserted},
             {"recordsUpdated", run.records_updated},
             {"recordsUnchanged", run.records_unchanged},
             {"recordsRejected", run.records_rejected}};
  return uow.audit().record(e, at);
}

std::string run_file_name(const std::vector<ImportFile>& files) {
  std::string out;
  for (const auto& f : files) {
    if (!out.empty()) out += ", ";
    out += f.name;
  }
  constexpr std::size_t kLongest = 500;
  if (out.size() > kLongest) out = out.substr(0, kLongest - 3) + "...";
  return out;
}

}  // namespace

std::string files_sha256(const std::vector<ImportFile>& files) {
  if (files.size() == 1) return sha256_hex(files.front().text);
  std::vector<const ImportFile*> by_name;
  for (const auto& f : files) by_name.push_back(&f);
  std::stable_sort(by_name.begin(), by_name.end(), [](auto* a, auto* b) { return a->name < b->name; });
  std::string hashes;
  for (const auto* f : by_name) hashes += sha256_hex(f->text) + "\n";
  return sha256_hex(hashes);
}

Result<ImportRun> run_import(Database& db, const ImportRequest& request, const Clock& clock) {
  if (request.files.empty())
    return Error::validation({{"file", "is required"}}, "There is no file to import.");
  if (request.kind != ImportKind::encounters_fhir && request.files.size() != 1)
    return Error::validation({{"file", "this import takes one file"}}, "This import takes one file.");

  ImportRun start;
  start.kind = request.kind;
  start.file_name = run_file_name(request.files);
  start.file_sha256 = files_sha256(request.files);
  start.strict = request.strict;
  start.imported_by = request.imported_by;
  start.started_at = start.finished_at = clock.now();

  Organisation org;
  {
    auto uow = db.begin(TxMode::read);
    if (!uow) return uow.error();
    auto loaded = (*uow)->org().load();
    if (!loaded) return loaded.error();
    org = std::move(*loaded);
  }
  const OrganisationUnits units(org);

  // Strict and something refused: the attempt is rolled back (by failing it) and the run kept on its own.
  std::optional<ImportRun> refused_run;
  auto kept = in_write_transaction(db, [&](UnitOfWork& uow) -> Result<ImportRun> {
    refused_run.reset();
    ImportRun run = start;
    auto id = uow.indicator_data().record_import_run(run);
    if (!id) return id.error();
    run.id = *id;
    ImportWork work(request, units, uow.indicator_data(), run.id);
    auto tally = read_files(request, units, work);
    if (!tally) return tally.error();
    if (work.failure) return *work.failure;
    settle(run, *tally, work);
    run.finished_at = clock.now();
    if (request.strict && run.records_rejected > 0) {
      refused_run = run;
      return Error::validation({}, "strict import refused");
    }
    if (auto r = uow.indicator_data().finish_import_run(run); !r) return r.error();
    if (auto r = audit_run(uow, run, request, run.finished_at); !r) return r.error();
    return run;
  });
  if (kept || !refused_run) return kept;

  ImportRun rejected = *refused_run;
  rejected.outcome = ImportOutcome::rejected;
  rejected.records_inserted = rejected.records_updated = rejected.records_unchanged = 0;
  return in_write_transaction(db, [&](UnitOfWork& uow) -> Result<ImportRun> {
    ImportRun run = rejected;
    auto id = uow.indicator_data().record_import_run(run);
    if (!id) return id.error();
    run.id = *id;
    if (auto r = audit_run(uow, run, request, run.finished_at); !r) return r.error();
    return run;
  });
}

}  // namespace hqms::store
