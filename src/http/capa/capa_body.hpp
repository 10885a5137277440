#pragma once
// How the editable parts of a CAPA are read from a request, and the checks against the store that the core
// rules cannot make: the people it names and the records it links.
#include <nlohmann/json.hpp>
#include <string>

#include "core/capa/corrective_action.hpp"
#include "http/json/body_reader.hpp"
#include "http/routing/request_context.hpp"
#include "store/database.hpp"

namespace hqms::http {

// The editable fields of create and update (not source, department, statuses or checks). Absent fields keep
// their value; `actions` replaces the plan, matching existing actions by id (their status, completion note
// and links are kept). Errors collect in `body`.
void read_capa_fields(BodyReader& body, CorrectiveAction& c);
// One action as the API takes it ({description, strength, ownerId, dueOn}); errors under `at`.
CapaAction read_action(BodyReader& body, const nlohmann::json& item, const std::string& at,
                       const CapaAction& start);

// The people a CAPA newly names (against `before`, when it existed) are active users: 422 rather than the
// database's foreign-key failure or work assigned to someone who has left.
Result<void> check_capa_people(store::UnitOfWork& uow, const CorrectiveAction& c,
                               const CorrectiveAction* before = nullptr);
// The risk and FMEA study it links exist and the caller may read them; refusals become 422 on the field,
// answering as for an unknown record so that nothing is revealed.
Result<void> check_capa_links(const RequestContext& ctx, store::UnitOfWork& uow, const CorrectiveAction& c);

}  // namespace hqms::http
