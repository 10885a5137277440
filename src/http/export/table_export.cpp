#include "http/export/table_export.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <sstream>

namespace hqms::http {
namespace {

std::string defused(const std::string& cell) {
  if (!cell.empty() && (cell.front() == '=' || cell.front() == '+' || cell.front() == '-' ||
                        cell.front() == '@' || cell.front() == '\t' || cell.front() == '\r'))
    return "'" + cell;
  return cell;
}

std::string csv_cell(const std::string& raw) {
  const auto cell = defused(raw);
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// A file in the temporary directory that is removed when this goes out of scope: libxlsxwriter 1.1 writes
// only to files.
class TemporaryFile {
 public:
  TemporaryFile() {
    auto pattern = (std::filesystem::temp_directory_path() / "hqms-export-XXXXXX").string();
    const int fd = mkstemp(pattern.data());
    if (fd >= 0) {
      close(fd);
      path_ = pattern;
    }
  }
  ~TemporaryFile() {
    if (!path_.empty()) std::filesystem::remove(path_);
  }
  TemporaryFile(const TemporaryFile&) = delete;
  TemporaryFile& operator=(const TemporaryFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// The cell as a number when its column holds numbers and it reads as one whole; anything else stays text.
std::optional<double> number_cell(const Table& table, std::size_t column, const std::string& cell) {
  if (cell.empty() || std::find(table.number_columns.begin(), table.number_columns.end(), column) ==
                          table.number_columns.end())
    return std::nullopt;
  double value = 0;
  auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
  if (ec != std::errc{} || ptr != cell.data() + cell.size()) return std::nullopt;
  return value;
}

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const {
    if (wb) workbook_close(wb);
  }
};

}  // namespace

std::string to_csv(const Table& table) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (std::size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  };
  line(table.header);
  for (const auto& row : table.rows) line(row);
  return out;
}

Result<std::string> to_xlsx(const Table& table) {
  TemporaryFile file;
  if (file.path().empty()) return Error::internal("could not create a temporary file for the workbook");
  {
    std::unique_ptr<lxw_workbook, WorkbookCloser> wb(workbook_new(file.path().c_str()));
    if (!wb) return Error::internal("could not start the workbook");
    lxw_worksheet* sheet = workbook_add_worksheet(wb.get(), table.title.substr(0, 31).c_str());
    lxw_format* bold = workbook_add_format(wb.get());
    format_set_bold(bold);
    for (std::size_t c = 0; c < table.header.size(); ++c)
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.header[c].c_str(), bold);
    for (std::size_t r = 0; r < table.rows.size(); ++r)
      for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
        const auto& cell = table.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r + 1);
        const auto col = static_cast<lxw_col_t>(c);
        if (auto number = number_cell(table, c, cell))
          worksheet_write_number(sheet, row, col, *number, nullptr);
        else
          // Strings are written as strings, never formulas, so no cell can run anything.
          worksheet_write_string(sheet, row, col, cell.c_str(), nullptr);
      }
    worksheet_freeze_panes(sheet, 1, 0);
    if (!table.header.empty())
      worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()),
                           static_cast<lxw_col_t>(table.header.size() - 1));
    auto* raw = wb.release();
    if (workbook_close(raw) != LXW_NO_ERROR) return Error::internal("could not write the workbook");
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

Result<Response> table_download(const Table& table, ExportFormat format, const std::string& date) {
  std::string body;
  std::string type;
  std::string extension;
  if (format == ExportFormat::csv) {
    body = to_csv(table);
    type = "text/csv; charset=utf-8";
    extension = "csv";
  } else {
    auto xlsx = to_xlsx(table);
    if (!xlsx) return xlsx.error();
    body = std::move(*xlsx);
    type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    extension = "xlsx";
  }
  auto res = text_response(200, std::move(body), type);
  res.set(boost::beast::http::field::content_disposition,
          "attachment; filename=\"" + table.title + "-" + date + "." + extension + "\"");
  return res;
}

}  // namespace hqms::http
