// Audit checkpoints in the store, on both databases: when they are taken, what is kept where, the key file's
// rules, and the two attacks of issue 12 (finding 5) caught by the checkpoint file.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "store/audit/audit_checkpointing.hpp"
#include "store/audit/audit_key_file.hpp"
#include "store/audit/chain_verification.hpp"
#include "store/database.hpp"
#include "support/audit_tampering.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const Timestamp kNow = *parse_iso("2026-11-26T08:00:00Z");

void write_entries(store::Database& db, int n) {
  for (int i = 0; i < n; ++i) {
    auto r = store::in_write_transaction(db, [&](store::UnitOfWork& uow) {
      return uow.audit().record(AuditEvent{7,
                                           "admin",
                                           "update",
                                           "user",
                                           "3",
                                           "Changed user 3",
                                           {{"active", true}},
                                           {{"active", false}},
                                           1,
                                           2},
                                kNow);
    });
    ASSERT_TRUE(r) << r.error().message;
  }
}

struct Checkpointed {
  TestDatabase database;
  TempDir dir;
  std::unique_ptr<store::Database> db = *store::open_database(database.location());
  std::string key_file = dir.file("audit.key");
  std::string checkpoint_file = dir.file("checkpoints.jsonl");
  AuditSigningKey key = *store::open_audit_key(key_file);

  store::AuditCheckpointing checkpointing(CheckpointPolicy policy = {5, std::chrono::minutes(10)}) {
    return store::AuditCheckpointing(*db, key, *store::CheckpointFile::open(checkpoint_file), policy);
  }
  std::vector<AuditCheckpoint> stored() {
    auto uow = *db->begin(store::TxMode::read);
    return *uow->audit_checkpoints().all();
  }
  // verify-audit's judgement, with or without the checkpoint file.
  CheckpointVerdict verdict(bool with_file) {
    CheckpointAgreement agreement({key.public_key()});
    if (with_file) {
      auto lines = store::read_checkpoint_file(checkpoint_file);
      EXPECT_TRUE(lines) << lines.error().message;
      if (lines)
        for (const auto& line : *lines)
          agreement.expect(*line.checkpoint, "line " + std::to_string(line.number));
    }
    auto v = store::verify_audit_trail(*db, std::move(agreement));
    EXPECT_TRUE(v) << v.error().message;
    EXPECT_TRUE(v->chain.ok) << "the attacks leave a chain that verifies: " << v->chain.reason;
    return v->checkpoints;
  }
};

std::int64_t seq_of(const Result<std::optional<AuditCheckpoint>>& taken) {
  EXPECT_TRUE(taken) << taken.error().message;
  return taken && *taken ? (*taken)->seq : 0;
}

TEST(AuditCheckpoints, EveryNEntriesOrMMinutesAndOnlyWhenThereIsSomethingNew) {
  Checkpointed c;
  auto checkpoints = c.checkpointing();
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow)), 0) << "an empty trail";
  write_entries(*c.db, 3);
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow)), 3) << "a key's first checkpoint is due at once";
  write_entries(*c.db, 4);
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow + std::chrono::minutes(9))), 0);
  write_entries(*c.db, 1);
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow + std::chrono::minutes(9))), 8) << "5 entries since";
  write_entries(*c.db, 1);
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow + std::chrono::minutes(18))), 0);
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow + std::chrono::minutes(19))), 9) << "10 minutes since";
  EXPECT_EQ(seq_of(checkpoints.take_if_due(kNow + std::chrono::hours(5))), 0) << "nothing new";
  EXPECT_EQ(seq_of(checkpoints.take(kNow + std::chrono::hours(5))), 0) << "the head is already anchored";
  write_entries(*c.db, 1);
  EXPECT_EQ(seq_of(checkpoints.take(kNow + std::chrono::hours(5))), 10) << "at shutdown, whatever is new";

  // The same checkpoints in the database and, one line each, in the file.
  const auto stored = c.stored();
  ASSERT_EQ(stored.size(), 4u);
  const auto lines = *store::read_checkpoint_file(c.checkpoint_file);
  ASSERT_EQ(lines.size(), 4u);
  for (std::size_t i = 0; i < stored.size(); ++i) {
    EXPECT_EQ(*lines[i].checkpoint, stored[i]);
    EXPECT_TRUE(c.key.public_key().signed_this(stored[i]));
  }
  EXPECT_TRUE(c.verdict(true).ok());
  EXPECT_EQ(c.verdict(true).agreeing, 8);
}

TEST(AuditCheckpoints, ANewProcessGoesOnFromTheStoredCheckpointOfItsKey) {
  Checkpointed c;
  write_entries(*c.db, 3);
  ASSERT_EQ(seq_of(c.checkpointing().take(kNow)), 3);
  write_entries(*c.db, 2);
  auto restarted = c.checkpointing();
  EXPECT_EQ(seq_of(restarted.take_if_due(kNow + std::chrono::minutes(1))), 0)
      << "2 entries, 1 minute: not due";
  EXPECT_EQ(seq_of(restarted.take_if_due(kNow + std::chrono::minutes(10))), 5);
}

TEST(AuditCheckpoints, TheSchemaRefusesChangesToStoredCheckpoints) {
  Checkpointed c;
  write_entries(*c.db, 1);
  ASSERT_EQ(seq_of(c.checkpointing().take(kNow)), 1);
  auto conn = c.database.raw();
  EXPECT_FALSE(conn->exec("UPDATE audit_checkpoint SET seq = 2"));
  EXPECT_FALSE(conn->exec("DELETE FROM audit_checkpoint"));
  EXPECT_EQ(c.stored().size(), 1u);
}

