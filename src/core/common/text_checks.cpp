#include "core/common/text_checks.hpp"

#include <algorithm>

namespace hqms {

bool is_blank(std::string_view text) {
  return text.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

std::size_t character_count(std::string_view utf8) {
  // Every character has exactly one byte that is not a continuation byte (10xxxxxx).
  return static_cast<std::size_t>(std::count_if(
      utf8.begin(), utf8.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string indexed_field(std::string_view list, std::size_t i, std::string_view member) {
  auto out = std::string(list) + "[" + std::to_string(i) + "]";
  if (!member.empty()) out += "." + std::string(member);
  return out;
}

void check_text_length(std::vector<FieldError>& errors, const std::string& field, std::string_view text,
                       std::size_t limit) {
  if (character_count(text) > limit)
    errors.push_back({field, "must be at most " + std::to_string(limit) + " characters"});
}

void check_required_text(std::vector<FieldError>& errors, const std::string& field, std::string_view text,
                         std::size_t limit) {
  if (is_blank(text))
    errors.push_back({field, "is required"});
  else
    check_text_length(errors, field, text, limit);
}

}  // namespace hqms
