#include "support/http_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace hqms::test {
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;

std::string Reply::header(const std::string& name) const {
  for (const auto& [k, v] : headers)
    if (beast::iequals(k, name)) return v;
  return {};
}

Reply HttpClient::send(const std::string& method, const std::string& target, const std::string& body,
                       std::vector<std::pair<std::string, std::string>> headers) {
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
  bhttp::request<bhttp::string_body> req{bhttp::string_to_verb(method), target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!cookie_.empty()) req.set(bhttp::field::cookie, cookie_);
  if (!csrf_.empty() && method != "GET") req.set("X-CSRF-Token", csrf_);
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  bhttp::write(stream, req);
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == "HEAD") parser.skip(true);
  bhttp::read(stream, buffer, parser);
  auto res = parser.release();
  Reply reply{static_cast<int>(res.result_int()), res.body(), {}};
  for (const auto& field : res)
    reply.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  beast::error_code ec;
  stream.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  return reply;
}

Reply HttpClient::with_json(const std::string& method, const std::string& target,
                            const nlohmann::json& body) {
  return send(method, target, body.dump(), {{"Content-Type", "application/json"}});
}

Reply HttpClient::login_second_factor(const std::string& challenge_token, nlohmann::json proof) {
  proof["challengeToken"] = challenge_token;
  auto reply = post("/api/v1/auth/login/second-factor", proof);
  if (reply.status == 200) {
    auto cookie = reply.header("Set-Cookie");
    cookie_ = cookie.substr(0, cookie.find(';'));
    csrf_ = reply.json().value("csrfToken", "");
  }
  return reply;
}

Reply HttpClient::login(const std::string& username, const std::string& password) {
  auto reply = post("/api/v1/auth/login", {{"username", username}, {"password", password}});
  if (reply.status == 200 && !reply.json().value("secondFactorRequired", false)) {
    auto cookie = reply.header("Set-Cookie");
    cookie_ = cookie.substr(0, cookie.find(';'));
    csrf_ = reply.json().value("csrfToken", "");
  }
  return reply;
}

}  // namespace hqms::test
