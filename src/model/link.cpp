#include "model/link.h"

#include "model/enum_text.h"

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
  static constexpr LinkKind kKinds[] = {LinkKind::kTwin, LinkKind::kSister, LinkKind::kPartner,
                                        LinkKind::kFriendship};
  return parse_enum_name(text, field, kKinds, link_kind_name, "link kind");
}

LinkStatus parse_link_status(std::string_view text, std::string_view field) {
  static constexpr LinkStatus kStatuses[] = {LinkStatus::kActive, LinkStatus::kSuspended,
                                             LinkStatus::kEnded};
  return parse_enum_name(text, field, kStatuses, link_status_name, "link status");
}

}  // namespace twinning
