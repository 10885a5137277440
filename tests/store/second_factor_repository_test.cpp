// The second-factor store on both databases: the replay guard is one atomic step, a confirmed authenticator
// is never overwritten by a new enrolment, recovery codes and challenges are spent once, and the secret is
// kept through the one sealing function (base32 today), never as the raw key.
#include <gtest/gtest.h>

#include "core/auth/base32.hpp"
#include "store/database.hpp"
#include "store/sql/connection.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const Timestamp kNow = *parse_iso("2026-11-26T08:00:00Z");
const std::string kSecret = "12345678901234567890";

struct Store {
  TestDatabase database;
  std::unique_ptr<store::Database> db = *store::open_database(database.location());
  Id user = 0;

  Store() {
    auto id = store::in_write_transaction(*db, [&](store::UnitOfWork& uow) -> Result<Id> {
      auto org = uow.org().create_organisation("H", kNow);
      if (!org) return org.error();
      return uow.users().create(NewUser{"ana", "Ana", "", "", std::nullopt, {}}, "hash", kNow);
    });
    EXPECT_TRUE(id) << id.error().message;
    user = *id;
  }

  template <class Work>
  auto write(Work&& work) {
    return store::in_write_transaction(*db,
                                       [&](store::UnitOfWork& uow) { return work(uow.second_factors()); });
  }
};

TEST(SecondFactorRepository, EnrolmentIsPendingUntilConfirmedAndThenKept) {
  Store s;
  ASSERT_TRUE(s.write([&](auto& f) { return f.start_enrolment(s.user, kSecret, kNow); }));
  auto found = s.write([&](auto& f) { return f.find(s.user); });
  ASSERT_TRUE(found && *found);
  EXPECT_EQ((*found)->secret, kSecret);
  EXPECT_FALSE((*found)->confirmed());

  ASSERT_TRUE(s.write([&](auto& f) { return f.confirm(s.user, 100, kNow); }));
  EXPECT_FALSE(s.write([&](auto& f) { return f.confirm(s.user, 101, kNow); })) << "nothing pending any more";
  ASSERT_TRUE(s.write([&](auto& f) { return f.start_enrolment(s.user, std::string(20, 'x'), kNow); }));
  found = s.write([&](auto& f) { return f.find(s.user); });
  EXPECT_EQ((*found)->secret, kSecret) << "a new enrolment never replaces a confirmed authenticator";
  EXPECT_EQ((*found)->last_step, 100);
  EXPECT_TRUE((*found)->confirmed());
}

TEST(SecondFactorRepository, AcceptsOnlyLaterSteps) {
  Store s;
  ASSERT_TRUE(s.write([&](auto& f) { return f.start_enrolment(s.user, kSecret, kNow); }));
  ASSERT_TRUE(s.write([&](auto& f) { return f.confirm(s.user, 100, kNow); }));
  EXPECT_EQ(*s.write([&](auto& f) { return f.accept_step(s.user, 100); }), false);
  EXPECT_EQ(*s.write([&](auto& f) { return f.accept_step(s.user, 99); }), false);
  EXPECT_EQ(*s.write([&](auto& f) { return f.accept_step(s.user, 101); }), true);
  EXPECT_EQ(*s.write([&](auto& f) { return f.accept_step(s.user, 101); }), false);
}

TEST(SecondFactorRepository, RecoveryCodesAreSpentOnceAndReplacedTogether) {
  Store s;
  ASSERT_TRUE(s.write([&](auto& f) { return f.replace_recovery_codes(s.user, {"a", "b", "c"}); }));
  EXPECT_EQ(*s.write([&](auto& f) { return f.use_recovery_code(s.user, "b", kNow); }), true);
  EXPECT_EQ(*s.write([&](auto& f) { return f.use_recovery_code(s.user, "b", kNow); }), false);
  EXPECT_EQ(*s.write([&](auto& f) { return f.use_recovery_code(s.user, "z", kNow); }), false);
  EXPECT_EQ(*s.write([&](auto& f) { return f.recovery_codes_left(s.user); }), 2);
  ASSERT_TRUE(s.write([&](auto& f) { return f.replace_recovery_codes(s.user, {"d"}); }));
  EXPECT_EQ(*s.write([&](auto& f) { return f.use_recovery_code(s.user, "a", kNow); }), false);
  EXPECT_EQ(*s.write([&](auto& f) { return f.recovery_codes_left(s.user); }), 1);
  ASSERT_TRUE(s.write([&](auto& f) { return f.remove(s.user); }));
  EXPECT_EQ(*s.write([&](auto& f) { return f.recovery_codes_left(s.user); }), 0);
  EXPECT_FALSE(*s.write([&](auto& f) { return f.find(s.user); }));
}

TEST(SecondFactorRepository, ChallengesAreRemovedOnceAndExpiredOnesClearedByTheNext) {
  Store s;
  using namespace std::chrono_literals;
  ASSERT_TRUE(s.write([&](auto& f) { return f.create_challenge({"old", s.user, kNow + 5min, 0}, kNow); }));
  ASSERT_TRUE(s.write([&](auto& f) { return f.count_challenge_failure("old"); }));
  EXPECT_EQ((*s.write([&](auto& f) { return f.find_challenge("old"); }))->failures, 1);
  ASSERT_TRUE(s.write([&](auto& f) {
    return f.create_challenge({"new", s.user, kNow + 20min, 0}, kNow + 10min);
  }));
  EXPECT_FALSE(*s.write([&](auto& f) { return f.find_challenge("old"); })) << "expired, cleared";
  EXPECT_EQ(*s.write([&](auto& f) { return f.remove_challenge("new"); }), true);
  EXPECT_EQ(*s.write([&](auto& f) { return f.remove_challenge("new"); }), false);
}

TEST(SecondFactorRepository, TheSettingIsOffUntilTurnedOn) {
  Store s;
  EXPECT_EQ(*s.write([&](auto& f) { return f.required_for_privileged(); }), false);
  ASSERT_TRUE(s.write([&](auto& f) { return f.set_required_for_privileged(true); }));
  EXPECT_EQ(*s.write([&](auto& f) { return f.required_for_privileged(); }), true);
  ASSERT_TRUE(s.write([&](auto& f) { return f.set_required_for_privileged(false); }));
  EXPECT_EQ(*s.write([&](auto& f) { return f.required_for_privileged(); }), false);
}

TEST(SecondFactorRepository, TheStoredSecretIsTheSealedFormNotTheKey) {
  Store s;
  ASSERT_TRUE(s.write([&](auto& f) { return f.start_enrolment(s.user, kSecret, kNow); }));
  auto conn = s.database.raw();
  auto st = conn->prepare("SELECT secret FROM second_factor");
  ASSERT_TRUE(st);
  auto row = st->step();
  ASSERT_TRUE(row && *row);
  EXPECT_EQ(st->text(0), base32_encode(kSecret));
  EXPECT_EQ(st->text(0).find(kSecret), std::string::npos);
}

}  // namespace
}  // namespace hqms::test
