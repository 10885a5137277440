#include "core/import/encounter_csv.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/import/import_fixtures.hpp"
#include "core/import/iso_datetime.hpp"

namespace hqms {
namespace {

using testing::EncounterCopy;
using testing::KnownUnitsStub;
using testing::problem_places;
using testing::read_fixture;

struct Imported {
  Result<ImportTally> tally;
  std::vector<EncounterCopy> records;
};

Imported import(std::string_view text, const encounters::KnownUnits* units = nullptr) {
  std::vector<EncounterCopy> records;
  auto tally = read_encounter_csv("encounters.csv", text, units,
                                  [&](const encounters::EncounterRecord& r) { records.emplace_back(r); });
  return {std::move(tally), std::move(records)};
}

std::int64_t utc(int y, unsigned m, unsigned d, int hh, int mm, int ss = 0) {
  return importing::days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 + ss;
}

constexpr std::string_view header =
    "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,"
    "disposition\n";

TEST(EncounterCsv, GoodFileBringsEveryField) {
  const auto text = read_fixture("encounters_good.csv");
  KnownUnitsStub units;
  const auto result = import(text, &units);
  ASSERT_TRUE(result.tally.ok()) << result.tally.error().message;
  EXPECT_EQ(result.tally->records_read, 4u);
  EXPECT_EQ(result.tally->records_valid, 4u);
  EXPECT_EQ(result.tally->records_rejected, 0u);
  ASSERT_EQ(result.records.size(), 4u);

  const auto& a = result.records[0];
  EXPECT_EQ(a.encounter_id, "E-1001");
  EXPECT_EQ(a.patient_pseudonym, "P-77");
  EXPECT_EQ(a.site, "NORTH");
  EXPECT_EQ(a.department, "ICU");
  EXPECT_EQ(a.encounter_class, "inpatient");
  EXPECT_EQ(a.admitted_at, utc(2025, 3, 4, 10, 15));
  EXPECT_EQ(a.discharged_at, utc(2025, 3, 9, 12, 0));
  EXPECT_EQ(a.age_band, "65-74");
  EXPECT_EQ(a.sex, "female");
  EXPECT_EQ(a.ethnicity, "Hispanic or Latino");
  EXPECT_EQ(a.payer, "medicare");
  EXPECT_EQ(a.primary_diagnosis, "I21.4");
  EXPECT_EQ(a.procedures, (std::vector<std::string>{"0210093", "02703ZZ"}));
  EXPECT_EQ(a.disposition, "home");
  EXPECT_DOUBLE_EQ(a.patient_days, 5);
  EXPECT_DOUBLE_EQ(a.central_line_days, 4.5);
  EXPECT_DOUBLE_EQ(a.urinary_catheter_days, 3);
  EXPECT_DOUBLE_EQ(a.medication_doses, 22);
  EXPECT_FALSE(a.ed_minutes);
  EXPECT_TRUE(a.readmitted_30d);
  EXPECT_TRUE(a.clabsi);
  EXPECT_FALSE(a.cauti);
  EXPECT_FALSE(a.surgical_site_infection);
  EXPECT_FALSE(a.pressure_injury);

  const auto& b = result.records[1];  // offsets, blank ethnicity and payer, ED minutes
  EXPECT_EQ(b.admitted_at, utc(2025, 3, 5, 21, 40));
  EXPECT_EQ(b.discharged_at, utc(2025, 3, 6, 1, 10));
  EXPECT_EQ(b.ethnicity, "unknown");
  EXPECT_EQ(b.payer, "unknown");
  EXPECT_TRUE(b.procedures.empty());
  EXPECT_EQ(b.disposition, "left_without_being_seen");
  ASSERT_TRUE(b.ed_minutes);
  EXPECT_DOUBLE_EQ(*b.ed_minutes, 210);
  EXPECT_FALSE(b.readmitted_30d);

  const auto& c = result.records[2];  // space-separated time without zone, blank patient-days of a day case
  EXPECT_EQ(c.admitted_at, utc(2025, 3, 6, 8, 0));
  EXPECT_EQ(c.sex, "other");
  EXPECT_DOUBLE_EQ(c.patient_days, 0);
  EXPECT_TRUE(c.surgical_site_infection);
  EXPECT_FALSE(c.readmitted_30d);

  const auto& d = result.records[3];  // blank patient-days of a stay: whole days between the times
  EXPECT_DOUBLE_EQ(d.patient_days, 2);
  EXPECT_EQ(d.disposition, "died");
  EXPECT_FALSE(d.readmitted_30d);
  EXPECT_TRUE(d.clabsi);
  EXPECT_TRUE(d.cauti);
  EXPECT_DOUBLE_EQ(d.urinary_catheter_days, 4);  // 3 nights + 1: the most a stay of 4 calendar days holds
  EXPECT_TRUE(d.pressure_injury);
}

TEST(EncounterCsv, WindowsFileWithBomCrlfAndQuotedFields) {
  const auto text = read_fixture("encounters_windows.csv");
  ASSERT_TRUE(text.starts_with("\xEF\xBB\xBF"));
  const auto result = import(text);
  ASSERT_TRUE(result.tally.ok()) << result.tally.error().message;
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].encounter_id, "W-1");  // the BOM is not part of the first column's name
  EXPECT_EQ(result.records[0].disposition, "home");  // no CR left at the line end
  EXPECT_EQ(result.records[1].encounter_id, "W-2");
  EXPECT_EQ(result.records[1].department, "SURG");
  EXPECT_EQ(result.records[1].disposition, "transfer");
  EXPECT_EQ(result.records[1].age_band, "0-17");
}

