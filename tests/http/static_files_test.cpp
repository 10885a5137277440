// Issue 12, finding 1: no request path may name a file outside the built front end. The server reads the web
// root into memory at start and answers by exact lookup; these requests are the ways a path has been shaped
// to climb out of a web root in the wild, sent byte for byte as written.
#include <gtest/gtest.h>

#include <fstream>

#include "support/temp_dir.hpp"
#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

constexpr std::string_view kSecret = "TOP-SECRET-OUTSIDE-THE-WEB-ROOT";

struct WebRootWithTraps {
  TempDir dir;
  std::filesystem::path root = dir.path() / "dist";
  std::filesystem::path secret = dir.path() / "secret.txt";
  WebRootWithTraps() {
    std::filesystem::create_directories(root / "assets");
    std::filesystem::create_directories(dir.path() / "private");
    std::ofstream(root / "index.html") << "<!doctype html><title>HQMS shell</title>";
    std::ofstream(root / "assets" / "app-1234.js") << "console.log(1)";
    std::ofstream(secret) << kSecret;
    std::ofstream(dir.path() / "private" / "secret.txt") << kSecret;
    // Links out of the root, as a careless deploy or an attacker with write access to the folder might leave.
    std::filesystem::create_symlink(secret, root / "leak.txt");
    std::filesystem::create_symlink(secret, root / "assets" / "leak.js");
    std::filesystem::create_directory_symlink(dir.path() / "private", root / "private");
  }
};

http::ServerConfig config_for(const WebRootWithTraps& web) {
  http::ServerConfig config;
  config.web_root = web.root;
  return config;
}

TEST(StaticFiles, NoRequestPathReadsAFileOutsideTheWebRoot) {
  WebRootWithTraps web;
  TestHospital h(config_for(web));
  auto c = h.client();
  const std::string secret = web.secret.string();  // absolute: /tmp/hqms-test-XXXX/secret.txt
  const std::string secret_tail = secret.substr(1);
  std::string slashes_encoded;
  for (char ch : secret) slashes_encoded += ch == '/' ? std::string("%2F") : std::string(1, ch);
  const std::vector<std::string> attacks = {
      "/" + secret,            // the reported hole: //<absolute path>
      "//etc/passwd",          //
      "///etc/passwd",         //
      "/%2F" + secret_tail,    // an encoded second slash
      "/%2f" + secret_tail,    //
      slashes_encoded,         // every slash encoded
      "/%252F" + secret_tail,  // double encoding
      "/%252e%252e/%252e%252e/etc/passwd",
      "/../../../../etc/passwd",
      "/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
      "/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd",
      "/..;/..;/..;/etc/passwd",  // Tomcat-style path parameters
      "/assets/..;/..;/secret.txt",
      "/%c0%ae%c0%ae/%c0%ae%c0%ae/etc/passwd",  // overlong UTF-8 dots
      "/%c0%af" + secret_tail,                  // overlong UTF-8 slash
      "/%e0%80%af" + secret_tail,
      "/index.html%00" + secret,  // NUL truncation
      "/%00/etc/passwd",
      "/..\\..\\..\\etc\\passwd",  // backslashes, raw and encoded
      "/%5c..%5c..%5cetc%5cpasswd",
      "/leak.txt",  // symbolic links out of the root
      "/assets/leak.js",
      "/private/secret.txt",
      "/./leak.txt",
      "/assets/./../leak.txt",
      "/" + std::string(8000, 'a') + "/etc/passwd",  // very long paths
      "/" + std::string(20000, '/') + "etc/passwd",
  };
  for (const auto& target : attacks) {
    auto reply = c.send("GET", target);
    EXPECT_EQ(reply.body.find(kSecret), std::string::npos) << target.substr(0, 120);
    EXPECT_EQ(reply.body.find("root:"), std::string::npos) << target.substr(0, 120);
    EXPECT_TRUE(reply.status == 404 || reply.status == 400 || reply.status == 431)
        << target.substr(0, 120) << " answered " << reply.status;
  }
  EXPECT_EQ(c.get("/healthz").status, 200) << "the server carries on";
}

TEST(StaticFiles, ServesTheBuiltFilesFromMemory) {
  WebRootWithTraps web;
  TestHospital h(config_for(web));
  auto c = h.client();
  EXPECT_EQ(c.get("/assets/app-1234.js").body, "console.log(1)");
  // Files that appear in the folder after start are not served: nothing is read from it per request.
  std::ofstream(web.root / "assets" / "late.js") << "late";
  EXPECT_EQ(c.get("/assets/late.js").status, 404);
  std::filesystem::remove(web.root / "assets" / "app-1234.js");
  EXPECT_EQ(c.get("/assets/app-1234.js").status, 200);
}

TEST(StaticFiles, RevalidatesByETag) {
  WebRootWithTraps web;
  TestHospital h(config_for(web));
  auto c = h.client();
  auto first = c.get("/");
  ASSERT_EQ(first.status, 200);
  const auto etag = first.header("ETag");
  ASSERT_FALSE(etag.empty());
  auto again = c.send("GET", "/", "", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
}

TEST(StaticFiles, OnlyPlainPathsAreClientSideRoutes) {
  using http::is_client_route;
  EXPECT_TRUE(is_client_route("/"));
  EXPECT_TRUE(is_client_route("/incidents/42"));
  EXPECT_TRUE(is_client_route("/admin/users/"));
  EXPECT_TRUE(is_client_route("/capa/board"));
  EXPECT_FALSE(is_client_route("//etc/passwd"));
  EXPECT_FALSE(is_client_route("/a//b"));
  EXPECT_FALSE(is_client_route("/../x"));
  EXPECT_FALSE(is_client_route("/./x"));
  EXPECT_FALSE(is_client_route("/..;/x"));
  EXPECT_FALSE(is_client_route("/a\\b"));
  EXPECT_FALSE(is_client_route("/missing.js"));
  EXPECT_FALSE(is_client_route("/caf\xc3\xa9"));
  EXPECT_FALSE(is_client_route("/" + std::string(600, 'a')));
  EXPECT_FALSE(is_client_route(""));
  EXPECT_FALSE(is_client_route("relative"));
}

TEST(StaticFiles, RefusesARootFarLargerThanAFrontEnd) {
  TempDir dir;
  for (std::size_t i = 0; i <= http::StaticFiles::kMaxFiles; ++i)
    std::ofstream(dir.path() / ("f" + std::to_string(i))) << "x";
  http::StaticFiles files(dir.path());
  EXPECT_EQ(files.asset_count(), 0u);
  EXPECT_NE(files.load_error().find("more than a built front end"), std::string::npos);
}

}  // namespace
}  // namespace hqms::test
