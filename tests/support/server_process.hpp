#pragma once
// `hqms serve` as a child process, for the tests that drive the real binary: started on a free loopback port
// and waited for until it is ready, stopped as an operator would (SIGTERM) or killed as a power cut or the
// OOM killer would (SIGKILL). Whatever happens in the test, the destructor kills and reaps the child, so that
// a failed assertion never leaves a server running.
#include <sys/types.h>

#include <string>
#include <vector>

#include "support/temp_dir.hpp"

namespace hqms::test {

// A loopback port nobody listens on now: bound to port 0 and released.
unsigned short free_port();

class ServerProcess {
 public:
  // Starts `binary serve --db location` on 127.0.0.1:`port` with two threads and `options` (such as
  // --key-file), its output in a log file, and waits until /readyz answers 200. Throws, with the server's
  // output, when it exits or is not ready in time.
  ServerProcess(const std::string& binary, const std::string& location, unsigned short port,
                const std::vector<std::string>& options = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  unsigned short port() const { return port_; }
  // SIGKILL now, with no chance to finish a request or close the database; the child is reaped.
  void kill_now();
  // SIGTERM, then waits: true when the server finished its requests and exited with status 0.
  bool stop();
  // What the server wrote to stdout and stderr so far.
  std::string output() const;

 private:
  void reap(int signal);

  TempDir dir_;
  pid_t pid_ = 0;
  unsigned short port_;
  int status_ = 0;
};

}  // namespace hqms::test
