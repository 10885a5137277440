// The hqms command as an operator uses it: help, demo, verify-audit on an intact and a tampered database,
// migrate-data between backends, and two servers writing to one database at once.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "store/database.hpp"
#include "store/sql/database_copy.hpp"
#include "store/sqlite/sqlite_connection.hpp"
#include "support/command_run.hpp"
#include "support/demo_copy.hpp"
#include "support/http_client.hpp"
#include "support/server_process.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

CommandRun hqms(const std::string& args, const std::string& env = "") {
  return run_command(env + " " + std::string(HQMS_BINARY) + " " + args);
}

std::string quoted(const std::string& s) {
  return shell_quoted(s);
}

// --db and --key-file for a test database (a PostgreSQL database needs its key file named).
std::string db_args(const TestDatabase& db) {
  return "--db " + quoted(db.location()) + " --key-file " + quoted(db.key_file());
}

TEST(Cli, HelpListsEverySubcommand) {
  auto help = hqms("--help");
  EXPECT_EQ(help.exit_code, 0);
  for (const char* cmd :
       {"serve", "init", "demo", "migrate", "verify-audit", "migrate-data", "digest", "rotate-key"}) {
    EXPECT_NE(help.output.find(cmd), std::string::npos) << cmd;
    EXPECT_EQ(hqms(std::string(cmd) + " --help").exit_code, 0) << cmd;
  }
}

TEST(Cli, DemoThenVerifyAuditThenTamper) {
  TestDatabase db;
  auto demo = hqms("demo " + db_args(db));
  ASSERT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_NE(demo.output.find("Quality-Demo-2026"), std::string::npos);
  EXPECT_NE(demo.output.find("nurse.ed"), std::string::npos);
  EXPECT_NE(demo.output.find("three years of monthly data"), std::string::npos) << demo.output;
  EXPECT_EQ(hqms("demo " + db_args(db)).exit_code, 1) << "an existing hospital is not overwritten";

  auto ok = hqms("verify-audit --db " + quoted(db.location()));
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("intact"), std::string::npos);

  auto conn = db.raw();
  ASSERT_TRUE(conn->exec(db.drop_trigger("audit_log_no_update")));
  ASSERT_TRUE(conn->exec("UPDATE audit_log SET summary = summary || '.' WHERE seq = 20"));
  auto broken = hqms("verify-audit --db " + quoted(db.location()));
  EXPECT_EQ(broken.exit_code, 1);
  EXPECT_NE(broken.output.find("entry 20"), std::string::npos) << broken.output;
}

