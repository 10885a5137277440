// The hqms command as an operator uses it: help, demo, verify-audit on an intact and a tampered file.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>

#include "store/sqlite/sqlite_connection.hpp"
#include "support/temp_dir.hpp"

namespace hqms::test {
namespace {

struct Run {
  int exit_code;
  std::string output;
};

Run hqms(const std::string& args) {
  const std::string command = std::string(HQMS_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), pipe)) output.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

TEST(Cli, HelpListsEverySubcommand) {
  auto help = hqms("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd : {"serve", "init", "demo", "migrate", "verify-audit"}) {
    EXPECT_NE(help.output.find(cmd), std::string::npos) << cmd;
    EXPECT_EQ(hqms(std::string(cmd) + " --help").exit_code, 0) << cmd;
  }
}

TEST(Cli, DemoThenVerifyAuditThenTamper) {
  TempDir dir;
  const auto db = dir.file("demo.db");
  auto demo = hqms("demo --db " + db);
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("Quality-Demo-2026"), std::string::npos);
  EXPECT_NE(demo.output.find("nurse.ed"), std::string::npos);
  EXPECT_EQ(hqms("demo --db " + db).exit_code, 1) << "an existing file is not overwritten without --force";

  auto ok = hqms("verify-audit --db " + db);
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("intact"), std::string::npos);

  {
    auto conn = *store::sqlite::Connection::open(db);
    ASSERT_TRUE(
        conn->exec("DROP TRIGGER audit_log_no_update;"
                   "UPDATE audit_log SET summary = summary || '.' WHERE seq = 20"));
  }
  auto broken = hqms("verify-audit --db " + db);
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.output.find("entry 20"), std::string::npos) << broken.output;
}

TEST(Cli, InitCreatesTheFirstAdministratorOnce) {
  TempDir dir;
  const auto db = dir.file("new.db");
  auto first = hqms("init --db " + db + " --organisation 'County General'");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Password (shown this once)"), std::string::npos);
  auto again = hqms("init --db " + db);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("nothing to do"), std::string::npos);
  auto weak = hqms("init --db " + dir.file("weak.db") + " 2>&1; HQMS_ADMIN_PASSWORD=short " + HQMS_BINARY +
                   " init --db " + dir.file("weak2.db"));
  EXPECT_EQ(weak.exit_code, 1) << "a weak bootstrap password is refused";
  EXPECT_EQ(hqms("migrate --db " + db).output.find("schema version 3") != std::string::npos, true);
}

TEST(Cli, VerifyAuditOnAMissingFileFails) {
  EXPECT_EQ(hqms("verify-audit --db /nonexistent/x.db").exit_code, 2);
}

}  // namespace
}  // namespace hqms::test
