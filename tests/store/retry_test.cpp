// in_write_transaction runs the whole work again when the database reports a serialization failure.
#include <gtest/gtest.h>

#include "store/database.hpp"

namespace hqms::test {
namespace {

// A database whose commits fail with a serialization conflict a set number of times. The work under test
// touches no repository, so those are never reached.
class ConflictingDatabase final : public store::Database {
 public:
  explicit ConflictingDatabase(int conflicts) : conflicts_(conflicts) {}
  class Tx final : public store::UnitOfWork {
   public:
    explicit Tx(ConflictingDatabase& db) : db_(db) {}
    store::OrgRepository& org() override { throw std::logic_error("unused"); }
    store::UserRepository& users() override { throw std::logic_error("unused"); }
    store::SessionRepository& sessions() override { throw std::logic_error("unused"); }
    store::ThrottleRepository& throttle() override { throw std::logic_error("unused"); }
    store::SecondFactorRepository& second_factors() override { throw std::logic_error("unused"); }
    store::AuditLog& audit() override { throw std::logic_error("unused"); }
    store::IncidentRepository& incidents() override { throw std::logic_error("unused"); }
    store::IncidentActivityRepository& incident_activity() override { throw std::logic_error("unused"); }
    store::IncidentSettingsRepository& incident_settings() override { throw std::logic_error("unused"); }
    store::DraftRepository& drafts() override { throw std::logic_error("unused"); }
    store::SavedSearchRepository& saved_searches() override { throw std::logic_error("unused"); }
    store::InvestigationRepository& investigations() override { throw std::logic_error("unused"); }
    store::CapaRepository& capa() override { throw std::logic_error("unused"); }
    store::RiskRepository& risks() override { throw std::logic_error("unused"); }
    store::FmeaRepository& fmea() override { throw std::logic_error("unused"); }
    store::NotificationRepository& notifications() override { throw std::logic_error("unused"); }
    Result<void> commit() override {
      ++db_.commits;
      if (db_.conflicts_-- > 0)
        return Error::of(ErrorKind::serialization_conflict, "could not serialize access");
      return {};
    }

   private:
    ConflictingDatabase& db_;
  };
  Result<std::unique_ptr<store::UnitOfWork>> begin(store::TxMode) override {
    return std::unique_ptr<store::UnitOfWork>(std::make_unique<Tx>(*this));
  }
  Result<void> ping() override { return {}; }
  Result<int> schema_version() override { return 0; }

  int commits = 0;

 private:
  int conflicts_;
};

TEST(WriteTransaction, RetriesTheWholeWorkAfterSerializationConflicts) {
  ConflictingDatabase db(2);
  int runs = 0;
  auto r = store::in_write_transaction(db, [&](store::UnitOfWork&) -> Result<int> { return ++runs; });
  ASSERT_TRUE(r);
  EXPECT_EQ(*r, 3) << "the result is the one from the attempt that committed";
  EXPECT_EQ(db.commits, 3);
}

TEST(WriteTransaction, GivesUpAfterFiveAttempts) {
  ConflictingDatabase db(100);
  int runs = 0;
  auto r = store::in_write_transaction(db, [&](store::UnitOfWork&) -> Result<int> { return ++runs; });
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().kind, ErrorKind::serialization_conflict);
  EXPECT_EQ(runs, 5);
}

TEST(WriteTransaction, OtherErrorsAreNotRetried) {
  ConflictingDatabase db(0);
  int runs = 0;
  auto r = store::in_write_transaction(db, [&](store::UnitOfWork&) -> Result<int> {
    ++runs;
    return Error::conflict("duplicate");
  });
  EXPECT_FALSE(r);
  EXPECT_EQ(runs, 1);
  EXPECT_EQ(db.commits, 0);
}

}  // namespace
}  // namespace hqms::test
