// Geocoding (ingest/geocode.h): POST /api/geocode runs the pass over the
// registry with the server's gazetteer (`serve --gazetteer`), GET
// /api/geocode/reviews lists the cities it could not place, and POST
// /api/cities/{id}/geocode settles one of them with a candidate, a point
// set by hand, or by keeping its point.
#include "ingest/geocode.h"
#include "model/model_json.h"
#include "server/api.h"
#include "server/request_input.h"
#include "server/server_options.h"

namespace twinning::server {
namespace {

// At most this many changes in the answer of a pass; "changed" counts all.
constexpr std::size_t kChangesShown = 100;

Response run_pass(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  // Loaded per pass (about 1 s for 135,000 places): a rare action of a
  // coordinator, and a gazetteer file replaced on disk is used at once.
  auto gazetteer = ingest::Gazetteer::load(ingest::Gazetteer::locate(ctx.options.gazetteer));
  auto report = ingest::geocode(ctx.store, gazetteer);
  return json_response(200, ingest::geocode_json(report, kChangesShown));
}

Response list_reviews(RequestContext& ctx) {
  QueryParams q(ctx.request, {"limit", "offset"});
  Page page = q.page();
  auto reviews = ingest::geocode_reviews(ctx.store, page.limit, page.offset);
  return json_response(200, page_json(reviews.entries, reviews.total, page));
}

Response settle_review(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"geonames_id", "keep", "lat", "lng"});
  ingest::GeocodeAnswer answer;
  answer.geonames_id = f.integer("geonames_id");
  bool keep = f.boolean("keep").value_or(false);
  auto lat = f.number("lat"), lng = f.number("lng");
  if (lat.has_value() != lng.has_value())
    throw_invalid("give both lat and lng", lat ? "lng" : "lat");
  if (lat) answer.point = std::make_pair(*lat, *lng);
  int given = (answer.geonames_id ? 1 : 0) + (keep ? 1 : 0) + (answer.point ? 1 : 0);
  if (given != 1) {
    throw_invalid(
        "give one of: geonames_id (a candidate to take), lat and lng (a point set by "
        "hand), or keep: true",
        "geonames_id");
  }
  return json_response(200, ingest::resolve_geocode_review(ctx.store, ctx.id_param(), answer));
}

}  // namespace

void add_geocode_routes(RouteTable& routes) {
  routes.add({Method::kPost, "/api/geocode", registry_writers(), run_pass});
  routes.add({Method::kGet, "/api/geocode/reviews", Access::anyone(), list_reviews});
  routes.add({Method::kPost, "/api/cities/{id}/geocode", registry_writers(), settle_review});
}

}  // namespace twinning::server
