// The version check runs on every request; a reload happens under the lock so that two requests arriving
// after an import load the tables once, and the requests still holding the old snapshot finish on it.
#include "http/indicators/indicator_data_cache.hpp"

#include <algorithm>

namespace hqms::http {
namespace {

std::map<std::string, DataExtent, std::less<>> extents_of(const indicators::IndicatorData& data) {
  std::map<std::string, DataExtent, std::less<>> out;
  for (const auto* schema : indicators::all_schemas()) {
    const auto* table = data.table(schema->source);
    if (!table || table->rows() == 0) continue;
    auto column = schema->index_of(schema->period_day);
    if (!column) continue;
    auto days = table->day(*column);
    auto [low, high] = std::minmax_element(days.begin(), days.end());
    out.emplace(schema->source, DataExtent{*low, *high});
  }
  return out;
}

}  // namespace

Result<std::shared_ptr<const indicators::IndicatorData>> IndicatorDataCache::current(store::Database& db) {
  auto snap = snapshot(db);
  if (!snap) return snap.error();
  return (*snap)->data;
}

Result<std::shared_ptr<const IndicatorSnapshot>> IndicatorDataCache::snapshot(store::Database& db) {
  std::string version;
  {
    auto uow = db.begin(store::TxMode::read);
    if (!uow) return uow.error();
    auto v = (*uow)->indicator_data().data_version();
    if (!v) return v.error();
    version = std::move(*v);
  }
  std::lock_guard lock(mutex_);
  if (snapshot_ && snapshot_->version == version) return snapshot_;
  auto data = std::make_shared<indicators::IndicatorData>();
  {
    auto uow = db.begin(store::TxMode::read);
    if (!uow) return uow.error();
    // The version is read again in the loading transaction, so the snapshot is labelled with what it holds
    // even when an import finished in between.
    auto v = (*uow)->indicator_data().data_version();
    if (!v) return v.error();
    version = std::move(*v);
    if (auto loaded = (*uow)->indicator_data().load(*data); !loaded) return loaded.error();
  }
  auto snap = std::make_shared<IndicatorSnapshot>();
  snap->extents = extents_of(*data);
  snap->data = std::move(data);
  snap->version = version;
  snapshot_ = snap;
  return snapshot_;
}

namespace {
// Counts and documents of the current version are few (the dashboard, a chart's windows and strata), but a
// bound guards against odd queries filling memory.
constexpr std::size_t kMaxKept = 64;
}  // namespace

void IndicatorDataCache::move_to(const std::string& version) {
  if (version == kept_version_) return;
  counts_.clear();
  documents_.clear();
  kept_version_ = version;
}

std::shared_ptr<const IndicatorCounts> IndicatorDataCache::find_counts(const std::string& version,
                                                                       const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (version != kept_version_) return nullptr;
  auto it = counts_.find(key);
  return it == counts_.end() ? nullptr : it->second;
}

void IndicatorDataCache::keep_counts(const std::string& version, const std::string& key,
                                     std::shared_ptr<const IndicatorCounts> counts) {
  std::lock_guard lock(mutex_);
  move_to(version);
  if (counts_.size() >= kMaxKept) counts_.clear();
  counts_[key] = std::move(counts);
}

std::shared_ptr<const nlohmann::json> IndicatorDataCache::find_document(const std::string& version,
                                                                        const std::string& key) const {
  std::lock_guard lock(mutex_);
  if (version != kept_version_) return nullptr;
  auto it = documents_.find(key);
  return it == documents_.end() ? nullptr : it->second;
}

void IndicatorDataCache::keep_document(const std::string& version, const std::string& key,
                                       std::shared_ptr<const nlohmann::json> doc) {
  std::lock_guard lock(mutex_);
  move_to(version);
  if (documents_.size() >= kMaxKept) documents_.clear();
  documents_[key] = std::move(doc);
}

}  // namespace hqms::http
