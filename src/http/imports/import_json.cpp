#include "http/imports/import_json.hpp"

#include "http/capa/capa_json.hpp"

namespace hqms::http {

using nlohmann::json;

nlohmann::json import_run_json(const store::ImportRun& run, const std::map<Id, std::string>& names,
                               bool with_problems) {
  json out{{"id", run.id},
           {"kind", store::to_string(run.kind)},
           {"fileName", run.file_name},
           {"fileSha256", run.file_sha256},
           {"strict", run.strict},
           {"outcome", run.outcome == store::ImportOutcome::rejected ? "rejected" : "completed"},
           {"recordsRead", run.records_read},
           {"recordsInserted", run.records_inserted},
           {"recordsUpdated", run.records_updated},
           {"recordsUnchanged", run.records_unchanged},
           {"recordsRejected", run.records_rejected},
           {"importedBy", person_json(names, run.imported_by)},
           {"startedAt", format_iso(run.started_at)},
           {"finishedAt", format_iso(run.finished_at)}};
  if (with_problems) {
    auto problems = json::array();
    for (const auto& p : run.problems)
      problems.push_back({{"file", p.file},
                          {"line", p.line},
                          {"recordId", p.record_id},
                          {"field", p.field},
                          {"message", p.message}});
    out["problems"] = std::move(problems);
  }
  return out;
}

}  // namespace hqms::http
