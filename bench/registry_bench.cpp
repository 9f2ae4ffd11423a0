// In-process benchmarks of the registry's bulk paths on the bundled world
// list: import into a fresh SQLite file, the quality report, CSV export.
// The end-to-end comparison against the sqlite3 CLI is `scripts/bench import`.
#include <unistd.h>

#include <filesystem>
#include <sstream>

#include <benchmark/benchmark.h>

#include "ingest/country_resolver.h"
#include "ingest/exporters.h"
#include "ingest/files.h"
#include "ingest/quality_report.h"
#include "ingest/wikipedia_csv.h"
#include "store/store.h"

namespace {

using namespace twinning;

const std::string kWorld = std::string(TWINNING_SOURCE_DIR) + "/data/twin_cities_wikipedia.csv";

// A fresh database file path in a private temporary directory.
class ScratchDb {
 public:
  ScratchDb() {
    dir_ = std::filesystem::temp_directory_path() /
           ("twinning-bench-" + std::to_string(getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
  }
  ~ScratchDb() { std::filesystem::remove_all(dir_); }
  std::string path() const { return (dir_ / "bench.db").string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
};

std::unique_ptr<store::Store> fresh_store(const ScratchDb& db) {
  auto store = store::Store::open(db.path());
  ingest::load_reference_countries(*store);
  return store;
}

void BM_ImportWorldList(benchmark::State& state) {
  std::string text = ingest::read_file(kWorld);
  for (auto _ : state) {
    state.PauseTiming();
    {
      ScratchDb db;
      auto store = fresh_store(db);
      state.ResumeTiming();
      auto report = ingest::import_wikipedia_csv(*store, text, "twin_cities_wikipedia.csv");
      benchmark::DoNotOptimize(report.links_created);
      state.PauseTiming();
    }
    state.ResumeTiming();
  }
  state.counters["rows/s"] =
      benchmark::Counter(25917.0, benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ImportWorldList)->Unit(benchmark::kMillisecond)->MinTime(3);

// A database holding the world list, shared by the read-side benchmarks.
struct WorldDb {
  ScratchDb db;
  std::unique_ptr<store::Store> store = fresh_store(db);
  WorldDb() { ingest::import_wikipedia_csv_file(*store, kWorld); }
};

void BM_QualityReport(benchmark::State& state) {
  WorldDb world;
  for (auto _ : state) {
    auto report = ingest::quality_report(*world.store);
    benchmark::DoNotOptimize(report.far_from_country.size());
  }
}
BENCHMARK(BM_QualityReport)->Unit(benchmark::kMillisecond);

void BM_ExportCsv(benchmark::State& state) {
  WorldDb world;
  for (auto _ : state) {
    std::ostringstream out;
    ingest::write_export(*world.store, ingest::ExportFormat::kCsv, out);
    benchmark::DoNotOptimize(out.str().size());
  }
}
BENCHMARK(BM_ExportCsv)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
