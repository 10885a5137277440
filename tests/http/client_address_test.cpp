#include "http/server/client_address.hpp"

#include <gtest/gtest.h>

namespace hqms::http {
namespace {

RawRequest with_forwarded(std::vector<std::string> values) {
  RawRequest req{Method::get, "/", 11};
  for (auto& v : values) req.insert("X-Forwarded-For", v);
  return req;
}

TEST(ClientAddress, ProxiesParseAsHostsOrRanges) {
  auto proxies = TrustedProxies::parse({"10.0.0.0/8", "192.168.1.10", "fd00::/8", "::1"});
  ASSERT_TRUE(proxies);
  EXPECT_TRUE(proxies->contains("10.20.30.40"));
  EXPECT_TRUE(proxies->contains("192.168.1.10"));
  EXPECT_FALSE(proxies->contains("192.168.1.11"));
  EXPECT_TRUE(proxies->contains("fd12::7"));
  EXPECT_TRUE(proxies->contains("::1"));
  EXPECT_FALSE(proxies->contains("2001:db8::1"));
  EXPECT_TRUE(proxies->contains("::ffff:10.1.2.3")) << "an IPv4-mapped peer is its IPv4 address";
  EXPECT_FALSE(proxies->contains("not an address"));
  for (const char* bad : {"10.0.0.0/33", "not-an-address", "10.0.0/8", "", "fd00::/129"})
    EXPECT_FALSE(TrustedProxies::parse({bad})) << bad;
}

TEST(ClientAddress, TheHeaderIsIgnoredUnlessThePeerIsTrusted) {
  auto none = *TrustedProxies::parse({});
  EXPECT_EQ(client_address(with_forwarded({"1.2.3.4"}), "10.0.0.5", none), "10.0.0.5");
  auto proxies = *TrustedProxies::parse({"10.0.0.0/24"});
  EXPECT_EQ(client_address(with_forwarded({"1.2.3.4"}), "172.16.0.9", proxies), "172.16.0.9");
  EXPECT_EQ(client_address(with_forwarded({"1.2.3.4"}), "10.0.0.5", proxies), "1.2.3.4");
}

TEST(ClientAddress, TheNearestUntrustedHopIsTheClient) {
  auto proxies = *TrustedProxies::parse({"10.0.0.0/24"});
  // A client may put anything on the left; only what trusted proxies appended counts.
  EXPECT_EQ(client_address(with_forwarded({"6.6.6.6, 1.2.3.4, 10.0.0.7"}), "10.0.0.5", proxies), "1.2.3.4");
  EXPECT_EQ(client_address(with_forwarded({"6.6.6.6", "1.2.3.4"}), "10.0.0.5", proxies), "1.2.3.4");
  EXPECT_EQ(client_address(with_forwarded({"10.0.0.8, 10.0.0.7"}), "10.0.0.5", proxies), "10.0.0.8");
  EXPECT_EQ(client_address(with_forwarded({"garbage, 10.0.0.7"}), "10.0.0.5", proxies), "10.0.0.7");
  EXPECT_EQ(client_address(with_forwarded({}), "10.0.0.5", proxies), "10.0.0.5");
  EXPECT_EQ(client_address(with_forwarded({" 2001:db8::1 "}), "10.0.0.5", proxies), "2001:db8::1");
  EXPECT_EQ(client_address(with_forwarded({"::ffff:1.2.3.4"}), "::ffff:10.0.0.5", proxies), "1.2.3.4");
}

}  // namespace
}  // namespace hqms::http
