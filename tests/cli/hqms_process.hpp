#pragma once
// The hqms binary run as an operator runs it: a command to completion, or a server stopped with SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

#include "support/http_client.hpp"

extern char** environ;

namespace hqms::test {

struct HqmsRun {
  int exit_code;
  std::string output;  // standard output and error together
};

// `timeout` stops a command that should have ended, such as a server that ought to refuse to start.
inline HqmsRun run_hqms(const std::string& args) {
  const std::string command = "timeout 120 " + std::string(HQMS_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), pipe)) output.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

inline std::string shell_quoted(const std::string& s) {
  return "'" + s + "'";
}

// A port nobody listens on now: bound to port 0 and released.
inline unsigned short free_loopback_port() {
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

// A running `hqms serve` with extra options, stopped with SIGTERM by stop() or at the end of the scope.
class HqmsServer {
 public:
  HqmsServer(const std::string& location, const std::vector<std::string>& options)
      : port_(free_loopback_port()) {
    std::vector<std::string> args{
        HQMS_BINARY,    "serve",     "--db",      location, "--listen", "127.0.0.1:" + std::to_string(port_),
        "--access-log", "/dev/null", "--threads", "2"};
    args.insert(args.end(), options.begin(), options.end());
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    EXPECT_EQ(posix_spawn(&pid_, HQMS_BINARY, nullptr, nullptr, argv.data(), environ), 0);
    for (int i = 0; i < 400; ++i) {
      try {
        if (HttpClient(port_).get("/readyz").status == 200) return;
      } catch (const std::exception&) {
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << "server on port " << port_ << " did not become ready";
  }
  HqmsServer(const HqmsServer&) = delete;
  HqmsServer& operator=(const HqmsServer&) = delete;
  ~HqmsServer() { stop(); }
  // SIGTERM, then the exit status: the server finishes its requests and stops cleanly.
  int stop() {
    if (pid_ == 0) return exit_code_;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = 0;
    exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return exit_code_;
  }
  unsigned short port() const { return port_; }

 private:
  pid_t pid_ = 0;
  int exit_code_ = 0;
  unsigned short port_;
};

}  // namespace hqms::test
