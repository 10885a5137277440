#pragma once
// A small, hand-checkable indicator data set for the API tests: a site of its own ("Test Infirmary", TST) so
// that whatever else the demo hospital holds never mixes in, with three departments over 36 months
// (2023-11 to 2026-10; the test clock stands at 2026-11-26):
//   T1 "Ward One":   100 inpatient discharges a month (60 aged 65-74, 30 aged 45-64, 10 aged 85+), of whom 10
//                    are readmitted within 30 days each month up to 2025-10 (6 + 3 + 1 by those ages) and 19
//                    from 2025-11 on (12 + 6 + 1): a shift of 12 months above the centre line.
//   T2 "Ward Two":   100 discharges a month, all aged 65-74, 12 readmitted every month: stable.
//   T3 "Ward Three": no data.
// Patients alternate female / male by their number within a month.
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "core/encounters/encounter_record.hpp"
#include "store/database.hpp"
#include "support/test_hospital.hpp"

namespace hqms::test {

struct IndicatorTestSite {
  Id site = 0;
  Id t1 = 0;
  Id t2 = 0;
  Id t3 = 0;
  std::string scope(Id department) const { return "department:" + std::to_string(department); }
  std::string site_scope() const { return "site:" + std::to_string(site); }
};

// The first day of the n-th month of the data set (0 = 2023-11).
inline std::chrono::sys_days indicator_test_month(int n) {
  using namespace std::chrono;
  const auto first = year_month{year{2023}, month{11}} + months{n};
  return sys_days{first / 1};
}

inline IndicatorTestSite add_indicator_test_data(TestHospital& h) {
  IndicatorTestSite out;
  auto made = store::in_write_transaction(h.db(), [&](store::UnitOfWork& uow) -> Result<IndicatorTestSite> {
    auto org = uow.org().load();
    if (!org) return org.error();
    auto site = uow.org().create_site(org->id, "TST", "Test Infirmary");
    if (!site) return site.error();
    IndicatorTestSite ids;
    ids.site = site->id;
    for (auto [code, name, target] :
         {std::tuple{"T1", "Ward One", &ids.t1}, std::tuple{"T2", "Ward Two", &ids.t2},
          std::tuple{"T3", "Ward Three", &ids.t3}}) {
      auto d = uow.org().create_department(site->id, code, name);
      if (!d) return d.error();
      *target = d->id;
    }
    store::ImportRun run;
    run.file_name = "indicator-test.csv";
    run.file_sha256 = "indicator-test";
    run.started_at = run.finished_at = h.clock().now();
    auto run_id = uow.indicator_data().record_import_run(run);
    if (!run_id) return run_id.error();
    for (int m = 0; m < 36; ++m) {
      const auto discharge = indicator_test_month(m) + std::chrono::days(14);
      const auto discharged_at =
          std::chrono::duration_cast<std::chrono::seconds>(discharge.time_since_epoch()).count();
      const bool shifted = m >= 24;
      for (int ward = 0; ward < 2; ++ward) {
        for (int i = 0; i < 100; ++i) {
          const std::string id =
              "TST-" + std::to_string(ward + 1) + "-" + std::to_string(m) + "-" + std::to_string(i);
          encounters::EncounterRecord e;
          e.encounter_id = id;
          e.patient_pseudonym = id;
          e.site = "TST";
          e.department = ward == 0 ? "T1" : "T2";
          e.encounter_class = "inpatient";
          e.admitted_at = discharged_at - 3 * 86400;
          e.discharged_at = discharged_at;
          e.sex = i % 2 == 0 ? "female" : "male";
          e.ethnicity = "unknown";
          e.payer = "public";
          e.primary_diagnosis = "I50.9";
          e.disposition = "home";
          e.patient_days = 3;
          if (ward == 0) {
            // 0-59: 65-74, 60-89: 45-64, 90-99: 85+; the first of each group's patients are readmitted.
            e.age_band = i < 60 ? "65-74" : i < 90 ? "45-64" : "85+";
            const int in_group = i < 60 ? i : i < 90 ? i - 60 : i - 90;
            const int readmitted = i < 60 ? (shifted ? 12 : 6) : i < 90 ? (shifted ? 6 : 3) : 1;
            e.readmitted_30d = in_group < readmitted;
          } else {
            e.age_band = "65-74";
            e.readmitted_30d = i < 12;
          }
          const store::UnitIds unit{ids.site, ward == 0 ? ids.t1 : ids.t2};
          auto r = uow.indicator_data().upsert_encounter(e, unit, *run_id);
          if (!r) return r.error();
        }
      }
    }
    return ids;
  });
  EXPECT_TRUE(made) << (made ? "" : made.error().message);
  if (made) out = *made;
  return out;
}

// A user holding one role at one department of the test site.
inline HttpClient indicator_user(TestHospital& h, const std::string& username, Role role, ScopeRef scope) {
  h.add_user(username, {{role, scope}});
  return h.signed_in(username);
}

}  // namespace hqms::test
