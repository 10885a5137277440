#include "core/incidents/attachment_rules.hpp"

#include <array>
#include <cctype>

namespace hqms {
namespace {

struct AllowedType {
  std::string_view media_type;
  std::string_view magic;      // the bytes a file of this type starts with; empty: text, checked otherwise
  std::string_view extension;  // the one the stored name gets, so a download never opens as something else
};

constexpr std::string_view kZip{"PK\x03\x04", 4};
constexpr std::array kAllowed{
    AllowedType{"application/pdf", "%PDF-", ".pdf"},
    AllowedType{"image/png", "\x89PNG\r\n\x1a\n", ".png"},
    AllowedType{"image/jpeg", "\xff\xd8\xff", ".jpg"},
    AllowedType{"image/gif", "GIF8", ".gif"},
    AllowedType{"image/webp", "RIFF", ".webp"},
    AllowedType{"text/plain", "", ".txt"},
    AllowedType{"text/csv", "", ".csv"},
    AllowedType{"application/vnd.openxmlformats-officedocument.wordprocessingml.document", kZip, ".docx"},
    AllowedType{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kZip, ".xlsx"},
};

std::string lower_media_type(std::string_view raw) {
  auto media = raw.substr(0, raw.find(';'));
  while (!media.empty() && media.back() == ' ') media.remove_suffix(1);
  std::string out;
  for (char c : media) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Text must be UTF-8 without control characters other than tab and line ends (so no NUL-smuggled binary).
bool is_plain_text(std::string_view bytes) {
  std::size_t i = 0;
  while (i < bytes.size()) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    if (c < 0x80) {
      if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
      ++i;
      continue;
    }
    const int extra = (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : -1;
    if (extra < 0 || i + static_cast<std::size_t>(extra) >= bytes.size()) return false;  // truncated
    for (int k = 1; k <= extra; ++k)
      if ((static_cast<unsigned char>(bytes[i + k]) & 0xC0) != 0x80) return false;
    i += static_cast<std::size_t>(extra) + 1;
  }
  return true;
}

// Keeps letters, digits and a few separators; anything else (quotes, slashes, control characters) becomes
// '_', so the name is safe in a header and on any file system it is saved to.
std::string safe_file_name(std::string_view name) {
  auto slash = name.find_last_of("/\\");
  if (slash != std::string_view::npos) name.remove_prefix(slash + 1);
  std::string out;
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    out +=
        (std::isalnum(u) || c == '.' || c == '-' || c == '_' || c == ' ' || c == '(' || c == ')') ? c : '_';
  }
  while (!out.empty() && (out.front() == '.' || out.front() == ' ')) out.erase(out.begin());
  return out.substr(0, 150);
}

}  // namespace

Result<AcceptedAttachment> check_attachment(std::string_view file_name, std::string_view media_type,
                                            std::string_view bytes) {
  const auto name = safe_file_name(file_name);
  if (name.empty()) return Error::validation({{"name", "give the file's name (?name=...)"}});
  if (bytes.empty()) return Error::validation({{"file", "is empty"}});
  if (bytes.size() > kMaxAttachmentBytes)
    return Error::validation({{"file", "is larger than the 10 MB an attachment may be"}});
  const auto type = lower_media_type(media_type);
  for (const auto& allowed : kAllowed) {
    if (allowed.media_type != type) continue;
    const bool matches = allowed.magic.empty() ? is_plain_text(bytes) : bytes.starts_with(allowed.magic);
    if (!matches) return Error::validation({{"file", "its content is not " + type + " as its type says"}});
    if (type == "image/webp" && (bytes.size() < 12 || bytes.substr(8, 4) != "WEBP"))
      return Error::validation({{"file", "its content is not image/webp as its type says"}});
    // "statement.txt.hta" becomes "statement.txt.hta.txt": whatever opens the download sees the checked type.
    auto stored = name;
    const auto ext = std::string(allowed.extension);
    auto lower = stored;
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!lower.ends_with(ext) && !(ext == ".jpg" && lower.ends_with(".jpeg"))) stored += ext;
    return AcceptedAttachment{stored, type};
  }
  return Error::validation({{"file",
                             "must be a PDF, PNG, JPEG, GIF or WebP image, plain text, CSV, Word (.docx) or "
                             "Excel (.xlsx) file"}});
}

}  // namespace hqms
