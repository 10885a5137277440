// Anonymous reporting. Nothing that could identify the reporter is kept: no user, session, address or
// access-log line (Access::anonymous_reporter), and only the day of each report or reply. Nor is its place
// among other records: its id is drawn from the day's block (store/sql/anonymous_ids.hpp) and its audit
// entries are held until the day is over, then join the trail in random order (AuditLog::hold). The reporter
// follows up with a random code that is stored only as its SHA-256.
#include "core/common/crypto.hpp"
#include "core/incidents/follow_up_code.hpp"
#include "http/incidents/incident_json.hpp"
#include "http/incidents/report_filing.hpp"
#include "http/json/mapping.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

constexpr const char* kAnonymous = "anonymous";

// Every anonymous route is metered first (anonymous_flood_limit.hpp): filing, and guessing follow-up codes.
Result<void> admit(RequestContext& ctx) {
  if (auto wait = ctx.app().anonymous_flood_limit().admit(ctx.req().remote_address, ctx.now()))
    return Error{ErrorKind::rate_limited,
                 "Too many anonymous reports or follow-ups have been sent from here. Try again later.",
                 {},
                 *wait};
  return {};
}

Result<Response> report_anonymously(RequestContext& ctx) {
  if (auto r = admit(ctx); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto submission = read_submission(*body);
  auto key = body->string("submissionKey", false, 100).value_or("");
  // A retry with the key gets a working follow-up code, so the key must be unguessable: a browser's
  // crypto.randomUUID() (122 random bits) is; anything shorter than 32 characters is refused.
  if (!key.empty() && key.size() < 32) body->error("submissionKey", "must be at least 32 random characters");
  if (auto r = body->finish(); !r) return r.error();
  const auto code = new_follow_up_code();
  auto filed = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<Filed> {
    auto org = uow.org().load();
    if (!org) return org.error();
    // Keys of anonymous reports live apart from staff keys, so no one can find a staff report by guessing.
    Filing filing{*org,
                  submission,
                  std::nullopt,
                  std::nullopt,
                  kAnonymous,
                  true,
                  key.empty() ? "" : "anonymous:" + key,
                  "Reported anonymously"};
    auto done = file_report(uow, filing, ctx.now());
    if (!done) return done;
    // A retry gets a fresh code that works beside the first (which its reporter may never have seen).
    if (auto r = uow.incidents().add_follow_up_code(done->report.id, sha256_hex(code)); !r) return r.error();
    return done;
  });
  if (!filed) return filed.error();
  return json_ok({{"reference", filed->report.reference},
                  {"followUpCode", code},
                  {"state", to_string(filed->report.state)},
                  {"stateLabel", label(filed->report.state)}},
                 filed->created ? 201 : 200);
}

// The report a typed code belongs to; the same 404 for a malformed and an unknown code.
Result<Id> find_by_code(store::UnitOfWork& uow, BodyReader& body) {
  auto typed = body.string("code", true, 40).value_or("");
  if (auto r = body.finish(); !r) return r.error();
  auto code = normalise_follow_up_code(typed);
  const auto not_found = Error::not_found("No report has that follow-up code. Check it and try again.");
  if (!code) return not_found;
  auto id = uow.incidents().find_by_follow_up(sha256_hex(*code));
  if (!id) return id.error();
  if (!*id) return not_found;
  return **id;
}

json follow_up_json(const IncidentReport& r, const std::vector<store::IncidentComment>& comments) {
  auto messages = json::array();
  for (const auto& c : comments)
    if (c.from_reporter || c.to_reporter) messages.push_back(comment_json(c, true));
  return {{"reference", r.reference},
          {"state", to_string(r.state)},
          {"stateLabel", label(r.state)},
          {"submittedOn", format_date(r.submitted_at)},
          {"messages", std::move(messages)}};
}

Result<Response> follow_up(RequestContext& ctx) {
  if (auto r = admit(ctx); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  auto id = find_by_code(**uow, *body);
  if (!id) return id.error();
  auto report = (*uow)->incidents().get(*id);
  if (!report) return report.error();
  auto comments = (*uow)->incident_activity().comments(*id);
  if (!comments) return comments.error();
  return json_ok(follow_up_json(*report, *comments));
}

Result<Response> reply(RequestContext& ctx) {
  if (auto r = admit(ctx); !r) return r.error();
  auto body = BodyReader::parse(ctx.req());
  if (!body) return body.error();
  auto text = body->string("body", true, 5000).value_or("");
  if (text.find_first_not_of(" \t\r\n") == std::string::npos) body->error("body", "is required");
  const Timestamp today(std::chrono::floor<std::chrono::days>(ctx.now()));
  auto saved = store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<json> {
    auto id = find_by_code(uow, *body);
    if (!id) return id.error();
    auto report = uow.incidents().get(*id);
    if (!report) return report.error();
    store::IncidentComment c{0, *id, std::nullopt, "", true, false, text, today};
    auto cid = uow.incident_activity().add_comment(c);
    if (!cid) return cid.error();
    c.id = *cid;
    auto org = uow.org().load();
    if (!org) return org.error();
    AuditEvent event;
    event.actor_username = kAnonymous;
    event.action = "comment";
    event.entity_type = "incident";
    event.entity_id = std::to_string(*id);
    event.summary = "The anonymous reporter replied on " + report->reference;
    event.after = {{"commentId", c.id}, {"body", text}};
    place_audit_event(event, *org, {ScopeType::department, report->event.department_id});
    if (auto r = uow.audit().hold(event, today); !r) return r.error();
    return comment_json(c, true);
  });
  if (!saved) return saved.error();
  return json_ok(*saved, 201);
}

}  // namespace

void add_anonymous_report_routes(Router& router) {
  router.add(Method::post, "/api/v1/anonymous-reports", Access::anonymous_reporter, report_anonymously);
  router.add(Method::post, "/api/v1/anonymous-reports/follow-up", Access::anonymous_reporter, follow_up);
  router.add(Method::post, "/api/v1/anonymous-reports/replies", Access::anonymous_reporter, reply);
}

}  // namespace hqms::http
