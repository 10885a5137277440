#include "support/server_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/http_client.hpp"

extern char** environ;

namespace hqms::test {

unsigned short free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0;
  close(fd);
  if (!bound) throw std::runtime_error("no free loopback port");
  return ntohs(addr.sin_port);
}

ServerProcess::ServerProcess(const std::string& binary, const std::string& location, unsigned short port,
                             const std::vector<std::string>& options)
    : port_(port) {
  std::vector<std::string> args{
      binary,         "serve",     "--db",      location, "--listen", "127.0.0.1:" + std::to_string(port),
      "--access-log", "/dev/null", "--threads", "2"};
  args.insert(args.end(), options.begin(), options.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t files;
  posix_spawn_file_actions_init(&files);
  const auto log = dir_.file("server.log");
  posix_spawn_file_actions_addopen(&files, STDOUT_FILENO, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
  posix_spawn_file_actions_adddup2(&files, STDOUT_FILENO, STDERR_FILENO);
  const int spawned = posix_spawn(&pid_, binary.c_str(), &files, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&files);
  if (spawned != 0) {
    pid_ = 0;
    throw std::runtime_error("cannot start " + binary);
  }
  // ASan start-up and a PostgreSQL connection pool take a few seconds on a busy machine.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < deadline) {
    if (waitpid(pid_, &status_, WNOHANG) == pid_) {
      pid_ = 0;
      throw std::runtime_error("the server exited before it was ready (status " + std::to_string(status_) +
                               "):\n" + output());
    }
    try {
      if (HttpClient(port_).get("/readyz").status == 200) return;
    } catch (const std::exception&) {
      // Not listening yet.
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  reap(SIGKILL);
  throw std::runtime_error("the server on port " + std::to_string(port) + " was not ready in 30 s:\n" +
                           output());
}

ServerProcess::~ServerProcess() {
  reap(SIGKILL);
}

void ServerProcess::reap(int signal) {
  if (pid_ == 0) return;
  kill(pid_, signal);
  // A server that does not finish within the grace period is killed: a test never hangs on its child.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    const pid_t done = waitpid(pid_, &status_, WNOHANG);
    if (done == pid_ || (done < 0 && errno != EINTR)) break;
    if (std::chrono::steady_clock::now() > deadline) {
      kill(pid_, SIGKILL);
      waitpid(pid_, &status_, 0);
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  pid_ = 0;
}

void ServerProcess::kill_now() {
  reap(SIGKILL);
}

bool ServerProcess::stop() {
  reap(SIGTERM);
  return WIFEXITED(status_) && WEXITSTATUS(status_) == 0;
}

std::string ServerProcess::output() const {
  std::ifstream in(dir_.file("server.log"));
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace hqms::test
