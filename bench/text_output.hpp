#pragma once
// What the benchmark's file writers share: the civil calendar (Howard Hinnant's algorithms, exact for any
// day) and a buffered file with the few formatters the synthetic files need (ISO dates and instants, padded
// ids), written without iostreams or locale so that generating gigabytes stays a matter of seconds.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

#include "bench/encounter_generator.hpp"

namespace hqms::bench {

// ---- calendar (Howard Hinnant's days_from_civil / civil_from_days) ----

inline int days_from_civil(int y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int>(doe) - 719468;
}

struct Civil {
  int y;
  unsigned m, d;
};
inline Civil civil_from_days(int z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int y = static_cast<int>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

inline int floor_div(std::int64_t a, std::int64_t b) {
  return static_cast<int>(a / b - ((a % b) < 0 ? 1 : 0));
}

// ---- output: one buffer per file, flushed in large blocks ----

class FileOut {
 public:
  explicit FileOut(const std::filesystem::path& path) : path_(path), file_(std::fopen(path.c_str(), "wb")) {
    if (!file_) throw std::runtime_error("cannot write " + path.string());
    buffer_.reserve(kBlock + 4096);
  }
  ~FileOut() {
    if (file_) std::fclose(file_);
  }
  FileOut(const FileOut&) = delete;
  FileOut& operator=(const FileOut&) = delete;

  FileOut& operator<<(std::string_view s) {
    buffer_.append(s);
    return *this;
  }
  FileOut& operator<<(char c) {
    buffer_.push_back(c);
    return *this;
  }
  FileOut& number(std::int64_t v) {
    char tmp[24];
    const auto end = std::to_chars(tmp, tmp + sizeof tmp, v).ptr;
    buffer_.append(tmp, end);
    return *this;
  }
  FileOut& padded(unsigned v, int width) {
    char tmp[16];
    const auto end = std::to_chars(tmp, tmp + sizeof tmp, v).ptr;
    for (auto digits = end - tmp; digits < width; ++digits) buffer_.push_back('0');
    buffer_.append(tmp, end);
    return *this;
  }
  FileOut& date(int day) {
    const auto c = civil_from_days(day);
    padded(static_cast<unsigned>(c.y), 4) << '-';
    padded(c.m, 2) << '-';
    return padded(c.d, 2);
  }
  // ISO 8601 UTC: 2024-03-05T10:15:00Z
  FileOut& instant(std::int64_t unix_seconds) {
    const int day = floor_div(unix_seconds, 86400);
    const auto second = static_cast<unsigned>(unix_seconds - std::int64_t{day} * 86400);
    date(day) << 'T';
    padded(second / 3600, 2) << ':';
    padded(second / 60 % 60, 2) << ':';
    return padded(second % 60, 2) << 'Z';
  }
  FileOut& id(char prefix, std::uint64_t n) {
    buffer_.push_back(prefix);
    return padded(static_cast<unsigned>(n / 100000), 5).padded(static_cast<unsigned>(n % 100000), 5);
  }
  void end_record() {
    buffer_.push_back('\n');
    ++records_;
    if (buffer_.size() >= kBlock) flush();
  }
  GeneratedFile close() {
    flush();
    if (std::fclose(file_) != 0) throw std::runtime_error("cannot write " + path_.string());
    file_ = nullptr;
    return {path_, records_, std::filesystem::file_size(path_)};
  }

 private:
  void flush() {
    if (!buffer_.empty() && std::fwrite(buffer_.data(), 1, buffer_.size(), file_) != buffer_.size())
      throw std::runtime_error("cannot write " + path_.string() + " (disk full?)");
    buffer_.clear();
  }
  static constexpr std::size_t kBlock = 1 << 20;
  std::filesystem::path path_;
  std::FILE* file_;
  std::string buffer_;
  std::size_t records_ = 0;
};

}  // namespace hqms::bench
