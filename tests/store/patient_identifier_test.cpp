// Patient identifiers encrypted at rest (issue 12, HIPAA §164.312(a)(2)(iv)): what the repositories write is
// sealed, opens only in its own row, is found through the blind index, survives a key rotation, and was
// never in the database in clear, on either backend.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>

#include "store/database.hpp"
#include "store/identifiers/identifier_keys.hpp"
#include "store/identifiers/key_file.hpp"
#include "support/test_database.hpp"

namespace hqms::test {
namespace {

const Timestamp kNow = *parse_iso("2026-11-26T08:00:00Z");

// Distinctive enough that finding them anywhere in the database's bytes can only mean they leaked.
const PatientInvolved kPatient{"ZQX-7731-0042", "Quenby Zarathustra-Vell"};
const PatientInvolved kOtherPatient{"ZQX-5518-0099", "Ottoline Brackenbury"};

struct Hospital {
  TestDatabase database;
  std::unique_ptr<store::Database> db;
  Id ed = 0, icu = 0, reporter = 0;

  Hospital() {
    reopen();
    auto r = store::in_write_transaction(*db, [&](store::UnitOfWork& uow) -> Result<void> {
      auto org = uow.org().create_organisation("Test Hospital", kNow);
      if (!org) return org.error();
      auto site = uow.org().create_site(*org, "MAIN", "Main");
      if (!site) return site.error();
      ed = uow.org().create_department(site->id, "ED", "Emergency")->id;
      icu = uow.org().create_department(site->id, "ICU", "Intensive care")->id;
      auto user = uow.users().create(NewUser{"nurse", "Nurse", "", "", ed, {}}, "hash", kNow);
      if (!user) return user.error();
      reporter = *user;
      return {};
    });
    EXPECT_TRUE(r) << r.error().message;
  }

  void close() { db.reset(); }
  void reopen(store::DatabaseOptions options = {}) {
    db.reset();
    auto opened = store::open_database(database.location(), database.options(options));
    if (!opened) throw std::runtime_error(opened.error().message);
    db = std::move(*opened);
  }

  Id report(const std::optional<PatientInvolved>& patient, Id department,
            std::optional<Id> by = std::nullopt) {
    IncidentReport r;
    r.event.category = EventCategory::fall;
    r.event.department_id = department;
    r.event.location = "Bay 3";
    r.event.occurred_at = kNow;
    r.event.patient = patient;
    r.event.description = "Found on the floor beside the bed.";
    r.reporter_id = by;
    r.submitted_at = r.updated_at = kNow;
    r.site_id = 1;
    auto id = store::in_write_transaction(
        *db, [&](store::UnitOfWork& uow) { return uow.incidents().create(r, ""); });
    if (!id) throw std::runtime_error(id.error().message);
    return *id;
  }

  Result<IncidentReport> get(Id id) {
    auto uow = db->begin(store::TxMode::read);
    if (!uow) return uow.error();
    return (*uow)->incidents().get(id);
  }

