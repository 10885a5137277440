#include "core/import/iso_datetime.hpp"

namespace hqms::importing {
namespace {

// Reads `count` digits at `pos`; false when any is not a digit.
bool digits(std::string_view text, std::size_t pos, std::size_t count, unsigned& out) {
  if (pos + count > text.size()) return false;
  unsigned value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    const auto digit = static_cast<unsigned>(text[i]) - '0';
    if (digit > 9) return false;
    value = value * 10 + digit;
  }
  out = value;
  return true;
}

bool leap(unsigned year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

unsigned days_in_month(unsigned year, unsigned month) {
  constexpr unsigned lengths[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && leap(year) ? 29 : lengths[month - 1];
}

// YYYY-MM-DD at the start of `text`, as days since the epoch.
std::optional<std::int64_t> leading_date(std::string_view text) {
  unsigned year = 0, month = 0, day = 0;
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  if (!digits(text, 0, 4, year) || !digits(text, 5, 2, month) || !digits(text, 8, 2, day))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > days_in_month(year, month)) return std::nullopt;
  return days_from_civil(static_cast<int>(year), month, day);
}

}  // namespace

std::optional<std::int64_t> parse_date_time(std::string_view text) {
  const auto day = leading_date(text);
  if (!day) return std::nullopt;
  std::int64_t seconds = *day * seconds_per_day;
  if (text.size() == 10) return seconds;
  if (text[10] != 'T' && text[10] != 't' && text[10] != ' ') return std::nullopt;

  unsigned hour = 0, minute = 0, second = 0;
  if (!digits(text, 11, 2, hour) || text.size() < 16 || text[13] != ':' || !digits(text, 14, 2, minute))
    return std::nullopt;
  std::size_t pos = 16;
  if (pos < text.size() && text[pos] == ':') {
    if (!digits(text, pos + 1, 2, second)) return std::nullopt;
    pos += 3;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      const auto start = pos;
      while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') ++pos;
      if (pos == start) return std::nullopt;
    }
  }
  if (hour > 23 || minute > 59 || second > 60) return std::nullopt;
  if (second == 60) second = 59;
  seconds += static_cast<std::int64_t>(hour) * 3600 + minute * 60 + second;

  if (pos == text.size()) return seconds;  // no zone: UTC, as documented
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) return seconds;
  if (text[pos] != '+' && text[pos] != '-') return std::nullopt;
  const int sign = text[pos] == '+' ? 1 : -1;
  unsigned zone_hours = 0, zone_minutes = 0;
  if (!digits(text, pos + 1, 2, zone_hours)) return std::nullopt;
  pos += 3;
  if (pos < text.size() && text[pos] == ':') ++pos;
  if (!digits(text, pos, 2, zone_minutes) || pos + 2 != text.size()) return std::nullopt;
  if (zone_hours > 14 || zone_minutes > 59) return std::nullopt;
  // Local time minus its offset is UTC.
  return seconds - sign * static_cast<std::int64_t>(zone_hours * 3600 + zone_minutes * 60);
}

std::optional<indicators::DayNumber> parse_date(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const auto day = leading_date(text);
  if (!day) return std::nullopt;
  return static_cast<indicators::DayNumber>(*day);
}

CivilDate civil_from_days(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const auto day_of_era = static_cast<unsigned>(days - era * 146097);
  const unsigned year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const unsigned shifted_month = (5 * day_of_year + 2) / 153;
  const unsigned day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
  const unsigned month = shifted_month < 10 ? shifted_month + 3 : shifted_month - 9;
  const auto year =
      static_cast<int>(static_cast<std::int64_t>(year_of_era) + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

}  // namespace hqms::importing
