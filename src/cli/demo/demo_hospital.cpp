#include "cli/demo/demo_hospital.hpp"

#include <map>

#include "cli/bootstrap.hpp"
#include "core/auth/password_hash.hpp"
#include "http/json/mapping.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::cli {
namespace {

struct DemoDepartment {
  const char* site;
  const char* code;
  const char* name;
};

constexpr DemoDepartment kDepartments[] = {
    {"MAIN", "ED", "Emergency Department"},
    {"MAIN", "ICU", "Intensive Care Unit"},
    {"MAIN", "SURG", "Surgery"},
    {"MAIN", "MED", "General Medicine"},
    {"MAIN", "PAED", "Paediatrics"},
    {"MAIN", "MAT", "Maternity"},
    {"MAIN", "PHARM", "Pharmacy"},
    {"MAIN", "RAD", "Radiology"},
    {"MAIN", "LAB", "Laboratory"},
    {"NORTH", "NED", "Urgent Care"},
    {"NORTH", "NMED", "Medical Ward"},
    {"NORTH", "NREH", "Rehabilitation"},
};

struct DemoPerson {
  const char* username;
  const char* name;
  const char* email;
  Role role;
  ScopeType scope_type;
  const char* scope_code;  // site or department code; empty for the organisation
  const char* home;        // home department code; empty for none
};

constexpr DemoPerson kPeople[] = {
    {"admin", "Priya Nair", "priya.nair", Role::administrator, ScopeType::organisation, "", ""},
    {"cqo", "Dr Amara Okafor", "amara.okafor", Role::quality_manager, ScopeType::organisation, "", ""},
    {"exec", "Thomas Brennan", "thomas.brennan", Role::executive, ScopeType::organisation, "", ""},
    {"exec.cmo", "Dr Helen Achterberg", "helen.achterberg", Role::executive, ScopeType::organisation, "", ""},
    {"exec.cno", "Grace Mwangi", "grace.mwangi", Role::executive, ScopeType::organisation, "", ""},
    {"auditor", "Lena Fischer", "lena.fischer", Role::auditor, ScopeType::organisation, "", ""},
    {"analyst", "Rahul Mehta", "rahul.mehta", Role::quality_analyst, ScopeType::organisation, "", ""},
    {"pso.lead", "Siobhan Kelly", "siobhan.kelly", Role::patient_safety_officer, ScopeType::organisation, "",
     ""},
    {"pso.main", "Daniel Osei", "daniel.osei", Role::patient_safety_officer, ScopeType::site, "MAIN", ""},
    {"qm.main", "Maria Gonzalez", "maria.gonzalez", Role::quality_manager, ScopeType::site, "MAIN", ""},
    {"auditor.main", "James Whitfield", "james.whitfield", Role::auditor, ScopeType::site, "MAIN", ""},
    {"analyst.main", "Yuki Tanaka", "yuki.tanaka", Role::quality_analyst, ScopeType::site, "MAIN", ""},
    {"admin.north", "Owen Price", "owen.price", Role::administrator, ScopeType::site, "NORTH", "NMED"},
    {"pso.north", "Fatima Al-Sayed", "fatima.alsayed", Role::patient_safety_officer, ScopeType::site, "NORTH",
     "NMED"},
    {"qm.north", "Ben Carter", "ben.carter", Role::quality_manager, ScopeType::site, "NORTH", "NMED"},
    {"exec.north", "Claire Dubois", "claire.dubois", Role::executive, ScopeType::site, "NORTH", ""},
    {"manager.ed", "Dr Sam Patel", "sam.patel", Role::department_manager, ScopeType::department, "ED", "ED"},
    {"manager.icu", "Dr Ingrid Larsen", "ingrid.larsen", Role::department_manager, ScopeType::department,
     "ICU", "ICU"},
    {"manager.surg", "Kwame Asante", "kwame.asante", Role::department_manager, ScopeType::department, "SURG",
     "SURG"},
    {"manager.med", "Dr Olivia Grant", "olivia.grant", Role::department_manager, ScopeType::department, "MED",
     "MED"},
    {"manager.pharm", "Hassan Rahimi", "hassan.rahimi", Role::department_manager, ScopeType::department,
     "PHARM", "PHARM"},
    {"manager.mat", "Niamh Walsh", "niamh.walsh", Role::department_manager, ScopeType::department, "MAT",
     "MAT"},
    {"manager.ned", "Dr Peter Novak", "peter.novak", Role::department_manager, ScopeType::department, "NED",
     "NED"},
    {"nurse.ed", "Aoife Byrne", "aoife.byrne", Role::staff_reporter, ScopeType::department, "ED", "ED"},
    {"doctor.ed", "Dr Marcus Lee", "marcus.lee", Role::staff_reporter, ScopeType::department, "ED", "ED"},
    {"nurse.icu", "Chiara Romano", "chiara.romano", Role::staff_reporter, ScopeType::department, "ICU",
     "ICU"},
    {"nurse.surg", "Tomasz Kowalski", "tomasz.kowalski", Role::staff_reporter, ScopeType::department, "SURG",
     "SURG"},
    {"anaes.surg", "Dr Elif Demir", "elif.demir", Role::staff_reporter, ScopeType::department, "SURG",
     "SURG"},
    {"nurse.med", "Joy Adeyemi", "joy.adeyemi", Role::staff_reporter, ScopeType::department, "MED", "MED"},
    {"doctor.med", "Dr Rohan Iyer", "rohan.iyer", Role::staff_reporter, ScopeType::department, "MED", "MED"},
    {"nurse.paed", "Emma Lindqvist", "emma.lindqvist", Role::staff_reporter, ScopeType::department, "PAED",
     "PAED"},
    {"midwife.mat", "Sarah O'Connell", "sarah.oconnell", Role::staff_reporter, ScopeType::department, "MAT",
     "MAT"},
    {"pharmacist", "Wei Zhang", "wei.zhang", Role::staff_reporter, ScopeType::department, "PHARM", "PHARM"},
    {"radiographer", "Luca Bianchi", "luca.bianchi", Role::staff_reporter, ScopeType::department, "RAD",
     "RAD"},
    {"labtech", "Nadia Haddad", "nadia.haddad", Role::staff_reporter, ScopeType::department, "LAB", "LAB"},
    {"nurse.ned", "Kofi Mensah", "kofi.mensah", Role::staff_reporter, ScopeType::department, "NED", "NED"},
    {"nurse.nmed", "Anna Petrova", "anna.petrova", Role::staff_reporter, ScopeType::department, "NMED",
     "NMED"},
    {"hca.nmed", "Liam Murphy", "liam.murphy", Role::staff_reporter, ScopeType::department, "NMED", "NMED"},
    {"physio.nreh", "Isabel Costa", "isabel.costa", Role::staff_reporter, ScopeType::department, "NREH",
     "NREH"},
    {"nurse.nreh", "David Okonkwo", "david.okonkwo", Role::staff_reporter, ScopeType::department, "NREH",
     "NREH"},
};

}  // namespace

