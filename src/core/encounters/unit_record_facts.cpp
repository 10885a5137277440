// Observations and complaints as rows of the engine's tables.
#include <cassert>

#include "core/encounters/unit_records.hpp"
#include "core/indicators/sources.hpp"

namespace hqms::encounters {
namespace {

std::size_t column(const indicators::FactSchema& schema, std::string_view name) {
  const auto index = schema.index_of(name);
  assert(index && "schema column");
  return *index;
}

struct ObservationColumns {
  std::size_t site, department, kind, moment, observed_day, compliant;
};
struct ComplaintColumns {
  std::size_t site, department, category, severity, received_day;
};

const ObservationColumns& observation_columns() {
  static const ObservationColumns found = [] {
    const auto& s = indicators::observation_schema();
    return ObservationColumns{column(s, "site"),   column(s, "department"),   column(s, "kind"),
                              column(s, "moment"), column(s, "observed_day"), column(s, "compliant")};
  }();
  return found;
}

const ComplaintColumns& complaint_columns() {
  static const ComplaintColumns found = [] {
    const auto& s = indicators::complaint_schema();
    return ComplaintColumns{column(s, "site"), column(s, "department"), column(s, "category"),
                            column(s, "severity"), column(s, "received_day")};
  }();
  return found;
}

}  // namespace

void append_observation(indicators::FactTable& table, const ObservationRecord& record) {
  const auto& c = observation_columns();
  table.begin_row();
  table.set_dimension(c.site, record.site);
  table.set_dimension(c.department, record.department);
  table.set_dimension(c.kind, record.kind);
  table.set_dimension(c.moment, record.moment);
  table.set_day(c.observed_day, record.observed_day);
  table.set_flag(c.compliant, record.compliant);
  table.end_row();
}

void append_complaint(indicators::FactTable& table, const ComplaintRecord& record) {
  const auto& c = complaint_columns();
  table.begin_row();
  table.set_dimension(c.site, record.site);
  table.set_dimension(c.department, record.department);
  table.set_dimension(c.category, record.category);
  table.set_dimension(c.severity, record.severity);
  table.set_day(c.received_day, record.received_day);
  table.end_row();
}

}  // namespace hqms::encounters
