#include "http/server/server.hpp"

#include <boost/asio/strand.hpp>
#include <charconv>
#include <thread>

#include "http/server/connection.hpp"

namespace hqms::http {
namespace net = boost::asio;
using tcp = net::ip::tcp;

Result<ListenAddress> parse_listen_address(const std::string& text) {
  auto colon = text.rfind(':');
  if (colon == std::string::npos || colon == 0)
    return Error::of(ErrorKind::bad_request, "expected HOST:PORT");
  std::string host = text.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  unsigned port = 0;
  auto digits = std::string_view(text).substr(colon + 1);
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), port);
  if (ec != std::errc{} || ptr != digits.data() + digits.size() || port > 65535)
    return Error::of(ErrorKind::bad_request, "the port must be a number from 0 to 65535");
  if (host == "localhost") host = "127.0.0.1";
  return ListenAddress{host, static_cast<unsigned short>(port)};
}

Server::Server(App& app, int threads)
    : app_(app), threads_(std::max(1, threads)), ioc_(threads_), acceptor_(ioc_) {}

Server::~Server() = default;

Result<void> Server::listen(const ListenAddress& address) {
  boost::system::error_code ec;
  auto ip = net::ip::make_address(address.host, ec);
  if (ec) return Error::of(ErrorKind::bad_request, "not an IP address: " + address.host);
  tcp::endpoint endpoint(ip, address.port);
  acceptor_.open(endpoint.protocol(), ec);
  if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) acceptor_.bind(endpoint, ec);
  if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
  if (ec)
    return Error::of(ErrorKind::unavailable, "cannot listen on " + address.host + ":" +
                                                 std::to_string(address.port) + ": " + ec.message());
  port_ = acceptor_.local_endpoint().port();
  accept();
  return {};
}

void Server::accept() {
  acceptor_.async_accept(net::make_strand(ioc_), [this](boost::system::error_code ec, tcp::socket socket) {
    if (ec) {
      if (!stopping_ && acceptor_.is_open()) accept();
      return;
    }
    auto connection = std::make_shared<Connection>(std::move(socket), *this);
    track(connection);
    connection->start();
    accept();
  });
}

void Server::track(const std::shared_ptr<Connection>& connection) {
  std::lock_guard lock(connections_mutex_);
  std::erase_if(connections_, [](const auto& weak) { return weak.expired(); });
  connections_.push_back(connection);
}

void Server::run() {
  std::vector<std::thread> workers;
  for (int i = 1; i < threads_; ++i) workers.emplace_back([this] { ioc_.run(); });
  ioc_.run();
  for (auto& w : workers) w.join();
}

void Server::stop() {
  net::post(acceptor_.get_executor(), [this] {
    if (stopping_.exchange(true)) return;
    boost::system::error_code ec;
    acceptor_.close(ec);
    std::lock_guard lock(connections_mutex_);
    for (auto& weak : connections_)
      if (auto c = weak.lock()) c->close_if_idle();
  });
}

}  // namespace hqms::http
