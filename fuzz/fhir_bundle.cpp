// A FHIR R4 Bundle of AdverseEvent resources (src/core/interop/fhir_adverse_event.hpp), read as
// POST /api/v1/incidents/fhir-import reads its body: JSON through BodyReader, then from_fhir_bundle against
// the organisation. All or nothing: either every entry becomes a submission or there is a field error on a
// path.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/interop/fhir_adverse_event.hpp"
#include "core/org_fixture.hpp"
#include "expect.hpp"
#include "http/json/body_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using hqms::fuzz::expect;
  using namespace std::chrono;
  static const hqms::Organisation org = hqms::test::two_site_hospital();
  static const hqms::Timestamp now = hqms::Timestamp{sys_days{year{2026} / 11 / 26}} + hours(10);
  auto body = hqms::http::BodyReader::parse_text({reinterpret_cast<const char*>(data), size});
  if (!body) return 0;
  const auto events = hqms::from_fhir_bundle(body->document(), org, now);
  if (!events) {
    expect(events.error().kind == hqms::ErrorKind::validation && !events.error().fields.empty(),
           "a bundle refused names its faults");
    return 0;
  }
  expect(!events->empty(), "an imported bundle holds an event");
  for (const auto& event : *events) {
    const auto& s = event.submission;
    expect(org.department(s.department_id) != nullptr,
           "an imported event is placed in a department of the organisation");
    expect(s.occurred_at != hqms::Timestamp{}, "an imported event has its time");
  }
  return 0;
}
