#include "server/result_cache.h"

namespace twinning::server {

std::optional<std::string> ResultCache::find(
    const std::string& key, const std::shared_ptr<const network::TwinGraph>& graph) {
  std::lock_guard lock(mutex_);
  auto it = index_.find(key);
  if (it == index_.end() || it->second->graph != graph) return std::nullopt;
  entries_.splice(entries_.begin(), entries_, it->second);
  return it->second->body;
}

void ResultCache::put(const std::string& key, std::shared_ptr<const network::TwinGraph> graph,
                      std::string body) {
  std::lock_guard lock(mutex_);
  if (auto it = index_.find(key); it != index_.end()) {
    entries_.erase(it->second);
    index_.erase(it);
  }
  entries_.push_front(Entry{key, std::move(graph), std::move(body)});
  index_[key] = entries_.begin();
  while (entries_.size() > capacity_) {
    index_.erase(entries_.back().key);
    entries_.pop_back();
  }
}

}  // namespace twinning::server
