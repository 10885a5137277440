#pragma once
#include <string>
#include <vector>

namespace hqms::store {

// One schema step. Versions are dense and ascending; a database records which it has applied.
struct Migration {
  int version;
  std::string name;
  std::string sql;
};

}  // namespace hqms::store
