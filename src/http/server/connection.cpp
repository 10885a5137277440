#include "http/server/connection.hpp"

#include <algorithm>
#include <boost/asio/dispatch.hpp>

#include "http/problems/problem.hpp"

namespace hqms::http {
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

namespace {
constexpr auto kIdleTimeout = std::chrono::seconds(30);
// A 256 MB import over a slow hospital link needs longer than an ordinary request's body.
constexpr auto kImportTimeout = std::chrono::minutes(10);
constexpr std::size_t kHeaderLimit = 16 * 1024;

// Data imports take whole EHR extracts; every other route keeps the ordinary limit, so that a large body
// can be sent only where it is expected (and only the import route is held open for it).
bool is_import(const bhttp::request_parser<bhttp::string_body>& parser) {
  const auto& header = parser.get();
  if (header.method() != bhttp::verb::post) return false;
  std::string_view target = header.target();
  target = target.substr(0, target.find('?'));
  return target == "/api/v1/imports";
}

// An import takes up to import_body_limit from someone who may import, and from anyone else no more than an
// ordinary request (nor more than an import).
std::size_t body_limit_of(const bhttp::request_parser<bhttp::string_body>& parser, const ServerConfig& config,
                          bool import_allowed) {
  if (!is_import(parser)) return config.body_limit;
  return import_allowed ? config.import_body_limit : std::min(config.body_limit, config.import_body_limit);
}
}  // namespace

Connection::Connection(boost::asio::ip::tcp::socket socket, Server& server)
    : stream_(std::move(socket)), server_(server) {
  beast::error_code ec;
  auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ = endpoint.address().to_string();
}

void Connection::start() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read(); });
}

void Connection::read() {
  busy_ = false;
  if (server_.stopping()) return close();
  parser_.emplace();
  import_allowed_ = false;
  // The header first, with room for the largest body any route takes (beast compares a Content-Length with
  // the limit as soon as the header is complete); then the limit of the route the request is for.
  const auto& config = server_.app().config();
  parser_->body_limit(std::max(config.body_limit, config.import_body_limit));
  parser_->header_limit(kHeaderLimit);
  stream_.expires_after(kIdleTimeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) {
                             if (ec) return self->on_read(ec);
                             self->read_body();
                           });
}

void Connection::read_body() {
  busy_ = true;  // a request has begun: a stopping server lets it finish and answers it
  const auto& config = server_.app().config();
  // The session is read from the header only when the body may exceed the ordinary limit: the import
  // route's own checks still run on every import once the body is in.
  const auto length = parser_->content_length();
  if (is_import(*parser_) && (!length || *length > body_limit_of(*parser_, config, false)))
    import_allowed_ = server_.app().may_send_import_body(parser_->get(), remote_);
  const auto limit = body_limit_of(*parser_, config, import_allowed_);
  if (length && *length > limit) return on_read(bhttp::error::body_limit);
  parser_->body_limit(limit);  // what a chunked body may add up to
  if (is_import(*parser_) && import_allowed_) stream_.expires_after(kImportTimeout);
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
}

void Connection::on_read(beast::error_code ec) {
  busy_ = true;
  if (ec == bhttp::error::body_limit) {
    auto res = problem_response(
        problem(413, "/problems/payload-too-large", "Payload too large",
                "The request body is larger than " +
                    std::to_string(body_limit_of(*parser_, server_.app().config(), import_allowed_)) +
                    " bytes."),
        "");
    add_security_headers(res, true, server_.app().config().secure_cookies);
    res.keep_alive(false);
    return write(std::move(res));
  }
  if (ec && ec.category() == beast::error_code(bhttp::error::end_of_stream).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    auto res = problem_response(
        problem(400, "/problems/bad-request", "Bad request", "The request is not well-formed HTTP/1.1."), "");
    add_security_headers(res, true, server_.app().config().secure_cookies);
    res.keep_alive(false);
    return write(std::move(res));
  }
  if (ec) return close();  // end of stream, timeout, reset or shutdown
  auto request = parser_->release();
  auto res = server_.app().handle(request, remote_);
  if (server_.stopping()) res.keep_alive(false);
  write(std::move(res));
}

void Connection::write(Response response) {
  response_ = std::move(response);
  stream_.expires_after(kIdleTimeout);
  bhttp::async_write(stream_, response_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
    if (ec || !self->response_.keep_alive()) return self->close();
    self->read();
  });
}

void Connection::close() {
  beast::error_code ec;
  stream_.socket().shutdown(boost::asio::ip::tcp::socket::shutdown_send, ec);
  stream_.socket().close(ec);
}

void Connection::close_if_idle() {
  boost::asio::dispatch(stream_.get_executor(), [self = shared_from_this()] {
    if (!self->busy_) self->stream_.cancel();
  });
}

}  // namespace hqms::http
