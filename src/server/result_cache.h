// ResultCache keeps the answers of costly, deterministic reads (centrality,
// forecasts and plans of the registry) for as long as the twin graph they
// were computed on is current: an entry holds that graph, and a lookup with
// another graph (the registry changed, TwinGraphCache built anew) misses.
// At most `capacity` entries, the least recently used dropped first.
//
// Thread-safe. Not copyable.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "network/twin_graph.h"

namespace twinning::server {

class ResultCache {
 public:
  explicit ResultCache(std::size_t capacity) : capacity_(capacity) {}
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  // The body stored under `key` for `graph`, or nullopt.
  std::optional<std::string> find(const std::string& key,
                                  const std::shared_ptr<const network::TwinGraph>& graph);
  // Stores `body` under `key` for `graph`.
  void put(const std::string& key, std::shared_ptr<const network::TwinGraph> graph,
           std::string body);

 private:
  struct Entry {
    std::string key;
    std::shared_ptr<const network::TwinGraph> graph;  // kept alive: its address is its identity
    std::string body;
  };
  const std::size_t capacity_;
  std::mutex mutex_;
  std::list<Entry> entries_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
};

}  // namespace twinning::server
