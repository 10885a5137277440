#pragma once
// The checks the free texts of every record share: present, and within a limit counted in characters as
// people count them, not in UTF-8 bytes ("Ärztliche Übergabe" is 18 long).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace hqms {

bool is_blank(std::string_view text);
std::size_t character_count(std::string_view utf8);

// The API's name for a member of a list item: `actions[2].description`; without a member, `team[1]`.
std::string indexed_field(std::string_view list, std::size_t i, std::string_view member = {});

// "must be at most N characters" when the text is longer than `limit`.
void check_text_length(std::vector<FieldError>& errors, const std::string& field, std::string_view text,
                       std::size_t limit);
// "is required" when blank, else the length check.
void check_required_text(std::vector<FieldError>& errors, const std::string& field, std::string_view text,
                         std::size_t limit);

}  // namespace hqms
