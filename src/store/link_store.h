// Twin links (one row per unordered pair of cities), who listed each link,
// and the dated history of each link. Writes are audited under the Store's
// actor in the same transaction; importers write links in bulk through
// ImportWriter instead.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/link.h"
#include "store/store.h"

namespace twinning::store {

// A link seen from one of its cities, with the partner's summary.
struct Partner {
  Link link;
  CityId city_id = 0;
  std::string name;
  std::string country;
};

class LinkStore {
 public:
  explicit LinkStore(Store& store) : store_(store) {}

  // Creates the link between link.city_a and link.city_b (either order; the
  // stored row has city_a < city_b). Returns {id, true} if created, or
  // {existing id, false} if the pair was already linked (nothing changes).
  // Throws Error(kInvalidInput) for a self-link or an end date before the
  // start, Error(kNotFound) for an unknown city.
  std::pair<LinkId, bool> create(Link link);

  std::optional<Link> get(LinkId id);
  Link require(LinkId id);
  // The link between two cities in either order, if any.
  std::optional<Link> find(CityId a, CityId b);
  // Every link of `city` with the partner city, ordered by partner name.
  std::vector<Partner> partners(CityId city);
  // Calls `fn` for every link, by ascending id.
  void for_each(const std::function<void(const Link&)>& fn);
  // Every (city_a, city_b) pair, by ascending id; for building graphs.
  std::vector<std::pair<CityId, CityId>> all_pairs();

  // Changes kind, dates, status, source and notes of an existing link.
  // Throws Error(kNotFound), Error(kInvalidInput) as create().
  void update(const Link& link);

  // Adds a dated history entry; an identical (date, text) is not repeated.
  // Returns the event as stored (the one already there, with its source, if
  // it was) and whether it was created. Throws Error(kInvalidInput) for
  // empty text, Error(kNotFound) for an unknown link.
  std::pair<LinkEvent, bool> add_event(const LinkEvent& event);
  // The link's history, oldest first.
  std::vector<LinkEvent> events(LinkId id);
  // Cities that list link `id`.
  std::vector<CityId> listed_by(LinkId id);

  std::int64_t count();

 private:
  Store& store_;
};

}  // namespace twinning::store
