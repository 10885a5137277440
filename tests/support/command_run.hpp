#pragma once
// A command run through the shell as an operator would, for the tests that drive the hqms binary.
#include <string>

namespace hqms::test {

struct CommandRun {
  int exit_code;
  std::string output;  // stdout and stderr together
};

CommandRun run_command(const std::string& command);
// `s` in single quotes, for a path in a command line (test paths hold no quote).
std::string shell_quoted(const std::string& s);

}  // namespace hqms::test
