// Every API write is one transaction: when any step fails, nothing of the request is left behind.
#include <gtest/gtest.h>

#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

// Passes everything through to a real database, except that appending to the audit trail fails while
// `fail_audit` is set: the last step of every write, so the steps before it must be undone.
class AuditFailingDatabase final : public store::Database {
 public:
  class FailingAudit final : public store::AuditLog {
   public:
    explicit FailingAudit(store::AuditLog& real) : real_(real) {}
    Result<AuditEntry> append(const AuditEvent&, Timestamp) override {
      return Error::internal("injected failure: disk full");
    }
    Result<void> hold(const AuditEvent&, Timestamp) override {
      return Error::internal("injected failure: disk full");
    }
    Result<int> release_held(Timestamp) override { return Error::internal("injected failure: disk full"); }
    Result<Page<AuditEntry>> list(const store::AuditQuery& q) override { return real_.list(q); }
    Result<std::vector<store::DayCount>> activity(Timestamp a, Timestamp b, const ScopeFilter& v) override {
      return real_.activity(a, b, v);
    }
    Result<void> scan(const std::function<bool(const AuditEntry&)>& visit) override {
      return real_.scan(visit);
    }

   private:
    store::AuditLog& real_;
  };

  class Wrapped final : public store::UnitOfWork {
   public:
    Wrapped(std::unique_ptr<store::UnitOfWork> real, bool fail)
        : real_(std::move(real)), audit_(real_->audit()), fail_(fail) {}
    store::OrgRepository& org() override { return real_->org(); }
    store::UserRepository& users() override { return real_->users(); }
    store::SessionRepository& sessions() override { return real_->sessions(); }
    store::ThrottleRepository& throttle() override { return real_->throttle(); }
    store::SecondFactorRepository& second_factors() override { return real_->second_factors(); }
    store::IncidentRepository& incidents() override { return real_->incidents(); }
    store::IncidentActivityRepository& incident_activity() override { return real_->incident_activity(); }
    store::IncidentSettingsRepository& incident_settings() override { return real_->incident_settings(); }
    store::DraftRepository& drafts() override { return real_->drafts(); }
    store::SavedSearchRepository& saved_searches() override { return real_->saved_searches(); }
    store::InvestigationRepository& investigations() override { return real_->investigations(); }
    store::CapaRepository& capa() override { return real_->capa(); }
    store::RiskRepository& risks() override { return real_->risks(); }
    store::FmeaRepository& fmea() override { return real_->fmea(); }
    store::NotificationRepository& notifications() override { return real_->notifications(); }
    store::AuditLog& audit() override {
      return fail_ ? static_cast<store::AuditLog&>(audit_) : real_->audit();
    }
    Result<void> commit() override { return real_->commit(); }

   private:
    std::unique_ptr<store::UnitOfWork> real_;
    FailingAudit audit_;
    bool fail_;
  };

  explicit AuditFailingDatabase(store::Database& real) : real_(real) {}
  Result<std::unique_ptr<store::UnitOfWork>> begin(store::TxMode mode) override {
    auto uow = real_.begin(mode);
    if (!uow) return uow.error();
    return std::unique_ptr<store::UnitOfWork>(std::make_unique<Wrapped>(std::move(*uow), fail_audit.load()));
  }
  Result<void> ping() override { return real_.ping(); }
  Result<int> schema_version() override { return real_.schema_version(); }

  static inline std::atomic<bool> fail_audit{false};

 private:
  store::Database& real_;
};

struct FailAuditWhileInScope {
  FailAuditWhileInScope() { AuditFailingDatabase::fail_audit = true; }
  ~FailAuditWhileInScope() { AuditFailingDatabase::fail_audit = false; }
};

TestHospital hospital_with_failing_audit() {
  return TestHospital({}, [](store::Database& real) { return std::make_unique<AuditFailingDatabase>(real); });
}

TEST(Transactions, AFailedUserCreationLeavesNoUser) {
  auto h = hospital_with_failing_audit();
  auto admin = h.signed_in("admin");
  const auto users_before = admin.get("/api/v1/users").json()["total"];
  {
    FailAuditWhileInScope failing;
    auto r = admin.post("/api/v1/users", {{"username", "half.written"},
                                          {"displayName", "Half Written"},
                                          {"password", "a long enough passphrase"},
                                          {"homeDepartmentId", kEmergency}});
    EXPECT_EQ(r.status, 500);
    EXPECT_EQ(r.json()["type"], "/problems/internal");
    EXPECT_EQ(r.body.find("disk full"), std::string::npos) << "internal details stay in the server log";
  }
  EXPECT_EQ(admin.get("/api/v1/users").json()["total"], users_before);
  EXPECT_EQ(admin.get("/api/v1/users?q=half.written").json()["total"], 0);
  EXPECT_EQ(h.client().login("half.written", "a long enough passphrase").status, 401);
}

TEST(Transactions, AFailedEditLeavesTheRecordAsItWas) {
  auto h = hospital_with_failing_audit();
  auto admin = h.signed_in("admin");
  {
    FailAuditWhileInScope failing;
    EXPECT_EQ(admin.patch("/api/v1/users/24", {{"displayName", "Changed"}, {"active", false}}).status, 500);
    EXPECT_EQ(admin.put("/api/v1/users/24/grants", {{"grants", nlohmann::json::array()}}).status, 500);
  }
  auto user = admin.get("/api/v1/users/24").json();
  EXPECT_EQ(user["displayName"], "Aoife Byrne");
  EXPECT_EQ(user["active"], true);
  EXPECT_EQ(user["grants"].size(), 1u);
}

TEST(Transactions, AFailedSignInCreatesNoSession) {
  auto h = hospital_with_failing_audit();
  auto c = h.client();
  {
    FailAuditWhileInScope failing;
    EXPECT_EQ(c.login("cqo", kPassword).status, 500);
  }
  EXPECT_EQ(c.get("/api/v1/auth/session").status, 401);
}

}  // namespace
}  // namespace hqms::test
