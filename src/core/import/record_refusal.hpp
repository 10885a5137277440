#pragma once
// How every import reports a refused record: one problem per field at fault, all on the record's line, and
// the record counted once.
#include <cstddef>
#include <span>
#include <string_view>

#include "core/common/result.hpp"
#include "core/import/import_report.hpp"

namespace hqms::importing {

void reject_record(ImportTally& tally, std::string_view file_name, std::size_t line,
                   std::string_view record_id, std::span<const FieldError> errors);

}  // namespace hqms::importing
