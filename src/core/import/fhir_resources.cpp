#include "core/import/fhir_resources.hpp"

#include <simdjson.h>

#include "core/import/iso_datetime.hpp"

namespace hqms::importing::fhir {
namespace {

namespace od = simdjson::ondemand;

constexpr std::string_view ethnicity_url =
    "http://hl7.org/fhir/us/core/StructureDefinition/us-core-ethnicity";
constexpr std::string_view payer_url = "https://hqms.example.org/fhir/StructureDefinition/payer";
constexpr std::string_view device_type_url = "https://hqms.example.org/fhir/StructureDefinition/device-type";
constexpr std::string_view disposition_system = "http://terminology.hl7.org/CodeSystem/discharge-disposition";
constexpr std::string_view hqms_disposition_system = "https://hqms.example.org/fhir/CodeSystem/disposition";
constexpr std::string_view snomed = "http://snomed.info/sct";

// Thrown for a resource that is valid JSON but breaks the FHIR shape HQMS reads.
struct Fault {
  std::string element;
  std::string message;
};

std::string_view key_of(od::field& field) {
  return field.unescaped_key();
}

std::string_view text_of(od::value value) {
  return value.get_string();
}

// "Encounter/123" (or a full URL ending so) -> "123"; empty when the reference is to another type.
std::string_view referenced_id(std::string_view reference, std::string_view type) {
  std::size_t at = 0;
  for (;;) {
    const auto found = reference.find(type, at);
    if (found == std::string_view::npos) return {};
    const auto after = found + type.size();
    if ((found == 0 || reference[found - 1] == '/') && after < reference.size() && reference[after] == '/') {
      auto id = reference.substr(after + 1);
      return id.substr(0, id.find('/'));
    }
    at = found + 1;
  }
}

// Reference.reference of a Reference element, as the id of a resource of `type`.
std::string_view reference_to(od::value value, std::string_view type, std::string_view element) {
  std::string_view reference;
  for (od::field field : value.get_object()) {
    if (key_of(field) == "reference") reference = text_of(field.value());
  }
  if (reference.empty()) throw Fault{std::string(element), "no reference"};
  const auto id = referenced_id(reference, type);
  if (id.empty())
    throw Fault{std::string(element),
                "'" + std::string(reference) + "' is not a reference to a " + std::string(type)};
  return id;
}

std::int64_t date_time(std::string_view text, std::string_view element) {
  if (const auto seconds = parse_date_time(text)) return *seconds;
  throw Fault{std::string(element), "'" + std::string(text) + "' is not a FHIR dateTime with a day"};
}

// A FHIR date: YYYY, YYYY-MM or YYYY-MM-DD; a partial one counts from its first day.
std::int64_t date(std::string_view text, std::string_view element) {
  std::string full(text);
  if (full.size() == 4) full += "-01-01";
  if (full.size() == 7) full += "-01";
  if (const auto day = parse_date(full)) return *day;
  throw Fault{std::string(element), "'" + std::string(text) + "' is not a FHIR date"};
}

struct Coding {
  std::string_view system, code, display;
};

Coding coding_of(od::value value) {
  Coding coding;
  for (od::field field : value.get_object()) {
    const auto key = key_of(field);
    if (key == "system")
      coding.system = text_of(field.value());
    else if (key == "code")
      coding.code = text_of(field.value());
    else if (key == "display")
      coding.display = text_of(field.value());
  }
  return coding;
}

// Calls `each` with every Coding of a CodeableConcept.
template <class Each>
void codings_of(od::value concept_value, Each&& each) {
  for (od::field field : concept_value.get_object()) {
    if (key_of(field) != "coding") continue;
    for (od::value coding : field.value().get_array()) each(coding_of(coding));
  }
}

std::string_view sex_of(std::string_view gender) {
  for (const auto known : {"female", "male", "other", "unknown"})
    if (gender == known) return known;
  return {};
}

std::string_view disposition_of(const Coding& coding) {
  const auto& c = coding.code;
  if (coding.system == hqms_disposition_system)
    return c == "lwbs" ? "left_without_being_seen" : std::string_view{};
  if (!coding.system.empty() && coding.system != disposition_system) return {};
  if (c == "home" || c == "alt-home") return "home";
  if (c == "other-hcf" || c == "hosp" || c == "psy" || c == "rehab") return "transfer";
  if (c == "long" || c == "snf") return "care_facility";
  if (c == "exp") return "died";
  if (c == "aadvice") return "against_advice";
  return {};
}

bool icd10_system(std::string_view system) {
  return system == "http://hl7.org/fhir/sid/icd-10" || system == "http://hl7.org/fhir/sid/icd-10-cm";
}

}  // namespace

struct ResourceReader::Parser {
  od::parser json;
  BulkResources* into = nullptr;
  Where at;
  std::string_view id;
  const char* element = "";  // what was being read, for a parse error's report

