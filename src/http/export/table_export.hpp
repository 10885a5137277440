#pragma once
// A table of text cells written as CSV or as an Excel workbook, for the "export this list" buttons.
#include <string>
#include <vector>

#include "core/common/result.hpp"
#include "http/routing/request.hpp"

namespace hqms::http {

struct Table {
  std::string title;  // the sheet name and the start of the file name
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  // Columns whose cells are numbers: the workbook stores them as numbers so that a spreadsheet sorts and sums
  // them (an RPN of 90 would otherwise sort after 120). CSV is text either way.
  std::vector<std::size_t> number_columns = {};
};

enum class ExportFormat { csv, xlsx };

// RFC 4180 CSV (UTF-8 with a byte-order mark, which Excel needs to read accents). A cell starting with =, +,
// -, @, a tab or a carriage return (OWASP's list) is prefixed with ' so that a spreadsheet never runs it as a
// formula (CSV injection).
std::string to_csv(const Table& table);
Result<std::string> to_xlsx(const Table& table);

// The file as a download named `<title>-<date>.<csv|xlsx>`.
Result<Response> table_download(const Table& table, ExportFormat format, const std::string& date);

}  // namespace hqms::http
