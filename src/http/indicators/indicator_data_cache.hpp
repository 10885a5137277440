#pragma once
// The engine's tables, loaded from the database once and shared by every request until the data changes
// (an import, a new incident or CAPA): loading takes seconds on a large hospital, a version check
// milliseconds. Readers hold a snapshot, so a reload never pulls the tables from under a running request.
// Counted cubes are kept beside the snapshot they were counted from, so that the dashboards do not count
// again until the data or the definitions change.
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/common/result.hpp"
#include "core/indicators/sources.hpp"
#include "store/database.hpp"

namespace hqms::http {

struct IndicatorCounts;  // indicator_computation.hpp

// The first and last day (by the source's period_day) that a source has rows on.
struct DataExtent {
  indicators::DayNumber first = 0;
  indicators::DayNumber last = 0;
};

struct IndicatorSnapshot {
  std::shared_ptr<const indicators::IndicatorData> data;
  std::string version;
  std::map<std::string, DataExtent, std::less<>> extents;  // by source; absent when the source is empty
};

class IndicatorDataCache {
 public:
  // The tables as of the database's current data version (reloaded when it changed).
  Result<std::shared_ptr<const indicators::IndicatorData>> current(store::Database& db);
  // The same with its version and extents.
  Result<std::shared_ptr<const IndicatorSnapshot>> snapshot(store::Database& db);

  // Counts kept for the snapshot of `version` under `key` (indicator_computation.cpp builds the keys).
  std::shared_ptr<const IndicatorCounts> find_counts(const std::string& version,
                                                     const std::string& key) const;
  void keep_counts(const std::string& version, const std::string& key,
                   std::shared_ptr<const IndicatorCounts> counts);
  // Finished answers (a dashboard's tiles) kept the same way, under keys naming all else they depend on.
  std::shared_ptr<const nlohmann::json> find_document(const std::string& version,
                                                      const std::string& key) const;
  void keep_document(const std::string& version, const std::string& key,
                     std::shared_ptr<const nlohmann::json> doc);

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const IndicatorSnapshot> snapshot_;
  // Both maps hold entries of kept_version_ only: keeping anything of a newer version drops the rest.
  std::string kept_version_;
  std::map<std::string, std::shared_ptr<const IndicatorCounts>> counts_;
  std::map<std::string, std::shared_ptr<const nlohmann::json>> documents_;
  void move_to(const std::string& version);
};

}  // namespace hqms::http
