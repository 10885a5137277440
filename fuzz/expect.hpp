#pragma once
// A property a fuzz target checks beyond "no crash": when one breaks, the target aborts, so libFuzzer keeps
// the input as a crash artifact and the run fails.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace hqms::fuzz {

inline void expect(bool holds, std::string_view property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz property broken: %.*s\n", static_cast<int>(property.size()), property.data());
  std::abort();
}

}  // namespace hqms::fuzz
