#include "route_matrix.h"

#include "campaign/campaigns.h"
#include "letters/correspondence.h"
#include "letters/offices.h"
#include "model/partial_date.h"
#include "registry/registry.h"
#include "store/campaign_store.h"

#include <map>
#include <tuple>

namespace twinning::testing {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

void RouteMatrixTest::SetUp() {
  ApiTest::SetUp();
  if (IsSkipped() || HasFatalFailure()) return;
  add_password_user("matrix-login", Role::kViewer, "matrix password 1");
  // Kiel is Volgograd's twin too, so that wave 1 reaches it as well as
  // Cologne; the originators' offices register the letters.
  for (CityId other : {cologne, volgograd}) {
    Link l;
    l.city_a = kiel;
    l.city_b = other;
    registry::add_link(*store, l);
  }
  std::map<std::string, OfficeId> offices;
  for (auto [code, city, pattern] :
       {std::tuple{"volgograd", volgograd, "19-024/{seq}рс"},
        std::tuple{"coventry", coventry, "CCC/{yyyy}/{seq}"},
        std::tuple{"cologne", cologne, "K-{seq}"}, std::tuple{"kiel", kiel, "KI-{seq}"}}) {
    letters::OfficeRequest o;
    o.code = code;
    o.city_id = city;
    o.outgoing_pattern = pattern;
    offices[code] = letters::add_office(*store, o);
  }
  auto templates = letters::TemplateLibrary::locate("");
  auto draft = [&](const std::string& office, CityId to) {
    letters::DraftRequest r;
    r.office = offices.at(office);
    Addressee a;
    a.city_id = to;
    r.addressees = {a};
    r.lang = "en";
    r.body = "Matrix letter.";
    r.attachments = {{"note.txt", "text/plain", "Matrix attachment."}};
    return r;
  };
  letters::RegisterOptions on_day;
  on_day.date = parse_partial_date("2013-09-20");
  to_cologne_ =
      letters::register_outgoing(*store, templates, draft("coventry", cologne), on_day).id;
  to_kiel_ = letters::register_outgoing(*store, templates, draft("coventry", kiel), on_day).id;
  to_cologne_file_ = letters::letter_view(*store, to_cologne_).letter.attachments.at(0).id;
  to_kiel_file_ = letters::letter_view(*store, to_kiel_).letter.attachments.at(0).id;
  for (int c = 0; c < 5; ++c) {
    draft_own_[c] = letters::create_draft(*store, templates, draft("cologne", kiel));
    draft_other_[c] = letters::create_draft(*store, templates, draft("coventry", kiel));
  }
  for (const char* caller : kCallers) {
    for (std::string prefix : {"matrix-", "fresh-"}) {
      campaign::CampaignRequest r;
      r.code = prefix + caller;
      r.title = "Authorization matrix";
      r.originators = {volgograd, coventry};
      r.template_name = "appeal-2013";
      CampaignId id = campaign::create_campaign(*store, r);
      if (prefix == "fresh-") continue;
      campaign::SendOptions o;
      o.date = parse_partial_date("2013-09-06");
      campaign::send_wave(*store, templates, id, o);
    }
  }
}

HttpClient& RouteMatrixTest::caller(int index) {
  static constexpr Role kRoles[] = {Role::kViewer, Role::kCorrespondent, Role::kCoordinator,
                                    Role::kAdmin};
  return index == 0 ? anonymous() : as(kRoles[index - 1]);
}

std::string RouteMatrixTest::fill(std::string text, int index) {
  // The pairs not linked in the fixture: Kiel - Coventry, Volgograd - Cologne.
  const CityId partners_a[] = {kiel, kiel, kiel, kiel, volgograd};
  const CityId partners_b[] = {coventry, coventry, coventry, coventry, cologne};
  text = replace_all(text, "{coventry}", std::to_string(coventry));
  text = replace_all(text, "{volgograd}", std::to_string(volgograd));
  text = replace_all(text, "{cologne}", std::to_string(cologne));
  text = replace_all(text, "{kiel}", std::to_string(kiel));
  text = replace_all(text, "{link}", std::to_string(coventry_cologne));
  text = replace_all(text, "{viewer_user}", std::to_string(user_ids[Role::kViewer]));
  text = replace_all(text, "{caller}", kCallers[index]);
  text = replace_all(text, "{partner_a}", std::to_string(partners_a[index]));
  text = replace_all(text, "{partner_b}", std::to_string(partners_b[index]));
  text = replace_all(text, "{qid}", "Q" + std::to_string(9000000 + index));
  std::string campaign = std::string("matrix-") + kCallers[index];
  text = replace_all(text, "{campaign}", campaign);
  text = replace_all(text, "{fresh}", std::string("fresh-") + kCallers[index]);
  text = replace_all(text, "{to_cologne}", std::to_string(to_cologne_));
  text = replace_all(text, "{to_kiel}", std::to_string(to_kiel_));
  text = replace_all(text, "{to_cologne_file}", std::to_string(to_cologne_file_));
  text = replace_all(text, "{to_kiel_file}", std::to_string(to_kiel_file_));
  text = replace_all(text, "{draft_own}", std::to_string(draft_own_[index]));
  text = replace_all(text, "{draft_other}", std::to_string(draft_other_[index]));
  if (text.find("{evidence}") != std::string::npos) {
    store::CampaignStore campaigns(*store);
    auto contact = campaigns.contact(campaigns.find_by_code(campaign)->id, cologne);
    LetterId reply = contact && contact->reply_letter_id ? *contact->reply_letter_id : 0;
    text = replace_all(text, "{evidence}", std::to_string(reply));
  }
  return text;
}

HttpResponse RouteMatrixTest::send(const MatrixRow& row, int index, const std::string* target,
                                   const std::string* body) {
  std::string t = target ? *target : fill(row.target, index);
  std::string b = body ? *body : fill(row.body, index);
  HeaderList headers;
  if (*row.body) headers.emplace_back("Content-Type", row.content_type);
  return caller(index).request(row.method, t, b, headers);
}

}  // namespace twinning::testing