Result<std::vector<DemoAccount>> create_demo_hospital(store::Database& db, const Clock& clock) {
  // Every demo account shares one published password, so one hash serves them all (argon2id is slow on
  // purpose).
  const auto hash = hash_password(kDemoPassword);
  std::vector<DemoAccount> accounts;
  auto done = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<void> {
    accounts.clear();  // the transaction may run again after a serialization conflict
    if (auto existing = uow.users().count(); !existing || *existing > 0)
      return existing ? Error::conflict("this database already has users; use a new file for the demo")
                      : existing.error();
    const auto now = clock.now();
    auto log = [&](AuditEvent e) -> Result<void> { return uow.audit().record(e, now); };
    const std::string org_name = "St Brigid's University Hospital";
    auto org_id = uow.org().create_organisation(org_name, now);
    if (!org_id) return org_id.error();
    if (auto r = log(system_event("create", "organisation", std::to_string(*org_id),
                                  "Created organisation " + org_name, {{"name", org_name}}));
        !r)
      return r;
    std::map<std::string, Id> site_ids, department_ids;
    for (auto [code, name] :
         {std::pair{"MAIN", "Main Campus"}, std::pair{"NORTH", "North Community Hospital"}}) {
      auto site = uow.org().create_site(*org_id, code, name);
      if (!site) return site.error();
      site_ids[code] = site->id;
      auto e = system_event("create", "site", std::to_string(site->id), std::string("Added site ") + name,
                            http::site_json(*site));
      e.site_id = site->id;
      if (auto r = log(e); !r) return r;
    }
    for (const auto& d : kDepartments) {
      auto dept = uow.org().create_department(site_ids.at(d.site), d.code, d.name);
      if (!dept) return dept.error();
      department_ids[d.code] = dept->id;
      auto e = system_event("create", "department", std::to_string(dept->id),
                            std::string("Added department ") + d.name, http::department_json(*dept));
      e.site_id = dept->site_id;
      e.department_id = dept->id;
      if (auto r = log(e); !r) return r;
    }
    auto org = uow.org().load();
    if (!org) return org.error();
    for (const auto& p : kPeople) {
      ScopeRef scope{ScopeType::organisation, *org_id};
      if (p.scope_type == ScopeType::site) scope = {ScopeType::site, site_ids.at(p.scope_code)};
      if (p.scope_type == ScopeType::department)
        scope = {ScopeType::department, department_ids.at(p.scope_code)};
      NewUser user{p.username,    p.name,       std::string(p.email) + "@stbrigids.example",
                   kDemoPassword, std::nullopt, {{p.role, scope}}};
      if (*p.home) user.home_department_id = department_ids.at(p.home);
      auto id = uow.users().create(user, hash, now);
      if (!id) return id.error();
      auto stored = uow.users().get(*id);
      if (!stored) return stored.error();
      auto e = system_event("create", "user", std::to_string(*id), std::string("Created user ") + p.username,
                            http::user_audit_json(*stored));
      http::place_audit_event(e, *org, user_scope(*org, *stored));
      if (auto r = log(e); !r) return r;
      accounts.push_back({p.username, p.name, p.role, org->name_of(scope).value_or("")});
    }
    return {};
  });
  if (!done) return done.error();
  return accounts;
}

}  // namespace hqms::cli
