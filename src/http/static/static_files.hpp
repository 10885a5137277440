#pragma once
// Serves the built web front end from a folder (see README "Design": a folder, not embedded, so the UI can be
// rebuilt and replaced without recompiling the server).
#include <filesystem>
#include <optional>

#include "http/routing/request.hpp"

namespace hqms::http {

class StaticFiles {
 public:
  explicit StaticFiles(std::filesystem::path root) : root_(std::move(root)) {}
  // nullopt when the path is not ours to answer (no UI configured, or an /api path).
  std::optional<Response> serve(const Request& req) const;

 private:
  std::filesystem::path root_;
};

}  // namespace hqms::http
