#pragma once
// A small hospital for the tests of the registers' repositories (CAPA, risk, FMEA, notifications): two sites,
// three departments and the people who coordinate, own and manage the work.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <string_view>

#include "store/database.hpp"
#include "support/test_database.hpp"

namespace hqms::test {

// A reference is the prefix and at least `digits` digits (CAPA-2026-0001). Not std::regex: libstdc++ 12's
// regex trips -Werror=maybe-uninitialized under the sanitizer build.
inline bool is_reference(const std::string& ref, std::string_view prefix, std::size_t digits) {
  if (ref.size() < prefix.size() + digits || ref.compare(0, prefix.size(), prefix) != 0) return false;
  return std::all_of(ref.begin() + static_cast<std::ptrdiff_t>(prefix.size()), ref.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

inline Timestamp at(const char* iso) {
  return *parse_iso(iso);
}

inline Date day(const char* iso_date) {
  return std::chrono::floor<std::chrono::days>(*parse_date_or_instant(iso_date));
}

struct RegisterHospital {
  TestDatabase database;
  std::unique_ptr<store::Database> db = *store::open_database(database.location(), database.options());
  Id org = 0, main_site = 0, north_site = 0;
  Id ed = 0, icu = 0;  // at the main site
  Id ward = 0;         // at the north site
  // coordinator and owner hold no grant: what they see comes from their part in the work.
  Id coordinator = 0, owner = 0, staff = 0;
  Id ed_manager = 0, ward_manager = 0, site_manager = 0, former_manager = 0;

  RegisterHospital() {
    auto r = store::in_write_transaction(*db, [&](store::UnitOfWork& uow) -> Result<void> {
      auto o = uow.org().create_organisation("Test Hospital", at("2026-01-01T00:00:00Z"));
      if (!o) return o.error();
      org = *o;
      auto main = uow.org().create_site(org, "MAIN", "Main");
      auto north = uow.org().create_site(org, "NORTH", "North");
      if (!main || !north) return Error::internal("sites");
      main_site = main->id, north_site = north->id;
      ed = uow.org().create_department(main_site, "ED", "Emergency")->id;
      icu = uow.org().create_department(main_site, "ICU", "Intensive care")->id;
      ward = uow.org().create_department(north_site, "WARD", "Ward")->id;
      auto person = [&](const char* name, Grants grants) -> Id {
        NewUser u{name, std::string(name) + " Example", "", "", std::nullopt, std::move(grants)};
        return *uow.users().create(u, "hash", at("2026-01-01T00:00:00Z"));
      };
      coordinator = person("coordinator", {});
      owner = person("owner", {});
      staff = person("staff", {{Role::staff_reporter, {ScopeType::department, ed}}});
      ed_manager = person("ed.manager", {{Role::department_manager, {ScopeType::department, ed}}});
      ward_manager = person("ward.manager", {{Role::department_manager, {ScopeType::department, ward}}});
      site_manager = person("site.manager", {{Role::department_manager, {ScopeType::site, main_site}}});
      former_manager = person("former.manager", {{Role::department_manager, {ScopeType::department, ed}}});
      auto former = uow.users().get(former_manager);
      if (!former) return former.error();
      former->active = false;
      return uow.users().update_profile(*former);
    });
    EXPECT_TRUE(r) << r.error().message;
  }

  // Runs `work` in one committed write transaction.
  template <class Work>
  auto write(Work&& work) {
    return store::in_write_transaction(*db, std::forward<Work>(work));
  }

  std::unique_ptr<store::UnitOfWork> read() { return std::move(*db->begin(store::TxMode::read)); }
};

}  // namespace hqms::test
