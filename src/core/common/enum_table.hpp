#pragma once
// One table per enumeration (value, id, label, meaning), so that the names the API, the UI and the audit
// trail use cannot drift apart, and one way to look them up.
#include <array>
#include <optional>
#include <span>
#include <string_view>

namespace hqms {

template <class E>
struct EnumName {
  E value;
  std::string_view id;  // what the API and the database carry
  std::string_view label;
  std::string_view meaning = {};
};

template <class E, std::size_t N>
using EnumTable = std::array<EnumName<E>, N>;

template <class E, std::size_t N>
constexpr const EnumName<E>& enum_name(const EnumTable<E, N>& table, E value) {
  for (const auto& e : table)
    if (e.value == value) return e;
  return table.front();
}

template <class E, std::size_t N>
constexpr std::optional<E> enum_from_id(const EnumTable<E, N>& table, std::string_view id) {
  for (const auto& e : table)
    if (e.id == id) return e.value;
  return std::nullopt;
}

// The values in table order, for lists and option menus.
template <class E, std::size_t N>
std::span<const E> enum_values(const EnumTable<E, N>& table) {
  static const auto all = [&] {
    std::array<E, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = table[i].value;
    return out;
  }();
  return all;
}

}  // namespace hqms
