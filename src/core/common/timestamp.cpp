#include "core/common/timestamp.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>

namespace hqms {
namespace {

bool read_int(std::string_view text, std::size_t pos, std::size_t len, int& out) {
  if (pos + len > text.size()) return false;
  auto first = text.data() + pos;
  // Digits only (ISO 8601's fixed-width fields): from_chars also takes a sign, which read "T-1:00" as an hour
  // before midnight and ".-01" as a millisecond before the second.
  if (!std::all_of(first, first + len, [](char c) { return c >= '0' && c <= '9'; })) return false;
  auto [ptr, ec] = std::from_chars(first, first + len, out);
  return ec == std::errc{} && ptr == first + len;
}

std::optional<std::chrono::sys_days> read_date(std::string_view text) {
  int y = 0, m = 0, d = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!read_int(text, 0, 4, y) || !read_int(text, 5, 2, m) || !read_int(text, 8, 2, d)) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                                  std::chrono::day{static_cast<unsigned>(d)}};
  if (!ymd.ok()) return std::nullopt;
  return std::chrono::sys_days{ymd};
}

}  // namespace

std::string format_iso(Timestamp t) {
  using namespace std::chrono;
  auto day = floor<days>(t);
  year_month_day ymd{day};
  hh_mm_ss<milliseconds> hms{t - day};
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02d.%03dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()), static_cast<int>(hms.subseconds().count()));
  return buf;
}

std::string format_date(Timestamp t) {
  return format_iso(t).substr(0, 10);
}

std::optional<Timestamp> parse_iso(std::string_view text) {
  // Exactly the form format_iso writes, with optional milliseconds: what we store and emit.
  auto day = read_date(text);
  if (!day || text.size() < 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':') return std::nullopt;
  int hh = 0, mm = 0, ss = 0, ms = 0;
  if (!read_int(text, 11, 2, hh) || !read_int(text, 14, 2, mm) || !read_int(text, 17, 2, ss))
    return std::nullopt;
  std::size_t pos = 19;
  if (text[pos] == '.') {
    if (!read_int(text, pos + 1, 3, ms)) return std::nullopt;
    pos += 4;
  }
  if (pos + 1 != text.size() || text[pos] != 'Z') return std::nullopt;
  if (hh > 23 || mm > 59 || ss > 60) return std::nullopt;
  using namespace std::chrono;
  return Timestamp{*day} + hours{hh} + minutes{mm} + seconds{ss} + milliseconds{ms};
}

std::optional<Timestamp> parse_date_or_instant(std::string_view text) {
  if (text.size() == 10) {
    auto day = read_date(text);
    if (!day) return std::nullopt;
    return Timestamp{*day};
  }
  return parse_iso(text);
}

}  // namespace hqms
