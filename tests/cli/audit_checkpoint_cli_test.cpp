// Issue 12, finding 5: the audit trail missed truncation and a rewritten tail. With signed checkpoints kept
// in a file outside the database, `hqms verify-audit --checkpoints` catches both attacks on either database,
// and an edited checkpoint file; the key must be its owner's alone; and `hqms serve` checkpoints on its own.
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/audit/audit_key_file.hpp"
#include "store/database.hpp"
#include "support/audit_tampering.hpp"
#include "support/command_run.hpp"
#include "support/demo_copy.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

// `timeout` stops a command that should have ended, such as a server that ought to refuse to start.
CommandRun run_hqms(const std::string& args) {
  return run_command("timeout 120 " + std::string(HQMS_BINARY) + " " + args);
}

std::int64_t head_seq(const TestDatabase& db) {
  auto opened = *store::open_database(db.location(), db.options(store::single_connection()));
  auto uow = *opened->begin(store::TxMode::read);
  auto head = *uow->audit_checkpoints().head();
  return head ? head->seq : 0;
}

std::vector<std::string> lines_of(const std::string& file) {
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool contains(const CommandRun& run, const std::string& text) {
  return run.output.find(text) != std::string::npos;
}

// A demo hospital whose trail was checkpointed by hand, with the public key kept apart, as an operator would.
struct AnchoredDemo {
  TestDatabase db;
  TempDir dir;
  std::string key = dir.file("audit.key");
  std::string checkpoints = dir.file("checkpoints.jsonl");
  std::string public_key = dir.file("audit.pub");
  std::int64_t head = 0;

  AnchoredDemo() {
    copy_demo_into(db, HQMS_BINARY);
    auto taken = run_hqms("checkpoint-audit --db " + shell_quoted(db.location()) + " --audit-key " + key +
                          " --audit-checkpoints " + checkpoints);
    EXPECT_EQ(taken.exit_code, 0) << taken.output;
    head = head_seq(db);
    EXPECT_TRUE(contains(taken, "checkpoint of entry " + std::to_string(head))) << taken.output;
    auto printed = run_hqms("audit-public-key --audit-key " + key);
    EXPECT_EQ(printed.exit_code, 0) << printed.output;
    const auto line_start = printed.output.find("hqms-audit-public-key-v1 ");
    EXPECT_NE(line_start, std::string::npos) << printed.output;
    std::ofstream(public_key) << printed.output.substr(line_start,
                                                       printed.output.find('\n', line_start) - line_start);
  }
  CommandRun verify() const {
    return run_hqms("verify-audit --db " + shell_quoted(db.location()) + " --checkpoints " + checkpoints +
                    " --public-key " + public_key);
  }
  CommandRun verify_without_checkpoints() const {
    return run_hqms("verify-audit --db " + shell_quoted(db.location()));
  }
};

TEST(AuditCheckpointCli, AnUntouchedTrailAgreesWithItsCheckpoints) {
  AnchoredDemo demo;
  ASSERT_GT(demo.head, 33);
  auto ok = demo.verify();
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_TRUE(contains(ok, "audit trail intact: " + std::to_string(demo.head) + " entries verified"))
      << ok.output;
  EXPECT_TRUE(contains(ok, "anchored up to entry " + std::to_string(demo.head))) << ok.output;
  EXPECT_TRUE(contains(ok, "2 agree with the trail (1 from " + demo.checkpoints + ", 1 from the database)"))
      << ok.output;
  auto again = run_hqms("checkpoint-audit --db " + shell_quoted(demo.db.location()) + " --audit-key " +
                        demo.key + " --audit-checkpoints " + demo.checkpoints);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_TRUE(contains(again, "nothing new to checkpoint")) << again.output;
  EXPECT_EQ(lines_of(demo.checkpoints).size(), 1u);
}

// The first attack: delete the last 5 entries.
TEST(AuditCheckpointCli, DeletingTheLastEntriesIsReportedAsTruncation) {
  AnchoredDemo demo;
  const auto end = cut_audit_tail(demo.db, 5);
  auto blind = demo.verify_without_checkpoints();
  EXPECT_EQ(blind.exit_code, 0) << "the hash chain alone still sees an intact trail: " << blind.output;
  auto caught = demo.verify();
  EXPECT_EQ(caught.exit_code, 1) << caught.output;
  EXPECT_TRUE(contains(caught, "TRUNCATED: the trail ends at entry " + std::to_string(end))) << caught.output;
  EXPECT_TRUE(contains(caught, "entries " + std::to_string(end + 1) + " to " + std::to_string(demo.head) +
                                   " have been removed (" + demo.checkpoints + " line 1)"))
      << caught.output;
  EXPECT_TRUE(contains(caught, "audit trail NOT intact")) << caught.output;
}

// The second attack: rewrite entry 33 and recompute every later hash.
TEST(AuditCheckpointCli, RewritingAnEntryAndEveryLaterHashIsReported) {
  AnchoredDemo demo;
  rewrite_audit_entry(demo.db, 33, "Nothing happened here");
  auto blind = demo.verify_without_checkpoints();
  EXPECT_EQ(blind.exit_code, 0) << "the recomputed chain verifies: " << blind.output;
  auto caught = demo.verify();
  EXPECT_EQ(caught.exit_code, 1) << caught.output;
  EXPECT_TRUE(contains(caught, "REWRITTEN: entry " + std::to_string(demo.head) + " no longer has the hash"))
      << caught.output;
}

// To hide the rewrite the attacker edits the checkpoint file too, or adds checkpoints of their own: neither
// carries the trusted key's signature.
TEST(AuditCheckpointCli, AnEditedCheckpointFileIsReportedAsForgery) {
  AnchoredDemo demo;
  rewrite_audit_entry(demo.db, 33, "Nothing happened here");
  auto line = nlohmann::json::parse(lines_of(demo.checkpoints).at(0));
  {
    auto opened = *store::open_database(demo.db.location(), demo.db.options());
    auto uow = *opened->begin(store::TxMode::read);
    line["hash"] = (*uow->audit_checkpoints().head())->hash;
  }
  TempDir elsewhere;
  const auto mallory = *store::open_audit_key(elsewhere.file("mallory.key"));
  const auto own =
      mallory.sign(demo.head, line["hash"].get<std::string>(), *parse_iso("2026-11-26T09:00:00Z"));
  std::ofstream(demo.checkpoints, std::ios::trunc) << line.dump() << "\n"
                                                   << audit_checkpoint_json_line(own) << "\n"
                                                   << "{\"seq\": 70\n";
  auto caught = demo.verify();
  EXPECT_EQ(caught.exit_code, 1) << caught.output;
  EXPECT_TRUE(contains(caught, "FORGED CHECKPOINT: the signature of the checkpoint of entry " +
                                   std::to_string(demo.head) + " does not verify"))
      << caught.output;
  EXPECT_TRUE(contains(caught, "UNTRUSTED CHECKPOINT: the checkpoint of entry " + std::to_string(demo.head) +
                                   " is signed by key " + mallory.public_key().id()))
      << caught.output;
  EXPECT_TRUE(contains(caught, "UNREADABLE CHECKPOINT: not a checkpoint: the line is not a JSON object (" +
                                   demo.checkpoints + " line 3)"))
      << caught.output;
}

TEST(AuditCheckpointCli, AKeyFileOthersCanReadIsRefused) {
  AnchoredDemo demo;
  ASSERT_EQ(::chmod(demo.key.c_str(), 0644), 0);
  auto refused = run_hqms("checkpoint-audit --db " + shell_quoted(demo.db.location()) + " --audit-key " +
                          demo.key + " --audit-checkpoints " + demo.checkpoints);
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_TRUE(contains(refused, "may be read or written by group or others (mode 0644)")) << refused.output;
  EXPECT_TRUE(contains(refused, "chmod 600")) << refused.output;
  auto verify = run_hqms("verify-audit --db " + shell_quoted(demo.db.location()) + " --checkpoints " +
                         demo.checkpoints + " --audit-key " + demo.key);
  EXPECT_EQ(verify.exit_code, 2) << verify.output;
  auto serve = run_hqms("serve --db " + shell_quoted(demo.db.location()) + " --key-file " +
                        shell_quoted(demo.db.key_file()) + " --listen 127.0.0.1:0 --audit-key " + demo.key +
                        " --audit-checkpoints " + demo.checkpoints);
  EXPECT_EQ(serve.exit_code, 1) << serve.output;
  EXPECT_TRUE(contains(serve, "group or others")) << serve.output;
}

TEST(AuditCheckpointCli, ServeRefusesAKeyOrCheckpointFileInsideTheWebRoot) {
  TestDatabase db;
  TempDir dir;
  std::filesystem::create_directory(dir.file("web"));
  std::ofstream(dir.file("web/index.html")) << "<!doctype html>";
  for (const auto& [key, checkpoints] :
       {std::pair{dir.file("web/audit.key"), dir.file("checkpoints.jsonl")},
        std::pair{dir.file("audit.key"), dir.file("web/sub/../checkpoints.jsonl")}}) {
    auto refused = run_hqms("serve --db " + shell_quoted(db.location()) + " --key-file " +
                            shell_quoted(db.key_file()) + " --listen 127.0.0.1:0 --web-root " +
                            dir.file("web") + " --audit-key " + key + " --audit-checkpoints " + checkpoints);
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_TRUE(contains(refused, "is inside the web root")) << refused.output;
    EXPECT_FALSE(std::filesystem::exists(key)) << "refused before any key is made";
  }
}

// The server checkpoints every N entries while it runs, and its head once more as it stops.
TEST(AuditCheckpointCli, ServeCheckpointsEveryNEntriesAndAtShutdown) {
  TestDatabase db;
  TempDir dir;
  copy_demo_into(db, HQMS_BINARY);
  const auto key = dir.file("audit.key"), checkpoints = dir.file("checkpoints.jsonl");
  ServerProcess server(HQMS_BINARY, db.location(), free_port(),
                       {"--key-file", db.key_file(), "--audit-key", key, "--audit-checkpoints", checkpoints,
                        "--audit-checkpoint-every", "5", "--audit-checkpoint-minutes", "600"});
  ASSERT_EQ(lines_of(checkpoints).size(), 1u) << "what the demo wrote is anchored before the first request";
  struct stat st {};
  ASSERT_EQ(::stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  HttpClient admin(server.port());
  ASSERT_EQ(admin.login("admin", "Quality-Demo-2026").status, 200);
  for (int i = 0; i < 6; ++i)
    ASSERT_EQ(admin.patch("/api/v1/users/24", {{"displayName", "Aoife " + std::to_string(i)}}).status, 200);
  for (int i = 0; i < 100 && lines_of(checkpoints).size() < 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_EQ(lines_of(checkpoints).size(), 2u) << "7 new entries: one checkpoint while serving";
  auto status = admin.get("/api/v1/audit/checkpoint").json();
  EXPECT_EQ(status["checkpoint"]["verified"], true) << status;
  admin.patch("/api/v1/users/24", {{"displayName", "Aoife Byrne"}});
  EXPECT_TRUE(server.stop()) << server.output();
  const auto lines = lines_of(checkpoints);
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(nlohmann::json::parse(lines.back())["seq"], head_seq(db)) << "the head, anchored at shutdown";
  auto verified = run_hqms("verify-audit --db " + shell_quoted(db.location()) + " --checkpoints " +
                           checkpoints + " --audit-key " + key);
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_TRUE(contains(verified, "anchored up to entry " + std::to_string(head_seq(db)) + " ("))
      << verified.output;
}

// SQLite keeps the key and the checkpoint file beside the database unless told otherwise, and verify-audit
// finds them there; a PostgreSQL database has nowhere to put them, so it must be told.
TEST(AuditCheckpointCli, DefaultFilesBesideASqliteDatabase) {
  TestDatabase db;
  copy_demo_into(db, HQMS_BINARY);
  auto taken = run_hqms("checkpoint-audit --db " + shell_quoted(db.location()));
  if (db.backend() == Backend::postgres) {
    EXPECT_EQ(taken.exit_code, 2) << taken.output;
    EXPECT_TRUE(contains(taken, "give --audit-key FILE")) << taken.output;
    return;
  }
  ASSERT_EQ(taken.exit_code, 0) << taken.output;
  EXPECT_TRUE(std::filesystem::exists(db.location() + ".audit-key"));
  EXPECT_EQ(lines_of(db.location() + ".audit-checkpoints.jsonl").size(), 1u);
  auto verified = run_hqms("verify-audit --db " + shell_quoted(db.location()));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_TRUE(contains(verified, "1 from " + db.location() + ".audit-checkpoints.jsonl")) << verified.output;
  cut_audit_tail(db, 5);
  EXPECT_EQ(run_hqms("verify-audit --db " + shell_quoted(db.location())).exit_code, 1);
}

}  // namespace
}  // namespace hqms::test
