// A twin-city relationship: undirected, one per pair of cities, whatever the
// order in which its two sides were named.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/city.h"
#include "model/partial_date.h"

namespace twinning {

using LinkId = std::int64_t;

enum class LinkKind { kTwin, kSister, kPartner, kFriendship };
enum class LinkStatus { kActive, kSuspended, kEnded };

std::string_view link_kind_name(LinkKind kind);      // "twin", "sister", ...
std::string_view link_status_name(LinkStatus status);  // "active", ...
// Parse the names above; throw Error(kInvalidInput) naming `field` otherwise.
LinkKind parse_link_kind(std::string_view text, std::string_view field = "kind");
LinkStatus parse_link_status(std::string_view text, std::string_view field = "status");

struct Link {
  LinkId id = 0;
  CityId city_a = 0;  // invariant: city_a < city_b
  CityId city_b = 0;
  LinkKind kind = LinkKind::kTwin;
  std::optional<PartialDate> since;
  std::optional<PartialDate> until;
  LinkStatus status = LinkStatus::kActive;
  std::string source;  // URL or document reference
  std::string notes;

  // The other end of the link seen from `city`.
  CityId other(CityId city) const { return city == city_a ? city_b : city_a; }
};

// A dated entry in the history of a link ("1944-06-10: Coventry City Council
// declares bonds of friendship with Stalingrad").
struct LinkEvent {
  std::int64_t id = 0;
  LinkId link_id = 0;
  PartialDate date;
  std::string text;
  std::string source;
};

}  // namespace twinning
