#pragma once
// The demo hospital in a temporary database, served over a real loopback socket on a free port.
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "http/server/server.hpp"
#include "support/http_client.hpp"
#include "support/manual_clock.hpp"
#include "support/test_database.hpp"

namespace hqms::test {

inline constexpr const char* kPassword = "Quality-Demo-2026";

// Ids the demo hospital is created with.
inline constexpr Id kOrganisation = 1, kMainSite = 1, kNorthSite = 2;
inline constexpr Id kEmergency = 1, kIntensiveCare = 2, kMedicalWardNorth = 11;

class TestHospital {
 public:
  // `wrap` may put a decorator between the server and the real database (fault injection).
  using DatabaseWrapper = std::function<std::unique_ptr<store::Database>(store::Database& real)>;
  explicit TestHospital(http::ServerConfig config = {}, DatabaseWrapper wrap = {});
  ~TestHospital();

  HttpClient client() const { return HttpClient(port_); }
  HttpClient signed_in(const std::string& username) const;
  unsigned short port() const { return port_; }
  ManualClock& clock() { return clock_; }
  store::Database& db() { return *owned_db_; }  // the real database, never the decorator
  const TestDatabase& database() const { return database_; }
  http::Server& server() { return *server_; }
  std::vector<std::string> access_log() const;
  // Creates a user straight in the store (no argon2 per user), for tests that need many principals.
  Id add_user(const std::string& username, const Grants& grants,
              std::optional<Id> home_department = std::nullopt);
  std::int64_t audit_count(const std::string& action);

 private:
  TestDatabase database_;
  ManualClock clock_;
  std::unique_ptr<store::Database> owned_db_;
  std::unique_ptr<store::Database> wrapper_;
  std::unique_ptr<http::App> app_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
  unsigned short port_ = 0;
  mutable std::mutex log_mutex_;
  std::vector<std::string> log_;
  std::string shared_hash_;
};

}  // namespace hqms::test
