#pragma once
// Stable storage for the texts an import must keep past the line they came in (FHIR ids and codes, joined
// only once every file is read): one large block after another instead of one std::string per text, so that
// millions of short ids cost millions of bytes rather than millions of allocations.
#include <cstddef>
#include <memory>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace hqms::importing {

class TextArena {
 public:
  // A copy of `text` that lives as long as the arena.
  std::string_view keep(std::string_view text);
  // The same, sharing one copy between equal texts: for the few distinct values of a column (site codes,
  // payers) repeated on every resource.
  std::string_view intern(std::string_view text);

 private:
  static constexpr std::size_t block_size = 1 << 20;
  std::vector<std::unique_ptr<char[]>> blocks_;
  std::size_t used_ = block_size;  // of the last block; full at first so the first keep() opens one
  std::unordered_set<std::string_view> interned_;
};

}  // namespace hqms::importing
