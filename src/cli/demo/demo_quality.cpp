#include "cli/demo/demo_quality.hpp"

#include <fmt/format.h>

#include "cli/demo/demo_capa.hpp"
#include "cli/demo/demo_fmea.hpp"
#include "cli/demo/demo_risks.hpp"
#include "cli/demo/demo_staff.hpp"

namespace hqms::cli {

AuditEvent demo_audit_event(std::string action, std::string entity_type, std::string entity_id,
                            std::string summary) {
  AuditEvent e;
  e.actor_username = "hqms demo";
  e.action = std::move(action);
  e.entity_type = std::move(entity_type);
  e.entity_id = std::move(entity_id);
  e.summary = std::move(summary);
  return e;
}

Error demo_drift(const std::string& what, const std::vector<FieldError>& errors) {
  std::string why;
  for (const auto& e : errors) why += (why.empty() ? "" : "; ") + e.field + " " + e.message;
  return Error{ErrorKind::internal, "The demo " + what + " breaks the app's own rules: " + why, errors, {}};
}

// Each part in a transaction of its own, each computing everything from what it reads (a retried
// transaction starts again from the same seed), and each ending with the summary in the audit trail.
Result<DemoQualityCounts> create_demo_quality(store::Database& db, const Clock& clock) {
  const auto now = clock.now();
  DemoQualityCounts counts;

  auto risks = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<DemoQualityCounts> {
    DemoQualityCounts part;
    auto org = uow.org().load();
    if (!org) return org.error();
    auto staff = DemoStaff::load(uow, *org);
    if (!staff) return staff.error();
    if (auto r = create_demo_risks(uow, *org, *staff, now, part); !r) return r.error();
    auto summary = demo_audit_event("create", "risk", "demo",
                                    fmt::format("Loaded the demo risk register ({} risks, {} escalated)",
                                                part.risks, part.risks_escalated));
    if (auto r = uow.audit().record(summary, now); !r) return r.error();
    return part;
  });
  if (!risks) return risks.error();
  counts.risks = risks->risks;
  counts.risks_escalated = risks->risks_escalated;
  counts.risks_review_overdue = risks->risks_review_overdue;
  counts.risk_bands = risks->risk_bands;

  std::vector<FmeaCapaRequest> requests;
  auto studies = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<DemoQualityCounts> {
    DemoQualityCounts part;
    auto org = uow.org().load();
    if (!org) return org.error();
    auto staff = DemoStaff::load(uow, *org);
    if (!staff) return staff.error();
    auto made = create_demo_fmea(uow, *org, *staff, now, part);
    if (!made) return made.error();
    requests = std::move(*made);
    auto summary = demo_audit_event("create", "fmea", "demo",
                                    fmt::format("Loaded the demo FMEA studies ({} studies, {} failure modes)",
                                                part.fmea_studies, part.failure_modes));
    if (auto r = uow.audit().record(summary, now); !r) return r.error();
    return part;
  });
  if (!studies) return studies.error();
  counts.fmea_studies = studies->fmea_studies;
  counts.failure_modes = studies->failure_modes;

  auto capas = store::in_write_transaction(db, [&](store::UnitOfWork& uow) -> Result<DemoQualityCounts> {
    DemoQualityCounts part;
    auto org = uow.org().load();
    if (!org) return org.error();
    auto staff = DemoStaff::load(uow, *org);
    if (!staff) return staff.error();
    if (auto r = create_demo_capas(uow, *org, *staff, now, requests, part); !r) return r.error();
    auto summary = demo_audit_event(
        "create", "capa", "demo",
        fmt::format("Loaded a year of demo CAPAs ({}, {} overdue), linked to their investigations, risks and "
                    "FMEA rows",
                    part.capas, part.capas_overdue));
    if (auto r = uow.audit().record(summary, now); !r) return r.error();
    return part;
  });
  if (!capas) return capas.error();
  counts.capas = capas->capas;
  counts.capas_overdue = capas->capas_overdue;
  counts.capa_states = capas->capa_states;
  return counts;
}

}  // namespace hqms::cli
