#include "core/indicators/catalogue.hpp"

#include <initializer_list>
#include <vector>

#include "core/indicators/sources.hpp"

namespace hqms::indicators {
namespace {

// The words a definition is written in, so each entry below reads like its published specification.
Condition is(std::string column, bool flag = true) {
  Condition c;
  c.column = std::move(column);
  c.test = Condition::Test::is;
  c.flag = flag;
  return c;
}

Condition in(std::string column, std::initializer_list<const char*> values) {
  Condition c;
  c.column = std::move(column);
  c.test = Condition::Test::in;
  for (const char* v : values) c.values.emplace_back(v);
  return c;
}

Condition not_in(std::string column, std::initializer_list<const char*> values) {
  Condition c = in(std::move(column), values);
  c.test = Condition::Test::not_in;
  return c;
}

Condition between(std::string column, std::optional<double> min, std::optional<double> max) {
  Condition c;
  c.column = std::move(column);
  c.test = Condition::Test::between;
  c.min = min;
  c.max = max;
  return c;
}

Measure count(std::string_view source, std::vector<Condition> where = {}) {
  return Measure{std::string(source), Aggregate::count, {}, std::move(where)};
}

Measure sum(std::string_view source, std::string column, std::vector<Condition> where = {}) {
  return Measure{std::string(source), Aggregate::sum, std::move(column), std::move(where)};
}

Measure median(std::string_view source, std::string column, std::vector<Condition> where = {}) {
  return Measure{std::string(source), Aggregate::median, std::move(column), std::move(where)};
}

// Stays that count as hospital admissions: the ED visits that ended in the ED and day cases are not.
Condition inpatient() {
  return in("encounter_class", {"inpatient"});
}
// Every stay that began in the emergency department carries its ED minutes; the others carry none (NaN).
Condition began_in_ed() {
  return between("ed_minutes", 0, std::nullopt);
}

// Encounters carry every demographic dimension; the other sources know only where a record belongs.
const std::vector<std::string> kEncounterStrata{"site", "department", "age_band",
                                                "sex",  "ethnicity",  "payer"};
const std::vector<std::string> kUnitStrata{"site", "department"};

const char* const kPerThousandPatientDays = "per 1,000 patient-days";

IndicatorDefinition indicator(const char* code, const char* name, IomDomain domain, IndicatorType type) {
  IndicatorDefinition d;
  d.code = code;
  d.name = name;
  d.domain = domain;
  d.type = type;
  d.period = PeriodUnit::month;
  d.rules = RuleSet::making_data_count;
  d.built_in = true;
  switch (type) {
    case IndicatorType::rate:
      d.per = 1000;
      d.chart = ChartType::u;
      break;
    case IndicatorType::proportion:
      d.per = 100;
      d.unit_label = "%";
      d.chart = ChartType::p;
      break;
    case IndicatorType::mean:
    case IndicatorType::median:
      d.chart = ChartType::xmr;
      break;
    case IndicatorType::count:
      d.chart = ChartType::c;
      break;
  }
  return d;
}

std::vector<IndicatorDefinition> safe_indicators() {
  std::vector<IndicatorDefinition> out;
  {
    auto d =
        indicator("falls_per_1000_patient_days", "Inpatient falls", IomDomain::safe, IndicatorType::rate);
    d.description =
        "Patient falls reported in HQMS (events that reached the patient, with or without injury) per 1,000 "
        "patient-days. Near misses and unsafe conditions are not counted.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(incidents_source, {in("category", {"fall"}), is("reached_patient")});
    d.denominator = sum(encounters_source, "patient_days");
    d.target = 3.5;
    d.strata = kUnitStrata;
    d.citation =
        "NDNQI Patient Falls (NQF #0141, American Nurses Association / Press Ganey): total falls per 1,000 "
        "patient-days; target from the NDNQI medical-surgical mean of 3.56 (Bouldin et al., J Patient Saf "
        "2013) https://pmc.ncbi.nlm.nih.gov/articles/PMC3572247/";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("falls_with_injury_per_1000_patient_days", "Falls with injury", IomDomain::safe,
                       IndicatorType::rate);
    d.description =
        "Reported falls that caused harm (mild, moderate, severe or death on the AHRQ Common Formats harm "
        "scale) per 1,000 patient-days.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(incidents_source, {in("category", {"fall"}), is("reached_patient"), is("harmful")});
    d.denominator = sum(encounters_source, "patient_days");
    d.target = 0.9;
    d.strata = kUnitStrata;
    d.citation =
        "NDNQI Patient Falls with Injury (NQF #0202, American Nurses Association / Press Ganey): injurious "
        "falls per 1,000 patient-days; target from the NDNQI mean of 0.93 (Bouldin et al., J Patient Saf "
        "2013) https://pmc.ncbi.nlm.nih.gov/articles/PMC3572247/";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("hapi_stage2_per_1000_patient_days", "Hospital-acquired pressure injuries (stage 2+)",
                       IomDomain::safe, IndicatorType::rate);
    d.description =
        "Stays with a hospital-acquired pressure injury of stage 2 or worse (coded on the stay, not present "
        "on admission) per 1,000 patient-days.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(encounters_source, {is("pressure_injury")});
    d.denominator = sum(encounters_source, "patient_days");
    d.strata = kEncounterStrata;
    d.citation =
        "NDNQI Hospital-Acquired Pressure Injury (NQF #0201, Press Ganey), staged per the National Pressure "
        "Injury Advisory Panel; HQMS counts incidence per patient-day instead of the quarterly prevalence "
        "survey https://members.nursingquality.org/NDNQIPressureUlcerTraining/Module3/"
        "PressureULcerSurveyGuide_20.aspx";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("pressure_injury_reports_per_1000_patient_days", "Pressure injuries reported",
                       IomDomain::safe, IndicatorType::rate);
    d.description =
        "Pressure injury events reported in HQMS that reached the patient, per 1,000 patient-days: the "
        "incident-reporting view of the same harm, which shows whether wards report what the coders find.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(incidents_source, {in("category", {"pressure_injury"}), is("reached_patient")});
    d.denominator = sum(encounters_source, "patient_days");
    d.strata = kUnitStrata;
    d.citation =
        "AHRQ Common Formats for Event Reporting – Hospital v2.0, Pressure Injury module "
        "https://www.psoppc.org/psoppc_web/publicpages/commonFormatsHV2.0";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("clabsi_per_1000_central_line_days", "Central line-associated bloodstream infections",
                       IomDomain::safe, IndicatorType::rate);
    d.description =
        "Central line-associated bloodstream infections (NHSN laboratory-confirmed criteria, not present on "
        "admission) per 1,000 central line-days.";
    d.unit_label = "per 1,000 central line-days";
    d.numerator = count(encounters_source, {is("clabsi")});
    d.denominator = sum(encounters_source, "central_line_days");
    d.target = 1.0;
    d.strata = kEncounterStrata;
    d.citation =
        "CDC National Healthcare Safety Network, Patient Safety Component Manual ch. 4 (CLABSI, NQF #0139): "
        "CLABSIs / central line-days x 1,000; target near NHSN's published pooled means for adult ICUs "
        "https://www.cdc.gov/nhsn/pdfs/pscmanual/4psc_clabscurrent.pdf";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("cauti_per_1000_catheter_days", "Catheter-associated urinary tract infections",
                       IomDomain::safe, IndicatorType::rate);
    d.description =
        "Catheter-associated urinary tract infections (NHSN criteria) per 1,000 indwelling urinary "
        "catheter-days.";
    d.unit_label = "per 1,000 catheter-days";
    d.numerator = count(encounters_source, {is("cauti")});
    d.denominator = sum(encounters_source, "urinary_catheter_days");
    d.target = 1.0;
    d.strata = kEncounterStrata;
    d.citation =
        "CDC National Healthcare Safety Network, Patient Safety Component Manual ch. 7 (CAUTI, NQF #0138): "
        "CAUTIs / urinary catheter-days x 1,000 https://www.cdc.gov/nhsn/pdfs/pscmanual/7psccauticurrent.pdf";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("ssi_percent_of_surgical_stays", "Surgical site infections", IomDomain::safe,
                       IndicatorType::proportion);
    d.description =
        "Share of surgical stays (inpatient or day case, at least one procedure) with a surgical site "
        "infection attributed to the stay.";
    d.numerator = count(encounters_source, {is("surgical"), is("surgical_site_infection")});
    d.denominator = count(encounters_source, {is("surgical")});
    d.target = 1.9;
    d.strata = kEncounterStrata;
    d.citation =
        "CDC National Healthcare Safety Network, Patient Safety Component Manual ch. 9 (SSI): SSIs / "
        "operative procedures x 100; target from NHSN's overall 2006–2008 rate of 1.9% "
        "https://www.cdc.gov/nhsn/pdfs/pscmanual/9pscssicurrent.pdf";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("medication_errors_per_1000_doses", "Medication errors reaching the patient",
                       IomDomain::safe, IndicatorType::rate);
    d.description =
        "Medication errors reported in HQMS that reached the patient (NCC MERP categories C to I) per 1,000 "
        "doses administered.";
    d.unit_label = "per 1,000 doses";
    d.numerator = count(incidents_source, {is("medication_error_reached")});
    d.denominator = sum(encounters_source, "medication_doses");
    d.chart = ChartType::u_prime;  // tens of thousands of doses a month: Laney's u' keeps the limits honest
    d.strata = kUnitStrata;
    d.citation =
        "NCC MERP Index for Categorizing Medication Errors (categories C–I: the error reached the patient) "
        "https://www.nccmerp.org/types-medication-errors";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("harmful_incidents_per_1000_patient_days", "Incidents causing harm", IomDomain::safe,
                       IndicatorType::rate);
    d.description =
        "Patient-safety incidents of any category that caused harm (mild, moderate, severe or death) per "
        "1,000 patient-days.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(incidents_source, {is("reached_patient"), is("harmful")});
    d.denominator = sum(encounters_source, "patient_days");
    d.strata = kUnitStrata;
    d.citation =
        "NHS England, NRLS organisation patient safety incident reports: incidents by degree of harm per "
        "1,000 bed days; harm scale from the AHRQ Common Formats "
        "https://www.england.nhs.uk/patient-safety/national-patient-safety-incident-reports/";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("incident_reporting_rate_per_1000_patient_days", "Incident reporting rate",
                       IomDomain::safe, IndicatorType::rate);
    d.description =
        "Every patient-safety event reported in HQMS (incidents, near misses and unsafe conditions) per "
        "1,000 patient-days. A safety-culture signal: higher reporting means more learning, not less safety.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(incidents_source);
    d.denominator = sum(encounters_source, "patient_days");
    d.direction = Direction::higher_is_better;
    d.chart = ChartType::u_prime;
    d.strata = kUnitStrata;
    d.citation =
        "NHS England / NHS Improvement, Guidance notes on NRLS official statistics: reporting rate per 1,000 "
        "bed days, where higher reporting reflects a stronger reporting culture (Hutchinson et al., BMJ Qual "
        "Saf 2009) https://doi.org/10.1136/qshc.2007.022400";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("hand_hygiene_compliance_percent", "Hand hygiene compliance", IomDomain::safe,
                       IndicatorType::proportion);
    d.description =
        "Observed hand hygiene opportunities (WHO My 5 Moments) where hand rub or hand washing was "
        "performed, as a share of all opportunities observed.";
    d.numerator = count(observations_source, {in("kind", {"hand_hygiene"}), is("compliant")});
    d.denominator = count(observations_source, {in("kind", {"hand_hygiene"})});
    d.direction = Direction::higher_is_better;
    d.target = 90;
    d.strata = kUnitStrata;
    d.citation =
        "WHO Hand Hygiene Technical Reference Manual (2009) and observation method (Sax et al., Am J Infect "
        "Control 2009): compliance = actions / opportunities x 100; target 90% as set by the HSE (Ireland) "
        "https://www.who.int/publications/i/item/9789241598606";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<IndicatorDefinition> effective_indicators() {
  std::vector<IndicatorDefinition> out;
  {
    auto d = indicator("readmission_30d_percent", "30-day all-cause readmissions", IomDomain::effective,
                       IndicatorType::proportion);
    d.description =
        "Inpatient discharges followed by an unplanned readmission for any cause within 30 days, as a share "
        "of inpatient discharges alive. Discharges that died, were transferred to another hospital or left "
        "against advice are excluded, as in the CMS measure; HQMS does not risk-standardise.";
    d.numerator = count(
        encounters_source,
        {inpatient(), not_in("disposition", {"died", "transfer", "against_advice"}), is("readmitted_30d")});
    d.denominator = count(encounters_source,
                          {inpatient(), not_in("disposition", {"died", "transfer", "against_advice"})});
    d.target = 15.0;
    d.chart = ChartType::p_prime;
    d.strata = kEncounterStrata;
    d.citation =
        "CMS Hospital-Wide All-Cause Unplanned Readmission (HWR, NQF/CBE #1789 and #3656), Yale CORE: "
        "observed rate only; target near the national observed rate of about 15% "
        "https://p4qm.org/measures/3656";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("in_hospital_mortality_percent", "In-hospital mortality", IomDomain::effective,
                       IndicatorType::proportion);
    d.description =
        "Inpatient discharges whose disposition is death, as a share of all inpatient discharges (crude, not "
        "standardised: compare a unit with itself over time, and read it with its case mix).";
    d.numerator = count(encounters_source, {inpatient(), is("died")});
    d.denominator = count(encounters_source, {inpatient()});
    d.chart = ChartType::p_prime;
    d.strata = kEncounterStrata;
    d.citation =
        "Crude in-hospital mortality, the observed numerator of the hospital standardised mortality ratio "
        "(Canadian Institute for Health Information, HSMR, indicator CIHI-H-006) "
        "https://nbhc.ca/indicator-library/cihi-h-006";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("in_hospital_mortality_85_plus_percent", "In-hospital mortality, patients 85 and over",
                       IomDomain::effective, IndicatorType::proportion);
    d.description =
        "In-hospital mortality among inpatients aged 85 or over at admission: the group where end-of-life "
        "care and escalation decisions show first.";
    d.numerator = count(encounters_source, {inpatient(), in("age_band", {"85+"}), is("died")});
    d.denominator = count(encounters_source, {inpatient(), in("age_band", {"85+"})});
    d.strata = {"site", "department", "sex", "ethnicity", "payer"};
    d.citation =
        "Crude in-hospital mortality by age band, as CIHI's HSMR reports it by age group "
        "https://nbhc.ca/indicator-library/cihi-h-006";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("capa_closed_on_time_percent", "CAPAs closed on time", IomDomain::effective,
                       IndicatorType::proportion);
    d.description =
        "Corrective and preventive actions closed no later than their due date, as a share of the CAPAs due "
        "in the month: whether the organisation finishes the fixes it commits to.";
    // A cancelled CAPA was never owed: it counts neither way.
    d.numerator = count(capa_source, {is("closed_on_time"), not_in("state", {"cancelled"})});
    d.denominator = count(capa_source, {not_in("state", {"cancelled"})});
    d.direction = Direction::higher_is_better;
    d.target = 90;
    d.strata = kUnitStrata;
    d.citation =
        "ISO 9001:2015 clause 10.2 (nonconformity and corrective action) and 21 CFR 820.100 (CAPA); the 90% "
        "on-time target is an HQMS default https://www.ecfr.gov/current/title-21/chapter-I/subchapter-H/"
        "part-820";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<IndicatorDefinition> patient_centred_indicators() {
  std::vector<IndicatorDefinition> out;
  struct Item {
    const char* code;
    const char* name;
    const char* item;
    const char* top_box;
    double target;
  };
  // Targets near the US national top-box averages HCAHPS Online publishes.
  const Item items[] = {
      {"hcahps_overall_rating_top_box_percent", "Patients rating the hospital 9 or 10", "overall_rating",
       "a rating of 9 or 10 out of 10", 70},
      {"hcahps_recommend_top_box_percent", "Patients who would definitely recommend", "recommend",
       "\"definitely yes\"", 70},
      {"hcahps_nurse_communication_top_box_percent", "Nurses always communicated well", "nurse_communication",
       "\"always\"", 80},
  };
  for (const auto& i : items) {
    auto d = indicator(i.code, i.name, IomDomain::patient_centred, IndicatorType::proportion);
    d.description = std::string("Survey answers to the ") + i.item + " item that are in its top box (" +
                    i.top_box + "), as a share of every answer to that item.";
    d.numerator = count(survey_source, {in("item", {i.item}), is("top_box")});
    d.denominator = count(survey_source, {in("item", {i.item})});
    d.direction = Direction::higher_is_better;
    d.target = i.target;
    d.strata = kEncounterStrata;  // survey answers carry the respondent's demographics too
    d.citation =
        "CMS HCAHPS Survey (NQF #0166), top-box scoring as publicly reported; unadjusted for patient mix and "
        "mode https://hcahpsonline.org/en/summary-analyses/";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("complaints_per_1000_patient_days", "Complaints", IomDomain::patient_centred,
                       IndicatorType::rate);
    d.description = "Complaints received from patients and families per 1,000 patient-days.";
    d.unit_label = kPerThousandPatientDays;
    d.numerator = count(complaints_source);
    d.denominator = sum(encounters_source, "patient_days");
    d.strata = kUnitStrata;
    d.citation =
        "NHS Digital, Data on Written Complaints in the NHS (KO41a), related to activity as complaints per "
        "1,000 bed days https://digital.nhs.uk/data-and-information/publications/statistical/"
        "data-on-written-complaints-in-the-nhs";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<IndicatorDefinition> timely_indicators() {
  std::vector<IndicatorDefinition> out;
  {
    auto d = indicator("ed_median_length_of_stay_minutes", "ED length of stay, discharged patients",
                       IomDomain::timely, IndicatorType::median);
    d.description =
        "Median minutes from arrival in the emergency department to departure, for ED visits that ended "
        "with the patient going home from the ED. Visits that died in the ED, left against advice or left "
        "without being seen are excluded; admitted patients are not ED visits here.";
    d.unit_label = "minutes";
    d.numerator = median(encounters_source, "ed_minutes",
                         {in("encounter_class", {"emergency"}), began_in_ed(),
                          not_in("disposition", {"died", "against_advice", "left_without_being_seen"})});
    d.target = 162;
    d.strata = kEncounterStrata;
    d.citation =
        "CMS OP-18 Median Time from ED Arrival to ED Departure for Discharged ED Patients (NQF #0496, eCQM "
        "CMS32); target from the US national median of 162 minutes (CMS Timely and Effective Care, 2023) "
        "https://ecqi.healthit.gov/system/files/ecqm/2014/EH/measures/CMS32v4.html";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("ed_left_without_being_seen_percent", "ED patients who left without being seen",
                       IomDomain::timely, IndicatorType::proportion);
    d.description =
        "ED arrivals who left before being seen by a clinician, as a share of all ED arrivals (those "
        "admitted included).";
    d.numerator = count(encounters_source, {began_in_ed(), is("left_without_being_seen")});
    d.denominator = count(encounters_source, {began_in_ed()});
    d.target = 2;
    d.chart = ChartType::p_prime;
    d.strata = kEncounterStrata;
    d.citation =
        "CMS OP-22 Left Without Being Seen (NQF #0499, Hospital Outpatient Quality Reporting); target from "
        "the US national average of 2% in 2023 (CMS Timely and Effective Care) "
        "https://data.cms.gov/provider-data/topics/hospitals/timely-effective-care";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("ed_within_4_hours_percent", "ED patients seen and out within 4 hours",
                       IomDomain::timely, IndicatorType::proportion);
    d.description =
        "ED arrivals admitted, transferred or discharged within 4 hours (240 minutes) of arrival, as a share "
        "of all ED arrivals.";
    d.numerator = count(encounters_source, {between("ed_minutes", 0, 240)});
    d.denominator = count(encounters_source, {began_in_ed()});
    d.direction = Direction::higher_is_better;
    d.target = 78;
    d.chart = ChartType::p_prime;
    d.strata = kEncounterStrata;
    d.citation =
        "NHS England A&E four-hour standard (Monthly A&E Attendances and Emergency Admissions); 78% is the "
        "2024/25 operational planning target https://www.england.nhs.uk/statistics/statistical-work-areas/"
        "ae-waiting-times-and-activity/";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<IndicatorDefinition> efficient_indicators() {
  std::vector<IndicatorDefinition> out;
  {
    auto d = indicator("average_length_of_stay_days", "Average length of stay", IomDomain::efficient,
                       IndicatorType::mean);
    d.description =
        "Mean inpatient days per inpatient discharge (deaths included), by month of discharge. Day cases and "
        "ED visits are not inpatient stays.";
    d.unit_label = "days";
    d.numerator = sum(encounters_source, "patient_days", {inpatient()});
    d.denominator = count(encounters_source, {inpatient()});
    d.strata = kEncounterStrata;
    d.citation =
        "OECD Health Statistics, Average length of stay: bed-days / discharges (OECD glossary of statistical "
        "terms, item 145) https://stats.oecd.org/glossary/detail.asp?ID=145";
    out.push_back(std::move(d));
  }
  {
    auto d = indicator("long_stay_21_days_percent", "Long stays (21 days or more)", IomDomain::efficient,
                       IndicatorType::proportion);
    d.description =
        "Inpatient discharges after 21 or more days in hospital, as a share of inpatient discharges: the "
        "'super-stranded' patients whose discharge is often waiting on care outside the hospital.";
    d.numerator = count(encounters_source, {inpatient(), between("patient_days", 21, std::nullopt)});
    d.denominator = count(encounters_source, {inpatient()});
    d.strata = kEncounterStrata;
    d.citation =
        "NHS England / NHS Improvement, Reducing long stays (patients in hospital 21 days or more) "
        "https://www.england.nhs.uk/urgent-emergency-care/reducing-length-of-stay/";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<IndicatorDefinition> equitable_indicators() {
  std::vector<IndicatorDefinition> out;
  {
    auto d = indicator("ethnicity_recorded_percent", "Ethnicity recorded", IomDomain::equitable,
                       IndicatorType::proportion);
    d.description =
        "Stays whose record holds the patient's ethnicity (anything but 'unknown'), as a share of all stays. "
        "Equity gaps can only be seen where the groups are recorded; every other indicator's equity panel "
        "depends on it.";
    d.numerator = count(encounters_source, {not_in("ethnicity", {"unknown"})});
    d.denominator = count(encounters_source);
    d.direction = Direction::higher_is_better;
    d.target = 95;
    d.chart = ChartType::p_prime;
    d.strata = {"site", "department", "age_band", "sex", "payer"};
    d.citation =
        "Institute of Medicine (2009), Race, Ethnicity, and Language Data: Standardization for Health Care "
        "Quality Improvement; 95% is an HQMS default https://nap.nationalacademies.org/catalog/12696";
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<IndicatorDefinition> build_catalogue() {
  std::vector<IndicatorDefinition> all;
  for (auto part : {safe_indicators(), effective_indicators(), patient_centred_indicators(),
                    timely_indicators(), efficient_indicators(), equitable_indicators()})
    for (auto& d : part) all.push_back(std::move(d));
  return all;
}

}  // namespace

std::span<const IndicatorDefinition> catalogue() {
  static const std::vector<IndicatorDefinition> all = build_catalogue();
  return all;
}

const IndicatorDefinition* catalogue_indicator(std::string_view code) {
  for (const auto& d : catalogue())
    if (d.code == code) return &d;
  return nullptr;
}

}  // namespace hqms::indicators
