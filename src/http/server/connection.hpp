#pragma once
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <optional>

#include "http/server/server.hpp"

namespace hqms::http {

// One client connection: read a request, answer it, repeat while keep-alive holds.
class Connection : public std::enable_shared_from_this<Connection> {
 public:
  Connection(boost::asio::ip::tcp::socket socket, Server& server);
  void start();
  // Called at shutdown: a connection waiting for its next request is closed; one mid-request finishes first.
  void close_if_idle();

 private:
  void read();
  void read_body();
  void on_read(boost::beast::error_code ec);
  void write(Response response);
  void close();

  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  Response response_;
  Server& server_;
  std::string remote_;
  bool import_allowed_ = false;  // this request's sender may send an import-sized body
  bool busy_ = false;
};

}  // namespace hqms::http
