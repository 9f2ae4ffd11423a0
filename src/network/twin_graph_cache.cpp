#include "network/twin_graph_cache.h"

namespace twinning::network {

std::shared_ptr<const TwinGraph> TwinGraphCache::get(store::Store& store) {
  store::RegistryRevision now = store::registry_revision(store);
  std::lock_guard lock(mutex_);
  if (graph_ && revision_ == now) return graph_;
  // Built under the lock: callers arriving meanwhile need the same graph,
  // and building it once is cheaper than building it in parallel.
  auto built = std::make_shared<const TwinGraph>(load_twin_graph(store));
  graph_ = std::move(built);
  revision_ = now;
  ++builds_;
  return graph_;
}

std::int64_t TwinGraphCache::builds() const {
  std::lock_guard lock(mutex_);
  return builds_;
}

}  // namespace twinning::network
