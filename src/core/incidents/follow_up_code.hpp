#pragma once
// The code an anonymous reporter keeps to follow their report: 80 random bits written as 16 characters of
// Crockford's base32 in groups of four (K7QM-2XPA-9RTD-W4HN), which survives being read aloud or copied by
// hand: no I, L, O or U, and typing those is forgiven.
#include <optional>
#include <string>
#include <string_view>

namespace hqms {

std::string new_follow_up_code();

// The canonical form of what someone typed (case, spaces and dashes ignored, O read as 0, I and L as 1), or
// nullopt when it cannot be a code.
std::optional<std::string> normalise_follow_up_code(std::string_view typed);

}  // namespace hqms
