#include "support/test_hospital.hpp"

#include <stdexcept>

#include "cli/demo/demo_hospital.hpp"
#include "core/auth/password_hash.hpp"

namespace hqms::test {

TestHospital::TestHospital(http::ServerConfig config, DatabaseWrapper wrap) {
  auto opened = store::open_database(database_.location(), database_.options());
  if (!opened) throw std::runtime_error(opened.error().message);
  owned_db_ = std::move(*opened);
  if (auto demo = cli::create_demo_hospital(*owned_db_, clock_); !demo)
    throw std::runtime_error(demo.error().message);
  if (wrap) wrapper_ = wrap(*owned_db_);
  app_ = std::make_unique<http::App>(wrapper_ ? *wrapper_ : *owned_db_, clock_, std::move(config),
                                     [this](const std::string& line) {
                                       std::lock_guard lock(log_mutex_);
                                       log_.push_back(line);
                                     });
  server_ = std::make_unique<http::Server>(*app_, 2);
  if (auto r = server_->listen({"127.0.0.1", 0}); !r) throw std::runtime_error(r.error().message);
  port_ = server_->port();
  thread_ = std::thread([this] { server_->run(); });
}

TestHospital::~TestHospital() {
  server_->stop();
  thread_.join();
}

HttpClient TestHospital::signed_in(const std::string& username) const {
  auto c = client();
  auto reply = c.login(username, kPassword);
  if (reply.status != 200) throw std::runtime_error("login as " + username + " failed: " + reply.body);
  return c;
}

std::vector<std::string> TestHospital::access_log() const {
  std::lock_guard lock(log_mutex_);
  return log_;
}

Id TestHospital::add_user(const std::string& username, const Grants& grants,
                          std::optional<Id> home_department) {
  if (shared_hash_.empty()) shared_hash_ = hash_password(kPassword);
  auto id = store::in_write_transaction(*owned_db_, [&](store::UnitOfWork& uow) {
    return uow.users().create(NewUser{username, username, "", kPassword, home_department, grants},
                              shared_hash_, clock_.now());
  });
  if (!id) throw std::runtime_error(id.error().message);
  return *id;
}

std::int64_t TestHospital::audit_count(const std::string& action) {
  auto uow = owned_db_->begin(store::TxMode::read);
  if (!uow) throw std::runtime_error(uow.error().message);
  store::AuditQuery q;
  q.action = action;
  q.visible.everything = true;
  q.page.limit = 1;
  auto page = (*uow)->audit().list(q);
  if (!page) throw std::runtime_error(page.error().message);
  return page->total;
}

}  // namespace hqms::test
