// Data imports over HTTP: a good encounter file counted in full, a bad row reported with its line, a strict
// run that keeps nothing, the same file again changing nothing, rows outside the importer's scope refused,
// the 256 MB limit of this one route, and who may import.
#include <gtest/gtest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "http/incident_api_helpers.hpp"

namespace hqms::test {
namespace {

using nlohmann::json;

const std::string kHeader =
    "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,"
    "disposition,patient_days,readmitted_30d\n";

std::string row(const std::string& id, const std::string& site = "MAIN",
                const std::string& department = "MED", const std::string& sex = "female") {
  return id + ",P-" + id + "," + site + "," + department +
         ",inpatient,2026-10-01T10:00:00Z,2026-10-04T10:00:00Z,65-74," + sex + ",home,3,0\n";
}

// Three stays; the second (line 3) is refused when `bad`.
std::string three_stays(bool bad = false) {
  return kHeader + row("IMP-1") + row("IMP-2", "MAIN", "MED", bad ? "robot" : "male") + row("IMP-3");
}

Reply upload(HttpClient& as, const std::string& query, const std::string& file) {
  return as.send("POST", "/api/v1/imports?" + query, file, {{"Content-Type", "text/csv"}});
}

TEST(ImportApi, GoodFileIsCountedInFull) {
  TestHospital h;
  auto analyst = h.signed_in("analyst");
  const auto audited = h.audit_count("import.completed");
  auto r = upload(analyst, "kind=encounters_csv&fileName=C%3A%5Cexports%5Coctober.csv", three_stays());
  ASSERT_EQ(r.status, 201) << r.body;
  const auto run = r.json();
  EXPECT_GT(run["id"].get<Id>(), 0);
  EXPECT_EQ(run["kind"], "encounters_csv");
  EXPECT_EQ(run["fileName"], "october.csv") << "never a path";
  EXPECT_EQ(run["fileSha256"].get<std::string>().size(), 64u);
  EXPECT_EQ(run["strict"], false);
  EXPECT_EQ(run["outcome"], "completed");
  EXPECT_EQ(run["recordsRead"], 3);
  EXPECT_EQ(run["recordsInserted"], 3);
  EXPECT_EQ(run["recordsUpdated"], 0);
  EXPECT_EQ(run["recordsUnchanged"], 0);
  EXPECT_EQ(run["recordsRejected"], 0);
  EXPECT_EQ(run["problems"], json::array());
  EXPECT_EQ(run["importedBy"]["displayName"], "Rahul Mehta");
  EXPECT_FALSE(run["startedAt"].get<std::string>().empty());

  auto list = analyst.get("/api/v1/imports");
  ASSERT_EQ(list.status, 200) << list.body;
  const auto items = list.json()["items"];
  ASSERT_FALSE(items.empty());
  EXPECT_EQ(items[0]["id"], run["id"]) << "newest first";
  EXPECT_FALSE(items[0].contains("problems"));
  auto one = analyst.get("/api/v1/imports/" + std::to_string(run["id"].get<Id>()));
  ASSERT_EQ(one.status, 200) << one.body;
  EXPECT_EQ(one.json(), run);
  EXPECT_EQ(analyst.get("/api/v1/imports/999999").status, 404);
  EXPECT_EQ(h.audit_count("import.completed") - audited, 1);
}

TEST(ImportApi, BadRowIsReportedWithItsLine) {
  TestHospital h;
  auto analyst = h.signed_in("analyst");
  auto r = upload(analyst, "kind=encounters_csv", three_stays(true));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto run = r.json();
  EXPECT_EQ(run["outcome"], "completed");
  EXPECT_EQ(run["recordsRead"], 3);
  EXPECT_EQ(run["recordsInserted"], 2);
  EXPECT_EQ(run["recordsRejected"], 1);
  ASSERT_EQ(run["problems"].size(), 1u);
  EXPECT_EQ(run["problems"][0]["line"], 3);
  EXPECT_EQ(run["problems"][0]["recordId"], "IMP-2");
  EXPECT_EQ(run["problems"][0]["field"], "sex");
  EXPECT_EQ(run["problems"][0]["file"], "upload.csv");

  // A file whose header cannot be read imports nothing at all.
  auto unusable = upload(analyst, "kind=encounters_csv", "name,age\nMary,80\n");
  EXPECT_EQ(unusable.status, 422) << unusable.body;
  EXPECT_EQ(error_fields(upload(analyst, "strict=maybe", three_stays())),
            (std::vector<std::string>{"strict", "kind"}));
  EXPECT_EQ(error_fields(upload(analyst, "kind=encounters_csv", "")), std::vector<std::string>{"file"});
}

TEST(ImportApi, StrictRunWithAProblemKeepsNothing) {
  TestHospital h;
  auto analyst = h.signed_in("analyst");
  const auto audited = h.audit_count("import.rejected");
  auto r = upload(analyst, "kind=encounters_csv&strict=true", three_stays(true));
  ASSERT_EQ(r.status, 201) << r.body << " (the report is the point)";
  const auto run = r.json();
  EXPECT_EQ(run["outcome"], "rejected");
  EXPECT_EQ(run["strict"], true);
  EXPECT_EQ(run["recordsInserted"], 0);
  EXPECT_EQ(run["recordsRejected"], 1);
  EXPECT_EQ(run["problems"][0]["line"], 3);
  // The good stays were not kept: they are new to the next run.
  auto again = upload(analyst, "kind=encounters_csv", kHeader + row("IMP-1") + row("IMP-3"));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["recordsInserted"], 2);
  EXPECT_EQ(h.audit_count("import.rejected") - audited, 1);
}

TEST(ImportApi, SameFileAgainChangesNothing) {
  TestHospital h;
  auto analyst = h.signed_in("analyst");
  ASSERT_EQ(upload(analyst, "kind=encounters_csv", three_stays()).status, 201);
  auto again = upload(analyst, "kind=encounters_csv", three_stays());
  ASSERT_EQ(again.status, 200) << again.body;
  const auto run = again.json();
  EXPECT_EQ(run["outcome"], "completed");
  EXPECT_EQ(run["recordsInserted"], 0);
  EXPECT_EQ(run["recordsUpdated"], 0);
  EXPECT_EQ(run["recordsUnchanged"], 3);
  // A stay changed in a new extract is updated in place, not added.
  auto changed = upload(analyst, "kind=encounters_csv", kHeader + row("IMP-1", "MAIN", "MED", "male"));
  ASSERT_EQ(changed.status, 201) << changed.body;
  EXPECT_EQ(changed.json()["recordsUpdated"], 1);
  EXPECT_EQ(changed.json()["recordsInserted"], 0);
}

TEST(ImportApi, RowsOutsideTheImportersScopeAreRefused) {
  TestHospital h;
  auto site_analyst = h.signed_in("analyst.main");
  auto r =
      upload(site_analyst, "kind=encounters_csv", kHeader + row("IMP-M") + row("IMP-N", "NORTH", "NMED"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto run = r.json();
  EXPECT_EQ(run["recordsInserted"], 1);
  EXPECT_EQ(run["recordsRejected"], 1);
  ASSERT_EQ(run["problems"].size(), 1u);
  EXPECT_EQ(run["problems"][0]["recordId"], "IMP-N");
  EXPECT_EQ(run["problems"][0]["field"], "department");
  EXPECT_NE(run["problems"][0]["message"].get<std::string>().find("outside your scope"), std::string::npos);
}

TEST(ImportApi, ARunIsSeenByWhoMadeItAndByThoseWhoImportNetworkWide) {
  TestHospital h;
  auto main_analyst = h.signed_in("analyst.main");
  auto r =
      upload(main_analyst, "kind=encounters_csv", kHeader + row("IMP-M") + row("IMP-N", "NORTH", "NMED"));
  ASSERT_EQ(r.status, 201) << r.body;
  const auto id = std::to_string(r.json()["id"].get<Id>());
  const auto listed = [&](HttpClient& as) {
    const auto runs = as.get("/api/v1/imports").json();
    for (const auto& run : runs["items"])
      if (std::to_string(run["id"].get<Id>()) == id) return true;
    return false;
  };
  EXPECT_TRUE(listed(main_analyst));
  EXPECT_EQ(main_analyst.get("/api/v1/imports/" + id).status, 200);
  auto network_analyst = h.signed_in("analyst");
  EXPECT_TRUE(listed(network_analyst));
  EXPECT_EQ(network_analyst.get("/api/v1/imports/" + id).json()["problems"][0]["recordId"], "IMP-N");
  // North's own analyst imports too, but not this run: its problems name records of both sites.
  h.add_user("analyst.north", {{Role::quality_analyst, {ScopeType::site, kNorthSite}}});
  auto north_analyst = h.signed_in("analyst.north");
  EXPECT_FALSE(listed(north_analyst));
  EXPECT_EQ(north_analyst.get("/api/v1/imports/" + id).status, 403);
}

TEST(ImportApi, StaffCannotImportOrSeeImports) {
  TestHospital h;
  auto nurse = h.signed_in("nurse.ed");
  const auto denied = h.audit_count("permission_denied");
  EXPECT_EQ(upload(nurse, "kind=encounters_csv", three_stays()).status, 403);
  EXPECT_EQ(nurse.get("/api/v1/imports").status, 403);
  EXPECT_EQ(nurse.get("/api/v1/imports/1").status, 403);
  EXPECT_EQ(h.signed_in("cqo").get("/api/v1/imports").status, 403) << "a quality manager does not import";
  EXPECT_EQ(h.audit_count("permission_denied") - denied, 4);
  EXPECT_EQ(h.signed_in("admin").get("/api/v1/imports").status, 200);
}

// Sends only a request's header, announcing `length` bytes of body, and reads what the server answers.
int status_for_announced_body(unsigned short port, const std::string& target, std::size_t length,
                              const std::string& content_type, const std::string& cookie = "") {
  namespace net = boost::asio;
  namespace bhttp = boost::beast::http;
  net::io_context ioc;
  boost::beast::tcp_stream stream(ioc);
  stream.connect(net::ip::tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
  const std::string header = "POST " + target +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + content_type +
                             "\r\nContent-Length: " + std::to_string(length) +
                             (cookie.empty() ? "" : "\r\nCookie: " + cookie) + "\r\n\r\n";
  net::write(stream.socket(), net::buffer(header));
  boost::beast::flat_buffer buffer;
  bhttp::response<bhttp::string_body> res;
  bhttp::read(stream, buffer, res);
  return static_cast<int>(res.result_int());
}

TEST(ImportApi, LargeBodiesOnlyOnTheImportRoute) {
  TestHospital h;
  auto analyst = h.signed_in("analyst");
  // Over 20 MB: two stays, the second with a free-text column (which the import ignores) of 20 MB.
  std::string file = "notes," + kHeader + "," + row("IMP-BIG-1") + std::string(20u * 1024 * 1024, 'x') + "," +
                     row("IMP-BIG-2");
  auto r = upload(analyst, "kind=encounters_csv&fileName=big.csv", file);
  ASSERT_EQ(r.status, 201) << r.body.substr(0, 500);
  EXPECT_EQ(r.json()["recordsInserted"], 2);
  EXPECT_EQ(r.json()["recordsRejected"], 0);

  // Anywhere else the ordinary limit holds, told from the header before any of the body is read.
  EXPECT_EQ(status_for_announced_body(h.port(), "/api/v1/incidents", file.size(), "application/json"), 413);
  EXPECT_EQ(status_for_announced_body(h.port(), "/api/v1/imports?kind=encounters_csv", 300u * 1024 * 1024,
                                      "text/csv"),
            413);
  // Without a session of someone who may import, the import route keeps the ordinary limit too: the
  // session is read from the header, before any of the body is.
  EXPECT_EQ(
      status_for_announced_body(h.port(), "/api/v1/imports?kind=encounters_csv", file.size(), "text/csv"),
      413);
  EXPECT_EQ(status_for_announced_body(h.port(), "/api/v1/imports?kind=encounters_csv", file.size(),
                                      "text/csv", h.signed_in("nurse.ed").cookie()),
            413);
}

TEST(ImportApi, TheImportLimitIsConfigured) {
  http::ServerConfig config;
  config.import_body_limit = 64 * 1024;
  TestHospital h(config);
  auto analyst = h.signed_in("analyst");
  auto r = upload(analyst, "kind=encounters_csv", three_stays() + std::string(70 * 1024, '\n'));
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_NE(r.body.find("65536"), std::string::npos) << r.body;
  EXPECT_EQ(upload(analyst, "kind=encounters_csv", three_stays()).status, 201);
}

}  // namespace
}  // namespace hqms::test
