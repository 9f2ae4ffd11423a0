// The seed corpus of the HTTP fuzz target (fuzz/http_request_fuzzer.cpp,
// tests/fuzz/corpus/http_request/) starts every write endpoint the server
// registers with a valid JSON body ("@json METHOD PATTERN ..." inputs), so
// that a new write route is fuzzed from a meaningful body and not only from
// what the fuzzer stumbles on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "server/api.h"

namespace twinning {
namespace {

TEST(HttpFuzzCorpus, HoldsAJsonSeedForEveryWriteRoute) {
  std::set<std::string> seeded;
  std::filesystem::path dir =
      std::filesystem::path(TWINNING_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / "http_request";
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string line;
    std::getline(in, line);
    if (line.rfind("@json ", 0) != 0) continue;
    std::istringstream words(line.substr(6));
    std::string method, pattern;
    words >> method >> pattern;
    seeded.insert(method + " " + pattern);
    std::string body((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_TRUE(nlohmann::json::accept(body)) << entry.path() << " holds no JSON body";
  }
  auto routes = server::api_routes();
  int writes = 0;
  for (const auto& r : routes.routes()) {
    if (server::is_safe(r.method)) continue;
    ++writes;
    std::string route = std::string(server::method_name(r.method)) + " " + r.pattern;
    EXPECT_TRUE(seeded.count(route)) << route << " has no @json seed in " << dir;
  }
  EXPECT_GE(writes, 20);
}

}  // namespace
}  // namespace twinning