// The quality side of the demo, counted through the store as the pages read it: CAPAs in every state with
// some overdue (one of them Aoife Byrne's, and her manager's team has some), linked to the investigations'
// plans; risks over the departments with escalations and missed reviews; the two FMEA worksheets.
TEST(Cli, DemoHoldsCapasRisksAndFmeaStudies) {
  TestDatabase db;
  copy_demo_into(db, HQMS_BINARY);
  auto opened = store::open_database(db.location(), db.options());
  ASSERT_TRUE(opened) << opened.error().message;
  auto tx = (*opened)->begin(store::TxMode::read);
  ASSERT_TRUE(tx) << tx.error().message;
  auto& uow = **tx;
  const auto today = std::chrono::floor<std::chrono::days>(SystemClock().now());

  store::CapaQuery capas;
  capas.visible.everything = true;
  capas.page.limit = 1;
  auto states = uow.capa().count_by_state(capas);
  ASSERT_TRUE(states) << states.error().message;
  std::int64_t total = 0;
  for (auto state : all_capa_states()) {
    std::int64_t n = 0;
    for (const auto& c : *states)
      if (c.state == state) n = c.count;
    EXPECT_GT(n, 0) << "no demo CAPA is " << to_string(state);
    total += n;
  }
  EXPECT_GE(total, 140);
  auto overdue_query = capas;
  overdue_query.overdue_on = today;
  auto overdue = uow.capa().list(overdue_query);
  ASSERT_TRUE(overdue);
  EXPECT_GE(overdue->total, total / 10) << "some CAPAs are overdue";
  EXPECT_LE(overdue->total, total / 4) << "but most are on time";
  auto from_investigations = capas;
  from_investigations.source = CapaSource::incident_investigation;
  auto raised = uow.capa().list(from_investigations);
  ASSERT_TRUE(raised);
  EXPECT_GE(raised->total, total * 3 / 10);

  store::UserQuery people;
  people.visible.everything = true;
  people.page.limit = PageRequest::kMaxLimit;
  auto users = uow.users().list(people);
  ASSERT_TRUE(users);
  std::map<std::string, Id> id_of;
  for (const auto& u : users->items) id_of[u.username] = u.id;
  auto late = uow.capa().overdue_actions(today);
  ASSERT_TRUE(late);
  EXPECT_TRUE(std::any_of(late->begin(), late->end(), [&](const OverdueAction& a) {
    return a.action_id != 0 && a.owner_id == id_of.at("nurse.ed");
  })) << "nurse.ed owns an overdue action";
  EXPECT_TRUE(std::any_of(late->begin(), late->end(), [&](const OverdueAction& a) {
    return a.owner_id == id_of.at("doctor.ed");
  })) << "manager.ed's team has overdue items besides nurse.ed's";

  store::InvestigationQuery investigations;
  investigations.visible.everything = true;
  investigations.page.limit = PageRequest::kMaxLimit;
  auto plans = uow.investigations().list(investigations);
  ASSERT_TRUE(plans);
  int linked = 0;
  for (const auto& inv : plans->items)
    for (const auto& item : inv.actions)
      if (item.corrective_action_id) ++linked;
  EXPECT_GE(linked, 40) << "plan items point at the CAPAs they became";

  store::RiskQuery register_query;
  register_query.visible.everything = true;
  register_query.page.limit = PageRequest::kMaxLimit;
  auto risks = uow.risks().list(register_query);
  auto bands = uow.risks().bands();
  ASSERT_TRUE(risks && bands);
  EXPECT_GE(risks->total, 75);
  std::set<Id> departments;
  int escalated = 0, past_review = 0;
  for (const auto& r : risks->items) {
    if (r.scope.type == ScopeType::department) departments.insert(r.scope.id);
    if (r.escalated_to && band_of(r.residual, *bands) == RiskBand::extreme) ++escalated;
    if (review_overdue(r, today)) ++past_review;
    EXPECT_GE(r.inherent.score(), r.residual.score()) << r.reference;
    EXPECT_GE(r.residual.score(), r.target.score()) << r.reference;
    EXPECT_GE(r.reviews.size(), 2U) << r.reference;
  }
  EXPECT_GE(departments.size(), 10U);
  EXPECT_GT(escalated, 0);
  EXPECT_GT(past_review, 0);

  store::FmeaQuery studies_query;
  studies_query.visible.everything = true;
  auto studies = uow.fmea().list(studies_query);
  ASSERT_TRUE(studies);
  ASSERT_EQ(studies->total, 2);
  for (const auto& header : studies->items) {
    auto study = uow.fmea().get(header.id);
    ASSERT_TRUE(study);
    EXPECT_GE(study->failure_modes.size(), 10U) << study->title;
    EXPECT_TRUE(std::any_of(study->failure_modes.begin(), study->failure_modes.end(),
                            [](const FailureMode& fm) { return fm.corrective_action_id.has_value(); }))
        << study->title << " has rows that became CAPAs";
    EXPECT_TRUE(std::any_of(study->failure_modes.begin(), study->failure_modes.end(),
                            [](const FailureMode& fm) { return fm.revised.has_value(); }))
        << study->title << " has re-scored rows";
  }
}

