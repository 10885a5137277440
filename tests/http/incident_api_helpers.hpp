#pragma once
// Shared by the incident and investigation API tests: a valid report to start from, filing it, the fields a
// 422 names, and direct reads of the hospital's database.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "store/sql/sql_database.hpp"
#include "support/test_hospital.hpp"

namespace hqms::test {

// A report that passes every rule: an Emergency Department incident without harm, half an hour before the
// hospital's clock (2026-11-26T08:00Z). `changes` is merged in (a null removes a member).
inline nlohmann::json valid_event(const nlohmann::json& changes = nlohmann::json::object()) {
  nlohmann::json event{
      {"type", "incident"},
      {"category", "other"},
      {"harm", "no_harm"},
      {"departmentId", kEmergency},
      {"location", "Bay 3"},
      {"occurredAt", "2026-11-26T07:30:00Z"},
      {"description", "Patient was given another patient's meal tray; noticed before eating."}};
  event.merge_patch(changes);
  return event;
}

inline std::string incident_path(Id id, const std::string& rest = "") {
  return "/api/v1/incidents/" + std::to_string(id) + rest;
}

// Files `event` as the caller; the new report's id, or 0 after a failed expectation.
inline Id file_event(HttpClient& as, const nlohmann::json& event) {
  auto r = as.post("/api/v1/incidents", event);
  EXPECT_EQ(r.status, 201) << r.body;
  const auto j = r.json();
  return j.is_object() && j.contains("id") ? j["id"].get<Id>() : 0;
}

// The fields a problem document names, in its order.
inline std::vector<std::string> error_fields(const Reply& r) {
  std::vector<std::string> fields;
  const auto j = r.json();
  if (j.is_object() && j.contains("errors"))
    for (const auto& e : j["errors"]) fields.push_back(e["field"].get<std::string>());
  return fields;
}

// A demo person's id, read from the store.
inline Id user_id(TestHospital& h, const std::string& username) {
  auto uow = h.db().begin(store::TxMode::read);
  if (!uow) throw std::runtime_error(uow.error().message);
  auto found = (*uow)->users().find_credentials(username);
  if (!found || !*found) throw std::runtime_error("no user " + username);
  return (*found)->user.id;
}

// A pooled connection of the hospital's own database, for checks below the repositories.
class RawConnection {
 public:
  explicit RawConnection(TestHospital& h)
      : db_(dynamic_cast<store::sql::SqlDatabase&>(h.db())), conn_(db_.acquire()) {}
  ~RawConnection() { db_.release(std::move(conn_)); }
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;
  store::sql::Connection& operator*() { return *conn_; }
  store::sql::Connection* operator->() { return conn_.get(); }

 private:
  store::sql::SqlDatabase& db_;
  std::unique_ptr<store::sql::Connection> conn_;
};

// The first column of every row `sql` returns, as text ("NULL" for null).
inline std::vector<std::string> column_of(TestHospital& h, const std::string& sql) {
  RawConnection c(h);
  auto st = c->prepare(sql);
  if (!st) throw std::runtime_error(st.error().message);
  std::vector<std::string> out;
  for (auto row = st->step();; row = st->step()) {
    if (!row) throw std::runtime_error(row.error().message);
    if (!*row) break;
    out.push_back(st->is_null(0) ? "NULL" : st->text(0));
  }
  return out;
}

}  // namespace hqms::test
