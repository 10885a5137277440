#include "core/incidents/external_reporting.hpp"

#include "core/incidents/incident_rules.hpp"

namespace hqms {
namespace {

constexpr std::size_t kNameMaxLength = 200;
constexpr int kMaxDueDays = 365;

void check_name(std::vector<FieldError>& errors, const char* field, const std::string& text) {
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    errors.push_back({field, "is required"});
  else if (text.size() > kNameMaxLength)
    errors.push_back({field, "must be at most " + std::to_string(kNameMaxLength) + " characters"});
}

bool applies(const ExternalReportingRule& rule, const IncidentReport& report) {
  if (!rule.active) return false;
  if (rule.sentinel_only && !report.sentinel) return false;
  if (rule.category && *rule.category != report.event.category) return false;
  return harm_at_least(report.event.harm, rule.min_harm);
}

// A report rejected, closed as a duplicate or merged leaves no duty of its own: there was no event, or the
// surviving report carries it. Its obligations stay listed (with any report made) but never turn red.
bool ended_without_action(IncidentState s) {
  return s == IncidentState::rejected || s == IncidentState::duplicate || s == IncidentState::merged;
}

}  // namespace

std::vector<FieldError> check_reporting_rule(const ExternalReportingRule& rule) {
  std::vector<FieldError> errors;
  check_name(errors, "name", rule.name);
  check_name(errors, "agency", rule.agency);
  if (rule.min_harm == HarmLevel::unknown)
    errors.push_back(
        {"minHarm", "unknown harm meets no threshold: choose the least harm that must be reported"});
  if (rule.due_days < 1 || rule.due_days > kMaxDueDays)
    errors.push_back({"dueDays", "must be between 1 and " + std::to_string(kMaxDueDays) + " days"});
  return errors;
}

std::vector<ReportingObligation> reporting_obligations(const IncidentReport& report,
                                                       std::span<const ExternalReportingRule> rules,
                                                       std::span<const ExternalReport> made, Date today,
                                                       const BusinessCalendar& calendar) {
  std::vector<ReportingObligation> out;
  const Date submitted = std::chrono::floor<std::chrono::days>(report.submitted_at);
  for (const auto& rule : rules) {
    if (!applies(rule, report)) continue;
    ReportingObligation o;
    o.rule_id = rule.id;
    o.rule_name = rule.name;
    o.agency = rule.agency;
    o.due_on = rule.business_days ? calendar.add_business_days(submitted, rule.due_days)
                                  : submitted + std::chrono::days(rule.due_days);
    // The first report under a rule is the one that met the deadline; later ones are follow-ups.
    for (const auto& m : made)
      if (m.rule_id == rule.id && (!o.made || m.reported_at < o.made->reported_at)) o.made = m;
    o.overdue = !o.made && o.due_on < today && !ended_without_action(report.state);
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace hqms
