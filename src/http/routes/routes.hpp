#pragma once
// Every module adds its routes here; App registers them all. The authorization matrix test walks the result.
#include "http/routing/router.hpp"

namespace hqms::http {

void add_health_routes(Router& router);
void add_auth_routes(Router& router);
// The second factor: the second sign-in step, enrolment, resets and the organisation's setting.
void add_second_factor_sign_in_routes(Router& router);
void add_second_factor_routes(Router& router);
void add_home_routes(Router& router);
void add_org_routes(Router& router);
void add_role_routes(Router& router);
void add_user_routes(Router& router);
void add_people_routes(Router& router);
void add_audit_routes(Router& router);
// Incidents: the list routes go first, so that /incidents/export is not read as /incidents/{id}.
void add_incident_list_routes(Router& router);
void add_incident_report_routes(Router& router);
void add_anonymous_report_routes(Router& router);
void add_incident_record_routes(Router& router);
void add_incident_settings_routes(Router& router);
void add_investigation_routes(Router& router);
// CAPA: the escalation routes (with /capa/digests) and then /capa/board, /capa/ageing and /capa/export are
// registered before /capa/{id}.
void add_capa_escalation_routes(Router& router);
void add_capa_routes(Router& router);
void add_capa_action_routes(Router& router);
void add_capa_from_investigation_routes(Router& router);
// Risk register: /risks/heat-map and /risks/export are registered before /risks/{id}.
void add_risk_routes(Router& router);
void add_risk_settings_routes(Router& router);
void add_fmea_routes(Router& router);
void add_fmea_row_routes(Router& router);
// Quality indicators (read side): the catalogue, charts, comparisons, exports and the dashboards.
void add_indicator_routes(Router& router);
void add_indicator_export_routes(Router& router);
void add_dashboard_routes(Router& router);
// Quality indicators (write side): the analysts' definitions, settings, chart annotations, the workbench
// preview, a CAPA from a signal; and the data imports.
void add_indicator_write_routes(Router& router);
void add_indicator_annotation_routes(Router& router);
void add_capa_from_signal_routes(Router& router);
void add_import_routes(Router& router);

inline void add_all_routes(Router& router) {
  add_health_routes(router);
  add_auth_routes(router);
  add_second_factor_sign_in_routes(router);
  add_second_factor_routes(router);
  add_home_routes(router);
  add_org_routes(router);
  add_role_routes(router);
  add_user_routes(router);
  add_people_routes(router);
  add_audit_routes(router);
  add_incident_list_routes(router);
  add_incident_report_routes(router);
  add_anonymous_report_routes(router);
  add_incident_record_routes(router);
  add_incident_settings_routes(router);
  add_investigation_routes(router);
  add_capa_escalation_routes(router);
  add_capa_routes(router);
  add_capa_action_routes(router);
  add_capa_from_investigation_routes(router);
  add_risk_routes(router);
  add_risk_settings_routes(router);
  add_fmea_routes(router);
  add_fmea_row_routes(router);
  add_indicator_routes(router);
  add_indicator_export_routes(router);
  add_dashboard_routes(router);
  add_indicator_write_routes(router);
  add_indicator_annotation_routes(router);
  add_capa_from_signal_routes(router);
  add_import_routes(router);
}

}  // namespace hqms::http
