#include "core/import/fhir_bulk.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
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

const std::vector<std::string> good_files = {"patients.ndjson",    "encounters.ndjson",  "conditions.ndjson",
                                             "procedures.ndjson",  "medications.ndjson", "devices.ndjson",
                                             "observations.ndjson"};

struct Imported {
  Result<ImportTally> tally;
  std::vector<EncounterCopy> records;
  const EncounterCopy& operator[](std::string_view id) const {
    const auto found = std::find_if(records.begin(), records.end(),
                                    [&](const EncounterCopy& r) { return r.encounter_id == id; });
    if (found == records.end()) throw std::runtime_error("no encounter " + std::string(id));
    return *found;
  }
};

// Reads the named fixture files, in this order.
Imported import(const std::vector<std::string>& names, const encounters::KnownUnits* units = nullptr) {
  std::vector<std::string> texts;
  for (const auto& name : names) texts.push_back(read_fixture("fhir/" + name));
  std::vector<NdjsonFile> files;
  for (std::size_t i = 0; i < names.size(); ++i) files.push_back({names[i], texts[i]});
  std::vector<EncounterCopy> records;
  auto tally =
      read_fhir_bulk(files, units, [&](const encounters::EncounterRecord& r) { records.emplace_back(r); });
  return {std::move(tally), std::move(records)};
}

std::int64_t utc(int y, unsigned m, unsigned d, int hh, int mm) {
  return importing::days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60;
}

TEST(FhirBulk, GoodExportBecomesOneRecordPerStayWithEveryField) {
  KnownUnitsStub units;
  const auto result = import(good_files, &units);
  ASSERT_TRUE(result.tally.ok()) << result.tally.error().message;
  EXPECT_EQ(result.tally->records_read, 34u);
  EXPECT_EQ(result.tally->records_valid, 34u);
  EXPECT_EQ(result.tally->records_rejected, 0u);
  for (const auto& p : result.tally->problems)
    ADD_FAILURE() << p.file << ":" << p.line << " " << p.field << " " << p.message;
  ASSERT_EQ(result.records.size(), 7u);
  std::vector<std::string> order;
  for (const auto& r : result.records) order.push_back(r.encounter_id);
  EXPECT_EQ(order, (std::vector<std::string>{"enc-1", "enc-2", "enc-3", "enc-4", "enc-5", "enc-6", "enc-7"}));

  const auto& a = result["enc-1"];
  EXPECT_EQ(a.patient_pseudonym, "pat-1");
  EXPECT_EQ(a.site, "NORTH");
  EXPECT_EQ(a.department, "ICU");  // the first location
  EXPECT_EQ(a.encounter_class, "inpatient");
  EXPECT_EQ(a.admitted_at, utc(2025, 1, 10, 8, 0));
  EXPECT_EQ(a.discharged_at, utc(2025, 1, 15, 10, 0));
  EXPECT_EQ(a.age_band, "65-74");  // 74 at admission
  EXPECT_EQ(a.sex, "female");
  EXPECT_EQ(a.ethnicity, "Hispanic or Latino");
  EXPECT_EQ(a.payer, "medicare");
  EXPECT_EQ(a.primary_diagnosis, "I21.4");  // diagnosis rank 1, though another encounter-diagnosis came first
  EXPECT_EQ(a.procedures, (std::vector<std::string>{"02703ZZ", "5A1955Z"}));
  EXPECT_EQ(a.disposition, "home");
  EXPECT_DOUBLE_EQ(a.patient_days, 5);
  EXPECT_DOUBLE_EQ(a.medication_doses, 3);  // the not-done one is not a dose
  EXPECT_FALSE(a.ed_minutes);

  const auto& c = result["enc-3"];
  EXPECT_EQ(c.encounter_class, "emergency");
  EXPECT_EQ(c.admitted_at, utc(2025, 3, 1, 21, 0));
  ASSERT_TRUE(c.ed_minutes);
  EXPECT_DOUBLE_EQ(*c.ed_minutes, 210);
  EXPECT_DOUBLE_EQ(c.patient_days, 0);
  EXPECT_EQ(c.disposition, "left_without_being_seen");
  EXPECT_EQ(c.age_band, "18-44");  // born "1990": counted from 1 January
  EXPECT_EQ(c.sex, "male");
  EXPECT_EQ(c.ethnicity, "Not Hispanic or Latino");  // ombCategory display when there is no text
  EXPECT_EQ(c.payer, "private");

  const auto& d = result["enc-4"];
  EXPECT_EQ(d.encounter_class, "day_case");
  EXPECT_EQ(d.department, "SURG");
  EXPECT_EQ(d.disposition, "care_facility");
  EXPECT_DOUBLE_EQ(d.patient_days, 0);
  EXPECT_EQ(d.procedures, (std::vector<std::string>{"0FT44ZZ"}));  // the not-done procedure is left out
  EXPECT_EQ(d.primary_diagnosis, "T81.41XA");
  EXPECT_EQ(d.payer, "unknown");

  const auto& e = result["enc-5"];
  EXPECT_EQ(e.age_band, "0-17");
  EXPECT_EQ(e.sex, "unknown");
  EXPECT_EQ(e.ethnicity, "unknown");
  EXPECT_EQ(e.disposition, "transfer");
  EXPECT_EQ(e.primary_diagnosis, "S72.001A");  // first encounter-diagnosis; the problem-list one is not
  EXPECT_DOUBLE_EQ(e.patient_days, 19);
  EXPECT_DOUBLE_EQ(e.medication_doses, 1);

  EXPECT_EQ(result["enc-2"].disposition, "against_advice");
  EXPECT_EQ(result["enc-6"].disposition, "died");
  EXPECT_EQ(result["enc-7"].disposition, "other");  // no dischargeDisposition
  EXPECT_EQ(result["enc-2"].primary_diagnosis, "");
}

