#pragma once
// What St Brigid's CAPAs are about: the problems its audits, complaints, indicators and investigations keep
// finding, with the actions a quality team would plan for each (tagged with their RCA2 strength), what was
// written when each was done and what the effectiveness checks found.
#include <span>
#include <vector>

#include "core/capa/corrective_action.hpp"
#include "core/incidents/classification.hpp"

namespace hqms::cli {

struct ActionIdea {
  const char* description;
  ActionStrength strength;
  const char* done;  // the completion note
};

struct CapaTopic {
  const char* theme;                      // the title, before the department's name
  std::vector<const char*> departments;   // department codes where it happens
  std::vector<EventCategory> categories;  // event categories whose investigations it answers
  const char* measure;                    // what audits and indicators measure
  const char* problem;
  const char* containment;
  const char* root_cause;
  const char* criterion;
  std::vector<ActionIdea> actions;  // strongest first
  ActionIdea reopen;                // the new action when a check finds the plan did not work
  const char* effective;            // the evidence of a check that found it worked
  const char* not_effective;        // and of one that did not
};

std::span<const CapaTopic> demo_capa_topics();

}  // namespace hqms::cli
