#pragma once
// The patient-experience survey CSV: response_id, site, department, visit_date (YYYY-MM-DD), age_band, sex,
// ethnicity, payer, then one column per survey item (encounters::survey_items() ids), blank when unanswered.
// Also the observation CSV (observation_id, kind, site, department, observed_on, moment, compliant) and the
// complaint CSV (complaint_id, site, department, received_on, category, severity).
#include <functional>
#include <string_view>

#include "core/common/result.hpp"
#include "core/encounters/survey_response.hpp"
#include "core/encounters/unit_records.hpp"
#include "core/import/import_report.hpp"

namespace hqms {

using SurveySink = std::function<void(const encounters::SurveyResponseRecord&)>;
using ObservationSink = std::function<void(const encounters::ObservationRecord&)>;
using ComplaintSink = std::function<void(const encounters::ComplaintRecord&)>;

Result<ImportTally> read_survey_csv(std::string_view file_name, std::string_view text,
                                    const encounters::KnownUnits* units, const SurveySink& sink);
Result<ImportTally> read_observation_csv(std::string_view file_name, std::string_view text,
                                         const encounters::KnownUnits* units, const ObservationSink& sink);
Result<ImportTally> read_complaint_csv(std::string_view file_name, std::string_view text,
                                       const encounters::KnownUnits* units, const ComplaintSink& sink);

}  // namespace hqms
