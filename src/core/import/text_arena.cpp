#include "core/import/text_arena.hpp"

#include <cstring>

namespace hqms::importing {

std::string_view TextArena::keep(std::string_view text) {
  if (text.empty()) return {};
  if (text.size() > block_size / 4) {
    // A long text gets a block of its own, so the current block's free space is not wasted.
    auto& own = blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(text.size()));
    std::memcpy(own.get(), text.data(), text.size());
    auto* last = blocks_.size() > 1 ? &blocks_[blocks_.size() - 2] : nullptr;
    if (last) std::swap(*last, blocks_.back());  // keep the block being filled last
    return {(last ? last->get() : own.get()), text.size()};
  }
  if (used_ + text.size() > block_size) {
    // Not zeroed: every byte is written before it is read, and zeroing a megabyte per block was most of the
    // time a small import spent here.
    blocks_.emplace_back(std::make_unique_for_overwrite<char[]>(block_size));
    used_ = 0;
  }
  char* at = blocks_.back().get() + used_;
  std::memcpy(at, text.data(), text.size());
  used_ += text.size();
  return {at, text.size()};
}

std::string_view TextArena::intern(std::string_view text) {
  if (text.empty()) return {};
  if (const auto found = interned_.find(text); found != interned_.end()) return *found;
  const auto kept = keep(text);
  interned_.insert(kept);
  return kept;
}

}  // namespace hqms::importing