TEST(Cli, InitCreatesTheFirstAdministratorOnce) {
  TestDatabase db;
  auto first = hqms("init --db " + quoted(db.location()) + " --organisation 'County General'");
  ASSERT_EQ(first.exit_code, 0) << first.output;
  EXPECT_NE(first.output.find("Password (shown this once)"), std::string::npos);
  auto again = hqms("init --db " + quoted(db.location()));
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("nothing to do"), std::string::npos);
  TestDatabase other;
  auto weak = hqms("init --db " + quoted(other.location()), "HQMS_ADMIN_PASSWORD=short");
  EXPECT_EQ(weak.exit_code, 1) << "a weak bootstrap password is refused";
  EXPECT_NE(weak.output.find("HQMS_ADMIN_PASSWORD"), std::string::npos) << weak.output;
  EXPECT_NE(hqms("migrate --db " + quoted(db.location()))
                .output.find("schema version " + std::to_string(store::sqlite::migrations().back().version)),
            std::string::npos);
}

// The digest run by hand (or by cron) for a given day: every run is in the audit trail, and the day's
// notifications are replaced rather than added to.
TEST(Cli, DigestSendsTheOverdueActionsDigestForADay) {
  TestDatabase db;
  copy_demo_into(db, HQMS_BINARY);
  auto count = [&](const std::string& sql) {
    auto conn = db.raw();
    auto st = conn->prepare(sql);
    if (!st) throw std::runtime_error(st.error().message);
    auto row = st->step();
    if (!row || !*row) throw std::runtime_error("no row for " + sql);
    return st->int64(0);
  };
  auto run = hqms("digest --db " + quoted(db.location()) + " --day 2026-12-05");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("Overdue-actions digest for 2026-12-05: "), std::string::npos) << run.output;
  const auto sent = count("SELECT COUNT(*) FROM notification WHERE day = '2026-12-05'");
  EXPECT_NE(run.output.find(std::to_string(sent) + (sent == 1 ? " person" : " people")), std::string::npos)
      << run.output;
  ASSERT_EQ(hqms("digest --db " + quoted(db.location()) + " --day 2026-12-05").exit_code, 0);
  EXPECT_EQ(count("SELECT COUNT(*) FROM notification WHERE day = '2026-12-05'"), sent);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'digest'"), 2);
  EXPECT_EQ(count("SELECT COUNT(*) FROM job_run WHERE kind = 'overdue_digest' AND day = '2026-12-05'"), 1);
  EXPECT_EQ(hqms("digest --db " + quoted(db.location()) + " --day 5/12/2026").exit_code, 2);
  EXPECT_EQ(hqms("verify-audit --db " + quoted(db.location())).exit_code, 0);
}

TEST(Cli, VerifyAuditOnAMissingFileFails) {
  EXPECT_EQ(hqms("verify-audit --db /nonexistent/x.db").exit_code, 2);
}

