#include "http/static/static_files.hpp"

#include <spdlog/spdlog.h>

#include <fstream>
#include <sstream>

#include "core/common/crypto.hpp"

namespace hqms::http {
namespace {

constexpr std::size_t kLongestClientRoute = 512;

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

std::optional<std::string> read_whole(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream buf;
  buf << in.rdbuf();
  if (!in.good() && !in.eof()) return std::nullopt;
  return buf.str();
}

// The URL path of a file below the root: "/" + its relative path with forward slashes. Every part is a plain
// name (the directory walk gives no "." or ".."), so the key can be matched only by that exact path.
std::string url_path_of(const std::filesystem::path& relative) {
  std::string url;
  for (const auto& part : relative) url += "/" + part.string();
  return url;
}

bool plain_segment_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == '~';
}

}  // namespace

bool is_client_route(std::string_view path) {
  if (path.empty() || path.front() != '/' || path.size() > kLongestClientRoute) return false;
  if (path == "/") return true;
  std::string_view rest = path.substr(1);
  if (rest.back() == '/') rest.remove_suffix(1);  // "/incidents/" is the same page as "/incidents"
  std::string_view last;
  while (true) {
    const auto slash = rest.find('/');
    const auto segment = rest.substr(0, slash);
    if (segment.empty() || segment.find_first_not_of('.') == std::string_view::npos) return false;
    for (char c : segment)
      if (!plain_segment_char(c)) return false;
    last = segment;
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
  // A name with an extension asks for a file: a missing one is a real 404, not the app.
  return last.find('.') == std::string_view::npos;
}

void StaticFiles::fail(std::string why) {
  assets_.clear();
  total_bytes_ = 0;
  load_error_ = std::move(why);
  spdlog::error("{}", load_error_);
}

StaticFiles::StaticFiles(const std::filesystem::path& root) {
  if (root.empty()) return;
  std::error_code ec;
  // No follow_directory_symlink: the walk stays inside the root's own folders.
  std::filesystem::recursive_directory_iterator it(root, std::filesystem::directory_options::none, ec), end;
  if (ec) {
    fail("web root " + root.string() + " cannot be read: " + ec.message());
    return;
  }
  for (; it != end; it.increment(ec)) {
    if (ec) {
      fail("web root " + root.string() + " cannot be read: " + ec.message());
      return;
    }
    const auto status = it->symlink_status(ec);
    if (ec) continue;
    if (std::filesystem::is_symlink(status)) {
      spdlog::warn("web root: not serving the symbolic link {}", it->path().string());
      continue;
    }
    if (!std::filesystem::is_regular_file(status)) continue;
    auto body = read_whole(it->path());
    if (!body) {
      spdlog::warn("web root: cannot read {}", it->path().string());
      continue;
    }
    total_bytes_ += body->size();
    if (assets_.size() >= kMaxFiles || total_bytes_ > kMaxBytes) {
      fail("web root " + root.string() + " holds more than a built front end (over " +
           std::to_string(kMaxFiles) + " files or " + std::to_string(kMaxBytes >> 20) +
           " MB): is it the right folder?");
      return;
    }
    std::string etag = "\"" + sha256_hex(*body).substr(0, 32) + "\"";
    assets_.insert_or_assign(
        url_path_of(it->path().lexically_relative(root)),
        StaticAsset{std::move(*body), std::string(content_type_for(it->path())), std::move(etag)});
  }
  if (!assets_.contains("/index.html")) spdlog::warn("web root {} has no index.html", root.string());
}

std::optional<Response> StaticFiles::serve(const Request& req) const {
  if (assets_.empty() || req.path.starts_with("/api/")) return std::nullopt;
  auto found = assets_.find(req.path);
  if (found == assets_.end()) {
    // Client-side routes (/admin/users/7) get the app shell.
    if (!is_client_route(req.path)) return std::nullopt;
    found = assets_.find(std::string_view("/index.html"));
    if (found == assets_.end()) return std::nullopt;
  }
  const StaticAsset& asset = found->second;
  const bool fresh = req.header("If-None-Match") == asset.etag;
  auto res = fresh ? empty_response(304) : text_response(200, asset.body, asset.content_type);
  res.set(boost::beast::http::field::etag, asset.etag);
  // Vite puts a content hash in every asset name under /assets, so those never change.
  res.set(boost::beast::http::field::cache_control,
          req.path.starts_with("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
  return res;
}

}  // namespace hqms::http