  std::vector<Id> find_patient(const std::string& identifier, bool may_see_patients, Id caller = 0) {
    store::IncidentQuery q;
    q.visible.everything = true;
    q.patient_visible.everything = may_see_patients;
    q.caller_id = caller;
    q.patient_identifier = identifier;
    q.page.limit = 50;
    auto uow = db->begin(store::TxMode::read);
    auto page = (*uow)->incidents().list(q);
    if (!page) throw std::runtime_error(page.error().message);
    std::vector<Id> ids;
    for (const auto& r : page->items) ids.push_back(r.id);
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::string raw_text(const std::string& sql) {
    auto conn = database.raw();
    auto st = conn->prepare(sql);
    if (!st) throw std::runtime_error(st.error().message);
    std::string out;
    for (auto row = st->step(); row && *row; row = st->step())
      out += (st->is_null(0) ? std::string("NULL") : st->text(0)) + "\n";
    return out;
  }

  std::vector<IdentifierKey> keys() { return *store::read_key_file(database.key_file()); }
};

bool mentions_patient(const std::string& text) {
  for (const auto& p : {kPatient, kOtherPatient})
    for (const auto& part : {p.identifier, p.name, std::string("7731"), std::string("Zarathustra"),
                             std::string("Brackenbury"), std::string("5518-0099")})
      if (text.find(part) != std::string::npos) return true;
  return false;
}

TEST(PatientIdentifiers, RoundTripWithNothingInClearInTheRow) {
  Hospital h;
  const auto id = h.report(kPatient, h.ed);
  const auto none = h.report(std::nullopt, h.ed);
  auto r = h.get(id);
  ASSERT_TRUE(r) << r.error().message;
  ASSERT_TRUE(r->event.patient);
  EXPECT_EQ(r->event.patient->identifier, kPatient.identifier);
  EXPECT_EQ(r->event.patient->name, kPatient.name);
  EXPECT_FALSE(h.get(none)->event.patient);

  const auto row = h.raw_text(
      "SELECT patient_identifier || ' ' || patient_name || ' ' || patient_index FROM incident "
      "WHERE id = " +
      std::to_string(id));
  EXPECT_TRUE(row.starts_with("hqms1:")) << row;
  EXPECT_FALSE(mentions_patient(row)) << row;
  EXPECT_EQ(h.raw_text("SELECT patient_identifier FROM incident WHERE id = " + std::to_string(none)),
            "NULL\n");

  // An update seals again (the name changed), and lists and scans open what they read.
  auto update = store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) -> Result<void> {
    auto report = uow.incidents().get_for_update(id);
    if (!report) return report.error();
    report->event.patient->name = kOtherPatient.name;
    return uow.incidents().update(*report);
  });
  ASSERT_TRUE(update) << update.error().message;
  EXPECT_EQ(h.get(id)->event.patient->name, kOtherPatient.name);
  EXPECT_FALSE(mentions_patient(h.raw_text("SELECT patient_name FROM incident")));
  store::IncidentQuery all;
  all.visible.everything = true;
  auto uow = h.db->begin(store::TxMode::read);
  int scanned = 0;
  ASSERT_TRUE((*uow)->incidents().scan(all, [&](const IncidentReport& each) {
    if (each.id == id) {
      EXPECT_EQ(each.event.patient->identifier, kPatient.identifier);
      ++scanned;
    }
    return true;
  }));
  EXPECT_EQ(scanned, 1);
}

TEST(PatientIdentifiers, LookupGoesThroughTheBlindIndexAndOnlyWherePatientsMayBeSeen) {
  Hospital h;
  const auto a = h.report(kPatient, h.ed);
  const auto b =
      h.report(PatientInvolved{"zqx 7731 0042", ""}, h.icu, h.reporter);  // the same patient, typed otherwise
  h.report(kOtherPatient, h.ed);
  h.report(std::nullopt, h.ed);
  EXPECT_EQ(h.find_patient("ZQX-7731-0042", true), (std::vector<Id>{a, b}));
  EXPECT_EQ(h.find_patient("ZQX-5518-0098", true), std::vector<Id>{});
  EXPECT_EQ(h.find_patient("ZQX-7731-0042", false), std::vector<Id>{})
      << "whoever may not see patients learns nothing from the filter";
  EXPECT_EQ(h.find_patient("ZQX-7731-0042", false, h.reporter), std::vector<Id>{b})
      << "but sees their own report";
  // The index is the keyed hash, never the identifier.
  auto cipher = IdentifierCipher::from_keys(h.keys());
  EXPECT_EQ(h.raw_text("SELECT patient_index FROM incident WHERE id = " + std::to_string(a)),
            cipher->blind_index(kPatient.identifier) + "\n");
}

TEST(PatientIdentifiers, ASealedValueMovedToAnotherRowOrReplacedInClearDoesNotOpen) {
  Hospital h;
  const auto a = h.report(kPatient, h.ed);
  const auto b = h.report(kOtherPatient, h.ed);
  auto conn = h.database.raw();
  ASSERT_TRUE(
      conn->execute("UPDATE incident SET patient_identifier = (SELECT patient_identifier FROM incident "
                    "WHERE id = ?1) WHERE id = ?2",
                    a, b));
  auto moved = h.get(b);
  ASSERT_FALSE(moved);
  EXPECT_NE(moved.error().message.find("altered, or moved"), std::string::npos) << moved.error().message;
  ASSERT_TRUE(conn->execute("UPDATE incident SET patient_name = patient_identifier WHERE id = ?1", a));
  EXPECT_FALSE(h.get(a)) << "nor does an identifier moved into the name column";
  ASSERT_TRUE(conn->execute(
      "UPDATE incident SET patient_identifier = 'MRN1', patient_name = 'Someone' WHERE id = ?1", a));
  EXPECT_FALSE(h.get(a)) << "a value written in clear behind the server's back is refused";
}

TEST(PatientIdentifiers, DraftsAreSealedWholeAndBoundToTheirOwner) {
  Hospital h;
  const std::string form =
      R"({"patientIdentifier":")" + kPatient.identifier + R"(","patientName":")" + kPatient.name + R"("})";
  ASSERT_TRUE(store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.drafts().put(h.reporter, store::Draft{"d1", form, kNow});
  }));
  const auto stored = h.raw_text("SELECT form FROM incident_draft");
  EXPECT_TRUE(stored.starts_with("hqms1:")) << stored;
  EXPECT_FALSE(mentions_patient(stored));
  auto uow = h.db->begin(store::TxMode::read);
  auto drafts = (*uow)->drafts().list(h.reporter);
  ASSERT_TRUE(drafts) << drafts.error().message;
  ASSERT_EQ(drafts->size(), 1U);
  EXPECT_EQ(drafts->front().form, form);
  uow->reset();
  ASSERT_TRUE(h.database.raw()->execute("UPDATE incident_draft SET draft_key = 'd2'"));
  auto uow2 = h.db->begin(store::TxMode::read);
  EXPECT_FALSE((*uow2)->drafts().list(h.reporter)) << "the draft is bound to its key";
}

