#include "http/server/client_address.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <boost/range/iterator_range.hpp>
#include <optional>

namespace hqms::http {
namespace ip = boost::asio::ip;

namespace {

// IPv4 as IPv4-mapped IPv6 (RFC 4291 §2.5.5.2), so that both families compare as 128-bit values.
std::optional<ip::address_v6> as_v6(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v4()) return ip::make_address_v6(ip::v4_mapped, address.to_v4());
  return address.to_v6();
}

std::string display(const ip::address_v6& address) {
  if (address.is_v4_mapped()) return ip::make_address_v4(ip::v4_mapped, address).to_string();
  return address.to_string();
}

bool in_range(const ip::address_v6& address, const TrustedProxies::Range& range) {
  const auto bytes = address.to_bytes();
  int bits = range.prefix_length;
  for (std::size_t i = 0; i < 16 && bits > 0; ++i, bits -= 8) {
    const std::uint8_t mask = bits >= 8 ? 0xff : static_cast<std::uint8_t>(0xff << (8 - bits));
    if ((bytes[i] & mask) != (range.network[i] & mask)) return false;
  }
  return true;
}

std::optional<TrustedProxies::Range> parse_range(const std::string& text) {
  const auto slash = text.find('/');
  auto address = as_v6(std::string_view(text).substr(0, slash));
  if (!address) return std::nullopt;
  const bool v4 = address->is_v4_mapped() && text.find(':') == std::string::npos;
  const int family_bits = v4 ? 32 : 128;
  int prefix = family_bits;
  if (slash != std::string::npos) {
    const auto digits = std::string_view(text).substr(slash + 1);
    if (digits.empty() || digits.size() > 3 ||
        digits.find_first_not_of("0123456789") != std::string_view::npos)
      return std::nullopt;
    prefix = std::stoi(std::string(digits));
    if (prefix > family_bits) return std::nullopt;
  }
  TrustedProxies::Range range;
  const auto bytes = address->to_bytes();
  std::copy(bytes.begin(), bytes.end(), range.network.begin());
  range.prefix_length = v4 ? prefix + 96 : prefix;
  return range;
}

}  // namespace

Result<TrustedProxies> TrustedProxies::parse(const std::vector<std::string>& cidrs) {
  TrustedProxies out;
  for (const auto& text : cidrs) {
    auto range = parse_range(text);
    if (!range)
      return Error::validation({{"trusted-proxy", "'" + text + "' is not an address or CIDR range"}});
    out.ranges_.push_back(*range);
  }
  return out;
}

bool TrustedProxies::contains(const std::string& address) const {
  auto v6 = as_v6(address);
  if (!v6) return false;
  for (const auto& range : ranges_)
    if (in_range(*v6, range)) return true;
  return false;
}

std::string client_address(const RawRequest& request, const std::string& peer,
                           const TrustedProxies& proxies) {
  if (proxies.empty() || !proxies.contains(peer)) return peer;
  auto nearest = as_v6(peer);
  // Every X-Forwarded-For line, in order, joined: the list reads from the client (left) to the last proxy.
  std::vector<std::string_view> hops;
  for (const auto& field : boost::make_iterator_range(request.equal_range("X-Forwarded-For"))) {
    std::string_view value = field.value();
    while (true) {
      const auto comma = value.find(',');
      hops.push_back(value.substr(0, comma));
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  for (auto hop = hops.rbegin(); hop != hops.rend(); ++hop) {
    auto address = as_v6(*hop);
    if (!address) break;  // unreadable: the last trusted hop is all that is known
    nearest = address;
    if (!proxies.contains(display(*address))) break;
  }
  return display(*nearest);
}

}  // namespace hqms::http
