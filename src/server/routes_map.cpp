// GET /api/map: every current twin link and the cities at their ends, in
// columns, for the web interface's map (registry/movement_map.h).
//
// The body (about a megabyte for the world list) is built once and kept in
// memory with its ETag. Before each request the handler reads the
// registry's revision (store/registry_revision.h: one small query) and
// rebuilds only when it moved. The revision lives in the database, so
// writes by other processes on the same database (a CLI import, a second
// server on PostgreSQL) are seen too. It is read before the map, so a write
// landing in between causes one more rebuild, never a stale body.
#include <memory>
#include <mutex>

#include "registry/movement_map.h"
#include "server/api.h"
#include "server/application.h"
#include "server/request_input.h"
#include "store/registry_revision.h"

namespace twinning::server {
namespace {

// The serialized map of one registry revision. Immutable once built.
struct MapBody {
  store::RegistryRevision revision;
  std::string json;
  std::string etag;
};

// The current MapBody, shared by every server thread (safe across threads).
// At most one thread rebuilds at a time; the others wait for its result
// rather than building the same body again.
class MapCache {
 public:
  std::shared_ptr<const MapBody> current(store::Store& store) {
    store::RegistryRevision revision = store::registry_revision(store);
    if (auto cached = cached_at(revision)) return cached;
    std::lock_guard<std::mutex> building(build_mutex_);
    if (auto cached = cached_at(revision)) return cached;
    auto body = std::make_shared<MapBody>();
    body->revision = revision;
    body->json = nlohmann::json(registry::movement_map(store))
                     .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    body->etag = content_etag(body->json);
    std::lock_guard<std::mutex> lock(mutex_);
    body_ = body;
    return body;
  }

 private:
  std::shared_ptr<const MapBody> cached_at(const store::RegistryRevision& revision) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (body_ && body_->revision == revision) return body_;
    return nullptr;
  }

  std::mutex build_mutex_;
  std::mutex mutex_;  // guards body_
  std::shared_ptr<const MapBody> body_;
};

}  // namespace

void add_map_routes(RouteTable& routes) {
  auto cache = std::make_shared<MapCache>();
  routes.add({Method::kGet, "/api/map", Access::anyone(), [cache](RequestContext& ctx) {
                QueryParams(ctx.request, {});
                auto body = cache->current(ctx.store);
                Response r;
                r.content_type = "application/json";
                r.body = body->json;
                r.add_header("ETag", body->etag);
                return r;
              }});
}

}  // namespace twinning::server
