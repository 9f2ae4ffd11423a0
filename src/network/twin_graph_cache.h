// TwinGraphCache keeps the TwinGraph of the registry between calls and
// builds it again only when the registry changed (store/registry_revision.h),
// so that the server's analytics, forecasts and plans do not read every city
// and link for each request. Building the world graph takes tens of
// milliseconds; checking the revision, one small query.
//
// Thread-safe: one cache serves all the server's threads, each passing its
// own Store. A graph handed out stays valid for its holder after the cache
// moved on to a newer one.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "network/twin_graph.h"
#include "store/registry_revision.h"
#include "store/store.h"

namespace twinning::network {

class TwinGraphCache {
 public:
  TwinGraphCache() = default;
  TwinGraphCache(const TwinGraphCache&) = delete;
  TwinGraphCache& operator=(const TwinGraphCache&) = delete;

  // The graph of the registry in `store`: the cached one if the registry's
  // revision is the one it was built at, else a new one (load_twin_graph),
  // which replaces it. The revision is read before the graph, so a write
  // that lands in between can only cause one needless rebuild, never a
  // stale graph. Concurrent callers that find the cache outdated wait for
  // one of them to build. Throws as registry_revision and load_twin_graph
  // (the cache is then left as it was).
  std::shared_ptr<const TwinGraph> get(store::Store& store);

  // How many times a graph was built (for tests and logs).
  std::int64_t builds() const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const TwinGraph> graph_;
  store::RegistryRevision revision_;
  std::int64_t builds_ = 0;
};

}  // namespace twinning::network
