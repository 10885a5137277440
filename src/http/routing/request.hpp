#pragma once
#include <boost/beast/http.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace hqms::http {

using RawRequest = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;
using Method = boost::beast::http::verb;

// A request as handlers see it: the decoded path, query and route parameters beside the raw message.
struct Request {
  const RawRequest& raw;
  std::string path;
  std::map<std::string, std::string, std::less<>> query;
  std::map<std::string, std::string, std::less<>> params;
  std::string remote_address;

  Method method() const { return raw.method(); }
  std::string_view header(std::string_view name) const;
  std::optional<std::string> cookie(std::string_view name) const;
  std::optional<std::string> query_value(std::string_view name) const;
};

// Splits a request target into its percent-decoded path and query parameters; nullopt when malformed.
std::optional<Request> parse_target(const RawRequest& raw, std::string remote_address);
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

Response json_response(int status, const std::string& body);
Response text_response(int status, std::string body, std::string_view content_type);
Response empty_response(int status);

}  // namespace hqms::http