TEST(EncounterCsv, BadRowsAreReportedByLineAndFieldAndTheRestImported) {
  const auto text = read_fixture("encounters_bad.csv");
  KnownUnitsStub units;
  const auto result = import(text, &units);
  ASSERT_TRUE(result.tally.ok()) << result.tally.error().message;
  const auto& tally = *result.tally;
  EXPECT_EQ(tally.records_read, 12u);
  EXPECT_EQ(tally.records_valid, 2u);
  EXPECT_EQ(tally.records_rejected, 10u);
  ASSERT_EQ(result.records.size(), 2u);
  EXPECT_EQ(result.records[0].encounter_id, "B-1");
  EXPECT_EQ(result.records[1].encounter_id, "B-12");
  EXPECT_EQ(problem_places(tally), (std::vector<std::string>{
                                       "3:encounter_id",        // missing id
                                       "4:admitted_at",         // 30 February
                                       "5:discharged_at",       // discharge before admission
                                       "6:age_band",            // not a band
                                       "7:patient_days",        // negative
                                       "8:department",          // unknown department
                                       "9:department",          // department of another site
                                       "10:disposition",        // quoted value spanning two lines
                                       "12:central_line_days",  // more device-days than the stay has
                                       "13:",                   // a field too many
                                   }));
  for (const auto& p : tally.problems) {
    EXPECT_EQ(p.file, "encounters.csv");
    EXPECT_FALSE(p.message.empty());
  }
  EXPECT_EQ(tally.problems[0].record_id, "");
  EXPECT_EQ(tally.problems[1].record_id, "B-3");
  EXPECT_EQ(tally.problems[5].record_id, "B-7");
  EXPECT_NE(tally.problems[5].message.find("CARDIO"), std::string::npos);
  EXPECT_EQ(tally.problems[9].record_id, "B-11");
}

TEST(EncounterCsv, WithoutKnownUnitsAnyDepartmentIsTaken) {
  const auto result =
      import(std::string(header) +
             "X-1,P-1,ANY,CARDIO,inpatient,2025-01-01T00:00:00Z,2025-01-02T00:00:00Z,18-44,male,home\n");
  ASSERT_TRUE(result.tally.ok());
  EXPECT_EQ(result.records.size(), 1u);
}

TEST(EncounterCsv, ColumnsInAnyOrderAndUnknownOnesIgnored) {
  const auto result = import(
      "Disposition,sex,age_band,discharged_at,admitted_at,encounter_class,department,site,patient_pseudonym,"
      "encounter_id,colour\n"
      "home,female,45-64,2025-01-02T00:00:00Z,2025-01-01T00:00:00Z,inpatient,ICU,NORTH,P-1,X-1,blue\n");
  ASSERT_TRUE(result.tally.ok()) << result.tally.error().message;
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].encounter_id, "X-1");
  EXPECT_EQ(result.records[0].disposition, "home");
  EXPECT_DOUBLE_EQ(result.records[0].patient_days, 1);
}

TEST(EncounterCsv, HeaderWithoutRequiredColumnsIsAnError) {
  const auto result = import("encounter_id,site,department,admitted_at\nX-1,NORTH,ICU,2025-01-01\n");
  ASSERT_FALSE(result.tally.ok());
  EXPECT_EQ(result.tally.error().kind, ErrorKind::validation);
  std::vector<std::string> fields;
  for (const auto& f : result.tally.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"patient_pseudonym", "encounter_class", "discharged_at",
                                              "age_band", "sex", "disposition"}));
  EXPECT_TRUE(result.records.empty());
}

TEST(EncounterCsv, EmptyFileIsAnError) {
  const auto result = import("");
  ASSERT_FALSE(result.tally.ok());
  EXPECT_EQ(result.tally.error().kind, ErrorKind::validation);
}

