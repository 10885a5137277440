#pragma once
#include <map>
#include <optional>
#include <string>

#include "core/access/access_policy.hpp"
#include "core/common/result.hpp"
#include "core/paging/page.hpp"
#include "core/users/user.hpp"

namespace hqms::store {

struct UserQuery {
  std::string text;  // matches username, display name or e-mail
  std::optional<Role> role;
  std::optional<Id> site_id;
  std::optional<Id> department_id;
  std::optional<bool> active;
  ScopeFilter visible;  // only users whose home department falls inside
  PageRequest page;
};

struct Credentials {
  User user;
  std::string password_hash;
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;
  virtual Result<Id> create(const NewUser& user, const std::string& password_hash, Timestamp now) = 0;
  virtual Result<User> get(Id id) = 0;
  virtual Result<std::optional<Credentials>> find_credentials(const std::string& username) = 0;
  virtual Result<Page<User>> list(const UserQuery& query) = 0;
  virtual Result<void> update_profile(const User& user) = 0;
  virtual Result<void> replace_grants(Id id, const Grants& grants) = 0;
  virtual Result<void> set_password_hash(Id id, const std::string& hash) = 0;
  virtual Result<void> record_login(Id id, Timestamp at) = 0;
  virtual Result<std::int64_t> count() = 0;
  // Display names for ids, in one query; unknown ids are left out.
  virtual Result<std::map<Id, std::string>> display_names(const std::vector<Id>& ids) = 0;
};

}  // namespace hqms::store
