// docs/openapi.yaml and the server's routes must describe the same API: every route documented, every
// documented route real.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <set>

#include "support/test_hospital.hpp"

namespace hqms::test {
namespace {

TEST(OpenApi, DocumentsExactlyTheServersRoutes) {
  const std::string path = std::string(HQMS_SOURCE_DIR) + "/docs/openapi.yaml";
  YAML::Node doc = YAML::LoadFile(path);
  ASSERT_TRUE(doc["openapi"].as<std::string>().starts_with("3.1"));
  std::set<std::string> documented;
  for (const auto& entry : doc["paths"]) {
    const auto route = entry.first.as<std::string>();
    for (const auto& op : entry.second) {
      std::string method = op.first.as<std::string>();
      if (method == "parameters" || method == "summary" || method == "description") continue;
      std::transform(method.begin(), method.end(), method.begin(), ::toupper);
      documented.insert(method + " " + route);
      EXPECT_TRUE(op.second["operationId"]) << method << " " << route << " has no operationId";
      EXPECT_TRUE(op.second["responses"]) << method << " " << route << " has no responses";
    }
  }
  TestHospital h;
  store::Database& db = h.db();
  ManualClock clock;
  http::App app(db, clock, {});
  std::set<std::string> served;
  for (const auto& r : app.router().routes())
    served.insert(std::string(to_string(r.method)) + " " + r.pattern);
  for (const auto& s : served) EXPECT_TRUE(documented.contains(s)) << s << " is served but not documented";
  for (const auto& d : documented) EXPECT_TRUE(served.contains(d)) << d << " is documented but not served";
}

}  // namespace
}  // namespace hqms::test
