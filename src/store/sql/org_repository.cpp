#include "store/sql/repositories.hpp"

namespace hqms::store::sql {

Result<Organisation> SqlOrgRepository::load() {
  Organisation org;
  {
    auto st = c_.prepare("SELECT id, name FROM organisation ORDER BY id LIMIT 1");
    if (!st) return st.error();
    auto row = st->step();
    if (!row) return row.error();
    if (!*row) return Error::not_found("no organisation has been set up yet");
    org.id = st->int64(0);
    org.name = st->text(1);
  }
  auto sites = c_.prepare("SELECT id, code, name FROM site WHERE organisation_id = ?1 ORDER BY name");
  if (!sites) return sites.error();
  sites->bind_all(org.id);
  for (auto row = sites->step(); row && *row; row = sites->step())
    org.sites.push_back(Site{sites->int64(0), sites->text(1), sites->text(2), {}});
  auto depts = c_.prepare("SELECT id, site_id, code, name FROM department ORDER BY name");
  if (!depts) return depts.error();
  for (auto row = depts->step(); row && *row; row = depts->step()) {
    Department d{depts->int64(0), depts->int64(1), depts->text(2), depts->text(3)};
    for (auto& s : org.sites)
      if (s.id == d.site_id) s.departments.push_back(std::move(d));
  }
  return org;
}

Result<Id> SqlOrgRepository::create_organisation(const std::string& name, Timestamp created_at) {
  return c_.insert("INSERT INTO organisation(name, created_at) VALUES (?1, ?2)", name, to_db(created_at));
}

Result<Site> SqlOrgRepository::create_site(Id organisation_id, const std::string& code,
                                           const std::string& name) {
  auto id = c_.insert("INSERT INTO site(organisation_id, code, name) VALUES (?1, ?2, ?3)", organisation_id,
                      code, name);
  if (!id) return id.error();
  return Site{*id, code, name, {}};
}

Result<Department> SqlOrgRepository::create_department(Id site_id, const std::string& code,
                                                       const std::string& name) {
  auto id = c_.insert("INSERT INTO department(site_id, code, name) VALUES (?1, ?2, ?3)", site_id, code, name);
  if (!id) return id.error();
  return Department{*id, site_id, code, name};
}

}  // namespace hqms::store::sql
