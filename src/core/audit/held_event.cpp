#include "core/audit/held_event.hpp"

#include <sodium.h>

#include <stdexcept>

namespace hqms {
namespace {

nlohmann::json optional_id(const std::optional<Id>& id) {
  return id ? nlohmann::json(*id) : nlohmann::json();
}

std::optional<Id> id_from(const nlohmann::json& j) {
  return j.is_number_integer() ? std::optional<Id>(j.get<Id>()) : std::nullopt;
}

}  // namespace

nlohmann::json held_event_json(const AuditEvent& e) {
  return {{"actorId", optional_id(e.actor_id)},
          {"actorUsername", e.actor_username},
          {"action", e.action},
          {"entityType", e.entity_type},
          {"entityId", e.entity_id},
          {"summary", e.summary},
          {"before", e.before},
          {"after", e.after},
          {"siteId", optional_id(e.site_id)},
          {"departmentId", optional_id(e.department_id)}};
}

Result<AuditEvent> held_event_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return Error::internal("a held audit event is not a JSON object");
  try {
    AuditEvent e;
    e.actor_id = id_from(j.at("actorId"));
    e.actor_username = j.at("actorUsername").get<std::string>();
    e.action = j.at("action").get<std::string>();
    e.entity_type = j.at("entityType").get<std::string>();
    e.entity_id = j.at("entityId").get<std::string>();
    e.summary = j.at("summary").get<std::string>();
    e.before = j.at("before");
    e.after = j.at("after");
    e.site_id = id_from(j.at("siteId"));
    e.department_id = id_from(j.at("departmentId"));
    return e;
  } catch (const nlohmann::json::exception& ex) {
    return Error::internal(std::string("a held audit event is malformed: ") + ex.what());
  }
}

void shuffle_indices_unpredictably(std::vector<std::size_t>& indices) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
  for (std::size_t i = indices.size(); i > 1; --i) {
    const auto j = randombytes_uniform(static_cast<std::uint32_t>(i));
    std::swap(indices[i - 1], indices[j]);
  }
}

}  // namespace hqms
