// The HTTP request head as the server reads it (src/http/server/connection.cpp, app.cpp): beast's request
// parser with the server's header and body limits, then parse_target (the percent-decoded path and query),
// then what a handler reads of it: the query through QueryReader (paging, ids, flags, dates, numbers, texts),
// the session cookie and the headers. The input is the bytes a client sends on a fresh connection.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/incidents/classification.hpp"
#include "expect.hpp"
#include "http/routing/paging.hpp"
#include "http/routing/request.hpp"

namespace {

namespace bhttp = boost::beast::http;
using hqms::fuzz::expect;

constexpr std::size_t kHeaderLimit = 16 * 1024;       // connection.cpp
constexpr std::size_t kBodyLimit = 12 * 1024 * 1024;  // ServerConfig::body_limit

bool has_nul(std::string_view text) {
  return text.find('\0') != std::string_view::npos;
}

void read_query(const hqms::http::Request& req) {
  hqms::http::QueryReader query(req);
  const auto page = query.page({"occurredAt", "reference", "title"}, "-occurredAt");
  expect(page.limit >= 1 && page.limit <= hqms::PageRequest::kMaxLimit && page.offset >= 0,
         "a page read is within the limits");
  (void)query.id("departmentId");
  (void)query.boolean("mine");
  (void)query.date("from");
  (void)query.integer("year", 2000, 2100);
  expect(query.text("q").size() <= 200, "a text read keeps its limit");
  (void)query.choice("harm", hqms::harm_level_from_string);
  const auto done = query.finish();
  if (!done) expect(done.error().kind == hqms::ErrorKind::validation, "a bad query is a 422");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  bhttp::request_parser<bhttp::string_body> parser;
  parser.header_limit(kHeaderLimit);
  parser.body_limit(kBodyLimit);
  parser.eager(true);
  boost::beast::error_code ec;
  std::string_view rest(reinterpret_cast<const char*>(data), size);
  while (!rest.empty() && !parser.is_done()) {
    const auto used = parser.put(boost::asio::buffer(rest.data(), rest.size()), ec);
    if (ec == bhttp::error::need_more) return 0;  // the server would wait for more
    if (ec) return 0;                             // the server answers 400 (or 413) and closes
    if (used == 0) return 0;
    rest.remove_prefix(used);
  }
  if (!parser.is_done()) return 0;
  const auto raw = parser.release();
  const std::string_view target = raw.target();

  for (const bool plus_is_space : {false, true})
    if (const auto decoded = hqms::http::percent_decode(target, plus_is_space))
      expect(decoded->size() <= target.size() && !has_nul(*decoded),
             "decoding shortens and never yields NUL");

  const auto req = hqms::http::parse_target(raw, "192.0.2.10");
  if (!req) return 0;  // 400
  expect(!req->path.empty() && req->path.front() == '/', "a path read starts at the root");
  expect(!has_nul(req->path), "a path read holds no NUL");
  for (const auto& [key, value] : req->query)
    expect(!has_nul(key) && !has_nul(value), "a query holds no NUL");
  (void)req->header("Content-Type");
  (void)req->header("X-CSRF-Token");
  if (const auto session = req->cookie("hqms_session")) expect(!has_nul(*session), "a cookie holds no NUL");
  read_query(*req);
  return 0;
}
