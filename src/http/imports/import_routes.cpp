// Bringing EHR extracts, survey answers, audit observations and complaints in for the indicators, through the
// same import service as `hqms import`. The body is the file itself (up to 256 MB on this route, see
// connection.cpp). Rows for departments outside the caller's data.import scope are refused as problems of
// the run rather than failing it, so an analyst of one site can load the network's extract and keep their
// own part. The service writes the run's audit entry (counts only: the files hold patient data). The list and
// a run's report show a run to whoever made it and to those who import network-wide.
#include "http/imports/import_json.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request_context.hpp"
#include "store/indicators/data_import.hpp"

namespace hqms::http {
namespace {

constexpr int kListedRuns = 100;
constexpr std::size_t kFileNameMax = 200;

// The name as the problems will show it: the last part of what the browser sent, never a path.
std::string file_name(const std::optional<std::string>& given, store::ImportKind kind) {
  std::string name = given.value_or("");
  if (const auto slash = name.find_last_of("/\\"); slash != std::string::npos) name = name.substr(slash + 1);
  if (name.size() > kFileNameMax) name = name.substr(0, kFileNameMax);
  if (name.empty()) name = kind == store::ImportKind::encounters_fhir ? "upload.ndjson" : "upload.csv";
  return name;
}

Result<std::map<Id, std::string>> importer_names(store::UnitOfWork& uow,
                                                 const std::vector<store::ImportRun>& runs) {
  std::vector<Id> people;
  for (const auto& r : runs)
    if (r.imported_by) people.push_back(*r.imported_by);
  return uow.users().display_names(people);
}

// A run's problems name the records of whatever its file held, any site's: those who import network-wide see
// every run, everyone else only the runs they made themselves.
bool may_see_run(RequestContext& ctx, const store::ImportRun& run) {
  return ctx.policy().allows_organisation_wide(Permission::data_import) ||
         run.imported_by == ctx.principal().user.id;
}

Result<Response> import_file(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::data_import, "import data"); !r) return r.error();
  QueryReader query(ctx.req());
  const auto kind = query.choice("kind", store::import_kind_from_string);
  const auto strict = query.boolean("strict").value_or(false);
  const auto name = query.text("fileName", 1000);
  auto checked = query.finish();
  std::vector<FieldError> errors = checked ? std::vector<FieldError>{} : checked.error().fields;
  if (!kind && ctx.req().query_value("kind").value_or("").empty()) errors.push_back({"kind", "is required"});
  if (ctx.req().raw.body().empty()) errors.push_back({"file", "is empty: send the file as the request body"});
  if (!errors.empty()) return Error::validation(std::move(errors), "The import cannot start.");

  store::ImportRequest request;
  request.kind = *kind;
  request.files.push_back({file_name(name, *kind), ctx.req().raw.body()});
  request.strict = strict;
  request.imported_by = ctx.principal().user.id;
  request.imported_by_username = ctx.principal().user.username;
  const auto policy = ctx.policy();
  request.may_import = [&policy](Id department) {
    return policy.allows(Permission::data_import, {ScopeType::department, department});
  };

  // The same file again changes nothing and says so with 200 rather than 201.
  bool seen_before = false;
  {
    auto uow = ctx.db().begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto earlier = (*uow)->indicator_data().find_completed_run(*kind, store::files_sha256(request.files));
    if (!earlier) return earlier.error();
    seen_before = earlier->has_value();
  }
  auto run = store::run_import(ctx.db(), request, ctx.app().clock());
  if (!run) return run.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto names = importer_names(**uow, {*run});
  if (!names) return names.error();
  const bool harmless = seen_before && run->outcome == store::ImportOutcome::completed;
  return json_ok(import_run_json(*run, *names, true), harmless ? 200 : 201);
}

Result<Response> list_imports(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::data_import, "view data imports"); !r) return r.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto runs = (*uow)->indicator_data().list_import_runs(kListedRuns);
  if (!runs) return runs.error();
  std::erase_if(*runs, [&](const store::ImportRun& run) { return !may_see_run(ctx, run); });
  auto names = importer_names(**uow, *runs);
  if (!names) return names.error();
  auto items = nlohmann::json::array();
  for (const auto& run : *runs) items.push_back(import_run_json(run, *names, false));
  return json_ok({{"items", std::move(items)}});
}

Result<Response> get_import(RequestContext& ctx) {
  if (auto r = ctx.require_somewhere(Permission::data_import, "view data imports"); !r) return r.error();
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto run = (*uow)->indicator_data().find_import_run(*id);
  if (!run) return run.error();
  if (!*run) return Error::not_found("There is no such import run.");
  if (!may_see_run(ctx, **run)) {
    if (auto r = ctx.require_organisation_wide(Permission::data_import, "view another person's import run");
        !r)
      return r.error();
  }
  auto names = importer_names(**uow, {**run});
  if (!names) return names.error();
  return json_ok(import_run_json(**run, *names, true));
}

}  // namespace

void add_import_routes(Router& router) {
  router.add(Method::post, "/api/v1/imports", Access::signed_in, import_file, BodyKind::binary);
  router.add(Method::get, "/api/v1/imports", Access::signed_in, list_imports);
  router.add(Method::get, "/api/v1/imports/{id}", Access::signed_in, get_import);
}

}  // namespace hqms::http