TEST(PatientIdentifiers, ValuesWrittenInClearBeforeAreSealedOnFirstOpenWithTheKey) {
  Hospital h;
  const auto a = h.report(kPatient, h.ed);
  // As an HQMS before encryption left them: identifiers and a draft in clear, no blind index.
  auto conn = h.database.raw();
  ASSERT_TRUE(
      conn->execute("UPDATE incident SET patient_identifier = ?2, patient_name = ?3, patient_index = NULL "
                    "WHERE id = ?1",
                    a, kPatient.identifier, kPatient.name));
  ASSERT_TRUE(conn->execute(
      "INSERT INTO incident_draft(user_id, draft_key, form, updated_at) VALUES (?1, 'old', ?2, ?3)",
      h.reporter, R"({"patientName":")" + kOtherPatient.name + R"("})", format_iso(kNow)));
  conn.reset();
  h.reopen();
  EXPECT_FALSE(mentions_patient(h.raw_text("SELECT patient_identifier || patient_name FROM incident")));
  EXPECT_FALSE(mentions_patient(h.raw_text("SELECT form FROM incident_draft")));
  EXPECT_EQ(h.get(a)->event.patient->name, kPatient.name);
  EXPECT_EQ(h.find_patient(kPatient.identifier, true), std::vector<Id>{a}) << "the blind index was computed";
  const auto audited = [&] {
    return h.raw_text("SELECT summary FROM audit_log WHERE action = 'seal_identifiers'");
  };
  EXPECT_NE(audited().find("1 reports, 1 drafts"), std::string::npos) << audited();
  h.reopen();
  const auto entries = audited();
  EXPECT_EQ(std::count(entries.begin(), entries.end(), '\n'), 1) << "nothing left to seal the second time";
  if (h.database.backend() != Backend::sqlite) return;
  h.close();
  std::ifstream file(h.database.location(), std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_FALSE(mentions_patient(bytes)) << "secure_delete left nothing of the old values in free space";
}

TEST(PatientIdentifiers, RotationSealsEverythingAgainAndOldValuesOpenUntilItFinishes) {
  Hospital h;
  std::vector<Id> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(h.report(i % 2 ? kPatient : kOtherPatient, h.ed));
  ASSERT_TRUE(store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.drafts().put(h.reporter, store::Draft{"d1", R"({"a":1})", kNow});
  }));
  const auto old_keys = h.keys();
  ASSERT_EQ(old_keys.size(), 1U);

  // A rotation interrupted after it added its key: the old key still opens everything, new values take the
  // new key.
  auto both = old_keys;
  both.push_back(generate_identifier_key());
  ASSERT_TRUE(store::write_key_file(h.database.key_file(), both));
  h.reopen();
  for (auto id : ids) ASSERT_TRUE(h.get(id)) << id;
  const auto late = h.report(kPatient, h.icu);
  EXPECT_TRUE(h.raw_text("SELECT patient_identifier FROM incident WHERE id = " + std::to_string(late))
                  .starts_with("hqms1:" + both.back().id + ":"));
  EXPECT_EQ(h.find_patient(kPatient.identifier, true).size(), 3U) << "found under either key meanwhile";

  auto rotation = store::rotate_identifier_key(*h.db, h.database.key_file(), kNow, /*batch=*/2);
  ASSERT_TRUE(rotation) << rotation.error().message;
  EXPECT_TRUE(rotation->resumed);
  EXPECT_EQ(rotation->new_key_id, both.back().id);
  EXPECT_EQ(rotation->resealed.incidents, 5);
  EXPECT_EQ(rotation->resealed.drafts, 1);
  EXPECT_EQ(rotation->retired_key_ids, std::vector<std::string>{old_keys.front().id});
  const auto prefix = "hqms1:" + both.back().id + ":";
  for (const auto& column : {"patient_identifier", "patient_name"})
    for (std::istringstream values(h.raw_text(std::string("SELECT ") + column + " FROM incident"));;) {
      std::string value;
      if (!std::getline(values, value)) break;
      EXPECT_TRUE(value.starts_with(prefix)) << column << ": " << value;
    }
  EXPECT_TRUE(h.raw_text("SELECT form FROM incident_draft").starts_with(prefix));
  ASSERT_EQ(h.keys().size(), 1U) << "the old key left the file";
  EXPECT_EQ(h.keys().front().id, both.back().id);
  const auto audit =
      h.raw_text("SELECT summary || ' ' || after_json FROM audit_log WHERE action = 'rotate_key'");
  EXPECT_NE(audit.find("5 reports and 1 drafts"), std::string::npos) << audit;
  EXPECT_FALSE(mentions_patient(h.raw_text("SELECT before_json || after_json || summary FROM audit_log")));

  // Everything opens with the new key alone; the old key file no longer opens the database.
  h.reopen();
  for (std::size_t i = 0; i < ids.size(); ++i)
    EXPECT_EQ(h.get(ids[i])->event.patient->identifier, (i % 2 ? kPatient : kOtherPatient).identifier);
  EXPECT_EQ(h.find_patient(kPatient.identifier, true).size(), 3U);
  store::DatabaseOptions stale;
  stale.identifiers = std::make_shared<const IdentifierCipher>(*IdentifierCipher::from_keys(old_keys));
  h.db.reset();
  auto refused = store::open_database(h.database.location(), stale);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message.find(both.back().id), std::string::npos) << refused.error().message;

  // A second rotation starts afresh.
  h.reopen();
  auto again = store::rotate_identifier_key(*h.db, h.database.key_file(), kNow);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_FALSE(again->resumed);
  EXPECT_NE(again->new_key_id, both.back().id);
  EXPECT_EQ(again->resealed.incidents, 6);
  h.reopen();
  EXPECT_EQ(h.get(late)->event.patient->identifier, kPatient.identifier);
}

