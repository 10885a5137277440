#include "core/import/csv_reader.hpp"

#include <algorithm>

namespace hqms {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

enum class Ending { field, record };

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

bool same_name(std::string_view a, std::string_view b) {
  return std::ranges::equal(a, b, [](char x, char y) {
    const auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    return lower(x) == lower(y);
  });
}

}  // namespace

CsvReader::CsvReader(std::string_view text, char separator, std::size_t first_line)
    : text_(text), line_(first_line), separator_(separator) {
  if (first_line == 1 && text_.starts_with(kBom)) pos_ = kBom.size();
}

const CsvRecord* CsvReader::next() {
  if (error_) return nullptr;
  const auto size = text_.size();

  // Empty lines are skipped.
  while (pos_ < size) {
    if (text_[pos_] == '\n') {
      ++pos_;
    } else if (text_[pos_] == '\r' && (pos_ + 1 == size || text_[pos_ + 1] == '\n')) {
      pos_ += pos_ + 1 == size ? 1 : 2;
    } else {
      break;
    }
    ++line_;
  }
  if (pos_ >= size) return nullptr;

  record_.line = line_;
  record_.fields.clear();
  rebuilt_.clear();

  const auto fail = [&](std::size_t line, std::string message) -> const CsvRecord* {
    error_ = CsvError{line, std::move(message)};
    pos_ = size;
    return nullptr;
  };

  // After a field: a separator (another field follows), a line end or the end of the input (the record ends),
  // or anything else (only possible after a closing quote).
  const auto ending = [&]() -> std::optional<Ending> {
    if (pos_ == size) return Ending::record;
    const char c = text_[pos_];
    if (c == separator_) {
      ++pos_;
      return Ending::field;
    }
    if (c == '\n') {
      ++pos_;
      ++line_;
      return Ending::record;
    }
    if (c == '\r' && (pos_ + 1 == size || text_[pos_ + 1] == '\n')) {
      pos_ += pos_ + 1 == size ? 1 : 2;
      ++line_;
      return Ending::record;
    }
    return std::nullopt;
  };

  for (;;) {
    if (pos_ == size || text_[pos_] != '"') {
      // Unquoted: up to the separator or the line end; a lone CR stays in the field.
      const auto start = pos_;
      while (pos_ < size) {
        const char c = text_[pos_];
        if (c == separator_ || c == '\n' || (c == '\r' && (pos_ + 1 == size || text_[pos_ + 1] == '\n')))
          break;
        ++pos_;
      }
      record_.fields.push_back(text_.substr(start, pos_ - start));
    } else {
      // Quoted: up to the quote that is not doubled; line ends inside count as lines.
      const auto start = ++pos_;
      bool doubled = false;
      for (;;) {
        const auto quote = text_.find('"', pos_);
        const auto stop = quote == std::string_view::npos ? size : quote;
        line_ +=
            static_cast<std::size_t>(std::count(text_.begin() + static_cast<std::ptrdiff_t>(pos_),
                                                text_.begin() + static_cast<std::ptrdiff_t>(stop), '\n'));
        if (quote == std::string_view::npos) return fail(record_.line, "unterminated quoted field");
        if (quote + 1 < size && text_[quote + 1] == '"') {
          doubled = true;
          pos_ = quote + 2;
          continue;
        }
        pos_ = quote + 1;
        break;
      }
      const auto raw = text_.substr(start, pos_ - 1 - start);
      if (!doubled) {
        record_.fields.push_back(raw);
      } else {
        const auto slot = rebuilt_.size();
        if (slot == unescaped_.size()) unescaped_.emplace_back();
        auto& out = unescaped_[slot];
        out.clear();
        for (std::size_t i = 0; i < raw.size(); ++i) {
          out.push_back(raw[i]);
          if (raw[i] == '"') ++i;  // the second quote of a doubled pair
        }
        rebuilt_.push_back(record_.fields.size());
        record_.fields.emplace_back();  // set below, once unescaped_ no longer grows
      }
    }

    const auto end = ending();
    if (!end) return fail(line_, "text after a closing quote");
    if (*end == Ending::record) break;
    if (pos_ == size) {  // a separator ends the input: one more, empty field
      record_.fields.emplace_back();
      break;
    }
  }

  for (std::size_t slot = 0; slot < rebuilt_.size(); ++slot)
    record_.fields[rebuilt_[slot]] = unescaped_[slot];
  return &record_;
}

std::optional<std::size_t> CsvColumns::at(std::string_view name) const {
  const auto wanted = trim(name);
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (same_name(names[i], wanted)) return i;
  }
  return std::nullopt;
}

std::vector<CsvPart> split_csv_records(std::string_view text, std::size_t from, std::size_t from_line,
                                       std::size_t parts, char separator) {
  std::vector<CsvPart> out;
  const auto size = text.size();
  std::size_t start = from, line = from_line;
  // The scan jumps from quote to quote (memchr speed on the many files that have none), keeping whether it is
  // inside a quoted field; `scanned` is how far the quote state is known.
  std::size_t scanned = from;
  bool quoted = false;
  const auto scan_to = [&](std::size_t end) {
    while (scanned < end) {
      const auto quote = text.find('"', scanned);
      if (quote == std::string_view::npos || quote >= end) {
        scanned = end;
        return;
      }
      if (quoted) {
        if (quote + 1 < size && text[quote + 1] == '"') {
          scanned = quote + 2;  // a doubled quote, still inside
          continue;
        }
        quoted = false;
      } else {
        const char before = quote == 0 ? '\n' : text[quote - 1];
        quoted = quote == from || before == separator || before == '\n';
      }
      scanned = quote + 1;
    }
  };
  for (std::size_t k = 1; k < parts; ++k) {
    const auto target = from + (size - from) / parts * k;
    if (target <= start) continue;
    // The first line end at or after the target that is outside a quoted field.
    std::size_t cut = std::string_view::npos;
    for (auto at = std::max(target, scanned); at < size;) {
      const auto end = text.find('\n', at);
      if (end == std::string_view::npos) break;
      scan_to(end);
      if (!quoted) {
        cut = end + 1;
        break;
      }
      at = end + 1;
    }
    if (cut == std::string_view::npos || cut >= size) break;
    scan_to(cut);
    const auto part = text.substr(start, cut - start);
    out.push_back({part, line});
    line += static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
    start = cut;
  }
  if (start < size || out.empty()) out.push_back({text.substr(start), line});
  return out;
}

CsvColumns csv_columns(const CsvRecord& header, const std::vector<std::string_view>& required) {
  CsvColumns columns;
  columns.names.reserve(header.fields.size());
  for (const auto field : header.fields) columns.names.emplace_back(trim(field));
  for (const auto name : required) {
    if (!columns.at(name)) columns.missing.emplace_back(name);
  }
  return columns;
}

}  // namespace hqms
