#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fstream>
#include <future>

#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace net = boost::asio;

bhttp::request<bhttp::string_body> request(bhttp::verb verb, const std::string& target,
                                           const std::string& body = "") {
  bhttp::request<bhttp::string_body> req{verb, target, 11};
  req.set(bhttp::field::host, "127.0.0.1");
  if (!body.empty()) req.set(bhttp::field::content_type, "application/json");
  req.body() = body;
  req.prepare_payload();
  return req;
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  TestHospital h;
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), h.port()));
  for (int i = 0; i < 20; ++i) {
    bhttp::write(stream, request(bhttp::verb::get, "/healthz"));
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    ASSERT_EQ(res.result_int(), 200u);
    ASSERT_TRUE(res.keep_alive());
  }
}

TEST(Server, GarbageIsAnsweredWith400AndTheServerCarriesOn) {
  TestHospital h;
  net::io_context ioc;
  beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), h.port()));
  net::write(stream, net::buffer(std::string("NOT HTTP AT ALL\r\n\r\n")));
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  EXPECT_EQ(res.result_int(), 400u);
  EXPECT_EQ(h.client().get("/healthz").status, 200);
}

TEST(Server, StopFinishesTheRequestInProgress) {
  auto h = std::make_unique<TestHospital>();
  net::io_context ioc;
  beast::tcp_stream busy(ioc), idle(ioc);
  const net::ip::tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), h->port());
  busy.connect(endpoint);
  idle.connect(endpoint);
  // Sign-in is the slowest request there is (argon2id): stop arrives while it is being answered.
  bhttp::write(busy, request(bhttp::verb::post, "/api/v1/auth/login",
                             nlohmann::json{{"username", "cqo"}, {"password", kPassword}}.dump()));
  // Stop once the server is answering it (a fixed pause races with a loaded machine).
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (h->server().app().metrics().in_flight() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  ASSERT_GE(h->server().app().metrics().in_flight(), 1);
  h->server().stop();
  beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(busy, buffer, res);
  EXPECT_EQ(res.result_int(), 200u) << res.body();
  EXPECT_FALSE(res.keep_alive()) << "a stopping server closes connections after their answer";
  // The idle keep-alive connection is closed rather than waited for.
  beast::error_code ec;
  bhttp::response<bhttp::string_body> none;
  idle.expires_after(std::chrono::seconds(5));
  bhttp::read(idle, buffer, none, ec);
  EXPECT_TRUE(ec == bhttp::error::end_of_stream || ec == net::error::connection_reset ||
              ec == net::error::eof)
      << ec.message();
  auto stopped = std::async(std::launch::async, [&] { h.reset(); });
  EXPECT_EQ(stopped.wait_for(std::chrono::seconds(10)), std::future_status::ready) << "run() returned";
}

TEST(Server, ListenAddressesParse) {
  EXPECT_EQ(http::parse_listen_address("127.0.0.1:8080")->port, 8080);
  EXPECT_EQ(http::parse_listen_address("[::1]:9000")->host, "::1");
  EXPECT_EQ(http::parse_listen_address("localhost:0")->host, "127.0.0.1");
  EXPECT_FALSE(http::parse_listen_address("8080"));
  EXPECT_FALSE(http::parse_listen_address("127.0.0.1:99999"));
}

TEST(Server, ServesTheWebAppWithClientSideRoutes) {
  TempDir web;
  std::filesystem::create_directories(web.path() / "assets");
  std::ofstream(web.path() / "index.html") << "<!doctype html><title>HQMS</title>";
  std::ofstream(web.path() / "assets" / "app-1234.js") << "console.log(1)";
  http::ServerConfig config;
  config.web_root = web.path();
  TestHospital h(config);
  auto c = h.client();
  auto index = c.get("/admin/users/7");
  EXPECT_EQ(index.status, 200);
  EXPECT_NE(index.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_EQ(index.header("Cache-Control"), "no-cache");
  auto js = c.get("/assets/app-1234.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_NE(js.header("Content-Type").find("text/javascript"), std::string::npos);
  EXPECT_NE(js.header("Cache-Control").find("immutable"), std::string::npos);
  EXPECT_EQ(c.get("/assets/missing.js").status, 404);
  EXPECT_EQ(c.get("/../../etc/passwd").status, 404);
  EXPECT_EQ(c.get("/%2e%2e/%2e%2e/etc/passwd").status, 404);
  EXPECT_EQ(c.get("/api/v1/unknown").header("Content-Type"), "application/problem+json");
}

}  // namespace
}  // namespace hqms::test
