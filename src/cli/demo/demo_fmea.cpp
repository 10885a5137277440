#include "cli/demo/demo_fmea.hpp"

namespace hqms::cli {
namespace {

using std::chrono::days;
using std::chrono::hours;

struct ModeIdea {
  int step;  // 1-based, in process order
  const char* mode;
  const char* effects;
  const char* causes;
  const char* prevention;
  const char* detection;
  int s, o, d;
  const char* recommended;
  const char* responsible;        // username
  int due_after;                  // days after the study opened
  std::optional<CapaState> capa;  // the recommended action became a CAPA that has got this far
  ActionStrength strength;
  int rs, ro, rd;     // scored again once the action is done; 0 when not
  const char* taken;  // what was done: by the CAPA once it is, or straight away when there is none
};

struct StudyIdea {
  const char* department;
  const char* title;
  const char* process;
  const char* lead;
  std::vector<const char*> team;
  std::vector<const char*> steps;
  int opened_days_ago;
  std::vector<ModeIdea> modes;
};

std::vector<StudyIdea> studies() {
  using S = CapaState;
  using enum ActionStrength;
  return {
      {"LAB",
       "Blood transfusion at the bedside",
       "Red cell transfusion for adult inpatients on Main Campus wards, from the decision to transfuse to "
       "the "
       "end of observation after the unit: ordering, crossmatch sampling and labelling, collection from the "
       "blood bank, the bedside identity check, administration and observation. Massive transfusion and "
       "theatres are out of scope.",
       "qm.main",
       {"labtech", "nurse.med", "doctor.med", "nurse.icu", "midwife.mat", "pso.main"},
       {"Order the transfusion", "Take and label the crossmatch sample",
        "Collect the unit from the blood bank", "Bedside identity check", "Administer the unit",
        "Observe the patient"},
       215,
       {
           {1, "Transfusion ordered without a documented indication or a recent haemoglobin",
            "Unnecessary exposure to blood; units wasted",
            "No decision support at ordering; thresholds unclear", "Transfusion guideline on the intranet",
            "Blood bank vets requests in working hours only", 5, 5, 6,
            "Electronic order set with the restrictive haemoglobin threshold and a mandatory indication",
            "doctor.med", 120, std::nullopt, intermediate, 0, 0, 0, nullptr},
           {1, "Special requirements (irradiated, CMV-negative) not requested",
            "Transfusion-associated graft-versus-host disease in an at-risk patient",
            "Requirements kept in haematology letters, not on the request", "Tick boxes on the request form",
            "Laboratory checks the special requirements flag when one exists", 9, 3, 6,
            "Special requirements flag in the laboratory system fed from haematology clinic letters",
            "labtech", 90, std::nullopt, stronger, 0, 0, 0, nullptr},
           {2, "Sample labelled away from the patient with pre-printed labels",
            "Wrong blood in tube; ABO-incompatible transfusion",
            "Labels printed at the nurses' station and "
            "applied in batches",
            "Policy: label by hand at the bedside", "Group-check sample for first-time patients", 10, 5, 4,
            "Handheld bedside label printing with wristband barcode scanning", "labtech", 60, S::closed,
            stronger, 10, 2, 3,
            "Handheld label printers on every Main Campus ward; a label prints only after a wristband scan."},
           {2, "Sample taken from the wrong patient", "Wrong blood in tube; ABO-incompatible transfusion",
            "Patient not asked to state name and date of birth; no wristband",
            "Positive identification policy", "Group-check sample", 10, 3, 5,
            "Monthly audit of positive patient identification at sampling", "nurse.med", 60, std::nullopt,
            weaker, 0, 0, 0, nullptr},
           {2, "Request form incomplete (date of birth or MRN missing)",
            "Sample rejected by the laboratory; transfusion delayed while re-sampling",
            "Handwritten forms completed in a hurry", "Zero-tolerance labelling policy",
            "Laboratory rejects incomplete samples", 4, 6, 2,
            "Feedback of rejected samples to each ward every week", "labtech", 45, std::nullopt, weaker, 4, 4,
            2, "Weekly rejected-sample report to ward managers since June; rejections fell from 6% to 3%."},
           {3, "Wrong unit collected from the blood bank fridge",
            "Wrong unit transfused; ABO-incompatible transfusion",
            "Handwritten collection slip; two patients with the same surname",
            "Collection slip must match the compatibility label",
            "Blood tracking alerts on a mismatch, but not used at night", 10, 3, 4,
            "Electronic blood tracking with barcode collection at the fridge on every shift", "labtech", 75,
            S::closed, stronger, 10, 1, 2,
            "Barcode collection at the blood bank fridge on every shift; the tracking system blocks a "
            "mismatched "
            "unit."},
           {3, "Unit out of controlled storage for more than 30 minutes before starting",
            "Unit wasted or bacterial growth", "Porter collects before the patient's cannula is ready",
            "30-minute rule on the bag tag", "Time of collection on the tracking record", 6, 5, 5,
            "Collect only after the nurse confirms the patient is ready (collection call)", "nurse.med", 60,
            std::nullopt, intermediate, 0, 0, 0, nullptr},
           {4, "Bedside check done by one person or away from the patient",
            "Wrong unit given; ABO-incompatible transfusion",
            "Night staffing; check done at the nurses' station", "Two-person independent check policy",
            "None before a reaction", 10, 4, 6,
            "Electronic bedside check: handheld scan of the wristband and the unit before spiking",
            "nurse.icu", 120, S::awaiting_verification, stronger, 10, 2, 2,
            "Electronic bedside check live on all adult wards: wristband and unit scanned before spiking."},
           {4, "Patient without an identification band at the time of transfusion",
            "Identity cannot be checked; wrong unit given", "Band removed for a cannula and not replaced",
            "Wristband policy", "Check at the bedside", 9, 4, 4,
            "Wristband check as the first line of the pre-transfusion checklist", "nurse.med", 60,
            std::nullopt, intermediate, 0, 0, 0, nullptr},
           {4, "Expiry date or the bag's visual inspection missed", "Expired or damaged unit transfused",
            "Check list does not include inspection", "Training", "Blood bank label shows expiry", 7, 3, 5,
            "Add expiry and inspection to the bedside checklist", "nurse.med", 60, std::nullopt, weaker, 0, 0,
            0, nullptr},
           {5, "Unit run faster than prescribed", "Circulatory overload (TACO)",
            "Gravity sets; pumps programmed by volume rather than time", "Prescription states the duration",
            "Hourly pump check", 7, 4, 5, "Transfusion protocol in the pump drug library with preset rates",
            "nurse.icu", 150, S::in_progress, intermediate, 0, 0, 0,
            "Transfusion rates preset in the pump drug library."},
           {5, "Transfusion not completed within four hours", "Bacterial growth; unit wasted",
            "Cannula problems; pump alarms not answered", "Four-hour rule on the chart", "Hourly observation",
            5, 5, 4, "Cannula patency check before collection", "nurse.med", 90, std::nullopt, weaker, 0, 0,
            0, nullptr},
           {6, "Observations not done 15 minutes after the start", "A transfusion reaction recognised late",
            "Busy ward; times not prompted", "Transfusion observation chart",
            "Weekly audit of transfusion records", 8, 6, 5,
            "Observation timer in the electronic transfusion record with prompts at 15 minutes and the end",
            "nurse.med", 150, S::planned, intermediate, 0, 0, 0,
            "Observation prompts at 15 minutes and at the end of each unit in the transfusion record."},
           {6, "Transfusion reaction not recognised or not reported",
            "Harm not treated; no haemovigilance learning", "Symptoms attributed to the illness",
            "Reaction flowchart on the ward", "Haemovigilance officer reviews reports", 9, 3, 6,
            "Reaction management flowchart on every bag tag and reporting through the event form", "labtech",
            90, std::nullopt, weaker, 0, 0, 0, nullptr},
       }},
      {"ED",
       "Patient handover ED → ward",
       "Adults admitted through the Emergency Department, from the decision to admit until the receiving "
       "ward "
       "nurse accepts care: bed allocation, the ISBAR handover and the transfer. Transfers to ICU and "
       "theatre "
       "are out of scope.",
       "manager.ed",
       {"nurse.ed", "doctor.ed", "nurse.med", "manager.med", "pso.main"},
       {"Decide to admit and request a bed", "Allocate a bed", "Prepare the handover (ISBAR)",
        "Transfer the patient", "Receive the patient on the ward"},
       125,
       {
           {1, "Admitting team not identified; the patient waits in ED for review",
            "Delayed treatment plan; longer ED stay", "Disputes between specialties", "Admission guideline",
            "ED consultant escalates after 2 hours", 5, 6, 4,
            "Single admitting-team rule by presenting complaint", "doctor.ed", 60, std::nullopt, intermediate,
            0, 0, 0, nullptr},
           {2, "Patient placed on an outlying ward without the right specialty nursing",
            "Missed specialist care; longer stay", "No bed on the home ward", "Outlier policy",
            "Daily outlier list", 6, 5, 5, "Outlier criteria and daily review by the home team",
            "manager.med", 90, std::nullopt, weaker, 0, 0, 0, nullptr},
           {3, "Pending results (CT, bloods) left out of the handover",
            "Abnormal result not acted on; delayed diagnosis",
            "Verbal handover from memory; results not on screen", "ISBAR prompt card",
            "Ward doctor reviews the notes next morning", 7, 6, 6,
            "ISBAR handover in the ED system with pending results pulled in automatically", "doctor.ed", 75,
            S::in_progress, stronger, 0, 0, 0, "Pending results pulled into the electronic ISBAR handover."},
           {3, "Time-critical medicines (insulin, antibiotics, Parkinson's) not flagged",
            "Missed or late doses", "Drug chart travels separately", "Nursing handover sheet",
            "Ward medicine round", 7, 5, 6, "Time-critical medicines flag on the transfer record", "nurse.ed",
            60, S::planned, intermediate, 0, 0, 0, "Time-critical medicines flagged on the transfer record."},
           {3, "Falls or pressure injury risk not handed over", "Fall or pressure injury on the ward",
            "Risk assessments done in ED are not visible to the ward", "Admission assessments",
            "Ward reassessment", 6, 5, 5, "Risk assessments shared in the electronic record", "nurse.ed", 90,
            std::nullopt, intermediate, 0, 0, 0, nullptr},
           {4, "Patient moved with an infusion on an ED pump not used on the ward",
            "Infusion stopped or wrongly run", "Two pump models in the hospital", "Pump swap policy",
            "Ward nurse checks the pump", 6, 4, 3, "Same pump model in ED and the admission wards",
            "manager.ed", 150, std::nullopt, stronger, 0, 0, 0, nullptr},
           {4, "Deteriorating patient transferred (NEWS2 of 5 or more in the last hour)",
            "Deterioration in the lift or on arrival", "Pressure to free the cubicle", "Transfer policy",
            "Porter and nurse escort", 8, 4, 5,
            "Transfer checklist with a NEWS2 gate: registrar review before moving if NEWS2 is 5 or more",
            "doctor.ed", 45, S::closed, intermediate, 8, 2, 3,
            "NEWS2 gate on the transfer checklist; registrar sign-off recorded for every score of 5 or "
            "more."},
           {4, "Belongings, notes or medicines left behind in ED", "Delayed medicines; lost property",
            "Rushed transfer", "Transfer checklist", "Ward checks on arrival", 3, 6, 3,
            "Transfer bag with a checklist tag", "nurse.ed", 30, std::nullopt, weaker, 3, 3, 3,
            "Transfer bags in use since August; items left behind now rare."},
           {5, "No verbal handover; the ward receives the patient without information",
            "Care delayed; risks missed", "Ward nurse busy; ED nurse returns to the department",
            "Phone handover expected", "None", 7, 4, 5,
            "Handover accepted in the system before the porter is called", "nurse.med", 90, std::nullopt,
            intermediate, 0, 0, 0, nullptr},
           {5, "Allergy status not confirmed on arrival", "Allergic reaction to a ward medicine",
            "Allergy recorded in ED notes only", "Red allergy band", "Pharmacist review", 8, 3, 4,
            "Allergy status mandatory on the transfer record", "nurse.ed", 60, std::nullopt, intermediate, 0,
            0, 0, nullptr},
       }},
  };
}

}  // namespace

Result<std::vector<FmeaCapaRequest>> create_demo_fmea(store::UnitOfWork& uow, const Organisation& org,
                                                      const DemoStaff& staff, Timestamp now,
                                                      DemoQualityCounts& counts) {
  std::vector<FmeaCapaRequest> requests;
  const auto today = std::chrono::floor<days>(now);
  for (const auto& idea : studies()) {
    FmeaStudy s;
    s.title = idea.title;
    s.process = idea.process;
    const Department* dept = nullptr;
    for (const auto& site : org.sites)
      for (const auto& d : site.departments)
        if (d.code == idea.department) dept = &d;
    if (!dept) return Error::internal(std::string("the demo hospital has no department ") + idea.department);
    s.site_id = dept->site_id;
    s.department_id = dept->id;
    auto lead = staff.id(idea.lead);
    if (!lead) return lead.error();
    s.lead_id = *lead;
    for (const char* member : idea.team) {
      auto id = staff.id(member);
      if (!id) return id.error();
      s.team.push_back(*id);
    }
    int number = 0;
    for (const char* step : idea.steps) s.steps.push_back({0, ++number, step});
    const Date opened = today - days(idea.opened_days_ago);
    s.created_at = Timestamp(opened) + hours(10);
    s.updated_at = s.created_at;
    if (auto errors = check_study(s); !errors.empty()) return demo_drift("FMEA study " + s.title, errors);
    auto id = uow.fmea().create(s);
    if (!id) return id.error();
    auto stored = uow.fmea().get(*id);
    if (!stored) return stored.error();
    ++counts.fmea_studies;

    // The worksheet was filled in at the team's workshops over the first weeks.
    for (const auto& m : idea.modes) {
      FailureMode fm;
      fm.step_id = stored->steps.at(static_cast<std::size_t>(m.step - 1)).id;
      fm.mode = m.mode;
      fm.effects = m.effects;
      fm.causes = m.causes;
      fm.prevention_controls = m.prevention;
      fm.detection_controls = m.detection;
      fm.rating = {m.s, m.o, m.d};
      fm.recommended_action = m.recommended;
      auto responsible = staff.id(m.responsible);
      if (!responsible) return responsible.error();
      fm.responsible_id = *responsible;
      fm.due_on = opened + days(m.due_after);
      if (m.taken && !m.capa) {
        fm.action_taken = m.taken;
        fm.revised = SodRating{m.rs, m.ro, m.rd};
      }
      if (auto errors = check_failure_mode(fm); !errors.empty())
        return demo_drift("FMEA row " + fm.mode, errors);
      auto row = uow.fmea().add_failure_mode(*id, fm);
      if (!row) return row.error();
      fm.id = *row;
      ++counts.failure_modes;
      if (m.capa)
        requests.push_back(
            {*stored, fm, m.strength, *m.capa, SodRating{m.rs, m.ro, m.rd}, m.taken ? m.taken : ""});
    }
    if (auto t = uow.fmea().touch(*id, Timestamp(opened + days(21)) + hours(15)); !t) return t.error();
  }
  return requests;
}

}  // namespace hqms::cli
