// The audit trail from the command line: verify it (with its checkpoints), checkpoint it by hand, and give
// out the public key that checks the checkpoints.
#include <filesystem>
#include <iostream>

#include "cli/audit_checkpoint_files.hpp"
#include "cli/commands.hpp"
#include "store/audit/audit_key_file.hpp"
#include "store/audit/chain_verification.hpp"

namespace hqms::cli {
namespace {

namespace fs = std::filesystem;

// Exit codes: 0 the trail is intact, 1 it is not (tampering found), 2 it could not be checked.
constexpr int kIntact = 0, kTampered = 1, kCannotCheck = 2;

int cannot_check(const Error& error) {
  std::cerr << error.message << "\n";
  return kCannotCheck;
}

struct VerifyOptions {
  std::string db;
  std::string checkpoints;
  std::vector<std::string> public_keys;
  std::string audit_key;
};

Result<std::unique_ptr<store::Database>> open_existing(const std::string& location) {
  if (!store::is_postgres_location(location) && !fs::exists(location))
    return Error::not_found("no such database: " + location);
  auto db = store::open_database(location, store::single_connection());
  if (!db)
    return Error::internal("cannot open " + store::describe_location(location) + ": " + db.error().message);
  return db;
}

const char* label(CheckpointProblem::Kind kind) {
  switch (kind) {
    case CheckpointProblem::Kind::unreadable:
      return "UNREADABLE CHECKPOINT";
    case CheckpointProblem::Kind::unknown_key:
      return "UNTRUSTED CHECKPOINT";
    case CheckpointProblem::Kind::forged:
      return "FORGED CHECKPOINT";
    case CheckpointProblem::Kind::truncated:
      return "TRUNCATED";
    case CheckpointProblem::Kind::missing:
      return "MISSING ENTRY";
    case CheckpointProblem::Kind::rewritten:
      return "REWRITTEN";
  }
  return "PROBLEM";
}

int report_chain_only(const ChainVerdict& v) {
  if (!v.ok) {
    std::cout << "audit trail BROKEN at entry " << *v.first_broken_seq << ": " << v.reason << "\n";
    return kTampered;
  }
  std::cout << "audit trail intact: " << v.checked << " entries verified\n";
  return kIntact;
}

int report(const store::TrailVerdict& v, std::size_t from_file, const std::string& file) {
  const auto& c = v.checkpoints;
  if (!v.chain.ok)
    std::cout << "audit trail BROKEN at entry " << *v.chain.first_broken_seq << ": " << v.chain.reason
              << "\n";
  constexpr std::size_t kShown = 20;
  for (std::size_t i = 0; i < c.problems.size() && i < kShown; ++i)
    std::cout << label(c.problems[i].kind) << ": " << c.problems[i].detail << " (" << c.problems[i].where
              << ")\n";
  if (c.problems.size() > kShown) std::cout << "... and " << c.problems.size() - kShown << " more problems\n";
  if (!v.chain.ok || !c.ok()) {
    if (v.chain.ok)
      std::cout << "audit trail NOT intact: its hash chain is unbroken over " << v.chain.checked
                << " entries, but it does not agree with its signed checkpoints\n";
    return kTampered;
  }
  std::cout << "audit trail intact: " << v.chain.checked << " entries verified\n";
  std::cout << "checkpoints: " << c.agreeing << " agree with the trail (" << from_file << " from "
            << (file.empty() ? "no checkpoint file" : file) << ", " << v.stored_checkpoints
            << " from the database)\n";
  if (c.latest_agreeing) {
    const auto& last = *c.latest_agreeing;
    std::cout << "anchored up to entry " << last.seq << " (checkpoint signed " << last.at << " by key "
              << last.key_id << ")";
    if (c.trail_end > last.seq)
      std::cout << "; the " << c.trail_end - last.seq << " later entries are not yet anchored";
    std::cout << "\n";
  } else {
    std::cout << "no checkpoint anchors the trail yet\n";
  }
  return kIntact;
}

int verify_audit(const VerifyOptions& o) {
  // The defaults beside a SQLite database, used when they exist.
  const auto defaults = audit_checkpoint_files(o.db, o.audit_key, o.checkpoints);
  std::vector<AuditPublicKey> trusted;
  for (const auto& file : o.public_keys) {
    auto key = store::read_trusted_key(file);
    if (!key) return cannot_check(key.error());
    trusted.push_back(*key);
  }
  if (!o.audit_key.empty() || (o.public_keys.empty() && defaults && fs::exists(defaults->key))) {
    auto key = store::read_trusted_key(defaults->key);
    if (!key) return cannot_check(key.error());
    trusted.push_back(*key);
  }
  std::string checkpoint_file = o.checkpoints;
  if (checkpoint_file.empty() && defaults && fs::exists(defaults->checkpoints))
    checkpoint_file = defaults->checkpoints.string();
  if (!o.checkpoints.empty() && trusted.empty()) {
    std::cerr << "give --public-key FILE (or --audit-key FILE) to check the checkpoints' signatures\n";
    return kCannotCheck;
  }
  // The file is read before the database, so the trail read next is at least as new as every checkpoint in
  // it.
  CheckpointAgreement agreement(trusted);
  std::size_t from_file = 0;
  if (!checkpoint_file.empty()) {
    auto lines = store::read_checkpoint_file(checkpoint_file);
    if (!lines) return cannot_check(lines.error());
    for (const auto& line : *lines) {
      const std::string where = checkpoint_file + " line " + std::to_string(line.number);
      if (!line.checkpoint) {
        agreement.unreadable(where, line.checkpoint.error().message);
        continue;
      }
      agreement.expect(*line.checkpoint, where);
      ++from_file;
    }
  }
  auto db = open_existing(o.db);
  if (!db) return cannot_check(db.error());
  if (trusted.empty()) {
    // Nothing to check signatures with: the chain alone, as before checkpoints existed.
    auto verdict = store::verify_audit_chain(**db);
    if (!verdict) return cannot_check(verdict.error());
    const int code = report_chain_only(*verdict);
    std::cout << "checkpoints not checked: give --checkpoints FILE and --public-key FILE to detect a cut or "
                 "rewritten tail\n";
    return code;
  }
  auto verdict = store::verify_audit_trail(**db, std::move(agreement));
  if (!verdict) return cannot_check(verdict.error());
  return report(*verdict, from_file, checkpoint_file);
}

Result<AuditCheckpointFiles> files_for(const std::string& db, const std::string& key,
                                       const std::string& checkpoints) {
  auto files = audit_checkpoint_files(db, key, checkpoints);
  if (!files)
    return Error::validation({}, "a PostgreSQL database keeps no key beside it: give --audit-key FILE");
  return *files;
}

int checkpoint_audit(const std::string& location, const std::string& key, const std::string& checkpoints) {
  auto files = files_for(location, key, checkpoints);
  if (!files) return cannot_check(files.error());
  auto db = open_existing(location);
  if (!db) return cannot_check(db.error());
  auto checkpointing = open_audit_checkpointing(**db, *files);
  if (!checkpointing) return cannot_check(checkpointing.error());
  SystemClock clock;
  auto taken = checkpointing->take(clock.now());
  if (!taken) {
    std::cerr << taken.error().message << "\n";
    return taken.error().kind == ErrorKind::conflict ? kTampered : kCannotCheck;
  }
  if (!*taken) {
    std::cout << "nothing new to checkpoint: the trail is empty or its head is already checkpointed by key "
              << checkpointing->public_key().id() << "\n";
    return 0;
  }
  const auto& c = **taken;
  std::cout << "checkpoint of entry " << c.seq << " (hash " << c.hash << ") signed by key " << c.key_id
            << ", appended to " << files->checkpoints.string() << " and stored in the database\n";
  return 0;
}

int print_public_key(const std::string& location, const std::string& key_file) {
  auto files = files_for(location, key_file, "");
  if (!files) return cannot_check(files.error());
  const bool existed = fs::exists(files->key);
  auto key = store::open_audit_key(files->key);
  if (!key) return cannot_check(key.error());
  std::cerr << (existed ? "" : "created ") << "audit key " << files->key.string() << ", key id "
            << key->public_key().id() << "\n";
  std::cout << key->public_key().to_text();
  return 0;
}

}  // namespace

void add_verify_audit_command(CLI::App& app, ExitCode& exit) {
  auto o = std::make_shared<VerifyOptions>();
  auto* cmd = app.add_subcommand(
      "verify-audit",
      "Re-check the audit trail's hash chain and its signed checkpoints; exit 1 and name what was altered, "
      "removed or forged");
  cmd->add_option("--db", o->db, "SQLite database file or PostgreSQL URI")->required();
  cmd->add_option("--checkpoints", o->checkpoints,
                  "Checkpoint file to hold the trail to (default for SQLite: <db>.audit-checkpoints.jsonl if "
                  "it exists)");
  cmd->add_option("--public-key", o->public_keys,
                  "Trusted public key file (`hqms audit-public-key`); may be given more than once");
  cmd->add_option(
      "--audit-key", o->audit_key,
      "Or trust the public half of this signing key file (default for SQLite: <db>.audit-key if it "
      "exists and no --public-key is given)");
  cmd->callback([o, &exit] { exit.value = verify_audit(*o); });
}

void add_checkpoint_audit_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  auto checkpoints = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "checkpoint-audit",
      "Sign a checkpoint of the audit trail's head now (the server also does it on its own)");
  cmd->add_option("--db", *db, "SQLite database file or PostgreSQL URI")->required();
  cmd->add_option("--audit-key", *key,
                  "Signing key file (default for SQLite: <db>.audit-key; made if missing)");
  cmd->add_option("--audit-checkpoints", *checkpoints,
                  "Checkpoint file to append to (default: beside the key, <db>.audit-checkpoints.jsonl)");
  cmd->callback([=, &exit] { exit.value = checkpoint_audit(*db, *key, *checkpoints); });
}

void add_audit_public_key_command(CLI::App& app, ExitCode& exit) {
  auto db = std::make_shared<std::string>();
  auto key = std::make_shared<std::string>();
  auto* cmd = app.add_subcommand(
      "audit-public-key",
      "Print the public key that checks the audit checkpoints, to keep off this machine for verify-audit");
  cmd->add_option("--db", *db, "SQLite database file, for the default key <db>.audit-key");
  cmd->add_option("--audit-key", *key, "Signing key file (made if missing)");
  cmd->callback([=, &exit] {
    if (db->empty() && key->empty()) {
      std::cerr << "give --audit-key FILE or --db FILE\n";
      exit.value = kCannotCheck;
      return;
    }
    exit.value = print_public_key(*db, *key);
  });
}

}  // namespace hqms::cli
