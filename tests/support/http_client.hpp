#pragma once
// A small blocking HTTP client over a real socket, with the browser's cookie and CSRF habits.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hqms::test {

struct Reply {
  int status = 0;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  std::string header(const std::string& name) const;
  nlohmann::json json() const { return nlohmann::json::parse(body, nullptr, false); }
};

class HttpClient {
 public:
  explicit HttpClient(unsigned short port) : port_(port) {}

  Reply send(const std::string& method, const std::string& target, const std::string& body = "",
             std::vector<std::pair<std::string, std::string>> headers = {});
  Reply get(const std::string& target) { return send("GET", target); }
  Reply post(const std::string& target, const nlohmann::json& body) {
    return with_json("POST", target, body);
  }
  Reply put(const std::string& target, const nlohmann::json& body) { return with_json("PUT", target, body); }
  Reply patch(const std::string& target, const nlohmann::json& body) {
    return with_json("PATCH", target, body);
  }
  Reply with_json(const std::string& method, const std::string& target, const nlohmann::json& body);

  // Signs in and keeps the session cookie and CSRF token for later requests.
  Reply login(const std::string& username, const std::string& password);
  // Finishes a sign-in that asked for a second factor (`proof` holds a code or a recoveryCode), keeping the
  // session as login() does.
  Reply login_second_factor(const std::string& challenge_token, nlohmann::json proof);
  void forget_session() {
    cookie_.clear();
    csrf_.clear();
  }
  const std::string& csrf() const { return csrf_; }
  const std::string& cookie() const { return cookie_; }  // "name=value", as the Cookie header carries it
  void set_csrf(std::string csrf) { csrf_ = std::move(csrf); }
  // The same session against another server on the same database, e.g. one restarted on a new port.
  void set_port(unsigned short port) { port_ = port; }

 private:
  unsigned short port_;
  std::string cookie_;
  std::string csrf_;
};

}  // namespace hqms::test