TEST(EncounterCsv, UnterminatedQuoteIsAnErrorNamingItsLine) {
  const auto result =
      import(std::string(header) +
             "X-1,P-1,NORTH,ICU,inpatient,2025-01-01T00:00:00Z,2025-01-02T00:00:00Z,18-44,male,home\n"
             "X-2,\"P-2,NORTH,ICU,inpatient,2025-01-01T00:00:00Z,2025-01-02T00:00:00Z,18-44,male,home\n");
  ASSERT_FALSE(result.tally.ok());
  EXPECT_EQ(result.tally.error().kind, ErrorKind::validation);
  ASSERT_EQ(result.tally.error().fields.size(), 1u);
  EXPECT_EQ(result.tally.error().fields[0].field, "line 3");
}

TEST(EncounterCsv, FlagsAndNumbersAcceptTheDocumentedForms) {
  const std::string head =
      "encounter_id,patient_pseudonym,site,department,encounter_class,admitted_at,discharged_at,age_band,sex,"
      "disposition,clabsi,cauti,pressure_injury,surgical_site_infection,readmitted_30d,patient_days\n";
  const std::string stay =
      "P-1,NORTH,ICU,inpatient,2025-01-01T00:00:00Z,2025-01-09T00:00:00Z,18-44,male,home,";
  const auto result = import(head + "F-1," + stay + "TRUE,Yes,Y,1, ,7.25\n" + "F-2," + stay +
                             "false,NO,n,0,,+3\n" + "F-3," + stay + "maybe,0,0,0,0,1\n" + "F-4," + stay +
                             "0,0,0,0,0,\"3,5\"\n" + "F-5," + stay + "0,0,0,0,0,1e2\n");
  ASSERT_TRUE(result.tally.ok());
  ASSERT_EQ(result.records.size(), 2u);
  const auto& yes = result.records[0];
  EXPECT_TRUE(yes.clabsi && yes.cauti && yes.pressure_injury && yes.surgical_site_infection);
  EXPECT_FALSE(yes.readmitted_30d);  // a blank (spaces) is no
  EXPECT_DOUBLE_EQ(yes.patient_days, 7.25);
  const auto& no = result.records[1];
  EXPECT_FALSE(no.clabsi || no.cauti || no.pressure_injury || no.surgical_site_infection);
  EXPECT_DOUBLE_EQ(no.patient_days, 3);
  EXPECT_EQ(problem_places(*result.tally),
            (std::vector<std::string>{"4:clabsi", "5:patient_days", "6:patient_days"}));
}

TEST(EncounterCsv, EveryFaultOfARowIsListedOnceAndTheRowCountedOnce) {
  const auto result =
      import(std::string(header) + "X-1,,NORTH,ICU,ward,yesterday,2025-01-02T00:00:00Z,old,x,gone\n");
  ASSERT_TRUE(result.tally.ok());
  EXPECT_EQ(result.tally->records_rejected, 1u);
  EXPECT_EQ(problem_places(*result.tally),
            (std::vector<std::string>{"2:admitted_at", "2:patient_pseudonym", "2:encounter_class",
                                      "2:age_band", "2:sex", "2:disposition"}));
}

TEST(EncounterCsv, ProcedureCodesSkipBlanksBetweenBars) {
  const std::string head = std::string(header.substr(0, header.size() - 1)) + ",procedure_codes\n";
  const auto result =
      import(head +
             "X-1,P-1,NORTH,ICU,inpatient,2025-01-01T00:00:00Z,2025-01-02T00:00:00Z,18-44,male,home,"
             "| A1 || B2 |\n");
  ASSERT_TRUE(result.tally.ok());
  ASSERT_EQ(result.records.size(), 1u);
  EXPECT_EQ(result.records[0].procedures, (std::vector<std::string>{"A1", "B2"}));
}

TEST(EncounterCsvDateTime, ReadsTheDocumentedForms) {
  using importing::parse_date_time;
  EXPECT_EQ(parse_date_time("2025-03-04T10:15:00Z"), utc(2025, 3, 4, 10, 15));
  EXPECT_EQ(parse_date_time("2025-03-04T10:15:07.250Z"), utc(2025, 3, 4, 10, 15, 7));
  EXPECT_EQ(parse_date_time("2025-03-04T10:15+01:00"), utc(2025, 3, 4, 9, 15));
  EXPECT_EQ(parse_date_time("2025-03-04T00:15:00-0230"), utc(2025, 3, 4, 2, 45));
  EXPECT_EQ(parse_date_time("2025-03-04 10:15"), utc(2025, 3, 4, 10, 15));
  EXPECT_EQ(parse_date_time("2025-03-04"), utc(2025, 3, 4, 0, 0));
  EXPECT_EQ(parse_date_time("2024-02-29T23:59:60Z"), utc(2024, 2, 29, 23, 59, 59));
  EXPECT_EQ(parse_date_time("1969-12-31T23:00:00Z"), -3600);
  for (const auto bad : {"", "2025-3-4", "2025-02-29", "2025-13-01", "2025-03-04T24:00", "2025-03-04T10",
                         "2025-03-04T10:15:00+1", "2025-03-04T10:15:00 Z", " 2025-03-04",
                         "2025-03-04T10:15:00.Z", "04/03/2025 10:15"})
    EXPECT_FALSE(parse_date_time(bad)) << bad;
}

