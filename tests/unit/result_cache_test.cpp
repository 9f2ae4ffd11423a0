#include "server/result_cache.h"

#include <gtest/gtest.h>

namespace twinning::server {
namespace {

std::shared_ptr<const network::TwinGraph> graph() {
  return std::make_shared<const network::TwinGraph>();
}

TEST(ResultCache, AnswersOnlyForTheGraphItWasComputedOn) {
  ResultCache cache(8);
  auto before = graph(), after = graph();
  EXPECT_FALSE(cache.find("/api/plan?seed=1", before));
  cache.put("/api/plan?seed=1", before, "{\"picks\":[]}");
  EXPECT_EQ(cache.find("/api/plan?seed=1", before), "{\"picks\":[]}");
  EXPECT_FALSE(cache.find("/api/plan?seed=2", before));
  EXPECT_FALSE(cache.find("/api/plan?seed=1", after));  // the registry changed
  cache.put("/api/plan?seed=1", after, "{\"picks\":[1]}");
  EXPECT_EQ(cache.find("/api/plan?seed=1", after), "{\"picks\":[1]}");
  EXPECT_FALSE(cache.find("/api/plan?seed=1", before));
}

TEST(ResultCache, DropsTheLeastRecentlyUsed) {
  ResultCache cache(2);
  auto g = graph();
  cache.put("a", g, "A");
  cache.put("b", g, "B");
  EXPECT_EQ(cache.find("a", g), "A");  // a is now the most recent
  cache.put("c", g, "C");
  EXPECT_EQ(cache.find("a", g), "A");
  EXPECT_FALSE(cache.find("b", g));
  EXPECT_EQ(cache.find("c", g), "C");
}

}  // namespace
}  // namespace twinning::server