// Finding 5, first attack: the last 5 entries deleted.
TEST(AuditCheckpoints, ACutTailIsCaughtByTheCheckpointFile) {
  Checkpointed c;
  write_entries(*c.db, 67);
  ASSERT_EQ(seq_of(c.checkpointing().take(kNow)), 67);
  ASSERT_EQ(cut_audit_tail(c.database, 5), 62);
  ASSERT_TRUE(store::verify_audit_chain(*c.db)->ok) << "the hash chain alone sees nothing";
  EXPECT_TRUE(c.verdict(false).ok()) << "nor do the checkpoints the attacker could delete";
  const auto v = c.verdict(true);
  ASSERT_EQ(v.problems.size(), 1u);
  EXPECT_EQ(v.problems[0].kind, CheckpointProblem::Kind::truncated);
  EXPECT_NE(v.problems[0].detail.find("entries 63 to 67 have been removed"), std::string::npos)
      << v.problems[0].detail;
  // And the server refuses to sign the cut trail.
  auto refused = c.checkpointing().take(kNow + std::chrono::minutes(1));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("its tail has been cut"), std::string::npos)
      << refused.error().message;
}

// Finding 5, second attack: entry 33 rewritten and every later hash recomputed.
TEST(AuditCheckpoints, ARewrittenEntryIsCaughtByTheCheckpointFile) {
  Checkpointed c;
  write_entries(*c.db, 40);
  auto checkpoints = c.checkpointing();
  ASSERT_EQ(seq_of(checkpoints.take(kNow)), 40);
  write_entries(*c.db, 27);
  ASSERT_EQ(seq_of(checkpoints.take(kNow)), 67);
  rewrite_audit_entry(c.database, 33, "Nothing to see");
  ASSERT_TRUE(store::verify_audit_chain(*c.db)->ok) << "the recomputed chain verifies";
  EXPECT_TRUE(c.verdict(false).ok()) << "the attacker deleted the stored checkpoints from entry 33 on";
  const auto v = c.verdict(true);
  ASSERT_EQ(v.problems.size(), 2u);
  EXPECT_EQ(v.problems[0].kind, CheckpointProblem::Kind::rewritten);
  EXPECT_EQ(v.problems[0].seq, 40);
  EXPECT_EQ(v.problems[1].seq, 67);
  write_entries(*c.db, 1);
  auto refused = checkpoints.take(kNow);
  ASSERT_FALSE(refused) << "the server does not sign a rewritten trail";
  EXPECT_NE(refused.error().message.find("rewritten"), std::string::npos) << refused.error().message;
}

TEST(AuditCheckpoints, AnEntryChangedSinceTheLastCheckpointIsNotSigned) {
  Checkpointed c;
  write_entries(*c.db, 5);
  auto checkpoints = c.checkpointing();
  ASSERT_EQ(seq_of(checkpoints.take(kNow)), 5);
  write_entries(*c.db, 5);
  auto conn = c.database.raw();
  ASSERT_TRUE(conn->exec(c.database.drop_trigger("audit_log_no_update")));
  ASSERT_TRUE(conn->exec("UPDATE audit_log SET summary = 'edited' WHERE seq = 8"));
  auto refused = checkpoints.take(kNow);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find("broken at entry 8"), std::string::npos) << refused.error().message;
}

TEST(AuditKeyFile, IsMadeOnFirstUseForItsOwnerAloneAndReadBackAfter) {
  TempDir dir;
  const auto file = dir.file("audit.key");
  auto made = store::open_audit_key(file);
  ASSERT_TRUE(made) << made.error().message;
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  auto again = store::open_audit_key(file);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->public_key(), made->public_key()) << "the same key, not a new one";
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), {}), 1) << "no draft left behind";
  EXPECT_EQ(*store::read_trusted_key(file), made->public_key()) << "a signing key gives its public half";
  std::ofstream(dir.file("audit.pub")) << made->public_key().to_text();
  EXPECT_EQ(*store::read_trusted_key(dir.file("audit.pub")), made->public_key());
}

TEST(AuditKeyFile, AKeyOthersMayReadIsRefused) {
  TempDir dir;
  const auto file = dir.file("audit.key");
  ASSERT_TRUE(store::open_audit_key(file));
  for (const mode_t mode : {0640, 0604, 0620, 0660}) {
    ASSERT_EQ(::chmod(file.c_str(), mode), 0);
    auto refused = store::open_audit_key(file);
    ASSERT_FALSE(refused) << std::oct << mode;
    EXPECT_EQ(refused.error().kind, ErrorKind::forbidden);
    EXPECT_NE(refused.error().message.find("may be read or written by group or others"), std::string::npos)
        << refused.error().message;
    EXPECT_FALSE(store::read_trusted_key(file)) << "nor trusted for verification";
  }
  std::ofstream(dir.file("garbage.key")) << "not a key";
  ASSERT_EQ(::chmod(dir.file("garbage.key").c_str(), 0600), 0);
  EXPECT_FALSE(store::open_audit_key(dir.file("garbage.key")));
  EXPECT_FALSE(store::open_audit_key(dir.path().string())) << "a folder is not a key file";
  EXPECT_FALSE(store::open_audit_key(dir.file("missing/audit.key"))) << "no folder to make it in";
}

}  // namespace
}  // namespace hqms::test
