#pragma once
// How risks look on the wire (docs/openapi.yaml, Risk) and in the audit trail, and how a risk is read from
// a request body. Ratings travel as {likelihood: 1..5, consequence: 1..5}; answers add the labels, the
// score and the band under the organisation's band edges.
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/risk/risk.hpp"
#include "http/json/body_reader.hpp"
#include "http/routing/request_context.hpp"

namespace hqms::http {

nlohmann::json rating_json(const RiskRating& rating, const RiskBands& bands);
nlohmann::json bands_json(const RiskBands& bands);
nlohmann::json risk_json(const RequestContext& ctx, const Risk& risk, const RiskBands& bands,
                         const std::map<Id, std::string>& names, nlohmann::json actions);
nlohmann::json risk_summary_json(const RequestContext& ctx, const Risk& risk, const RiskBands& bands,
                                 const std::map<Id, std::string>& names);
// What the audit trail keeps: the whole risk but the display names.
nlohmann::json risk_audit_json(const Risk& risk);
// The people a risk names, for one display-name lookup.
std::vector<Id> people_of(const Risk& risk);

// A rating given as {likelihood, consequence}; errors against `field.likelihood` / `field.consequence`.
// Absent: nullopt ("is required" when `required`).
std::optional<RiskRating> read_rating(BodyReader& body, const std::string& field, bool required);
// The editable parts of a risk from the body; `creating` makes the required fields required. The scope is
// checked against the organisation; `status` is read only on a change. Errors collect in `body`.
void read_risk(BodyReader& body, const Organisation& org, Risk& risk, bool creating);
// A review: {residual*, note, nextReviewOn*}.
void read_review(BodyReader& body, RiskReview& review, std::optional<Date>& next_review_on);

}  // namespace hqms::http