TEST(FhirBulk, FilesJoinInAnyOrder) {
  auto reversed = good_files;
  std::reverse(reversed.begin(), reversed.end());
  auto shuffled = std::vector<std::string>{"devices.ndjson",      "conditions.ndjson",  "encounters.ndjson",
                                           "observations.ndjson", "medications.ndjson", "patients.ndjson",
                                           "procedures.ndjson"};
  const auto forward = import(good_files);
  ASSERT_TRUE(forward.tally.ok());
  for (const auto& names : {reversed, shuffled}) {
    const auto other = import(names);
    ASSERT_TRUE(other.tally.ok());
    EXPECT_EQ(other.tally->records_rejected, 0u);
    ASSERT_EQ(other.records.size(), forward.records.size());
    for (std::size_t i = 0; i < forward.records.size(); ++i) {
      const auto& x = forward.records[i];
      const auto& y = other.records[i];
      EXPECT_EQ(x.encounter_id, y.encounter_id);
      EXPECT_EQ(x.primary_diagnosis, y.primary_diagnosis);
      EXPECT_EQ(x.procedures, y.procedures);
      EXPECT_EQ(x.age_band, y.age_band);
      EXPECT_EQ(x.central_line_days, y.central_line_days);
      EXPECT_EQ(x.urinary_catheter_days, y.urinary_catheter_days);
      EXPECT_EQ(x.medication_doses, y.medication_doses);
      EXPECT_EQ(x.readmitted_30d, y.readmitted_30d);
      EXPECT_EQ(x.clabsi, y.clabsi);
      EXPECT_EQ(x.pressure_injury, y.pressure_injury);
    }
  }
}

TEST(FhirBulk, HospitalAcquiredConditionsFollowTheDayThreeRule) {
  const auto result = import(good_files);
  ASSERT_TRUE(result.tally.ok());
  // enc-1: T80.211A two days after admission (day 3) is a CLABSI; T83.511A the next day (day 2) is not a
  // CAUTI.
  EXPECT_TRUE(result["enc-1"].clabsi);
  EXPECT_FALSE(result["enc-1"].cauti);
  // enc-5: L89.153 (stage 3) on day 10.
  EXPECT_TRUE(result["enc-5"].pressure_injury);
  // enc-6: L89.150 is unstageable, not stage 2-4.
  EXPECT_FALSE(result["enc-6"].pressure_injury);
  // enc-4: T81.41XA on the day of admission; enc-7: on day 3.
  EXPECT_FALSE(result["enc-4"].surgical_site_infection);
  EXPECT_TRUE(result["enc-7"].surgical_site_infection);
  for (const auto& r : result.records) {
    if (r.encounter_id != "enc-1") {
      EXPECT_FALSE(r.clabsi) << r.encounter_id;
    }
    EXPECT_FALSE(r.cauti) << r.encounter_id;
  }
}

TEST(FhirBulk, ReadmissionIsTheNextInpatientAdmissionWithin30Days) {
  const auto result = import(good_files);
  ASSERT_TRUE(result.tally.ok());
  EXPECT_TRUE(result["enc-1"].readmitted_30d);   // enc-2 follows 26 days after discharge
  EXPECT_FALSE(result["enc-2"].readmitted_30d);  // enc-6 follows after 36 days
  EXPECT_FALSE(result["enc-6"].readmitted_30d);  // nothing follows
  EXPECT_FALSE(
      result["enc-3"].readmitted_30d);  // an ED visit is no index stay, though enc-7 follows in 8 days
  EXPECT_FALSE(result["enc-7"].readmitted_30d);
}

