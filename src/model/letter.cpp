#include "model/letter.h"

#include <array>
#include <utility>

#include "model/error.h"

namespace twinning {
namespace {

template <class E, std::size_t N>
using NameTable = std::array<std::pair<E, std::string_view>, N>;

constexpr NameTable<LetterDirection, 2> kDirections{{
    {LetterDirection::kOutgoing, "outgoing"},
    {LetterDirection::kIncoming, "incoming"},
}};
constexpr NameTable<LetterKind, 5> kKinds{{
    {LetterKind::kLetter, "letter"},
    {LetterKind::kReply, "reply"},
    {LetterKind::kForward, "forward"},
    {LetterKind::kReminder, "reminder"},
    {LetterKind::kCorrection, "correction"},
}};
constexpr NameTable<LetterStatus, 5> kStatuses{{
    {LetterStatus::kDraft, "draft"},
    {LetterStatus::kRegistered, "registered"},
    {LetterStatus::kSent, "sent"},
    {LetterStatus::kReceived, "received"},
    {LetterStatus::kAnswered, "answered"},
}};
constexpr NameTable<LetterLinkKind, 4> kLinkKinds{{
    {LetterLinkKind::kReplyTo, "reply_to"},
    {LetterLinkKind::kForwardOf, "forward_of"},
    {LetterLinkKind::kReminderOf, "reminder_of"},
    {LetterLinkKind::kCorrectionOf, "correction_of"},
}};

template <class E, std::size_t N>
std::string_view name_of(const NameTable<E, N>& table, E value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return table[0].second;
}

template <class E, std::size_t N>
E parse_name(const NameTable<E, N>& table, std::string_view text, std::string_view what,
             std::string_view field) {
  std::string expected;
  for (const auto& [v, name] : table) {
    if (name == text) return v;
    expected += (expected.empty() ? "" : ", ") + std::string(name);
  }
  throw_invalid(
      "unknown " + std::string(what) + " '" + std::string(text) + "': expected " + expected,
      std::string(field));
}

}  // namespace

std::string_view letter_direction_name(LetterDirection d) { return name_of(kDirections, d); }
std::string_view letter_kind_name(LetterKind k) { return name_of(kKinds, k); }
std::string_view letter_status_name(LetterStatus s) { return name_of(kStatuses, s); }
std::string_view letter_link_kind_name(LetterLinkKind k) { return name_of(kLinkKinds, k); }

LetterDirection parse_letter_direction(std::string_view text, std::string_view field) {
  return parse_name(kDirections, text, "letter direction", field);
}
LetterKind parse_letter_kind(std::string_view text, std::string_view field) {
  return parse_name(kKinds, text, "letter kind", field);
}
LetterStatus parse_letter_status(std::string_view text, std::string_view field) {
  return parse_name(kStatuses, text, "letter status", field);
}
LetterLinkKind parse_letter_link_kind(std::string_view text, std::string_view field) {
  return parse_name(kLinkKinds, text, "letter link kind", field);
}

std::optional<LetterLinkKind> link_kind_for(LetterKind kind) {
  switch (kind) {
    case LetterKind::kReply:
      return LetterLinkKind::kReplyTo;
    case LetterKind::kForward:
      return LetterLinkKind::kForwardOf;
    case LetterKind::kReminder:
      return LetterLinkKind::kReminderOf;
    case LetterKind::kCorrection:
      return LetterLinkKind::kCorrectionOf;
    case LetterKind::kLetter:
      return std::nullopt;
  }
  return std::nullopt;
}

CitedNumber cited_number(const Letter& letter) {
  if (letter.direction == LetterDirection::kIncoming && !letter.sender_number.empty()) {
    return {letter.sender_number, letter.sender_date};
  }
  return {letter.number, letter.date};
}

}  // namespace twinning
