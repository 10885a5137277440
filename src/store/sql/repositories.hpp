#pragma once
// The repositories, written once for every SQL backend. Each works on the connection of the unit of work that
// owns it; dialect differences come from store/sql/dialect.hpp.
#include <span>

#include "store/database.hpp"
#include "store/sql/connection.hpp"

namespace hqms::store::sql {

class SqlOrgRepository final : public OrgRepository {
 public:
  explicit SqlOrgRepository(Connection& c) : c_(c) {}
  Result<Organisation> load() override;
  Result<Id> create_organisation(const std::string& name, Timestamp created_at) override;
  Result<Site> create_site(Id organisation_id, const std::string& code, const std::string& name) override;
  Result<Department> create_department(Id site_id, const std::string& code, const std::string& name) override;

 private:
  Connection& c_;
};

class SqlUserRepository final : public UserRepository {
 public:
  explicit SqlUserRepository(Connection& c) : c_(c) {}
  Result<Id> create(const NewUser& user, const std::string& password_hash, Timestamp now) override;
  Result<User> get(Id id) override;
  Result<std::optional<Credentials>> find_credentials(const std::string& username) override;
  Result<Page<User>> list(const UserQuery& query) override;
  Result<void> update_profile(const User& user) override;
  Result<void> replace_grants(Id id, const Grants& grants) override;
  Result<void> set_password_hash(Id id, const std::string& hash) override;
  Result<void> record_login(Id id, Timestamp at) override;
  Result<std::int64_t> count() override;

 private:
  Result<void> load_grants(std::span<User> users);
  Connection& c_;
};

class SqlSessionRepository final : public SessionRepository {
 public:
  explicit SqlSessionRepository(Connection& c) : c_(c) {}
  Result<void> create(const Session& session) override;
  Result<std::optional<Session>> find(const std::string& token_hash) override;
  Result<void> touch(const std::string& token_hash, Timestamp at) override;
  Result<void> remove(const std::string& token_hash) override;
  Result<void> remove_for_user(Id user_id, const std::string& except_token_hash) override;
  Result<int> remove_idle_since(Timestamp cutoff) override;

 private:
  Connection& c_;
};

class SqlThrottleRepository final : public ThrottleRepository {
 public:
  explicit SqlThrottleRepository(Connection& c) : c_(c) {}
  Result<ThrottleState> get(const std::string& key) override;
  Result<void> put(const std::string& key, const ThrottleState& state) override;
  Result<void> clear(const std::string& key) override;

 private:
  Connection& c_;
};

class SqlAuditLog final : public AuditLog {
 public:
  explicit SqlAuditLog(Connection& c) : c_(c) {}
  Result<AuditEntry> append(const AuditEvent& event, Timestamp at) override;
  Result<Page<AuditEntry>> list(const AuditQuery& query) override;
  Result<std::vector<DayCount>> activity(Timestamp from, Timestamp until,
                                         const ScopeFilter& visible) override;
  Result<void> scan(const std::function<bool(const AuditEntry&)>& visit) override;

 private:
  Connection& c_;
};

}  // namespace hqms::store::sql
