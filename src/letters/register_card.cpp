#include "letters/register_card.h"

#include "letters/language.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"
#include "store/letter_store.h"

namespace twinning::letters {
namespace {

std::string date_text(const std::optional<PartialDate>& d) {
  return d ? d->to_string() : "not given";
}

std::string city_text(store::Store& store, std::optional<CityId> id) {
  return id ? registry::city_label(store, *id) : "";
}

std::string link_label(LetterLinkKind k) {
  switch (k) {
    case LetterLinkKind::kReplyTo:
      return "In reply to";
    case LetterLinkKind::kForwardOf:
      return "Forwarded copy of";
    case LetterLinkKind::kReminderOf:
      return "Reminder of";
    case LetterLinkKind::kCorrectionOf:
      return "Correction of";
  }
  return "Linked to";
}

std::string cited(const std::string& number, const std::optional<PartialDate>& date) {
  return "No " + (number.empty() ? std::string("(draft)") : number) +
         (date ? " of " + date->to_string() : "");
}

}  // namespace

LetterDocument register_card(store::Store& store, const Letter& l, const Office& office) {
  LetterDocument doc;
  doc.lang = "en";
  doc.layout = LetterLayout::kBusiness;
  doc.title = "Register card: incoming letter " + cited(l.number, l.date);
  doc.letterhead = {"REGISTER CARD OF AN INCOMING LETTER",
                    "Register of " + office.name + " (" + office.code + ")",
                    "A record of a letter received, not a letter of this office"};
  doc.registration = {"Our registration: " + cited(l.number, l.date),
                      "Date of receipt: " + date_text(l.date)};
  doc.subject = l.subject;

  std::string from = l.sender.letterhead;
  for (const auto* part : {&l.sender.signatory_title, &l.sender.signatory_name}) {
    if (!part->empty()) from += (from.empty() ? "" : "; ") + *part;
  }
  std::string city = city_text(store, l.sender.city_id);
  if (!city.empty()) from += (from.empty() ? "" : " — ") + city;
  auto& body = doc.body;
  body.push_back("Sender: " + from + (l.sender.address.empty() ? "" : "\n" + l.sender.address));
  body.push_back("Sender's number: " + (l.sender_number.empty() ? "not given" : l.sender_number) +
                 "\nSender's date: " + date_text(l.sender_date));
  std::string to;
  for (const auto& a : l.addressees) {
    std::string one = a.title.empty() ? city_text(store, a.city_id) : a.title;
    if (!a.name.empty()) one += " " + a.name;
    to += (to.empty() ? "" : "; ") + one;
  }
  if (!to.empty()) body.push_back("Addressed to: " + to);
  if (l.response_deadline) body.push_back("Answer due by: " + l.response_deadline->to_string());
  std::string links;
  for (const auto& k : l.links) {
    links += (links.empty() ? "" : "\n") + link_label(k.kind) + " " +
             cited(k.target_number, k.target_date);
  }
  for (const auto& r : store::LetterStore(store).referring(l.id)) {
    if (r.letter.status == LetterStatus::kDraft) continue;
    std::string what = r.kind == LetterLinkKind::kReplyTo ? "Answered by" : "Referred to by";
    links += (links.empty() ? "" : "\n") + what + " " + cited(r.letter.number, r.letter.date);
  }
  if (!links.empty()) body.push_back(links);
  if (!l.attachments.empty()) {
    std::string files = "Attachments:";
    for (const auto& a : l.attachments) {
      files += "\n" + a.name + " (" + std::to_string(a.size) + " bytes)";
    }
    body.push_back(files);
  }
  auto text = split_paragraphs(l.body);
  if (!text.empty()) {
    body.push_back("Text as registered:");
    body.insert(body.end(), text.begin(), text.end());
  }
  return doc;
}

std::optional<Attachment> letter_scan(const Letter& letter) {
  if (letter.direction != LetterDirection::kIncoming) return std::nullopt;
  for (const auto& a : letter.attachments) {
    if (a.media_type == "application/pdf") return a;
  }
  return std::nullopt;
}

}  // namespace twinning::letters
