#pragma once
// The address a request came from. Behind a TLS-terminating proxy every request arrives from the proxy, so
// the sign-in throttle and the anonymous-report limit would treat all users as one; the proxy names the
// client in X-Forwarded-For. That header is honoured only from proxies the operator trusts (--trusted-proxy
// CIDR), since anyone else can write it (OWASP ASVS 4.0 V1.14; issue 12, finding 4).
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

class TrustedProxies {
 public:
  // "10.0.0.0/8", "192.168.1.10" (one host), "fd00::/8", "::1".
  static Result<TrustedProxies> parse(const std::vector<std::string>& cidrs);
  bool empty() const { return ranges_.empty(); }
  // An address as text ("10.1.2.3", "::1", "::ffff:10.1.2.3"); false for anything unreadable.
  bool contains(const std::string& address) const;

  // An address range in a form that needs no networking headers here (this header reaches every route): IPv4
  // ranges are kept as IPv4-mapped IPv6, so one comparison serves both.
  struct Range {
    std::array<std::uint8_t, 16> network{};
    int prefix_length = 128;
  };

 private:
  std::vector<Range> ranges_;
};

// The client's address: the peer's, or, when the peer is a trusted proxy, the nearest address in
// X-Forwarded-For that is not one of the trusted proxies (read from the right, as each proxy appends the
// address it received from). A malformed entry ends the walk at the last trusted hop. IPv4-mapped IPv6
// addresses are given in their IPv4 form.
std::string client_address(const RawRequest& request, const std::string& peer, const TrustedProxies& proxies);

}  // namespace hqms::http
