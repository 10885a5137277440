#pragma once
// Each subcommand of `hqms` registers itself here; main() only assembles them.
#include <CLI/CLI.hpp>

namespace hqms::cli {

// Every command reports its outcome through this exit code, set by its callback.
struct ExitCode {
  int value = 0;
};

void add_serve_command(CLI::App& app, ExitCode& exit);
void add_init_command(CLI::App& app, ExitCode& exit);
void add_demo_command(CLI::App& app, ExitCode& exit);
void add_migrate_command(CLI::App& app, ExitCode& exit);
void add_verify_audit_command(CLI::App& app, ExitCode& exit);
void add_checkpoint_audit_command(CLI::App& app, ExitCode& exit);
void add_audit_public_key_command(CLI::App& app, ExitCode& exit);
void add_migrate_data_command(CLI::App& app, ExitCode& exit);
void add_digest_command(CLI::App& app, ExitCode& exit);
void add_import_command(CLI::App& app, ExitCode& exit);
void add_rotate_key_command(CLI::App& app, ExitCode& exit);

}  // namespace hqms::cli