TEST(FhirBulk, DeviceDaysAreCalendarDaysOfOverlapWithEachStay) {
  const auto result = import(good_files);
  ASSERT_TRUE(result.tally.ok());
  // Central lines 10 Jan 12:00 to 13 Jan 08:00 and 12 Jan 20:00 to 14 Jan 09:00: 10 to 14 January, the days
  // both were in counted once.
  EXPECT_DOUBLE_EQ(result["enc-1"].central_line_days, 5);
  // A catheter from 9 January without end: every day of each of the patient's later stays.
  EXPECT_DOUBLE_EQ(result["enc-1"].urinary_catheter_days, 6);
  EXPECT_DOUBLE_EQ(result["enc-2"].urinary_catheter_days, 3);
  EXPECT_DOUBLE_EQ(result["enc-6"].urinary_catheter_days, 3);
  EXPECT_DOUBLE_EQ(result["enc-2"].central_line_days, 0);
  // A line placed before admission counts from the admission day (1 to 5 April).
  EXPECT_DOUBLE_EQ(result["enc-5"].central_line_days, 5);
  // Another device type is not counted.
  EXPECT_DOUBLE_EQ(result["enc-7"].central_line_days + result["enc-7"].urinary_catheter_days, 0);
}

TEST(FhirBulk, BadResourcesAreReportedByFileLineAndElement) {
  KnownUnitsStub units;
  auto names = good_files;
  names.insert(names.begin(), "bad.ndjson");
  const auto result = import(names, &units);
  ASSERT_TRUE(result.tally.ok());
  const auto& tally = *result.tally;
  EXPECT_EQ(tally.records_read, 54u);
  EXPECT_EQ(tally.records_rejected, 17u);
  EXPECT_EQ(tally.records_valid, 36u);  // and the Bundle skipped
  EXPECT_EQ(problem_places(tally), (std::vector<std::string>{
                                       "1:",  // cut off inside the resource
                                       "2:resourceType",
                                       "3:period.end",
                                       "4:subject",  // Patient/pat-99 not in the export
                                       "5:encounter",
                                       "6:class",
                                       "7:location[0].location.identifier.value",  // unknown department
                                       "8:gender",
                                       "12:id",  // the same Encounter twice
                                       "13:encounter",
                                       "14:context",
                                       "16:Patient.birthDate",
                                       "17:",  // text after the resource
                                       "18:period.end",
                                       "19:subject",
                                       "20:code",
                                       "21:timingPeriod.start",
                                   }));
  for (const auto& p : tally.problems) {
    EXPECT_EQ(p.file, "bad.ndjson");
    EXPECT_FALSE(p.message.empty());
  }
  EXPECT_EQ(tally.problems[3].record_id, "enc-bad-2");
  EXPECT_NE(tally.problems[3].message.find("pat-99"), std::string::npos);
  EXPECT_NE(tally.problems[8].message.find("bad.ndjson line 11"), std::string::npos);

  std::vector<std::string> ids;
  for (const auto& r : result.records) ids.push_back(r.encounter_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"enc-dup", "enc-1", "enc-2", "enc-3", "enc-4", "enc-5", "enc-6",
                                           "enc-7"}));
}

TEST(FhirBulk, CrlfLinesAByteOrderMarkAndAShortLastLineAreRead) {
  const std::string text =
      "\xEF\xBB\xBF{\"resourceType\":\"Patient\",\"id\":\"p\",\"gender\":\"other\",\"birthDate\":\"1940-02-"
      "29\"}\r\n"
      "\r\n"
      "{\"resourceType\":\"Encounter\",\"id\":\"e\",\"class\":{\"code\":\"SS\"},\"subject\":{\"reference\":"
      "\"Patient/p\"},\"period\":{\"start\":\"2025-02-28\",\"end\":\"2025-02-28T12:00:00Z\"},"
      "\"serviceProvider\":{\"identifier\":{\"value\":\"S\"}},\"location\":[{\"location\":{\"identifier\":"
      "{\"value\":\"D\"}}}]}";
  const NdjsonFile files[] = {{"mixed.ndjson", text}};
  std::vector<EncounterCopy> records;
  const auto tally =
      read_fhir_bulk(files, nullptr, [&](const encounters::EncounterRecord& r) { records.emplace_back(r); });
  ASSERT_TRUE(tally.ok());
  EXPECT_EQ(tally->records_read, 2u);
  EXPECT_EQ(tally->records_rejected, 0u);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].encounter_class, "day_case");
  EXPECT_EQ(records[0].sex, "other");
  EXPECT_EQ(records[0].age_band, "75-84");  // born 29 Feb 1940: 84 on 28 Feb 2025, not yet 85
}

TEST(FhirBulk, AnEmptyExportReadsNothing) {
  const auto tally = read_fhir_bulk({}, nullptr, [](const encounters::EncounterRecord&) { FAIL(); });
  ASSERT_TRUE(tally.ok());
  EXPECT_EQ(tally->records_read, 0u);
}

}  // namespace
}  // namespace hqms
