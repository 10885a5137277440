// Uploads: the check every attachment of a report or CAPA action passes (check_attachment,
// src/core/incidents/attachment_rules.hpp), with the file's name (?name=), its Content-Type and its bytes as
// a client sends them. The input is "name\nmedia type\nbytes". What is accepted must be safe to serve back: a
// name fit for a Content-Disposition header and any file system, ending in the checked type's extension, and
// bytes that begin as that type does.
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/incidents/attachment_rules.hpp"
#include "expect.hpp"

namespace {

using hqms::fuzz::expect;

bool safe_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' || c == ' ' ||
         c == '(' || c == ')';
}

// The type's first bytes, as the formats define them (PDF 1.7 §7.5.2, PNG §5.2, JPEG SOI, GIF89a, RIFF/WEBP,
// ZIP local file header for OOXML); text types only have no control characters but tab and line ends.
bool begins_as(std::string_view type, std::string_view bytes) {
  if (type == "application/pdf") return bytes.starts_with("%PDF-");
  if (type == "image/png") return bytes.starts_with("\x89PNG\r\n\x1a\n");
  if (type == "image/jpeg") return bytes.starts_with("\xff\xd8\xff");
  if (type == "image/gif") return bytes.starts_with("GIF8");
  if (type == "image/webp")
    return bytes.starts_with("RIFF") && bytes.size() >= 12 && bytes.substr(8, 4) == "WEBP";
  if (type.ends_with(".document") || type.ends_with(".sheet"))
    return bytes.starts_with(std::string_view("PK\x03\x04", 4));
  if (type == "text/plain" || type == "text/csv") {
    for (const char c : bytes)
      if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r') return false;
    return true;
  }
  return false;
}

// The extension a download of the type is stored under, so nothing opens it as something else.
bool has_extension_of(std::string_view type, std::string_view name) {
  std::string lower(name);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto ends = [&](std::string_view ext) { return std::string_view(lower).ends_with(ext); };
  if (type == "application/pdf") return ends(".pdf");
  if (type == "image/png") return ends(".png");
  if (type == "image/jpeg") return ends(".jpg") || ends(".jpeg");
  if (type == "image/gif") return ends(".gif");
  if (type == "image/webp") return ends(".webp");
  if (type == "text/plain") return ends(".txt");
  if (type == "text/csv") return ends(".csv");
  if (type.ends_with(".document")) return ends(".docx");
  if (type.ends_with(".sheet")) return ends(".xlsx");
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto name_end = input.find('\n');
  if (name_end == std::string_view::npos) return 0;
  const auto name = input.substr(0, name_end);
  input.remove_prefix(name_end + 1);
  const auto type_end = input.find('\n');
  if (type_end == std::string_view::npos) return 0;
  const auto media_type = input.substr(0, type_end);
  const auto bytes = input.substr(type_end + 1);

  const auto accepted = hqms::check_attachment(name, media_type, bytes);
  if (!accepted) {
    expect(accepted.error().kind == hqms::ErrorKind::validation && !accepted.error().fields.empty(),
           "a refused upload names what is wrong");
    return 0;
  }
  const auto& file = *accepted;
  expect(!bytes.empty() && bytes.size() <= hqms::kMaxAttachmentBytes,
         "an accepted upload has a size allowed");
  expect(begins_as(file.media_type, bytes), "an accepted upload begins as its type does");
  expect(!file.file_name.empty() && file.file_name.front() != '.' && file.file_name.front() != ' ',
         "an accepted name is not hidden or blank");
  for (const char c : file.file_name)
    expect(safe_name_char(c), "an accepted name holds only safe characters");
  expect(has_extension_of(file.media_type, file.file_name), "an accepted name has its type's extension");
  return 0;
}
