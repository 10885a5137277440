#include "http/static/static_files.hpp"

#include <fstream>
#include <sstream>

namespace hqms::http {
namespace {

std::string_view content_type_for(const std::filesystem::path& file) {
  const auto ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

std::optional<std::string> read_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

}  // namespace

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (root_.empty() || req.path.starts_with("/api/")) return std::nullopt;
  // Refuse anything that could climb out of the root; decoded paths are checked, so %2e%2e is caught too.
  if (req.path.find("..") != std::string::npos || req.path.find('\\') != std::string::npos)
    return std::nullopt;
  std::filesystem::path relative = req.path.substr(1);
  auto file = root_ / relative;
  std::error_code ec;
  bool is_asset = std::filesystem::is_regular_file(file, ec);
  // Client-side routes (/admin/users/7) get the app shell; a missing file with an extension is a real 404.
  if (!is_asset) {
    if (relative.has_extension()) return std::nullopt;
    file = root_ / "index.html";
  }
  auto body = read_file(file);
  if (!body) return std::nullopt;
  auto res = text_response(200, std::move(*body), content_type_for(file));
  // Vite puts a content hash in every asset name under /assets, so those never change.
  res.set(boost::beast::http::field::cache_control,
          req.path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  return res;
}

}  // namespace hqms::http
