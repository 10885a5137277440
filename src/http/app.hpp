#pragma once
// The request pipeline shared by the socket server and in-process tests: parse, route, authenticate, run the
// handler, turn errors into problem documents, add security headers, count and log.
#include <chrono>
#include <filesystem>
#include <memory>

#include "core/audit/audit_signing_key.hpp"
#include "core/auth/login_throttle.hpp"
#include "core/auth/password_hash.hpp"
#include "core/auth/password_policy.hpp"
#include "core/auth/session.hpp"
#include "http/incidents/anonymous_flood_limit.hpp"
#include "http/indicators/indicator_data_cache.hpp"
#include "http/observability/access_log.hpp"
#include "http/observability/metrics.hpp"
#include "http/routing/router.hpp"
#include "http/server/client_address.hpp"
#include "http/static/static_files.hpp"
#include "store/database.hpp"

namespace hqms::http {

struct ServerConfig {
  std::size_t body_limit = 12 * 1024 * 1024;  // room for a 10 MB attachment
  // POST /api/v1/imports only: an EHR extract of a large hospital's year (connection.cpp picks the limit).
  std::size_t import_body_limit = 256 * 1024 * 1024;
  SessionPolicy session;
  // Sign-in throttling (login_throttle.hpp): the account-and-address pair waits after 5 failures, and pairs
  // that have failed wait too once the account has failed 20 times from anywhere or the address 30 times
  // against any account. Each wait starts at 30 s and doubles to 15 minutes.
  ThrottlePolicy pair_throttle{5, std::chrono::seconds(30), std::chrono::minutes(15), std::chrono::hours(24)};
  ThrottlePolicy account_throttle{20, std::chrono::seconds(30), std::chrono::minutes(15),
                                  std::chrono::hours(24)};
  ThrottlePolicy address_throttle{30, std::chrono::seconds(30), std::chrono::minutes(15),
                                  std::chrono::hours(24)};
  TrustedProxies trusted_proxies;
  AnonymousLimit anonymous_limit;  // how many anonymous reports and follow-ups an address may send  // whose
                                   // X-Forwarded-For names the client (client_address.hpp)
  PasswordPolicy password;
  HashStrength hash_strength = HashStrength::interactive;
  bool secure_cookies = false;      // set when HQMS is reached over TLS (directly or through a proxy)
  std::filesystem::path web_root;   // read into memory once, at start (static_files.hpp)
  int small_number_threshold = 11;  // indicator strata with counts under this are hidden (0: none)
  std::optional<AuditPublicKey>
      audit_key;  // the key audit checkpoints are signed with; none: checkpoints off
};

class App {
 public:
  App(store::Database& db, const Clock& clock, ServerConfig config, AccessLogSink access_log = {});

  // Never throws: whatever happens inside becomes a problem document.
  // peer_address: the socket's peer; the client address is derived from it (client_address.hpp).
  Response handle(const RawRequest& raw, const std::string& peer_address);
  // Whether a request, known by its header alone, comes from a signed-in person who may import data: only
  // they get the import route's large body limit, so nobody else can make the server hold an import-sized
  // body before the route refuses them.
  bool may_send_import_body(const RawRequest& header, const std::string& peer_address);

  store::Database& db() { return db_; }
  const Clock& clock() const { return clock_; }
  const ServerConfig& config() const { return config_; }
  const Router& router() const { return router_; }
  Metrics& metrics() { return metrics_; }
  IndicatorDataCache& indicator_data() { return indicator_data_; }
  const StaticFiles& static_files() const { return static_files_; }
  AnonymousFloodLimit& anonymous_flood_limit() { return anonymous_flood_limit_; }

 private:
  Response dispatch(Request& req, std::string& route_label, std::optional<Id>& user_id, bool& unlogged);

  store::Database& db_;
  const Clock& clock_;
  ServerConfig config_;
  Router router_;
  Metrics metrics_;
  StaticFiles static_files_;
  AccessLogSink access_log_;
  IndicatorDataCache indicator_data_;
  AnonymousFloodLimit anonymous_flood_limit_;
};

void add_security_headers(Response& res, bool api, bool tls);

}  // namespace hqms::http
