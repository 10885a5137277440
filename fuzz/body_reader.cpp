// JSON request bodies through BodyReader (src/http/json/body_reader.hpp), the one reader every route's body
// goes through: the body parsed as parse() does, then every field read with every accessor a handler may use
// on it (version, text, id, flag, enumeration, day, instant), and the 422 collected by finish().
#include "http/json/body_reader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/timestamp.hpp"
#include "core/incidents/classification.hpp"
#include "expect.hpp"

namespace {

// An instant taken reads back as it was written: the day, or the day and time to the millisecond (a leap
// second, :60, moves on to the next minute).
void expect_reads_back(std::string_view text, hqms::Timestamp at) {
  const auto shown = hqms::format_iso(at);
  if (text.size() == 10) return hqms::fuzz::expect(shown.substr(0, 10) == text, "a day taken reads back");
  if (text.substr(17, 2) == "60") return;
  hqms::fuzz::expect(shown.substr(0, 19) == text.substr(0, 19) &&
                         (text[19] != '.' || shown.substr(19, 4) == text.substr(19, 4)),
                     "an instant taken reads back as it was written");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using hqms::fuzz::expect;
  auto body = hqms::http::BodyReader::parse_text({reinterpret_cast<const char*>(data), size});
  if (!body) {
    const auto kind = body.error().kind;
    expect(kind == hqms::ErrorKind::malformed_json || kind == hqms::ErrorKind::validation,
           "a body that is not a JSON object is a 400 or a 422");
    return 0;
  }
  expect(body->document().is_object(), "a body read is a JSON object");
  // The version the caller edited: when taken, the number the body holds (the store's optimistic check relies
  // on it).
  int version = 0;
  body->version(version);
  if (body->ok() && body->has("version"))
    expect(body->at("version") == version, "a version taken is the number sent");
  std::vector<std::string> fields;
  for (const auto& [key, value] : body->document().items()) fields.push_back(key);
  fields.push_back("absent");
  for (const auto& field : fields) {
    expect(body->has(field) == (field != "absent" || body->document().contains("absent")),
           "has() sees the body's fields");
    if (auto text = body->string(field, true, 40)) expect(text->size() <= 40, "a text read keeps its limit");
    (void)body->string(field, false);
    if (const auto id = body->nullable_id(field); id && *id)
      expect(**id > 0 && body->at(field) == **id, "an id taken is the positive number sent");
    (void)body->boolean(field);
    (void)body->choice(field, false, hqms::harm_level_from_string);
    (void)body->nullable_day(field, true);
    if (const auto at = body->instant(field, false))
      expect_reads_back(body->at(field).get_ref<const std::string&>(), *at);
  }
  const auto done = body->finish();
  expect(done.ok() == body->ok(), "finish() refuses exactly when a field was refused");
  if (!done) {
    expect(done.error().kind == hqms::ErrorKind::validation, "a refused field is a 422");
    for (std::size_t i = 0; i < done.error().fields.size(); ++i)
      for (std::size_t j = 0; j < i; ++j)
        expect(done.error().fields[i].field != done.error().fields[j].field, "one message per field");
  }
  return 0;
}
