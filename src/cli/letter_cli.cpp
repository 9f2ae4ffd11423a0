#include "cli/letter_cli.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "letters/letter_json.h"
#include "letters/offices.h"
#include "model/error.h"
#include "registry/city_lookup.h"

namespace twinning::cli::letter_cli {

std::string read_file(const std::string& path, const std::string& option) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_not_found("cannot read file '" + path + "'", option);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<letters::AttachmentInput> read_attachments(const std::vector<std::string>& paths) {
  std::vector<letters::AttachmentInput> out;
  for (const auto& p : paths) {
    out.push_back({std::filesystem::path(p).filename().string(), "", read_file(p, "--attach")});
  }
  return out;
}

std::optional<PartialDate> optional_full_date(const std::string& text, const std::string& option) {
  if (text.empty()) return std::nullopt;
  return parse_full_date(text, option);
}

std::vector<Addressee> addressees_from(store::Store& store, const std::vector<std::string>& to,
                                       const std::vector<std::string>& titles) {
  std::vector<Addressee> out;
  for (const auto& ref : to) {
    Addressee a;
    a.city_id = registry::resolve_city(store, ref, "--to");
    out.push_back(a);
  }
  if (out.empty()) {
    for (const auto& t : titles) out.push_back(Addressee{std::nullopt, t, "", ""});
  } else {
    if (titles.size() > out.size()) {
      throw_invalid("more --to-title than --to: titles pair with the cities in order",
                    "--to-title");
    }
    for (std::size_t i = 0; i < titles.size(); ++i) out[i].title = titles[i];
  }
  return out;
}

void report(Context& ctx, LetterId id, const std::string& what) {
  auto& store = ctx.store();
  auto v = letters::letter_view(store, id);
  if (ctx.json) return ctx.print_json(letters::letter_view_json(v));
  std::cout << what << " letter #" << id;
  if (v.letter.registered()) {
    std::cout << " No " << v.letter.number << " of " << v.letter.date->to_string();
  }
  std::cout << " (" << v.letter.lang << ")\n";
}

std::optional<OfficeId> office_option(store::Store& store, const std::string& ref) {
  if (ref.empty()) return std::nullopt;
  return letters::find_office(store, ref, "--office").id;
}

LetterId letter_ref(store::Store& store, const std::string& ref, const std::string& office) {
  return letters::resolve_letter(store, ref, office_option(store, office));
}

}  // namespace twinning::cli::letter_cli
