#include "model/letter_json.h"

#include "model/model_json.h"

namespace twinning {
namespace {

template <class T>
nlohmann::json opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

void to_json(nlohmann::json& j, const Office& o) {
  j = {{"id", o.id},
       {"code", o.code},
       {"city_id", o.city_id},
       {"name", o.name},
       {"outgoing_pattern", o.outgoing_pattern},
       {"incoming_pattern", o.incoming_pattern},
       {"yearly_restart", o.yearly_restart}};
}

void to_json(nlohmann::json& j, const OfficeRequisites& r) {
  j = {{"lang", r.lang},
       {"letterhead", r.letterhead},
       {"signatory_name", r.signatory_name},
       {"signatory_title", r.signatory_title},
       {"address", r.address},
       {"phone", r.phone},
       {"fax", r.fax},
       {"email", r.email}};
}

void to_json(nlohmann::json& j, const Addressee& a) {
  j = {{"city_id", opt(a.city_id)}, {"title", a.title}, {"name", a.name}, {"address", a.address}};
}

void to_json(nlohmann::json& j, const Attachment& a) {
  j = {{"id", a.id},
       {"name", a.name},
       {"media_type", a.media_type},
       {"size", a.size},
       {"sha256", a.sha256}};
}

void to_json(nlohmann::json& j, const LetterLink& l) {
  j = {{"kind", letter_link_kind_name(l.kind)},
       {"target", l.target},
       {"target_number", l.target_number},
       {"target_date", opt(l.target_date)}};
}

void to_json(nlohmann::json& j, const LetterSender& s) {
  j = {{"city_id", opt(s.city_id)},
       {"letterhead", s.letterhead},
       {"signatory_name", s.signatory_name},
       {"signatory_title", s.signatory_title},
       {"address", s.address},
       {"phone", s.phone},
       {"fax", s.fax},
       {"email", s.email}};
}

void to_json(nlohmann::json& j, const Letter& l) {
  j = {{"id", l.id},
       {"office_id", l.office_id},
       {"direction", letter_direction_name(l.direction)},
       {"kind", letter_kind_name(l.kind)},
       {"status", letter_status_name(l.status)},
       {"number", l.number},
       {"date", opt(l.date)},
       {"sender_number", l.sender_number},
       {"sender_date", opt(l.sender_date)},
       {"sender", l.sender},
       {"addressees", l.addressees},
       {"lang", l.lang},
       {"template", l.template_name},
       {"subject", l.subject},
       {"salutation", l.salutation},
       {"body", l.body},
       {"closing", l.closing},
       {"courtesy_lang", l.courtesy_lang},
       {"courtesy_translation", l.courtesy_translation},
       {"response_deadline", opt(l.response_deadline)},
       {"sent_date", opt(l.sent_date)},
       {"links", l.links},
       {"attachments", l.attachments},
       {"created_at", l.created_at},
       {"updated_at", l.updated_at}};
}

}  // namespace twinning
