// FHIR R4 Bundles of AdverseEvent resources in, as submissions for the triage queue: every problem named
// on its FHIR path, and nothing returned unless every entry reads cleanly.
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

#include "core/incidents/incident_rules.hpp"
#include "core/interop/fhir_adverse_event.hpp"
#include "core/interop/fhir_vocabulary.hpp"

namespace hqms {
namespace {

using json = nlohmann::json;
using namespace fhir;

// Where the problems of one entry go, each prefixed with the entry's path.
struct Problems {
  std::string base;
  std::vector<FieldError>& list;
  void add(const std::string& path, std::string message) const {
    list.push_back({base.empty() ? path : base + "." + path, std::move(message)});
  }
};

std::string at(const std::string& path, const char* member) {
  return path.empty() ? std::string(member) : path + "." + member;
}

std::string at(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

const json* child(const json& holder, const char* key) {
  if (!holder.is_object()) return nullptr;
  auto it = holder.find(key);
  return it == holder.end() || it->is_null() ? nullptr : &*it;
}

std::optional<std::string> text_at(const json& holder, const char* key, const std::string& path,
                                   const Problems& problems) {
  const json* value = child(holder, key);
  if (!value) return std::nullopt;
  if (!value->is_string()) {
    problems.add(at(path, key), "must be a string");
    return std::nullopt;
  }
  return value->get<std::string>();
}

// The elements of an array member; a member that is not an array is reported and treated as empty.
std::vector<std::pair<std::string, const json*>> items_at(const json& holder, const char* key,
                                                          const std::string& path, const Problems& problems) {
  std::vector<std::pair<std::string, const json*>> out;
  const json* list = child(holder, key);
  if (!list) return out;
  if (!list->is_array()) {
    problems.add(at(path, key), "must be an array");
    return out;
  }
  for (std::size_t i = 0; i < list->size(); ++i) out.emplace_back(at(at(path, key), i), &(*list)[i]);
  return out;
}

struct Extension {
  std::string path;
  std::string url;
  const json* value;
};

std::vector<Extension> extensions_at(const json& holder, const std::string& path, const Problems& problems) {
  std::vector<Extension> out;
  for (const auto& [item_path, item] : items_at(holder, "extension", path, problems)) {
    auto url = text_at(*item, "url", item_path, problems);
    if (!url) {
      if (!child(*item, "url")) problems.add(at(item_path, "url"), "required: every extension has its url");
      continue;
    }
    out.push_back({item_path, *url, item});
  }
  return out;
}

const Extension* find_extension(const std::vector<Extension>& all, std::string_view url) {
  for (const auto& e : all)
    if (e.url == url) return &e;
  return nullptr;
}

std::optional<std::string> extension_value(const Extension& e, const char* value_key,
                                           const Problems& problems) {
  auto value = text_at(*e.value, value_key, e.path, problems);
  if (!value && !child(*e.value, value_key)) problems.add(at(e.path, value_key), "required");
  return value;
}

template <class T, class Parse>
std::optional<T> coded_extension(const std::vector<Extension>& all, const char* url, Parse parse,
                                 std::string_view what, const Problems& problems) {
  const auto* e = find_extension(all, url);
  if (!e) return std::nullopt;
  auto code = extension_value(*e, "valueCode", problems);
  if (!code) return std::nullopt;
  auto value = parse(*code);
  if (!value) problems.add(at(e->path, "valueCode"), "\"" + *code + "\" is not " + std::string(what));
  return value;
}

// The code of a CodeableConcept's coding in `system`, if it has one.
struct Code {
  std::string path;
  std::string code;
};
std::optional<Code> code_in(const json& resource, const char* member, const char* system,
                            const Problems& problems) {
  const json* codeable = child(resource, member);
  if (!codeable) return std::nullopt;
  for (const auto& [path, c] : items_at(*codeable, "coding", member, problems))
    if (text_at(*c, "system", path, problems) == system) {
      auto code = text_at(*c, "code", path, problems);
      if (code) return Code{at(path, "code"), *code};
    }
  return std::nullopt;
}

bool read_number(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  for (std::size_t i = pos; i < pos + len; ++i)
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  return std::from_chars(text.data() + pos, text.data() + pos + len, out).ec == std::errc{};
}

// A FHIR dateTime precise to the day at least: YYYY-MM-DD (the start of that UTC day), or
// YYYY-MM-DDThh:mm:ss[.fraction] with Z or an offset, which FHIR requires whenever a time is given.
std::optional<Timestamp> parse_fhir_date_time(std::string_view text) {
  using namespace std::chrono;
  int y = 0, mo = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-' || !read_number(text, 0, 4, y) ||
      !read_number(text, 5, 2, mo) || !read_number(text, 8, 2, d))
    return std::nullopt;
  const year_month_day ymd{year{y}, month{static_cast<unsigned>(mo)}, day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  Timestamp t{sys_days{ymd}};
  if (text.size() == 10) return t;

  int hh = 0, mm = 0, ss = 0;
  if (text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' ||
      !read_number(text, 11, 2, hh) || !read_number(text, 14, 2, mm) || !read_number(text, 17, 2, ss) ||
      hh > 23 || mm > 59 || ss > 60)
    return std::nullopt;
  t += hours{hh} + minutes{mm} + seconds{ss};
  std::size_t pos = 19;
  if (text[pos] == '.') {
    const auto digits_end = text.find_first_not_of("0123456789", pos + 1);
    const std::size_t digits = (digits_end == std::string_view::npos ? text.size() : digits_end) - pos - 1;
    if (digits == 0 || digits > 9) return std::nullopt;
    int ms = 0;
    if (!read_number(text, pos + 1, std::min<std::size_t>(digits, 3), ms)) return std::nullopt;
    for (std::size_t i = digits; i < 3; ++i) ms *= 10;
    t += milliseconds{ms};
    pos += 1 + digits;
  }
  const auto zone = text.substr(pos);
  if (zone == "Z") return t;
  int oh = 0, om = 0;
  if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') || zone[3] != ':' ||
      !read_number(zone, 1, 2, oh) || !read_number(zone, 4, 2, om) || oh > 14 || om > 59)
    return std::nullopt;
  const auto offset = hours{oh} + minutes{om};
  return zone[0] == '+' ? t - offset : t + offset;
}

bool same_text(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The finer location after "<department>, " in a display such as "Emergency, Bay 3".
std::optional<std::string> after_department(std::string_view display, const Department& d) {
  for (std::string_view name : {std::string_view(d.name), std::string_view(d.code)}) {
    if (same_text(display, name)) return std::string();
    if (display.size() > name.size() + 2 && same_text(display.substr(0, name.size()), name) &&
        display.substr(name.size(), 2) == ", ")
      return std::string(display.substr(name.size() + 2));
  }
  return std::nullopt;
}

std::vector<const Department*> departments_where(const Organisation& org, auto matches) {
  std::vector<const Department*> out;
  for (const auto& site : org.sites)
    for (const auto& d : site.departments)
      if (matches(d)) out.push_back(&d);
  return out;
}

void read_location(const json& resource, const Organisation& org, IncidentSubmission& s, const Problems& p) {
  const json* location = child(resource, "location");
  if (!location || !location->is_object()) {
    p.add("location", location ? "must be a Location reference"
                               : "required: the department where it happened (its code or name as display)");
    return;
  }
  const auto display = text_at(*location, "display", "location", p).value_or("");
  const auto extensions = extensions_at(*location, "location", p);

  const Department* department = nullptr;
  if (const auto* e = find_extension(extensions, kDepartmentUrl)) {
    auto code = extension_value(*e, "valueCode", p);
    if (!code) return;
    auto found = departments_where(org, [&](const Department& d) { return same_text(d.code, *code); });
    if (found.size() != 1) {
      p.add(at(e->path, "valueCode"), found.empty()
                                          ? "no department has the code \"" + *code + "\""
                                          : "more than one department has the code \"" + *code + "\"");
      return;
    }
    department = found.front();
    s.location = after_department(display, *department).value_or(display);
  } else {
    auto found = departments_where(org, [&](const Department& d) { return after_department(display, d); });
    if (found.size() != 1) {
      p.add("location.display", display.empty() ? "required: the department where it happened"
                                : found.empty()
                                    ? "\"" + display + "\" matches no department's code or name"
                                    : "\"" + display + "\" matches more than one department; give its code");
      return;
    }
    department = found.front();
    s.location = *after_department(display, *department);
  }
  s.department_id = department->id;
}

void read_subject(const json& resource, IncidentSubmission& s, const Problems& p) {
  const json* subject = child(resource, "subject");
  if (!subject) return;
  if (!subject->is_object()) {
    p.add("subject", "must be a Patient reference");
    return;
  }
  if (find_extension(extensions_at(*subject, "subject", p), kDataAbsentReasonUrl)) return;
  const json* identifier = child(*subject, "identifier");
  auto value = identifier ? text_at(*identifier, "value", "subject.identifier", p) : std::nullopt;
  if (!value) {
    // A reference alone ("Patient/123") is the other system's key, which cannot be matched to a record here.
    if (child(*subject, "reference"))
      p.add("subject.identifier",
            "the patient's identifier (medical record number) is needed; a reference "
            "alone cannot be matched");
    return;
  }
  s.patient =
      PatientInvolved{.identifier = *value, .name = text_at(*subject, "display", "subject", p).value_or("")};
}

EventCategory read_category(const json& resource, const Problems& p) {
  std::optional<EventCategory> hqms, fhir;
  for (const auto& [concept_path, codeable] : items_at(resource, "category", "", p))
    for (const auto& [path, c] : items_at(*codeable, "coding", concept_path, p)) {
      const auto system = text_at(*c, "system", path, p);
      const auto code = text_at(*c, "code", path, p);
      if (!system || !code) continue;
      if (*system == kEventCategorySystem) {
        auto category = event_category_from_string(*code);
        if (!category) p.add(at(path, "code"), "\"" + *code + "\" is not an HQMS event category");
        if (!hqms) hqms = category;
      } else if (*system == kCategorySystem) {
        const auto* known = fhir_category(*code);
        if (!known) p.add(at(path, "code"), "\"" + *code + "\" is not an adverse-event-category code");
        if (known && !fhir) fhir = known->hqms;
      }
    }
  return hqms.value_or(fhir.value_or(EventCategory::other));
}

void read_type(const json& resource, const std::vector<Extension>& extensions, IncidentSubmission& s,
               const Problems& p) {
  const auto actuality = text_at(resource, "actuality", "", p);
  if (!actuality || (*actuality != "actual" && *actuality != "potential")) {
    p.add("actuality", actuality ? "must be actual or potential" : "required: actual or potential");
    return;
  }
  const bool actual = *actuality == "actual";
  auto type =
      coded_extension<EventType>(extensions, kEventTypeUrl, event_type_from_string, "an HQMS event type", p);
  if (type && (*type == EventType::incident) != actual)
    p.add("actuality", "does not agree with the event type " + std::string(to_string(*type)) +
                           ": an incident is actual, a near miss or unsafe condition potential");
  s.type = type.value_or(actual ? EventType::incident : EventType::near_miss);
}

// HQMS's own harm extension when the resource came from HQMS; otherwise the closest reading of FHIR's
// seriousness, severity and outcome, leaving unknown what they do not settle.
void read_harm(const json& resource, const std::vector<Extension>& extensions, IncidentSubmission& s,
               const Problems& p) {
  const auto severity = code_in(resource, "severity", kSeveritySystem, p);
  if (severity && severity->code != "mild" && severity->code != "moderate" && severity->code != "severe")
    p.add(severity->path, "\"" + severity->code + "\" is not an adverse-event-severity code");
  const auto outcome = code_in(resource, "outcome", kOutcomeSystem, p);
  constexpr std::array kOutcomes{"resolved", "recovering", "ongoing", "resolvedWithSequelae",
                                 "fatal",    "unknown"};
  if (outcome && std::find(kOutcomes.begin(), kOutcomes.end(), outcome->code) == kOutcomes.end())
    p.add(outcome->path, "\"" + outcome->code + "\" is not an adverse-event-outcome code");
  // R4 itself shipped "Serious", "Non-serious" and the "Serious..." reasons; the terminology server now has
  // "serious" and "non-serious". Both are read.
  const auto seriousness = code_in(resource, "seriousness", kSeriousnessSystem, p);
  const bool serious = seriousness && same_text(seriousness->code.substr(0, 7), "serious");
  if (seriousness && !serious && !same_text(seriousness->code, "non-serious"))
    p.add(seriousness->path, "\"" + seriousness->code + "\" is not an adverse-event-seriousness code");

  auto harm =
      coded_extension<HarmLevel>(extensions, kHarmUrl, harm_level_from_string, "an HQMS harm level", p);
  auto duration = coded_extension<HarmDuration>(extensions, kHarmDurationUrl, harm_duration_from_string,
                                                "an HQMS harm duration", p);
  if (!harm) {
    if (s.type != EventType::incident)
      harm = HarmLevel::no_harm;
    else if (outcome && outcome->code == "fatal")
      harm = HarmLevel::death;
    else if (severity && severity->code == "mild")
      harm = HarmLevel::mild;
    else if (severity && severity->code == "moderate")
      harm = HarmLevel::moderate;
    else if ((severity && severity->code == "severe") || serious)
      harm = HarmLevel::severe;
  }
  s.harm = harm.value_or(HarmLevel::unknown);
  const bool harmed =
      s.harm == HarmLevel::mild || s.harm == HarmLevel::moderate || s.harm == HarmLevel::severe;
  if (!duration && harmed && outcome) {
    if (outcome->code == "resolvedWithSequelae") duration = HarmDuration::permanent;
    if (outcome->code == "resolved" || outcome->code == "recovering") duration = HarmDuration::temporary;
  }
  s.harm_duration = duration.value_or(HarmDuration::unknown);
  s.merp = coded_extension<MerpCategory>(extensions, kMerpUrl, merp_category_from_string,
                                         "an NCC MERP category (A to I)", p);
}

void read_details(const json& resource, const std::vector<Extension>& extensions, IncidentSubmission& s,
                  const Problems& p) {
  for (const auto& e : extensions) {
    if (e.url != kEventDetailUrl) continue;
    const auto parts = extensions_at(*e.value, e.path, p);
    const auto* name = find_extension(parts, "name");
    const auto* value = find_extension(parts, "value");
    if (!name || !value) {
      p.add(at(e.path, "extension"), "an event detail needs a name and a value");
      continue;
    }
    auto key = extension_value(*name, "valueCode", p);
    auto text = extension_value(*value, "valueString", p);
    if (key && text) s.details[*key] = *text;
  }
  // From another system, the drug or device is the suspect entity.
  const char* named = s.category == EventCategory::medication ? "drug"
                      : s.category == EventCategory::device   ? "deviceName"
                                                              : nullptr;
  if (!named || s.details.contains(named)) return;
  for (const auto& [path, entity] : items_at(resource, "suspectEntity", "", p)) {
    const json* instance = child(*entity, "instance");
    if (auto display = instance ? text_at(*instance, "display", at(path, "instance"), p) : std::nullopt) {
      s.details[named] = *display;
      break;
    }
  }
}

std::string resource_type(const json& resource) {
  const json* type = child(resource, "resourceType");
  return type && type->is_string() ? type->get<std::string>() : std::string();
}

Timestamp read_occurrence(const json& resource, const Problems& p) {
  const json* date = child(resource, "date");
  if (!date) {
    p.add("date", "required: when the event happened");
    return {};
  }
  auto occurred = date->is_string() ? parse_fhir_date_time(date->get<std::string>()) : std::nullopt;
  if (!occurred)
    p.add("date", date->dump() + " is not a FHIR dateTime with at least the day (a time needs its zone)");
  return occurred.value_or(Timestamp{});
}

// check_submission() names fields as the API does; an importer fixes the FHIR element instead.
std::string fhir_path_of(const std::string& field) {
  static const std::array<std::pair<std::string_view, std::string_view>, 9> kPaths{{
      {"type", "actuality"},
      {"category", "category"},
      {"departmentId", "location"},
      {"location", "location.display"},
      {"occurredAt", "date"},
      {"patient", "subject"},
      {"patient.identifier", "subject.identifier.value"},
      {"patient.name", "subject.display"},
      {"description", "event.text"},
  }};
  for (const auto& [api, fhir] : kPaths)
    if (api == field) return std::string(fhir);
  return field;
}

std::optional<FhirImportedEvent> read_adverse_event(const json& resource, const Organisation& org,
                                                    Timestamp now, const Problems& p) {
  const std::size_t errors_before = p.list.size();
  if (!resource.is_object()) {
    p.add("resourceType", "expected an AdverseEvent resource");
    return std::nullopt;
  }
  if (const auto type = resource_type(resource); type != "AdverseEvent") {
    p.add("resourceType", type.empty() ? "expected AdverseEvent" : "expected AdverseEvent, not " + type);
    return std::nullopt;
  }

  FhirImportedEvent imported;
  auto& s = imported.submission;
  const auto extensions = extensions_at(resource, "", p);
  read_type(resource, extensions, s, p);
  s.category = read_category(resource, p);
  read_harm(resource, extensions, s, p);
  read_details(resource, extensions, s, p);
  read_location(resource, org, s, p);
  read_subject(resource, s, p);

  s.occurred_at = read_occurrence(resource, p);

  if (const json* event = child(resource, "event")) {
    s.description = text_at(*event, "text", "event", p).value_or("");
    if (s.description.empty())
      for (const auto& [path, c] : items_at(*event, "coding", "event", p))
        if (auto display = text_at(*c, "display", path, p)) {
          s.description = *display;
          break;
        }
  }
  for (const auto& e : extensions) {
    if (e.url == kPeopleInvolvedUrl) s.people_involved = extension_value(e, "valueString", p).value_or("");
    if (e.url == kImmediateActionsUrl)
      s.immediate_actions = extension_value(e, "valueString", p).value_or("");
  }

  const json* identifier = child(resource, "identifier");
  if (identifier && identifier->is_array()) identifier = identifier->empty() ? nullptr : &(*identifier)[0];
  imported.source_identifier = (identifier ? text_at(*identifier, "value", "identifier", p) : std::nullopt)
                                   .value_or(text_at(resource, "id", "", p).value_or(""));

  // The rules every submission meets, once the resource itself reads cleanly (a department or date that
  // could not be read is reported once, not again as "required").
  if (p.list.size() != errors_before) return std::nullopt;
  for (const auto& e : check_submission(s, org, now)) p.add(fhir_path_of(e.field), e.message);
  if (p.list.size() != errors_before) return std::nullopt;
  return imported;
}

}  // namespace

Result<std::vector<FhirImportedEvent>> from_fhir_bundle(const json& bundle, const Organisation& org,
                                                        Timestamp now) {
  std::vector<FieldError> errors;
  const auto refuse = [&] { return Error::validation(std::move(errors), "The bundle was not imported."); };
  const auto fail = [&](const char* field, std::string message) {
    errors.push_back({field, std::move(message)});
  };

  if (resource_type(bundle) != "Bundle") {
    fail("resourceType", "expected a FHIR Bundle");
    return refuse();
  }
  // A searchset or a document is somebody else's view of events, not a set handed over for triage.
  const json* type = child(bundle, "type");
  if (!type)
    fail("type", "required: collection, transaction or batch");
  else if (*type != "collection" && *type != "transaction" && *type != "batch")
    fail("type",
         "a bundle of type " + type->dump() + " cannot be imported; use collection, transaction or batch");
  const json* entries = child(bundle, "entry");
  if (!entries || !entries->is_array() || entries->empty()) {
    fail("entry", entries && !entries->is_array() ? "must be an array" : "the bundle holds no entries");
    return refuse();
  }

  std::vector<FhirImportedEvent> imported;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    const std::string entry_path = at("entry", i);
    const json* resource = child((*entries)[i], "resource");
    if (!resource) {
      errors.push_back({at(entry_path, "resource"), "required: the AdverseEvent"});
      continue;
    }
    if (auto event = read_adverse_event(*resource, org, now, Problems{at(entry_path, "resource"), errors}))
      imported.push_back(std::move(*event));
  }
  if (!errors.empty()) return refuse();
  return imported;
}

}  // namespace hqms
