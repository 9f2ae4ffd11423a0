#include "model/link.h"

#include "model/error.h"

namespace twinning {

std::string_view link_kind_name(LinkKind kind) {
  switch (kind) {
    case LinkKind::kTwin: return "twin";
    case LinkKind::kSister: return "sister";
    case LinkKind::kPartner: return "partner";
    case LinkKind::kFriendship: return "friendship";
  }
  return "twin";
}

std::string_view link_status_name(LinkStatus status) {
  switch (status) {
    case LinkStatus::kActive: return "active";
    case LinkStatus::kSuspended: return "suspended";
    case LinkStatus::kEnded: return "ended";
  }
  return "active";
}

LinkKind parse_link_kind(std::string_view text, std::string_view field) {
  for (LinkKind k : {LinkKind::kTwin, LinkKind::kSister, LinkKind::kPartner, LinkKind::kFriendship}) {
    if (text == link_kind_name(k)) return k;
  }
  throw_invalid("unknown link kind '" + std::string(text) +
                    "': expected twin, sister, partner or friendship",
                std::string(field));
}

LinkStatus parse_link_status(std::string_view text, std::string_view field) {
  for (LinkStatus s : {LinkStatus::kActive, LinkStatus::kSuspended, LinkStatus::kEnded}) {
    if (text == link_status_name(s)) return s;
  }
  throw_invalid("unknown link status '" + std::string(text) +
                    "': expected active, suspended or ended",
                std::string(field));
}

}  // namespace twinning