  void patient(od::object object) {
    PatientFacts p;
    p.sex = "unknown";
    p.ethnicity = "unknown";
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "gender") {
        element = "gender";
        const auto gender = text_of(field.value());
        p.sex = sex_of(gender);
        if (p.sex.empty()) throw Fault{"gender", "'" + std::string(gender) + "' is not a FHIR gender"};
      } else if (key == "birthDate") {
        element = "birthDate";
        p.birth_day = date(text_of(field.value()), "birthDate");
      } else if (key == "extension") {
        element = "extension";
        for (od::value extension : field.value().get_array()) {
          std::string_view url, text, omb;
          for (od::field part : extension.get_object()) {
            const auto part_key = key_of(part);
            if (part_key == "url") {
              url = text_of(part.value());
            } else if (part_key == "extension") {
              for (od::value inner : part.value().get_array()) {
                std::string_view inner_url, value_string, display;
                for (od::field f : inner.get_object()) {
                  const auto k = key_of(f);
                  if (k == "url")
                    inner_url = text_of(f.value());
                  else if (k == "valueString")
                    value_string = text_of(f.value());
                  else if (k == "valueCoding")
                    display = coding_of(f.value()).display;
                }
                if (inner_url == "text") text = value_string;
                if (inner_url == "ombCategory" && omb.empty()) omb = display;
              }
            }
          }
          if (url == ethnicity_url) {
            if (!text.empty())
              p.ethnicity = text;
            else if (!omb.empty())
              p.ethnicity = omb;
          }
        }
      }
    }
    if (id.empty()) throw Fault{"id", "required"};
    p.id = into->texts.keep(id);
    p.ethnicity = into->texts.intern(p.ethnicity);
    p.at = at;
    into->patients.push_back(p);
  }

  void encounter(od::object object) {
    EncounterFacts e;
    std::string_view class_code, start, end, disposition;
    bool has_start = false, has_end = false;
    e.payer = "unknown";
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "class") {
        element = "class";
        class_code = coding_of(field.value()).code;
      } else if (key == "subject") {
        element = "subject";
        e.patient = reference_to(field.value(), "Patient", "subject");
      } else if (key == "period") {
        element = "period";
        for (od::field f : field.value().get_object()) {
          const auto k = key_of(f);
          if (k == "start") {
            element = "period.start";
            start = text_of(f.value());
            has_start = true;
          } else if (k == "end") {
            element = "period.end";
            end = text_of(f.value());
            has_end = true;
          }
        }
      } else if (key == "serviceProvider") {
        element = "serviceProvider.identifier.value";
        for (od::field f : field.value().get_object()) {
          if (key_of(f) != "identifier") continue;
          for (od::field g : f.value().get_object())
            if (key_of(g) == "value") e.site = text_of(g.value());
        }
      } else if (key == "location") {
        element = "location[0].location.identifier.value";
        for (od::value entry : field.value().get_array()) {
          for (od::field f : entry.get_object()) {
            if (key_of(f) != "location") continue;
            for (od::field g : f.value().get_object()) {
              if (key_of(g) != "identifier") continue;
              for (od::field h : g.value().get_object())
                if (key_of(h) == "value") e.department = text_of(h.value());
            }
          }
          break;  // the first location is the discharging department
        }
      } else if (key == "hospitalization") {
        element = "hospitalization.dischargeDisposition";
        for (od::field f : field.value().get_object()) {
          if (key_of(f) != "dischargeDisposition") continue;
          codings_of(f.value(), [&](const Coding& coding) {
            if (disposition.empty()) disposition = disposition_of(coding);
          });
        }
      } else if (key == "extension") {
        element = "extension";
        for (od::value extension : field.value().get_array()) {
          std::string_view url, value;
          for (od::field f : extension.get_object()) {
            const auto k = key_of(f);
            if (k == "url")
              url = text_of(f.value());
            else if (k == "valueString")
              value = text_of(f.value());
          }
          if (url == payer_url && !value.empty()) e.payer = value;
        }
      } else if (key == "diagnosis") {
        element = "diagnosis";
        for (od::value entry : field.value().get_array()) {
          std::string_view condition;
          std::int64_t rank = 0;
          for (od::field f : entry.get_object()) {
            const auto k = key_of(f);
            if (k == "condition")
              condition = reference_to(f.value(), "Condition", "diagnosis.condition");
            else if (k == "rank")
              rank = f.value().get_int64();
          }
          if (rank == 1 && e.primary_condition.empty()) e.primary_condition = condition;
        }
      }
    }
    if (id.empty()) throw Fault{"id", "required"};
    if (class_code == "IMP" || class_code == "ACUTE" || class_code == "NONAC")
      e.stay_class = StayClass::inpatient;
    else if (class_code == "EMER")
      e.stay_class = StayClass::emergency;
    else if (class_code == "AMB" || class_code == "SS" || class_code == "OBSENC")
      e.stay_class = StayClass::day_case;
    else
      throw Fault{"class", class_code.empty()
                               ? std::string("required")
                               : "'" + std::string(class_code) +
                                     "' is not a hospital stay (IMP, EMER, AMB, SS or OBSENC)"};
    if (e.patient.empty()) throw Fault{"subject", "required: the Patient"};
    if (!has_start) throw Fault{"period.start", "required"};
    if (!has_end) throw Fault{"period.end", "required: the stay has not ended"};
    e.start = date_time(start, "period.start");
    e.end = date_time(end, "period.end");
    if (e.site.empty()) throw Fault{"serviceProvider.identifier.value", "required: the site code"};
    if (e.department.empty())
      throw Fault{"location[0].location.identifier.value", "required: the department code"};

    auto& texts = into->texts;
    e.id = texts.keep(id);
    e.patient = texts.keep(e.patient);
    e.site = texts.intern(e.site);
    e.department = texts.intern(e.department);
    e.payer = texts.intern(e.payer);
    e.disposition = disposition.empty() ? std::string_view("other") : disposition;  // static value-set ids
    e.primary_condition = texts.keep(e.primary_condition);
    e.at = at;
    into->encounters.push_back(e);
  }

  void condition(od::object object) {
    ConditionFacts c;
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "encounter") {
        element = "encounter";
        c.encounter = reference_to(field.value(), "Encounter", "encounter");
      } else if (key == "code") {
        element = "code";
        codings_of(field.value(), [&](const Coding& coding) {
          if (c.code.empty() && icd10_system(coding.system)) c.code = coding.code;
        });
      } else if (key == "category") {
        element = "category";
        for (od::value category : field.value().get_array()) {
          codings_of(category, [&](const Coding& coding) {
            if (coding.code == "encounter-diagnosis") c.encounter_diagnosis = true;
          });
        }
      } else if (key == "onsetDateTime") {
        element = "onsetDateTime";
        c.onset = date_time(text_of(field.value()), "onsetDateTime");
      }
    }
    if (c.encounter.empty()) throw Fault{"encounter", "required: the Encounter"};
    if (c.code.empty())
      throw Fault{"code", "required: an ICD-10 coding (system http://hl7.org/fhir/sid/icd-10 or -cm)"};
    auto& texts = into->texts;
    c.id = texts.keep(id);
    c.encounter = texts.keep(c.encounter);
    c.code = texts.intern(c.code);
    c.at = at;
    into->conditions.push_back(c);
  }

  void procedure(od::object object) {
    ProcedureFacts p;
    bool not_done = false;
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "status") {
        element = "status";
        const auto status = text_of(field.value());
        not_done = status == "not-done" || status == "entered-in-error";
      } else if (key == "encounter") {
        element = "encounter";
        p.encounter = reference_to(field.value(), "Encounter", "encounter");
      } else if (key == "code") {
        element = "code";
        codings_of(field.value(), [&](const Coding& coding) {
          if (p.code.empty()) p.code = coding.code;
        });
      }
    }
    if (p.encounter.empty()) throw Fault{"encounter", "required: the Encounter"};
    if (p.code.empty()) throw Fault{"code", "required: a coded procedure"};
    if (not_done) return;  // read and valid, but nothing was done
    p.id = into->texts.keep(id);
    p.encounter = into->texts.keep(p.encounter);
    p.code = into->texts.intern(p.code);
    p.at = at;
    into->procedures.push_back(p);
  }

  void medication(od::object object) {
    MedicationFacts m;
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "status") {
        element = "status";
        m.completed = text_of(field.value()) == "completed";
      } else if (key == "context") {
        element = "context";
        m.encounter = reference_to(field.value(), "Encounter", "context");
      }
    }
    if (m.encounter.empty()) throw Fault{"context", "required: the Encounter"};
    m.id = into->texts.keep(id);
    m.encounter = into->texts.keep(m.encounter);
    m.at = at;
    into->medications.push_back(m);
  }

  void device_use(od::object object) {
    DeviceFacts d;
    std::string_view start;
    bool entered_in_error = false;
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "status") {
        element = "status";
        entered_in_error = text_of(field.value()) == "entered-in-error";
      } else if (key == "subject") {
        element = "subject";
        d.patient = reference_to(field.value(), "Patient", "subject");
      } else if (key == "timingPeriod") {
        element = "timingPeriod";
        for (od::field f : field.value().get_object()) {
          const auto k = key_of(f);
          if (k == "start") {
            element = "timingPeriod.start";
            start = text_of(f.value());
          } else if (k == "end") {
            element = "timingPeriod.end";
            d.end = date_time(text_of(f.value()), "timingPeriod.end");
          }
        }
      } else if (key == "extension") {
        element = "extension";
        for (od::value extension : field.value().get_array()) {
          std::string_view url;
          Coding coding;
          for (od::field f : extension.get_object()) {
            const auto k = key_of(f);
            if (k == "url")
              url = text_of(f.value());
            else if (k == "valueCoding")
              coding = coding_of(f.value());
          }
          if (url != device_type_url || coding.system != snomed) continue;
          if (coding.code == "52124006")
            d.device = Device::central_line;
          else if (coding.code == "23973005")
            d.device = Device::urinary_catheter;
        }
      }
    }
    if (d.patient.empty()) throw Fault{"subject", "required: the Patient"};
    if (start.empty()) throw Fault{"timingPeriod.start", "required"};
    d.start = date_time(start, "timingPeriod.start");
    if (d.end && *d.end < d.start) throw Fault{"timingPeriod.end", "before timingPeriod.start"};
    if (entered_in_error || d.device == Device::other) return;  // valid, but no device HQMS counts
    d.id = into->texts.keep(id);
    d.patient = into->texts.keep(d.patient);
    d.at = at;
    into->devices.push_back(d);
  }

  void observation(od::object object) {
    ObservationFacts o;
    for (od::field field : object) {
      const auto key = key_of(field);
      if (key == "id") {
        element = "id";
        id = text_of(field.value());
      } else if (key == "encounter") {
        element = "encounter";
        o.encounter = reference_to(field.value(), "Encounter", "encounter");
      }
    }
    if (o.encounter.empty()) throw Fault{"encounter", "required: the Encounter"};
    o.id = into->texts.keep(id);
    o.encounter = into->texts.keep(o.encounter);
    o.at = at;
    into->observations.push_back(o);
  }
};

