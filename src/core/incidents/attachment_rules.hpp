#pragma once
// What may be attached to a report. Only document and image types that browsers never run, each checked
// against the file's own first bytes, so that a page of HTML renamed .png is refused rather than stored.
#include <cstddef>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace hqms {

inline constexpr std::size_t kMaxAttachmentBytes = 10 * 1024 * 1024;

struct AcceptedAttachment {
  std::string file_name;   // safe in a Content-Disposition header, ending in the checked type's extension
  std::string media_type;  // canonical, without parameters
};

// Refusals are field errors on `file` (type, size, content) or `name`.
Result<AcceptedAttachment> check_attachment(std::string_view file_name, std::string_view media_type,
                                            std::string_view bytes);

}  // namespace hqms
