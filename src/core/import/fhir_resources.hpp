#pragma once
// The FHIR R4 resources of a bulk export, each read from its NDJSON line into the few facts HQMS keeps of it
// (docs/user-guide/imports.md lists the elements). Texts are kept in a TextArena because the resources are
// joined only once every file is read: an Encounter may come after the Conditions that point at it.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"
#include "core/import/text_arena.hpp"

namespace simdjson {
class padded_string_view;
}

namespace hqms::importing::fhir {

// Where a resource was read: the file's position in the list and the physical line.
struct Where {
  std::uint32_t file = 0;
  std::uint32_t line = 0;
};

enum class StayClass : std::uint8_t { inpatient, emergency, day_case };
enum class Device : std::uint8_t { other, central_line, urinary_catheter };

struct PatientFacts {
  std::string_view id;
  std::string_view sex;                   // an id of encounters::sexes
  std::optional<std::int64_t> birth_day;  // days since 1970-01-01; a partial date counts from its first day
  std::string_view ethnicity;             // "unknown" when not recorded
  Where at;
};

struct EncounterFacts {
  std::string_view id;
  std::string_view patient;  // Patient id (from subject.reference)
  StayClass stay_class = StayClass::inpatient;
  std::int64_t start = 0, end = 0;  // Unix seconds
  std::string_view site, department, disposition, payer;
  std::string_view primary_condition;  // Condition id of diagnosis rank 1, if any
  Where at;
};

struct ConditionFacts {
  std::string_view id;
  std::string_view encounter;
  std::string_view code;  // ICD-10
  bool encounter_diagnosis = false;
  std::optional<std::int64_t> onset;
  Where at;
};

struct ProcedureFacts {
  std::string_view id;
  std::string_view encounter;
  std::string_view code;
  Where at;
};

struct MedicationFacts {
  std::string_view id;
  std::string_view encounter;
  bool completed = false;
  Where at;
};

struct DeviceFacts {
  std::string_view id;
  std::string_view patient;
  Device device = Device::other;
  std::int64_t start = 0;
  std::optional<std::int64_t> end;  // still in place at export: counted to the end of each stay
  Where at;
};

struct ObservationFacts {
  std::string_view id;
  std::string_view encounter;
  Where at;
};

// Everything read so far, by resource type, in reading order.
struct BulkResources {
  TextArena texts;
  std::vector<PatientFacts> patients;
  std::vector<EncounterFacts> encounters;
  std::vector<ConditionFacts> conditions;
  std::vector<ProcedureFacts> procedures;
  std::vector<MedicationFacts> medications;
  std::vector<DeviceFacts> devices;
  std::vector<ObservationFacts> observations;
  std::size_t other_resources = 0;  // types HQMS does not read; counted and skipped

  // How many of each were read, to take back what a resource added before a fault was found in it.
  struct Counts {
    std::size_t patients, encounters, conditions, procedures, medications, devices, observations;
  };
  Counts counts() const {
    return {patients.size(),    encounters.size(), conditions.size(),  procedures.size(),
            medications.size(), devices.size(),    observations.size()};
  }
  void drop_after(const Counts& c) {
    patients.resize(c.patients);
    encounters.resize(c.encounters);
    conditions.resize(c.conditions);
    procedures.resize(c.procedures);
    medications.resize(c.medications);
    devices.resize(c.devices);
    observations.resize(c.observations);
  }
};

// Reads one NDJSON line (with simdjson's padding after it) into `into`. Gives the resource's id in
// `resource_id` (for the report, when readable) and its faults in `errors` (field = the FHIR element); a
// resource with faults adds nothing.
class ResourceReader {
 public:
  ResourceReader();
  ~ResourceReader();
  ResourceReader(const ResourceReader&) = delete;
  ResourceReader& operator=(const ResourceReader&) = delete;

  void read(const simdjson::padded_string_view& line, Where at, BulkResources& into, std::string& resource_id,
            std::vector<FieldError>& errors);

 private:
  struct Parser;
  std::unique_ptr<Parser> parser_;
};

}  // namespace hqms::importing::fhir
