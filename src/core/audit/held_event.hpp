#pragma once
// An audit event kept back until its day is over (anonymous reports and replies, issue 12 finding 6): its
// JSON form while it waits, and the order a day's held events join the trail in.
#include <nlohmann/json.hpp>
#include <vector>

#include "core/audit/audit_entry.hpp"
#include "core/common/result.hpp"

namespace hqms {

nlohmann::json held_event_json(const AuditEvent& event);
Result<AuditEvent> held_event_from_json(const nlohmann::json& json);

// Shuffles in place with the OS CSPRNG (Fisher-Yates with libsodium's unbiased randombytes_uniform): the
// order held entries join the chain in must say nothing of the order they were made in.
void shuffle_indices_unpredictably(std::vector<std::size_t>& indices);
template <class T>
void shuffle_unpredictably(std::vector<T>& items) {
  std::vector<std::size_t> order(items.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  shuffle_indices_unpredictably(order);
  std::vector<T> shuffled;
  shuffled.reserve(items.size());
  for (auto i : order) shuffled.push_back(std::move(items[i]));
  items = std::move(shuffled);
}

}  // namespace hqms
