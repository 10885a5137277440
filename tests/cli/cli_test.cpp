// The hqms command as an operator uses it: help, demo, verify-audit on an intact and a tampered database,
// migrate-data between backends, and two servers writing to one database at once.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstdio>
#include <thread>

#include "store/sql/database_copy.hpp"
#include "support/http_client.hpp"
#include "support/test_database.hpp"

extern char** environ;

namespace hqms::test {
namespace {

struct Run {
  int exit_code;
  std::string output;
};

Run hqms(const std::string& args, const std::string& env = "") {
  const std::string command = env + " " + std::string(HQMS_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), pipe)) output.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

TEST(Cli, HelpListsEverySubcommand) {
  auto help = hqms("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd : {"serve", "init", "demo", "migrate", "verify-audit", "migrate-data"}) {
    EXPECT_NE(help.output.find(cmd), std::string::npos) << cmd;
    EXPECT_EQ(hqms(std::string(cmd) + " --help").exit_code, 0) << cmd;
  }
}

TEST(Cli, DemoThenVerifyAuditThenTamper) {
  TestDatabase db;
  auto demo = hqms("demo --db " + quoted(db.location()));
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("Quality-Demo-2026"), std::string::npos);
  EXPECT_NE(demo.output.find("nurse.ed"), std::string::npos);
  EXPECT_EQ(hqms("demo --db " + quoted(db.location())).exit_code, 1)
      << "an existing hospital is not overwritten";

  auto ok = hqms("verify-audit --db " + quoted(db.location()));
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("intact"), std::string::npos);

  auto conn = db.raw();
  ASSERT_TRUE(conn->exec(db.drop_trigger("audit_log_no_update")));
  ASSERT_TRUE(conn->exec("UPDATE audit_log SET summary = summary || '.' WHERE seq = 20"));
  auto broken = hqms("verify-audit --db " + quoted(db.location()));
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.output.find("entry 20"), std::string::npos) << broken.output;
}

TEST(Cli, InitCreatesTheFirstAdministratorOnce) {
  TestDatabase db;
  auto first = hqms("init --db " + quoted(db.location()) + " --organisation 'County General'");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Password (shown this once)"), std::string::npos);
  auto again = hqms("init --db " + quoted(db.location()));
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("nothing to do"), std::string::npos);
  TestDatabase other;
  auto weak = hqms("init --db " + quoted(other.location()), "HQMS_ADMIN_PASSWORD=short");
  EXPECT_EQ(weak.exit_code, 1) << "a weak bootstrap password is refused";
  EXPECT_NE(weak.output.find("HQMS_ADMIN_PASSWORD"), std::string::npos) << weak.output;
  EXPECT_NE(hqms("migrate --db " + quoted(db.location())).output.find("schema version 5"), std::string::npos);
}

TEST(Cli, VerifyAuditOnAMissingFileFails) {
  EXPECT_EQ(hqms("verify-audit --db /nonexistent/x.db").exit_code, 2);
}

// SQLite -> the backend under test -> SQLite again, verifying at each step.
TEST(Cli, MigrateDataCopiesEverythingAndBack) {
  TempDir dir;
  const auto source = dir.file("source.db");
  ASSERT_EQ(hqms("demo --db " + source).exit_code, 0);
  TestDatabase middle;
  auto there = hqms("migrate-data --from " + source + " --to " + quoted(middle.location()));
  ASSERT_EQ(there.exit_code, 0) << there.output;
  EXPECT_NE(there.output.find("app_user: 40 rows"), std::string::npos) << there.output;
  EXPECT_NE(there.output.find("audit trail intact"), std::string::npos);
  const auto back = dir.file("back.db");
  auto again = hqms("migrate-data --from " + quoted(middle.location()) + " --to " + back);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(hqms("verify-audit --db " + back).exit_code, 0);
  auto refused = hqms("migrate-data --from " + source + " --to " + quoted(middle.location()));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("not empty"), std::string::npos) << refused.output;
}

TEST(Cli, CopyCoversEveryTableInTheSchema) {
  TestDatabase db;
  ASSERT_TRUE(store::open_database(db.location()));
  auto conn = db.raw();
  auto st =
      conn->prepare(db.backend() == Backend::sqlite
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                        : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  ASSERT_TRUE(st);
  const auto& copied = store::copied_tables();
  for (auto row = st->step(); row && *row; row = st->step()) {
    const auto table = st->text(0);
    if (table == "schema_migrations" || store::is_search_index_table(table)) continue;
    EXPECT_NE(std::find(copied.begin(), copied.end(), table), copied.end())
        << table << " is not copied by migrate-data: add it to store/sql/database_copy.cpp";
  }
}

// A running `hqms serve`, stopped with SIGTERM at the end of the scope.
class ServerProcess {
 public:
  ServerProcess(const std::string& location, unsigned short port) : port_(port) {
    std::vector<std::string> args{
        HQMS_BINARY,    "serve",     "--db",      location, "--listen", "127.0.0.1:" + std::to_string(port),
        "--access-log", "/dev/null", "--threads", "2"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, HQMS_BINARY, nullptr, nullptr, argv.data(), environ), 0);
    for (int i = 0; i < 200; ++i) {
      try {
        if (HttpClient(port_).get("/readyz").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "server on port " << port << " did not become ready";
  }
  ~ServerProcess() {
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "the server stops cleanly on SIGTERM";
  }
  unsigned short port() const { return port_; }

 private:
  pid_t pid_ = 0;
  unsigned short port_;
};

// A port nobody listens on now: bound to port 0 and released.
unsigned short free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

TEST(Cli, TwoServersOneDatabaseConcurrentWritesLoseNothing) {
  TestDatabase db;
  ASSERT_EQ(hqms("demo --db " + quoted(db.location())).exit_code, 0);
  ServerProcess a(db.location(), free_port());
  ServerProcess b(db.location(), free_port());
  constexpr int kWritersPerServer = 2, kUsersPerWriter = 6;
  std::atomic<int> created{0};
  std::vector<std::thread> writers;
  for (auto* server : {&a, &b})
    for (int w = 0; w < kWritersPerServer; ++w)
      writers.emplace_back([&, server, w] {
        HttpClient c(server->port());
        ASSERT_EQ(c.login("admin", "Quality-Demo-2026").status, 200);
        for (int i = 0; i < kUsersPerWriter; ++i) {
          const auto name =
              "p" + std::to_string(server->port()) + "." + std::to_string(w) + "." + std::to_string(i);
          auto r = c.post("/api/v1/users", {{"username", name},
                                            {"displayName", "Concurrent " + name},
                                            {"password", "a long enough passphrase"},
                                            {"homeDepartmentId", 1}});
          if (r.status == 201) ++created;
          EXPECT_EQ(r.status, 201) << r.body;
          EXPECT_EQ(c.patch("/api/v1/users/24", {{"displayName", "Aoife " + name}}).status, 200);
        }
      });
  for (auto& t : writers) t.join();
  EXPECT_EQ(created, 2 * kWritersPerServer * kUsersPerWriter);
  auto total = HttpClient(a.port());
  ASSERT_EQ(total.login("admin", "Quality-Demo-2026").status, 200);
  EXPECT_EQ(total.get("/api/v1/users").json()["total"], 40 + 2 * kWritersPerServer * kUsersPerWriter);
  EXPECT_EQ(total.get("/api/v1/audit?entityType=user&action=update&entityId=24").json()["total"],
            2 * kWritersPerServer * kUsersPerWriter)
      << "every edit is in the trail";
  auto verified = hqms("verify-audit --db " + quoted(db.location()));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
}

}  // namespace
}  // namespace hqms::test
