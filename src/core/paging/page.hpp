#pragma once
// One paging and sorting convention for every list in HQMS: limit/offset with a total, sort by a named field.
#include <cstdint>
#include <string>
#include <vector>

namespace hqms {

struct PageRequest {
  int limit = 50;
  std::int64_t offset = 0;
  std::string sort_field;  // one of the list's documented sort fields
  bool descending = false;

  static constexpr int kDefaultLimit = 50;
  static constexpr int kMaxLimit = 200;
};

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;
  int limit = 0;
  std::int64_t offset = 0;
  // The count stopped at a cap: there are at least `total` matches (a list over a million records counts
  // no further than anyone pages).
  bool total_capped = false;
};

}  // namespace hqms