TEST(PatientIdentifiers, TheKeyFileMustBeTheDatabasesOwnAndPrivate) {
  Hospital h;
  h.report(kPatient, h.ed);
  h.close();
  ASSERT_EQ(chmod(h.database.key_file().c_str(), 0644), 0);
  auto open = [&] { return store::open_database(h.database.location(), h.database.options()); };
  auto readable = open();
  ASSERT_FALSE(readable);
  EXPECT_NE(readable.error().message.find("chmod 600"), std::string::npos) << readable.error().message;
  ASSERT_EQ(chmod(h.database.key_file().c_str(), 0600), 0);
  ASSERT_TRUE(open());

  const auto saved = h.keys();
  std::filesystem::remove(h.database.key_file());
  auto lost = open();
  ASSERT_FALSE(lost) << "a lost key file is not replaced by a new key";
  EXPECT_NE(lost.error().message.find("restore it"), std::string::npos) << lost.error().message;
  EXPECT_FALSE(std::filesystem::exists(h.database.key_file()));
  ASSERT_TRUE(store::write_key_file(h.database.key_file(), {generate_identifier_key()}));
  auto wrong = open();
  ASSERT_FALSE(wrong) << "nor is another database's key file taken";
  EXPECT_NE(wrong.error().message.find(saved.front().id), std::string::npos) << wrong.error().message;

  EXPECT_FALSE(store::key_file_for("postgresql://hqms@db/hqms", ""))
      << "PostgreSQL has no file to sit beside";
  EXPECT_EQ(*store::key_file_for("sqlite:/var/lib/hqms/hqms.db", ""), "/var/lib/hqms/hqms.db.keys");
}

