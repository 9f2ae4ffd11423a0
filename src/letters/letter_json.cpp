#include "letters/letter_json.h"

#include "letters/offices.h"
#include "model/letter_json.h"
#include "store/city_store.h"
#include "store/office_store.h"

namespace twinning::letters {
namespace {

nlohmann::json date_or_null(const std::optional<PartialDate>& d) {
  return d ? nlohmann::json(d->to_string()) : nlohmann::json(nullptr);
}

nlohmann::json int_or_null(const std::optional<int>& n) {
  return n ? nlohmann::json(*n) : nlohmann::json(nullptr);
}

// [{"position", "city_id", "state", "reply": register line or null}]
nlohmann::json answers_json(const LetterView& v) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& a : v.answers) {
    const Addressee& to = v.letter.addressees[a.position];
    out.push_back({{"position", a.position},
                   {"city_id", to.city_id ? nlohmann::json(*to.city_id) : nullptr},
                   {"label", a.label},
                   {"state", answer_state_name(a.state)},
                   {"reply", a.reply ? letter_summary_json(*a.reply) : nlohmann::json(nullptr)}});
  }
  return out;
}

}  // namespace

nlohmann::json letter_summary_json(const store::LetterSummary& s) {
  return {{"id", s.id},
          {"office", s.office_code},
          {"direction", letter_direction_name(s.direction)},
          {"kind", letter_kind_name(s.kind)},
          {"status", letter_status_name(s.status)},
          {"number", s.number},
          {"date", date_or_null(s.date)},
          {"sender_city_id", s.sender_city_id ? nlohmann::json(*s.sender_city_id) : nullptr},
          {"sender_city", s.sender_city},
          {"addressee", s.addressee},
          {"addressee_city_ids", s.addressee_cities},
          {"addressee_count", s.addressee_count},
          {"answered_count", int_or_null(s.answered_count)},
          {"overdue_count", int_or_null(s.overdue_count)},
          {"subject", s.subject},
          {"lang", s.lang},
          {"response_deadline", date_or_null(s.response_deadline)}};
}

nlohmann::json letter_view_json(const LetterView& v) {
  nlohmann::json referred_by = nlohmann::json::array();
  for (const auto& r : v.referred_by) {
    referred_by.push_back(
        {{"kind", letter_link_kind_name(r.kind)}, {"letter", letter_summary_json(r.letter)}});
  }
  return {{"letter", v.letter},
          {"office", v.office},
          {"referred_by", referred_by},
          {"answers", answers_json(v)}};
}

nlohmann::json office_json(store::Store& store, const Office& o) {
  nlohmann::json j = o;
  j["city"] = store::CityStore(store).require(o.city_id).name;
  j["requisites"] = store::OfficeStore(store).requisites(o.id);
  PartialDate today = today_utc();
  j["next_outgoing"] = preview_next_number(store, o, LetterDirection::kOutgoing, today);
  j["next_incoming"] = preview_next_number(store, o, LetterDirection::kIncoming, today);
  return j;
}

nlohmann::json template_catalogue_json(const TemplateLibrary& templates) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& name : templates.names()) {
    out.push_back({{"name", name}, {"languages", templates.languages(name)}});
  }
  return out;
}

}  // namespace twinning::letters
