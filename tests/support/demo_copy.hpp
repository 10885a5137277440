#pragma once
// The demo hospital (`hqms demo`) as the starting point of a test. Building it takes about 15 s on SQLite
// and 50 s on PostgreSQL under ASan, and a dozen tests of the command line start from it. So within one
// `make test` it is built once per backend, in the folder HQMS_TEST_CACHE names (scripts/with-postgres.sh
// makes one per run and removes it after), and every test gets a copy: the file on SQLite, a database made
// from it as a template on PostgreSQL. Without HQMS_TEST_CACHE (a test binary run by hand) each call builds
// the demo afresh. Tests of the demo command itself still run it.
#include <string>

#include "support/test_database.hpp"

namespace hqms::test {

// Makes `db` (and its key file) a copy of the demo hospital built by the hqms binary `binary`.
// Throws with the command's output when the demo cannot be built.
void copy_demo_into(TestDatabase& db, const std::string& binary);

// Writes a SQLite demo hospital to `path`, with its key file at `path` + ".keys" (as `hqms demo` would).
void copy_sqlite_demo_to(const std::string& path, const std::string& binary);

}  // namespace hqms::test
