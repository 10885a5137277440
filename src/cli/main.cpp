#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "cli/commands.hpp"

int main(int argc, char** argv) {
  // Diagnostics go to stderr so that stdout carries only what a command is asked for (and the access log).
  spdlog::set_default_logger(spdlog::stderr_logger_mt("hqms"));
  spdlog::set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %^%l%$ %v", spdlog::pattern_time_type::utc);

  CLI::App app{"HQMS: healthcare quality management system"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "hqms 0.1.0");
  hqms::cli::ExitCode exit;
  hqms::cli::add_serve_command(app, exit);
  hqms::cli::add_init_command(app, exit);
  hqms::cli::add_demo_command(app, exit);
  hqms::cli::add_migrate_command(app, exit);
  hqms::cli::add_verify_audit_command(app, exit);
  hqms::cli::add_checkpoint_audit_command(app, exit);
  hqms::cli::add_audit_public_key_command(app, exit);
  hqms::cli::add_migrate_data_command(app, exit);
  hqms::cli::add_digest_command(app, exit);
  hqms::cli::add_import_command(app, exit);
  hqms::cli::add_rotate_key_command(app, exit);
  CLI11_PARSE(app, argc, argv);
  return exit.value;
}