// SQLite -> the backend under test -> SQLite again, verifying at each step. The sealed patient identifiers
// travel as they are, under the source's key file, and open at the end with it.
TEST(Cli, MigrateDataCopiesEverythingAndBack) {
  TempDir dir;
  const auto source = dir.file("source.db");
  const auto keys = source + ".keys";  // made beside the source by the demo
  copy_sqlite_demo_to(source, HQMS_BINARY);
  TestDatabase middle;
  auto there = hqms("migrate-data --from " + source + " --to " + quoted(middle.location()));
  ASSERT_EQ(there.exit_code, 0) << there.output;
  EXPECT_NE(there.output.find("app_user: 40 rows"), std::string::npos) << there.output;
  EXPECT_NE(there.output.find("audit trail intact"), std::string::npos);
  EXPECT_NE(there.output.find("--key-file " + keys), std::string::npos) << there.output;
  const auto back = dir.file("back.db");
  EXPECT_NE(hqms("migrate-data --from " + quoted(middle.location()) + " --to " + back).exit_code, 0)
      << "the copy's identifiers are sealed under the source's keys: without them it cannot be opened";
  auto again =
      hqms("migrate-data --from " + quoted(middle.location()) + " --to " + back + " --key-file " + keys);
  ASSERT_EQ(again.exit_code, 0) << again.output;
  EXPECT_EQ(hqms("verify-audit --db " + back).exit_code, 0);
  auto refused = hqms("migrate-data --from " + source + " --to " + quoted(middle.location()));
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("not empty"), std::string::npos) << refused.output;

  // The same sealed text at each end, and it opens there.
  auto sealed = [](const std::string& location) {
    auto conn = store::connect(location);
    if (!conn) throw std::runtime_error(conn.error().message);
    auto st = (*conn)->prepare(
        "SELECT id, patient_identifier FROM incident WHERE patient_identifier IS NOT NULL ORDER BY id LIMIT "
        "1");
    if (!st || !st->step() || st->is_null(0)) throw std::runtime_error("no report with a patient");
    return std::pair{st->int64(0), st->text(1)};
  };
  const auto [id, at_source] = sealed(source);
  EXPECT_TRUE(at_source.starts_with("hqms1:")) << at_source;
  EXPECT_EQ(sealed(middle.location()).second, at_source);
  EXPECT_EQ(sealed(back).second, at_source);
  store::DatabaseOptions with_keys;
  with_keys.key_file = keys;
  auto copy = store::open_database(back, with_keys);
  ASSERT_TRUE(copy) << copy.error().message;
  auto tx = (*copy)->begin(store::TxMode::read);
  ASSERT_TRUE(tx);
  auto report = (*tx)->incidents().get(id);
  ASSERT_TRUE(report) << report.error().message;
  ASSERT_TRUE(report->event.patient);
  EXPECT_TRUE(report->event.patient->identifier.starts_with("MRN")) << report->event.patient->identifier;
}

// hqms rotate-key on the demo hospital: every report with a patient sealed again under a new key, the old key
// gone from the file, one audit entry, and the demo still opens with the file. PostgreSQL needs --key-file.
TEST(Cli, RotateKeySealsEverythingAgainUnderANewKey) {
  TestDatabase db;
  copy_demo_into(db, HQMS_BINARY);
  auto current_key = [&] {
    std::ifstream in(db.key_file());
    std::string line;
    while (std::getline(in, line))
      if (line.find(" current ") != std::string::npos) return line.substr(0, line.find(' '));
    return std::string();
  };
  const auto before = current_key();
  ASSERT_FALSE(before.empty());
  if (db.backend() == Backend::postgres) {
    auto refused = hqms("rotate-key --db " + quoted(db.location()));
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.output.find("--key-file"), std::string::npos) << refused.output;
  }
  auto rotated = hqms("rotate-key " + db_args(db) + " --batch 100");
  ASSERT_EQ(rotated.exit_code, 0) << rotated.output;
  const auto after = current_key();
  EXPECT_NE(after, before);
  EXPECT_NE(rotated.output.find("sealed again under key " + after + "; retired key " + before),
            std::string::npos)
      << rotated.output;
  auto conn = db.raw();
  auto count = [&](const std::string& sql) {
    auto st = conn->prepare(sql);
    if (!st || !st->step()) throw std::runtime_error("no count for " + sql);
    return st->int64(0);
  };
  const auto with_patient = count("SELECT COUNT(*) FROM incident WHERE patient_identifier IS NOT NULL");
  EXPECT_GT(with_patient, 100);
  EXPECT_EQ(count("SELECT COUNT(*) FROM incident WHERE patient_identifier LIKE 'hqms1:" + after + ":%'"),
            with_patient);
  EXPECT_EQ(count("SELECT COUNT(*) FROM audit_log WHERE action = 'rotate_key'"), 1);
  EXPECT_NE(rotated.output.find(std::to_string(with_patient) + " reports"), std::string::npos)
      << rotated.output;
  EXPECT_EQ(hqms("verify-audit --db " + quoted(db.location())).exit_code, 0);
  auto opened = store::open_database(db.location(), db.options());
  ASSERT_TRUE(opened) << opened.error().message;
}

