#include "support/demo_copy.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "support/command_run.hpp"

namespace hqms::test {
namespace {

namespace fs = std::filesystem;

// The demo as built once: where it lives and the key file its identifiers are sealed under.
struct DemoSource {
  std::string location;
  std::string key_file;
};

void run_demo(const std::string& binary, const std::string& location, const std::string& key_file) {
  auto run =
      run_command(binary + " demo --db " + shell_quoted(location) + " --key-file " + shell_quoted(key_file));
  if (run.exit_code != 0)
    throw std::runtime_error("hqms demo failed (" + std::to_string(run.exit_code) + "):\n" + run.output);
}

// An exclusive lock on a file, held for the scope: test processes running side by side wait for the one
// building the demo instead of building it too.
class FileLock {
 public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600)) {
    if (fd_ < 0 || ::flock(fd_, LOCK_EX) != 0) throw std::runtime_error("cannot lock " + path);
  }
  ~FileLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_;
};

// The run's demo for `backend`, built on first use. Nullopt without a cache folder.
std::optional<DemoSource> cached_demo(Backend backend, const std::string& binary,
                                      const std::string& pg_base) {
  const char* cache = std::getenv("HQMS_TEST_CACHE");
  if (!cache || !*cache) return std::nullopt;
  const std::string name = backend == Backend::sqlite ? "demo-sqlite" : "demo-postgres";
  const fs::path dir = fs::path(cache) / name;
  fs::create_directories(fs::path(cache));
  FileLock lock((fs::path(cache) / (name + ".lock")).string());
  DemoSource source{backend == Backend::sqlite ? (dir / "hqms.db").string() : pg_base + "hqms_demo_source",
                    (dir / "hqms.db.keys").string()};
  // "ready" is written only after the demo was built whole: a test killed half-way leaves no usable source.
  if (fs::exists(dir / "ready")) return source;
  fs::remove_all(dir);
  fs::create_directories(dir);
  if (backend == Backend::postgres) {
    auto admin = store::connect(pg_base + "postgres");
    if (!admin) throw std::runtime_error(admin.error().message);
    for (const char* sql :
         {"DROP DATABASE IF EXISTS hqms_demo_source WITH (FORCE)", "CREATE DATABASE hqms_demo_source"})
      if (auto r = (*admin)->exec(sql); !r) throw std::runtime_error(r.error().message);
  }
  run_demo(binary, source.location, source.key_file);
  if (!fs::exists(source.key_file)) throw std::runtime_error("hqms demo made no key file " + source.key_file);
  FILE* ready = std::fopen((dir / "ready").c_str(), "w");
  if (!ready) throw std::runtime_error("cannot mark the demo ready in " + dir.string());
  std::fclose(ready);
  return source;
}

void copy_sqlite_file(const std::string& from, const std::string& to) {
  for (const char* suffix : {"", "-wal"}) {
    fs::remove(to + suffix);
    if (fs::exists(from + suffix)) fs::copy_file(from + suffix, to + suffix);
  }
  fs::remove(to + "-shm");
}

}  // namespace

void copy_demo_into(TestDatabase& db, const std::string& binary) {
  auto source = cached_demo(db.backend(), binary, db.postgres_base());
  if (!source) return run_demo(binary, db.location(), db.key_file());
  fs::remove(db.key_file());
  fs::copy_file(source->key_file, db.key_file());
  if (db.backend() == Backend::sqlite) return copy_sqlite_file(source->location, db.location());
  db.recreate_from_template("hqms_demo_source");
}

void copy_sqlite_demo_to(const std::string& path, const std::string& binary) {
  auto source = cached_demo(Backend::sqlite, binary, "");
  if (!source) return run_demo(binary, path, path + ".keys");
  fs::remove(path + ".keys");
  fs::copy_file(source->key_file, path + ".keys");
  copy_sqlite_file(source->location, path);
}

}  // namespace hqms::test
