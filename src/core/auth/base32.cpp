#include "core/auth/base32.hpp"

namespace hqms {
namespace {

constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int value_of(char c) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  unsigned buffer = 0;
  int bits = 0;
  for (unsigned char b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31u]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31u]);
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0, symbols = 0;
  for (char c : text) {
    if (c == ' ' || c == '-') continue;
    const int v = value_of(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 5) | static_cast<unsigned>(v);
    bits += 5;
    ++symbols;
    if (bits >= 8) {
      out.push_back(static_cast<char>((buffer >> (bits - 8)) & 0xFFu));
      bits -= 8;
    }
  }
  // RFC 4648 §6: a final quantum has 2, 4, 5 or 7 symbols; 1, 3 or 6 cannot come from any byte string, and
  // the unused low bits must be zero (§3.5, canonical encoding).
  const int tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  if (bits > 0 && (buffer & ((1u << bits) - 1u)) != 0) return std::nullopt;
  return out;
}

}  // namespace hqms
