#pragma once
// A synthetic but realistic hospital network for the indicator benchmark: 20 hospitals (H01..H20), each with
// 13-15 departments (H01-ED, H01-ICU...), three years of activity (2023-01-01 .. 2025-12-31). Everything is
// drawn from one std::mt19937_64 with a fixed seed through hand-written transforms (no std::*_distribution,
// whose algorithms differ between standard libraries), so the same size gives byte-identical files on every
// run and every machine.
//
// What is realistic about it (the shape the engine and the SQL engines see matters more than clinical truth):
// - volumes: three large teaching hospitals, nine general ones, eight small ones; winter peaks and 3% growth
//   a year; ED treat-and-release visits are a third of all encounters, day cases a tenth;
// - each department has its own age mix (paediatrics 0-17, maternity 18-44, geriatrics 75+), length of stay
//   (lognormal: median 2.5 days in medicine, 4 in ICU, 14 in rehabilitation), share of stays that began in
//   the ED, device use (central lines mostly in ICU, oncology and renal; urinary catheters in ICU and
//   surgery), mortality (about 2.4% of inpatient stays, most in ICU and the old) and 30-day readmission
//   (about 14% of inpatient stays, each one a real later inpatient stay of the same patient, so FHIR-derived
//   readmission agrees);
// - about 300 common ICD-10 primary diagnoses, Zipf-weighted within each department, and ICD-10-PCS procedure
//   codes for surgical stays;
// - healthcare-associated infections at published US rates: CLABSI about 1 per 1,000 line-days, CAUTI about
//   1.5 per 1,000 catheter-days, surgical site infection about 2% of operations, hospital-acquired pressure
//   injury about 2% of inpatient stays; left without being seen about 3% of ED visits;
// - sex (FHIR AdministrativeGender), six ethnicity groups and four payers (Medicare mostly for 65+).
// Besides encounters: incidents (about 3% of stays report one), survey responses, hand-hygiene observations,
// complaints and CAPAs, by department and day.
//
// Files written into the output directory (formats: docs/user-guide/imports.md; the whole benchmark:
// docs/benchmarks.md):
//   encounters.csv            the encounter CSV import format (src/core/import/encounter_csv.hpp)
//   fhir/<Type>.ndjson        FHIR R4 bulk export of the first `fhir_encounters` encounters (whole episodes)
//   survey.csv, observations.csv, complaints.csv   the survey / observation / complaint import formats
//   incidents.csv, capa.csv   fact rows as HQMS's own registers give them to the engine (columns named as the
//                             engine's incident and CAPA sources; days as YYYY-MM-DD, flags 1/0)
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace hqms::bench {

struct NetworkSize {
  std::size_t encounters = 10'000'000;
  std::size_t fhir_encounters = 1'000'000;  // FHIR is written for the first ones (0: none)
  std::size_t incidents = 300'000;
  std::size_t survey_responses = 500'000;
  std::size_t observations = 1'000'000;
  std::size_t complaints = 50'000;
  std::size_t capa = 12'000;

  // Everything scaled to `encounters` (the figures above are for 10,000,000).
  static NetworkSize for_encounters(std::size_t encounters, std::size_t fhir_encounters);
};

inline constexpr std::uint64_t default_seed = 20230101;

struct GeneratedFile {
  std::filesystem::path path;
  std::size_t records = 0;
  std::uintmax_t bytes = 0;
};

struct GeneratedNetwork {
  GeneratedFile encounters_csv;
  std::size_t fhir_encounters = 0;  // the FHIR export's stays (whole episodes, so slightly above the request)
  std::vector<GeneratedFile> fhir_files;
  GeneratedFile survey_csv;
  GeneratedFile observations_csv;
  GeneratedFile complaints_csv;
  GeneratedFile incidents_csv;
  GeneratedFile capa_csv;
  // What was drawn, to print beside the figures: inpatient stays, readmitted ones, deaths, ED visits, LWBS.
  std::size_t inpatient_stays = 0, readmitted = 0, deaths = 0, ed_visits = 0, left_without_being_seen = 0;
};

// The first and last discharge day of the synthetic data: 2023-01-01 .. 2025-12-31.
inline constexpr int first_year = 2023;
inline constexpr int last_year = 2025;

// Writes the network into `directory` (created when missing). Throws std::runtime_error when a file cannot
// be written: a benchmark has nothing sensible to do then but stop.
GeneratedNetwork generate_network(const std::filesystem::path& directory, const NetworkSize& size,
                                  std::uint64_t seed = default_seed);

// Site and department codes of the network, "H01".."H20" and "H01-ED"...
std::vector<std::string> network_sites();
std::vector<std::string> network_departments();

}  // namespace hqms::bench
