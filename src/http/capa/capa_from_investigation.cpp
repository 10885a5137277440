// An investigation's action plan item becomes a CAPA: the investigation's findings carry over as the problem
// and its root cause, the item becomes the first action, and the item points at the CAPA from then on.
// Raising it needs the right to change the investigation and capa.manage over its department.
#include <algorithm>

#include "http/capa/capa_access.hpp"
#include "http/capa/capa_body.hpp"
#include "http/capa/capa_create.hpp"
#include "http/capa/capa_json.hpp"
#include "http/investigations/investigation_access.hpp"
#include "http/routes/routes.hpp"

namespace hqms::http {
namespace {

constexpr std::size_t kTitleMax = 300;

// At most `max` characters (UTF-8 code points), never cutting one in two.
std::string clip(const std::string& text, std::size_t max) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
    if (chars++ == max) return text.substr(0, i);
  }
  return text;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) {
    if (l.empty()) continue;
    if (!out.empty()) out += "\n";
    out += l;
  }
  return out;
}

Result<CorrectiveAction> capa_from(RequestContext& ctx, store::UnitOfWork& uow, const Investigation& v,
                                   const PlannedAction& item) {
  std::vector<std::string> events;
  for (auto id : v.incident_ids) {
    auto e = uow.incidents().get(id);
    if (!e) return e.error();
    events.push_back(e->reference);
  }
  std::string problem = v.title;
  if (!events.empty()) {
    problem += "\nEvents: ";
    for (std::size_t i = 0; i < events.size(); ++i) problem += (i ? ", " : "") + events[i];
  }
  CorrectiveAction c;
  c.title = clip(v.reference + ": " + item.description, kTitleMax);
  c.kind = CapaKind::corrective;
  c.source = CapaSource::incident_investigation;
  c.source_reference = v.reference;
  c.investigation_id = v.id;
  c.site_id = v.site_id;
  c.department_id = v.department_id;
  c.coordinator_id = ctx.principal().user.id;
  c.problem_statement = problem;
  c.root_cause = joined(v.root_causes);
  CapaAction first;
  first.description = item.description;
  first.strength = item.strength;
  first.owner_id = item.owner_id;
  first.due_on = item.due_on;
  first.investigation_action_id = item.id;
  c.actions.push_back(std::move(first));
  c.state = CapaState::open;
  c.created_at = c.updated_at = ctx.now();
  c.created_by = ctx.principal().user.id;
  return c;
}

Result<Response> raise_capa_from_investigation(RequestContext& ctx) {
  auto id = ctx.id_param("id");
  if (!id) return id.error();
  auto action_id = ctx.id_param("actionId");
  if (!action_id) return action_id.error();
  Refusal refused;
  auto created =
      store::in_write_transaction(ctx.db(), [&](store::UnitOfWork& uow) -> Result<CorrectiveAction> {
        refused.what.reset();
        auto v = uow.investigations().get(*id);
        if (!v) return v.error();
        if (!may_read(ctx, *v)) return refused.refuse("view this investigation", investigation_scope(*v));
        if (!may_edit(ctx, *v)) return refused.refuse("change this investigation", investigation_scope(*v));
        if (!ctx.policy().allows(Permission::capa_manage, investigation_scope(*v)))
          return refused.refuse("raise a CAPA there", investigation_scope(*v));
        auto item = std::find_if(v->actions.begin(), v->actions.end(),
                                 [&](const PlannedAction& a) { return a.id == *action_id; });
        if (item == v->actions.end()) return Error::not_found(v->reference + " has no such planned action.");
        if (item->corrective_action_id) {
          auto existing = uow.capa().get(*item->corrective_action_id);
          return Error::conflict("This action already has a CAPA" +
                                 (existing ? " (" + existing->reference + ")." : std::string(".")));
        }
        auto draft = capa_from(ctx, uow, *v, *item);
        if (!draft) return draft.error();
        if (auto errors = check_capa(*draft); !errors.empty()) return Error::validation(std::move(errors));
        if (auto r = check_capa_people(uow, *draft); !r) return r.error();
        auto stored = store_new_capa(ctx, uow, *draft, " from " + v->reference);
        if (!stored) return stored.error();
        const Id capa_id = stored->id;
        // The plan item points at its CAPA; the investigation's version moves on like any other change.
        auto linked = *v;
        std::find_if(linked.actions.begin(), linked.actions.end(), [&](const PlannedAction& a) {
          return a.id == *action_id;
        })->corrective_action_id = capa_id;
        linked.updated_at = ctx.now();
        if (auto r = uow.investigations().update(linked); !r) return r.error();
        auto logged = uow.audit().record(
            ctx.audit_event("update", "investigation", std::to_string(v->id),
                            "Raised " + stored->reference + " from an action of " + v->reference,
                            {{"actionId", *action_id}, {"correctiveActionId", nullptr}},
                            {{"actionId", *action_id}, {"correctiveActionId", capa_id}},
                            investigation_scope(*v)),
            ctx.now());
        if (!logged) return logged.error();
        return stored;
      });
  if (auto denied = refused.record(ctx)) return *denied;
  if (!created) return created.error();
  auto uow = ctx.db().begin(store::TxMode::read);
  if (!uow) return uow.error();
  return capa_response(ctx, **uow, *created, 201);
}

}  // namespace

void add_capa_from_investigation_routes(Router& router) {
  router.add(Method::post, "/api/v1/investigations/{id}/actions/{actionId}/capa", Access::signed_in,
             raise_capa_from_investigation);
}

}  // namespace hqms::http
