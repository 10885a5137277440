#pragma once
// How HQMS records look on the wire (docs/openapi.yaml is the reference).
#include <nlohmann/json.hpp>

#include "core/audit/audit_entry.hpp"
#include "core/paging/page.hpp"
#include "core/users/user.hpp"
#include "http/json/body_reader.hpp"

namespace hqms::http {

nlohmann::json scope_json(const Organisation& org, ScopeRef scope);
nlohmann::json grant_json(const Organisation& org, const Grant& grant);
nlohmann::json user_json(const Organisation& org, const User& user, Timestamp now);
// What the audit trail keeps of a user: never the password hash.
nlohmann::json user_audit_json(const User& user);
nlohmann::json site_json(const Site& site);
nlohmann::json department_json(const Department& department);
nlohmann::json organisation_json(const Organisation& org);
nlohmann::json audit_entry_json(const AuditEntry& entry);

template <class T, class Map>
nlohmann::json page_json(const Page<T>& page, Map&& map) {
  auto items = nlohmann::json::array();
  for (const auto& item : page.items) items.push_back(map(item));
  nlohmann::json out{
      {"items", std::move(items)}, {"total", page.total}, {"limit", page.limit}, {"offset", page.offset}};
  if (page.total_capped) out["totalCapped"] = true;  // there are at least `total`
  return out;
}

// Reads `grants` from a body, reporting errors against grants[i].role / grants[i].scope.
Grants read_grants(BodyReader& body, const std::string& field);

Response json_ok(const nlohmann::json& doc, int status = 200);

}  // namespace hqms::http
