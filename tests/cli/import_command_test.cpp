// `hqms import` as an analyst runs it: the tally and the first problems printed, the same file again
// changing nothing, --strict keeping nothing (exit 2), an unusable file or an unknown kind refused, and a
// directory of FHIR NDJSON files read as one export.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "store/database.hpp"
#include "support/temp_dir.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

struct CommandRun {
  int exit_code;
  std::string output;
};

CommandRun hqms(const std::string& args) {
  const std::string command = std::string(HQMS_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  std::string output;
  std::array<char, 4096> buf{};
  while (auto n = fread(buf.data(), 1, buf.size(), pipe)) output.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WEXITSTATUS(status), output};
}

std::string quoted(const std::string& s) {
  return "'" + s + "'";
}

constexpr const char* kHeader =
    "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,"
    "disposition,patient_days\n";

// A database holding one site with its emergency department and a ward.
struct ImportCommand : ::testing::Test {
  TestDatabase database;
  TempDir dir;

  ImportCommand() {
    auto db = store::open_database(database.location(), database.options());
    EXPECT_TRUE(db) << db.error().message;
    auto r = store::in_write_transaction(**db, [&](store::UnitOfWork& uow) -> Result<void> {
      auto org = uow.org().create_organisation("Test Hospital", *parse_iso("2026-01-01T00:00:00Z"));
      if (!org) return org.error();
      auto site = uow.org().create_site(*org, "MAIN", "Main");
      if (!site) return site.error();
      if (auto d = uow.org().create_department(site->id, "ED", "Emergency"); !d) return d.error();
      if (auto d = uow.org().create_department(site->id, "WARD", "Ward"); !d) return d.error();
      return {};
    });
    EXPECT_TRUE(r) << r.error().message;
  }

  std::string file(const std::string& name, const std::string& text) {
    const auto path = dir.file(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
  }

  CommandRun import(const std::string& args) {
    return hqms("import " + args + " --db " + quoted(database.location()) + " --key-file " +
                quoted(database.key_file()));
  }
};

TEST_F(ImportCommand, PrintsTheTallyAndTheProblemsByLine) {
  const auto csv =
      file("stays.csv", std::string(kHeader) +
                            "E1,P1,MAIN,ED,emergency,2026-01-01T10:00:00Z,2026-01-01T14:00:00Z,"
                            "18-44,male,home,0\n"
                            "E2,P2,MAIN,WARD,inpatient,2026-01-02T10:00:00Z,2026-01-04T10:00:00Z,"
                            "ancient,female,home,2\n"
                            "E3,P3,MAIN,WARD,inpatient,2026-01-02T10:00:00Z,2026-01-04T10:00:00Z,"
                            "85+,female,home,2\n");
  auto run = import("encounters " + quoted(csv));
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("completed"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("read 3, inserted 2, updated 0, unchanged 0, rejected 1"), std::string::npos)
      << run.output;
  EXPECT_NE(run.output.find("stays.csv:3: age_band: "), std::string::npos) << run.output;

  auto again = import("encounters " + quoted(csv));
  EXPECT_EQ(again.exit_code, 0) << again.output;
  EXPECT_NE(again.output.find("inserted 0, updated 0, unchanged 2, rejected 1"), std::string::npos)
      << again.output;
  EXPECT_NE(again.output.find("imported before"), std::string::npos) << again.output;

  auto strict = import("encounters --strict " + quoted(csv));
  EXPECT_EQ(strict.exit_code, 2) << strict.output;
  EXPECT_NE(strict.output.find("rejected, nothing was kept"), std::string::npos) << strict.output;
}

TEST_F(ImportCommand, RefusesWhatItCannotRead) {
  auto kind = import("spreadsheets " + quoted(file("x.csv", "a,b\n")));
  EXPECT_EQ(kind.exit_code, 2);
  EXPECT_NE(kind.output.find("unknown kind"), std::string::npos) << kind.output;

  auto header = import("complaints " + quoted(file("c.csv", "complaint_id,site\nC1,MAIN\n")));
  EXPECT_EQ(header.exit_code, 2) << header.output;
  EXPECT_NE(header.output.find("received_on"), std::string::npos)
      << "names a missing column: " << header.output;

  auto missing = import("survey " + quoted(dir.file("nowhere.csv")));
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.output.find("cannot read"), std::string::npos) << missing.output;

  auto two = import("survey " + quoted(file("a.csv", "x\n")) + " " + quoted(file("b.csv", "x\n")));
  EXPECT_EQ(two.exit_code, 2);
}

TEST_F(ImportCommand, ReadsADirectoryOfFhirNdjsonAsOneExport) {
  const auto folder = dir.file("export");
  std::filesystem::create_directory(folder);
  std::ofstream(folder + "/Patient.ndjson")
      << R"({"resourceType":"Patient","id":"p1","gender":"female","birthDate":"1940-05-01"})"
      << "\n";
  std::ofstream(folder + "/Encounter.ndjson")
      << R"({"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"IMP"},)"
      << R"("subject":{"reference":"Patient/p1"},"period":{"start":"2026-01-02T10:00:00Z","end":"2026-01-05T10:00:00Z"},)"
      << R"("serviceProvider":{"identifier":{"value":"MAIN"}},"location":[{"location":{"identifier":{"value":"WARD"}}}]})"
      << "\n";
  std::ofstream(folder + "/notes.txt") << "not part of the export\n";
  auto run = import("fhir " + quoted(folder));
  EXPECT_NE(run.output.find("Reading 2 files: Encounter.ndjson Patient.ndjson\n"), std::string::npos)
      << "both .ndjson files, in name order, and nothing else: " << run.output;
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("inserted 1,"), std::string::npos) << run.output;
}

}  // namespace
}  // namespace hqms::test