// The acceptance test of issue 12: distinctive identifiers and names, filed and drafted, appear nowhere in
// what the database keeps: not in the SQLite file, its WAL or shared memory, open or closed; not in any
// column of PostgreSQL's rows.
TEST(PatientIdentifiers, TheDatabaseHoldsNoIdentifierInClear) {
  Hospital h;
  for (int i = 0; i < 20; ++i) h.report(i % 2 ? kPatient : kOtherPatient, i % 3 ? h.ed : h.icu, h.reporter);
  ASSERT_TRUE(store::in_write_transaction(*h.db, [&](store::UnitOfWork& uow) {
    return uow.drafts().put(h.reporter,
                            store::Draft{"d1", R"({"patientName":")" + kPatient.name + R"("})", kNow});
  }));
  if (h.database.backend() == Backend::postgres) {
    for (const char* table : {"incident", "incident_draft", "audit_log", "identifier_key"})
      EXPECT_FALSE(mentions_patient(h.raw_text(std::string("SELECT t::text FROM ") + table + " t"))) << table;
    EXPECT_EQ(h.raw_text("SELECT COUNT(*) FROM incident WHERE patient_identifier LIKE 'hqms1:%'"), "20\n");
    return;
  }
  auto scan = [&](const std::string& when) {
    for (const char* suffix : {"", "-wal", "-shm"}) {
      const auto file = h.database.location() + suffix;
      if (!std::filesystem::exists(file)) continue;
      std::ifstream in(file, std::ios::binary);
      const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      EXPECT_FALSE(mentions_patient(bytes)) << file << " " << when;
    }
  };
  EXPECT_TRUE(std::filesystem::exists(h.database.location() + "-wal"));
  scan("while open");
  h.close();
  scan("after closing");
  EXPECT_GT(std::filesystem::file_size(h.database.location()), 0U);
}

}  // namespace
}  // namespace hqms::test