ResourceReader::ResourceReader() : parser_(std::make_unique<Parser>()) {}
ResourceReader::~ResourceReader() = default;

void ResourceReader::read(const simdjson::padded_string_view& line, Where at, BulkResources& into,
                          std::string& resource_id, std::vector<FieldError>& errors) {
  auto& p = *parser_;
  p.into = &into;
  p.at = at;
  p.id = {};
  p.element = "";
  resource_id.clear();
  const auto counts = into.counts();
  od::document document;
  if (const auto error = p.json.iterate(line).get(document)) {
    errors.push_back({"", std::string("not JSON: ") + simdjson::error_message(error)});
    return;
  }
  try {
    std::string_view type;
    if (const auto error = document["resourceType"].get_string().get(type)) {
      if (error == simdjson::NO_SUCH_FIELD)
        errors.push_back({"resourceType", "required"});
      else if (error == simdjson::INCORRECT_TYPE)
        errors.push_back({"resourceType", "not a string (or the line is not a JSON object)"});
      else
        errors.push_back({"", std::string("not JSON: ") + simdjson::error_message(error)});
      return;
    }
    document.rewind();
    od::object object = document.get_object();
    if (type == "Patient")
      p.patient(object);
    else if (type == "Encounter")
      p.encounter(object);
    else if (type == "Condition")
      p.condition(object);
    else if (type == "Procedure")
      p.procedure(object);
    else if (type == "MedicationAdministration")
      p.medication(object);
    else if (type == "DeviceUseStatement")
      p.device_use(object);
    else if (type == "Observation")
      p.observation(object);
    else {
      ++into.other_resources;
      return;
    }
    // On-Demand reads lazily: only now is it known that nothing follows the resource on its line.
    if (!document.current_location().error()) errors.push_back({"", "not JSON: text after the resource"});
  } catch (const Fault& fault) {
    errors.push_back({fault.element, fault.message});
  } catch (const simdjson::simdjson_error& error) {
    errors.push_back({p.element, std::string("not readable: ") + error.what()});
  }
  resource_id.assign(p.id);
  if (!errors.empty()) into.drop_after(counts);
}

}  // namespace hqms::importing::fhir
