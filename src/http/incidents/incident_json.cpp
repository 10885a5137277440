#include "http/incidents/incident_json.hpp"

#include <algorithm>

#include "core/incidents/category_fields.hpp"

namespace hqms::http {
namespace {

using nlohmann::json;

json opt(const std::optional<std::string>& v) {
  return v ? json(*v) : json(nullptr);
}

json date_json(const std::optional<Date>& d) {
  return d ? json(format_date(Timestamp(*d))) : json(nullptr);
}

json person(const std::optional<Id>& id, const UserNames& names) {
  if (!id) return nullptr;
  auto it = names.find(*id);
  return {{"id", *id}, {"displayName", it == names.end() ? "" : it->second}};
}

std::string summary_of(const std::string& text) {
  if (text.size() <= 200) return text;
  auto cut = text.substr(0, 200);
  while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();  // UTF-8
  if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
  return cut + "…";
}

}  // namespace

std::vector<Id> people_of(const IncidentReport& r) {
  std::vector<Id> ids;
  for (const auto& id : {r.reporter_id, r.handler_id, r.investigator_id})
    if (id) ids.push_back(*id);
  if (r.disclosure) ids.push_back(r.disclosure->recorded_by);
  return ids;
}

json incident_summary_json(const Organisation& org, const IncidentReport& r, const UserNames& names,
                           bool overdue) {
  const auto* dept = org.department(r.event.department_id);
  const auto* site = org.site(r.site_id);
  std::optional<std::string> severity;
  if (r.severity) severity = std::string(to_string(*r.severity));
  return {{"id", r.id},
          {"reference", r.reference},
          {"type", to_string(r.event.type)},
          {"category", to_string(r.event.category)},
          {"categoryLabel", label(r.event.category)},
          {"harm", to_string(r.event.harm)},
          {"harmLabel", label(r.event.harm)},
          {"severity", opt(severity)},
          {"siteName", site ? site->name : ""},
          {"departmentId", r.event.department_id},
          {"departmentName", dept ? dept->name : ""},
          {"occurredAt", format_iso(r.event.occurred_at)},
          {"submittedAt", format_iso(r.submitted_at)},
          {"state", to_string(r.state)},
          {"stateLabel", label(r.state)},
          {"sentinel", r.sentinel},
          {"analysisDue", date_json(r.analysis_due)},
          {"overdue", overdue},
          {"anonymous", r.anonymous},
          {"handler", person(r.handler_id, names)},
          {"summary", summary_of(r.event.description)}};
}

json incident_json(const Organisation& org, const IncidentDetail& d, const UserNames& names) {
  const auto& r = d.report;
  json out = incident_summary_json(org, r, names, d.overdue.any());
  const auto& e = r.event;
  std::optional<std::string> merp;
  if (e.merp) merp = std::string(to_string(*e.merp));
  out["harmDuration"] = to_string(e.harm_duration);
  out["merpCategory"] = opt(merp);
  out["details"] = e.details;
  out["siteId"] = r.site_id;
  out["location"] = e.location;
  out["patientMasked"] = e.patient.has_value() && !d.access.patient;
  out["patient"] = e.patient && d.access.patient
                       ? json{{"identifier", e.patient->identifier}, {"name", e.patient->name}}
                       : json(nullptr);
  out["peopleInvolved"] = e.people_involved;
  out["description"] = e.description;
  out["immediateActions"] = e.immediate_actions;
  out["reporter"] = person(r.reporter_id, names);
  out["stateReason"] = r.state_reason;
  out["mergedInto"] = r.merged_into ? json(*r.merged_into) : json(nullptr);
  out["investigator"] = person(r.investigator_id, names);
  out["relatedToNaturalCourse"] = r.related_to_natural_course;
  out["sentinelFlaggedOn"] = date_json(r.sentinel_flagged_on);
  out["investigationId"] = r.investigation_id ? json(*r.investigation_id) : json(nullptr);
  out["disclosure"] = r.disclosure ? json{{"disclosedAt", format_iso(r.disclosure->disclosed_at)},
                                          {"disclosedTo", r.disclosure->disclosed_to},
                                          {"method", r.disclosure->method},
                                          {"notes", r.disclosure->notes},
                                          {"recordedBy", person(r.disclosure->recorded_by, names)}}
                                   : json(nullptr);
  out["disclosureRequired"] = requires_disclosure(e.harm);
  const bool reporting_overdue = std::any_of(d.obligations.begin(), d.obligations.end(),
                                             [](const ReportingObligation& o) { return o.overdue; });
  out["overdue"] = d.overdue.any() || reporting_overdue;
  out["overdueReasons"] = {{"analysis", d.overdue.analysis},
                           {"disclosure", d.overdue.disclosure},
                           {"externalReporting", reporting_overdue}};
  auto obligations = json::array();
  for (const auto& o : d.obligations)
    obligations.push_back({{"ruleId", o.rule_id},
                           {"ruleName", o.rule_name},
                           {"agency", o.agency},
                           {"dueOn", format_date(Timestamp(o.due_on))},
                           {"overdue", o.overdue},
                           {"made", o.made ? json{{"id", o.made->id},
                                                  {"reportedAt", format_iso(o.made->reported_at)},
                                                  {"reportedTo", o.made->reported_to},
                                                  {"reference", o.made->reference}}
                                           : json(nullptr)}});
  out["obligations"] = std::move(obligations);
  auto files = json::array();
  for (const auto& a : d.attachments)
    files.push_back({{"id", a.id},
                     {"fileName", a.file_name},
                     {"mediaType", a.media_type},
                     {"size", a.size},
                     {"uploadedAt", format_iso(a.uploaded_at)}});
  out["attachments"] = std::move(files);
  auto next = json::array();
  if (d.access.transition)
    for (auto s : next_states(r.state)) next.push_back(to_string(s));
  out["nextStates"] = std::move(next);
  out["can"] = {{"triage", d.access.triage},
                {"transition", d.access.transition},
                {"comment", d.access.comment},
                {"viewPatient", d.access.patient},
                {"investigate", d.access.investigate}};
  out["updatedAt"] = format_iso(r.updated_at);
  out["version"] = r.version;
  return out;
}

json incident_audit_json(const IncidentReport& r) {
  std::optional<std::string> merp, severity;
  if (r.event.merp) merp = std::string(to_string(*r.event.merp));
  if (r.severity) severity = std::string(to_string(*r.severity));
  return {{"reference", r.reference},
          {"type", to_string(r.event.type)},
          {"category", to_string(r.event.category)},
          {"harm", to_string(r.event.harm)},
          {"harmDuration", to_string(r.event.harm_duration)},
          {"merpCategory", opt(merp)},
          {"details", r.event.details},
          {"departmentId", r.event.department_id},
          {"location", r.event.location},
          {"occurredAt", format_iso(r.event.occurred_at)},
          {"patientRecorded", r.event.patient.has_value()},
          {"description", r.event.description},
          {"immediateActions", r.event.immediate_actions},
          {"state", to_string(r.state)},
          {"stateReason", r.state_reason},
          {"mergedInto", r.merged_into ? json(*r.merged_into) : json(nullptr)},
          {"severity", opt(severity)},
          {"handlerId", r.handler_id ? json(*r.handler_id) : json(nullptr)},
          {"investigatorId", r.investigator_id ? json(*r.investigator_id) : json(nullptr)},
          {"sentinel", r.sentinel},
          {"analysisDue", date_json(r.analysis_due)},
          {"disclosed", r.disclosure.has_value()},
          {"investigationId", r.investigation_id ? json(*r.investigation_id) : json(nullptr)}};
}

IncidentSubmission read_submission(BodyReader& body) {
  IncidentSubmission s;
  s.type = body.choice("type", true, event_type_from_string).value_or(EventType::incident);
  s.category = body.choice("category", true, event_category_from_string).value_or(EventCategory::other);
  s.harm = body.choice("harm", true, harm_level_from_string).value_or(HarmLevel::unknown);
  s.harm_duration =
      body.choice("harmDuration", false, harm_duration_from_string).value_or(HarmDuration::unknown);
  s.merp = body.choice("merpCategory", false, merp_category_from_string);
  if (!body.has("departmentId") || body.at("departmentId").is_null())
    body.error("departmentId", "is required");
  else if (auto id = body.nullable_id("departmentId"); id && *id)
    s.department_id = **id;
  s.location = body.string("location", false, 200).value_or("");
  s.occurred_at = body.instant("occurredAt", true).value_or(Timestamp{});
  s.people_involved = body.string("peopleInvolved", false, 2000).value_or("");
  s.description = body.string("description", true, kNarrativeMaxLength).value_or("");
  s.immediate_actions = body.string("immediateActions", false, kNarrativeMaxLength).value_or("");
  if (body.has("details") && !body.at("details").is_null()) {
    const auto& details = body.at("details");
    if (!details.is_object())
      body.error("details", "must be an object of answers");
    else
      for (const auto& [k, v] : details.items()) {
        if (v.is_string())
          s.details[k] = v.get<std::string>();
        else if (!v.is_null())
          body.error("details." + k, "must be a string");
      }
  }
  if (body.has("patient") && !body.at("patient").is_null()) {
    const auto& p = body.at("patient");
    if (!p.is_object()) {
      body.error("patient", "must be an object with identifier and name, or null");
    } else {
      PatientInvolved patient;
      if (p.contains("identifier") && p["identifier"].is_string())
        patient.identifier = p["identifier"].get<std::string>();
      if (p.contains("name") && p["name"].is_string()) patient.name = p["name"].get<std::string>();
      s.patient = patient;
    }
  }
  return s;
}

json comment_json(const store::IncidentComment& c, bool for_reporter) {
  if (for_reporter)
    return {{"id", c.id},
            {"from", c.from_reporter ? "reporter" : "safety_team"},
            {"body", c.body},
            {"on", format_date(c.created_at)}};
  return {
      {"id", c.id},
      {"author", c.author_id ? json{{"id", *c.author_id}, {"displayName", c.author_name}} : json(nullptr)},
      {"fromReporter", c.from_reporter},
      {"toReporter", c.to_reporter},
      {"body", c.body},
      {"at", format_iso(c.created_at)}};
}

json reporting_rule_json(const ExternalReportingRule& r) {
  return {{"id", r.id},
          {"name", r.name},
          {"agency", r.agency},
          {"minHarm", to_string(r.min_harm)},
          {"sentinelOnly", r.sentinel_only},
          {"category", r.category ? json(to_string(*r.category)) : json(nullptr)},
          {"dueDays", r.due_days},
          {"businessDays", r.business_days},
          {"active", r.active}};
}

}  // namespace hqms::http