// The key file must not be something the web server could hand out.
TEST(Cli, ServeRefusesAKeyFileInsideTheWebRoot) {
  TempDir dir;
  std::filesystem::create_directories(dir.file("web"));
  std::ofstream(dir.file("web/index.html")) << "<html></html>";
  auto refused = hqms("serve --db " + dir.file("hqms.db") + " --web-root " + dir.file("web/") +
                      " --key-file " + dir.file("web/../web/patient.keys") + " --listen 127.0.0.1:0");
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find("inside the web root"), std::string::npos) << refused.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("web/patient.keys")));
}

TEST(Cli, CopyCoversEveryTableInTheSchema) {
  TestDatabase db;
  ASSERT_TRUE(store::open_database(db.location()));
  auto conn = db.raw();
  auto st =
      conn->prepare(db.backend() == Backend::sqlite
                        ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                        : "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
  ASSERT_TRUE(st);
  const auto& copied = store::copied_tables();
  for (auto row = st->step(); row && *row; row = st->step()) {
    const auto table = st->text(0);
    if (table == "schema_migrations" || store::is_search_index_table(table)) continue;
    EXPECT_NE(std::find(copied.begin(), copied.end(), table), copied.end())
        << table << " is not copied by migrate-data: add it to store/sql/database_copy.cpp";
  }
}

TEST(Cli, TwoServersOneDatabaseConcurrentWritesLoseNothing) {
  TestDatabase db;
  copy_demo_into(db, HQMS_BINARY);
  ServerProcess a(HQMS_BINARY, db.location(), free_port(), {"--key-file", db.key_file()});
  ServerProcess b(HQMS_BINARY, db.location(), free_port(), {"--key-file", db.key_file()});
  constexpr int kWritersPerServer = 2, kUsersPerWriter = 6;
  std::atomic<int> created{0};
  std::vector<std::thread> writers;
  for (auto* server : {&a, &b})
    for (int w = 0; w < kWritersPerServer; ++w)
      writers.emplace_back([&, server, w] {
        HttpClient c(server->port());
        ASSERT_EQ(c.login("admin", "Quality-Demo-2026").status, 200);
        for (int i = 0; i < kUsersPerWriter; ++i) {
          const auto name =
              "p" + std::to_string(server->port()) + "." + std::to_string(w) + "." + std::to_string(i);
          auto r = c.post("/api/v1/users", {{"username", name},
                                            {"displayName", "Concurrent " + name},
                                            {"password", "a long enough passphrase"},
                                            {"homeDepartmentId", 1}});
          if (r.status == 201) ++created;
          EXPECT_EQ(r.status, 201) << r.body;
          EXPECT_EQ(c.patch("/api/v1/users/24", {{"displayName", "Aoife " + name}}).status, 200);
        }
      });
  for (auto& t : writers) t.join();
  EXPECT_EQ(created, 2 * kWritersPerServer * kUsersPerWriter);
  auto total = HttpClient(a.port());
  ASSERT_EQ(total.login("admin", "Quality-Demo-2026").status, 200);
  EXPECT_EQ(total.get("/api/v1/users").json()["total"], 40 + 2 * kWritersPerServer * kUsersPerWriter);
  EXPECT_EQ(total.get("/api/v1/audit?entityType=user&action=update&entityId=24").json()["total"],
            2 * kWritersPerServer * kUsersPerWriter)
      << "every edit is in the trail";
  auto verified = hqms("verify-audit --db " + quoted(db.location()));
  EXPECT_EQ(verified.exit_code, 0) << verified.output;
  EXPECT_TRUE(a.stop()) << "the server stops cleanly on SIGTERM:\n" << a.output();
  EXPECT_TRUE(b.stop()) << "the server stops cleanly on SIGTERM:\n" << b.output();
}

}  // namespace
}  // namespace hqms::test
