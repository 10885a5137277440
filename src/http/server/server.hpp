#pragma once
// The socket side: async HTTP/1.1 with keep-alive on a small thread pool, graceful stop.
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "http/app.hpp"

namespace hqms::http {

struct ListenAddress {
  std::string host;
  unsigned short port = 0;
};

// "127.0.0.1:8080", "[::1]:8080" or "localhost:0" (0 picks a free port).
Result<ListenAddress> parse_listen_address(const std::string& text);

class Connection;

class Server {
 public:
  Server(App& app, int threads);
  ~Server();
  Result<void> listen(const ListenAddress& address);
  unsigned short port() const { return port_; }
  boost::asio::io_context& io_context() { return ioc_; }

  // Serves until stop() and every connection has finished; the calling thread is one of the workers.
  void run();
  // Stops accepting, lets requests in progress finish and be answered, closes idle keep-alive connections.
  // Safe to call from any thread, more than once.
  void stop();

  // Connection bookkeeping, for the graceful stop.
  void track(const std::shared_ptr<Connection>& connection);
  bool stopping() const { return stopping_; }
  App& app() { return app_; }

 private:
  void accept();

  App& app_;
  int threads_;
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  unsigned short port_ = 0;
  std::atomic<bool> stopping_{false};
  std::mutex connections_mutex_;
  std::vector<std::weak_ptr<Connection>> connections_;
};

}  // namespace hqms::http