TEST(EncounterCsvDateTime, DatesAndDayNumbersRoundTrip) {
  EXPECT_EQ(importing::parse_date("1970-01-01"), 0);
  EXPECT_EQ(importing::parse_date("2000-03-01"), 11017);
  EXPECT_FALSE(importing::parse_date("2000-03-01T00:00:00Z"));
  EXPECT_EQ(importing::day_of(-1), -1);
  EXPECT_EQ(importing::day_of(86399), 0);
  for (std::int64_t day : {-800000, -1, 0, 59, 11016, 20000, 60000}) {
    const auto civil = importing::civil_from_days(day);
    EXPECT_EQ(importing::days_from_civil(civil.year, civil.month, civil.day), day);
  }
  const auto leap = importing::civil_from_days(importing::days_from_civil(2024, 2, 29));
  EXPECT_EQ(leap.year, 2024);
  EXPECT_EQ(leap.month, 2u);
  EXPECT_EQ(leap.day, 29u);
}

struct ImportedInParts {
  Result<ImportTally> tally;
  std::vector<std::vector<EncounterCopy>> parts;
};

ImportedInParts import_in_parts(std::string_view text, std::size_t parts,
                                const encounters::KnownUnits* units) {
  ImportedInParts out{ImportTally{}, std::vector<std::vector<EncounterCopy>>(parts)};
  std::vector<EncounterSink> sinks;
  for (std::size_t k = 0; k < parts; ++k)
    sinks.push_back([&out, k](const encounters::EncounterRecord& r) { out.parts[k].emplace_back(r); });
  out.tally = read_encounter_csv_in_parts("encounters.csv", text, units, sinks);
  return out;
}

// The bad fixture (faults on many lines, a value spanning two lines) forty times over.
std::string many_bad_rows() {
  auto text = read_fixture("encounters_bad.csv");
  if (!text.ends_with('\n')) text += '\n';
  const auto rows = text.substr(text.find('\n') + 1);
  for (int i = 0; i < 40; ++i) text += rows;
  return text;
}

TEST(EncounterCsvInParts, ThreadsGiveTheRecordsTallyAndProblemLinesOfOneRead) {
  const auto text = many_bad_rows();
  KnownUnitsStub units;
  const auto one_go = import(text, &units);
  ASSERT_TRUE(one_go.tally.ok()) << one_go.tally.error().message;
  std::vector<std::string> expected_ids;
  for (const auto& r : one_go.records)
    expected_ids.push_back(r.encounter_id + "@" + std::to_string(r.admitted_at));
  for (const std::size_t parts : {2u, 3u, 7u}) {
    const auto read = import_in_parts(text, parts, &units);
    ASSERT_TRUE(read.tally.ok()) << read.tally.error().message;
    EXPECT_EQ(read.tally->records_read, one_go.tally->records_read);
    EXPECT_EQ(read.tally->records_valid, one_go.tally->records_valid);
    EXPECT_EQ(read.tally->records_rejected, one_go.tally->records_rejected);
    EXPECT_EQ(problem_places(*read.tally), problem_places(*one_go.tally)) << parts << " parts";
    std::vector<std::string> ids;
    std::size_t parts_with_records = 0;
    for (const auto& part : read.parts) {
      parts_with_records += part.empty() ? 0 : 1;
      for (const auto& r : part) ids.push_back(r.encounter_id + "@" + std::to_string(r.admitted_at));
    }
    EXPECT_EQ(ids, expected_ids) << parts << " parts";
    EXPECT_EQ(parts_with_records, parts) << "the file is read in " << parts << " parts";
  }
}

TEST(EncounterCsvInParts, ABrokenRecordIsTheErrorOfOneRead) {
  auto text = many_bad_rows();
  text += "X-1,P-1,\"unterminated\n";
  for (int i = 0; i < 30; ++i)
    text += "X-2,P-2,NORTH,ICU,inpatient,2025-01-01T10:00Z,2025-01-03T10:00Z,65-74,F,home\n";
  const auto one_go = import(text);
  ASSERT_FALSE(one_go.tally.ok());
  const auto read = import_in_parts(text, 3, nullptr);
  ASSERT_FALSE(read.tally.ok());
  EXPECT_EQ(read.tally.error().message, one_go.tally.error().message);
}

}  // namespace
}  // namespace hqms
