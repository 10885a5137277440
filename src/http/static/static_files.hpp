#pragma once
// Serves the built web front end from memory. Every file of the web root is read once, at start, into a map
// keyed by its URL path; a request is answered by an exact lookup in that map and never by a path built from
// what the client sent, so no request can name a file outside the built assets (issue 12, finding 1: a join
// of the root with "//etc/passwd" once gave the whole file system away). A rebuilt front end is picked up at
// the next start.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "http/routing/request.hpp"

namespace hqms::http {

struct StaticAsset {
  std::string body;
  std::string content_type;
  std::string etag;  // a strong validator: the body's hash, so a reload after a deploy refetches
};

class StaticFiles {
 public:
  StaticFiles() = default;
  // Loads the regular files under root. Symbolic links are never followed (a link could point out of the
  // root) and are skipped with a warning, like anything that is not a regular file.
  explicit StaticFiles(const std::filesystem::path& root);

  // nullopt when the path is not ours to answer (no UI configured, an /api path, no such asset).
  std::optional<Response> serve(const Request& req) const;

  std::size_t asset_count() const { return assets_.size(); }
  std::size_t total_bytes() const { return total_bytes_; }
  // Why nothing is served, when the root could not be loaded (unreadable, or far larger than a built front
  // end: a root of "/" must not read the whole disk into memory); empty when all is well.
  const std::string& load_error() const { return load_error_; }

  // A built front end is a few megabytes in a few dozen files; these leave room a hundred times over.
  static constexpr std::size_t kMaxFiles = 5'000;
  static constexpr std::size_t kMaxBytes = 256 * 1024 * 1024;

 private:
  void fail(std::string why);

  std::map<std::string, StaticAsset, std::less<>> assets_;
  std::size_t total_bytes_ = 0;
  std::string load_error_;
};

// Whether a decoded request path may be a client-side route of the single-page app, answered with the app
// shell: plain segments of letters, digits and - _ . ~, no empty or dot-only segment, no file extension on
// the last one, and a sane length. Anything else that is not an asset is a 404.
bool is_client_route(std::string_view path);

}  // namespace hqms::http
