// CLI commands of the registering offices: office add | requisites | list | show.
#include <iostream>
#include <memory>

#include "cli/cli_context.h"
#include "letters/letter_json.h"
#include "letters/offices.h"
#include "registry/city_lookup.h"

namespace twinning::cli {
namespace {

void print_office(const nlohmann::json& j) {
  std::cout << j["code"].get<std::string>() << "  " << j["name"].get<std::string>() << "  ("
            << j["city"].get<std::string>() << ")\n"
            << "  outgoing: " << j["outgoing_pattern"].get<std::string>() << "  next "
            << j["next_outgoing"].get<std::string>() << "\n"
            << "  incoming: " << j["incoming_pattern"].get<std::string>() << "  next "
            << j["next_incoming"].get<std::string>() << "\n";
  if (j["yearly_restart"].get<bool>()) std::cout << "  numbering restarts every year\n";
  for (const auto& r : j["requisites"]) {
    std::cout << "  requisites [" << r["lang"].get<std::string>()
              << "]: " << r["letterhead"].get<std::string>() << "; "
              << r["signatory_title"].get<std::string>() << " "
              << r["signatory_name"].get<std::string>() << "; " << r["address"].get<std::string>()
              << "; tel. " << r["phone"].get<std::string>() << "; fax "
              << r["fax"].get<std::string>() << '\n';
  }
}

}  // namespace

void add_office_commands(CLI::App& app, Context& ctx) {
  auto* office = app.add_subcommand("office", "Registering offices and their numbering");
  office->require_subcommand(1);

  struct AddOptions {
    std::string code, city, name, pattern, incoming;
    bool yearly = false;
  };
  auto add_o = std::make_shared<AddOptions>();
  auto* add = office->add_subcommand("add", "Set up a city's registering office");
  add->add_option("CODE", add_o->code, "Short handle, e.g. volgograd")->required();
  add->add_option("--city", add_o->city, "City id or \"Name, CC\"")->required();
  add->add_option("--name", add_o->name, "Office name (default: the city's name)");
  add->add_option("--pattern", add_o->pattern,
                  "Outgoing numbers, e.g. \"19-024/{seq}рс\", \"CCC/{yyyy}/{seq:4}\"")
      ->required();
  add->add_option("--incoming-pattern", add_o->incoming,
                  "Incoming numbers (default IN-{seq}, or IN-{yyyy}-{seq} with --yearly)");
  add->add_flag("--yearly", add_o->yearly, "Restart the sequences every calendar year");
  add_json_flag(add, ctx);
  add->callback([&ctx, add_o] {
    auto& store = ctx.store();
    letters::OfficeRequest r;
    r.code = add_o->code;
    r.city_id = registry::resolve_city(store, add_o->city, "--city");
    r.name = add_o->name;
    r.outgoing_pattern = add_o->pattern;
    r.incoming_pattern = add_o->incoming;
    r.yearly_restart = add_o->yearly;
    OfficeId id = letters::add_office(store, r);
    auto j = letters::office_json(store, letters::get_office(store, id));
    if (ctx.json) return ctx.print_json(j);
    std::cout << "added office #" << id << "\n";
    print_office(j);
  });

  struct RequisiteOptions {
    std::string office, lang;
    std::optional<std::string> letterhead, name, title, address, phone, fax, email;
  };
  auto req_o = std::make_shared<RequisiteOptions>();
  auto* req = office->add_subcommand(
      "requisites", "Set how the office signs letters in one language (others keep theirs)");
  req->add_option("OFFICE", req_o->office, "Office code or id")->required();
  req->add_option("--lang", req_o->lang, "Language (BCP 47), e.g. ru")->required();
  req->add_option("--letterhead", req_o->letterhead,
                  "Letterhead, e.g. \"ГЛАВА ВОЛГОГРАДА\" (\\n separates lines)");
  req->add_option("--signatory", req_o->name, "Who signs, e.g. \"В.Д. Васильков\"");
  req->add_option("--signatory-title", req_o->title, "Their title, e.g. \"Глава Волгограда\"");
  req->add_option("--address", req_o->address, "Postal address as printed");
  req->add_option("--phone", req_o->phone, "Telephone");
  req->add_option("--fax", req_o->fax, "Fax");
  req->add_option("--email", req_o->email, "E-mail");
  add_json_flag(req, ctx);
  req->callback([&ctx, req_o] {
    auto& store = ctx.store();
    Office o = letters::find_office(store, req_o->office, "OFFICE");
    OfficeRequisites r;
    r.lang = req_o->lang;
    for (const auto& old : letters::office_requisites(store, o.id)) {
      if (old.lang == r.lang) r = old;
    }
    auto set = [](std::string& field, const std::optional<std::string>& v) {
      if (!v) return;
      field.clear();
      for (std::size_t i = 0; i < v->size(); ++i) {  // "\n" typed on a command line
        if ((*v)[i] == '\\' && i + 1 < v->size() && (*v)[i + 1] == 'n') {
          field += '\n';
          ++i;
        } else {
          field += (*v)[i];
        }
      }
    };
    set(r.letterhead, req_o->letterhead);
    set(r.signatory_name, req_o->name);
    set(r.signatory_title, req_o->title);
    set(r.address, req_o->address);
    set(r.phone, req_o->phone);
    set(r.fax, req_o->fax);
    set(r.email, req_o->email);
    letters::set_office_requisites(store, o.id, r);
    auto j = letters::office_json(store, o);
    if (ctx.json) return ctx.print_json(j);
    print_office(j);
  });

  auto list_city = std::make_shared<std::string>();
  auto* list = office->add_subcommand("list", "List the registering offices");
  list->add_option("--city", *list_city, "Only the offices of this city");
  add_json_flag(list, ctx);
  list->callback([&ctx, list_city] {
    auto& store = ctx.store();
    std::optional<CityId> city;
    if (!list_city->empty()) city = registry::resolve_city(store, *list_city, "--city");
    nlohmann::json out = nlohmann::json::array();
    for (const auto& o : letters::list_offices(store, city))
      out.push_back(letters::office_json(store, o));
    if (ctx.json) return ctx.print_json(out);
    for (const auto& j : out) print_office(j);
    if (out.empty()) std::cout << "no offices\n";
  });

  auto show_ref = std::make_shared<std::string>();
  auto* show = office->add_subcommand("show", "Show an office, its requisites and next numbers");
  show->add_option("OFFICE", *show_ref, "Office code or id")->required();
  add_json_flag(show, ctx);
  show->callback([&ctx, show_ref] {
    auto& store = ctx.store();
    auto j = letters::office_json(store, letters::find_office(store, *show_ref, "OFFICE"));
    if (ctx.json) return ctx.print_json(j);
    print_office(j);
  });

  add_office_mail_account_command(office, ctx);
}

}  // namespace twinning::cli
