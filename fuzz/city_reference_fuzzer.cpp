// Fuzzes city references ("Volgograd, RU", "Stalingrad, RU", "42") against a
// small registry with namesakes, former and non-Latin names. Invariant:
// resolve_city gives exactly what its contract (registry/city_lookup.h)
// gives when worked out by brute force over every name here — the id, or
// the error code: kInvalidInput for a malformed reference, kNotFound,
// kAmbiguous when several cities match at the same level.
#include <charconv>
#include <set>

#include "fuzz_support.h"
#include "model/error.h"
#include "model/text.h"
#include "registry/city_lookup.h"
#include "store/city_store.h"

namespace {

using namespace twinning;

struct NameRow {
  CityId city;
  std::string country, key, kind;
};

void seed(store::Store& s) {
  store::CityStore cities(s);
  auto add = [&](const std::string& name, const std::string& cc,
                 std::vector<CityName> names = {}) {
    City c;
    c.name = name;
    c.country = cc;
    c.names = std::move(names);
    cities.create(c);
  };
  add("Volgograd", "RU",
      {{"Волгоград", "ru", "local", {}, {}},
       {"Stalingrad", "en", "former", PartialDate{1925}, PartialDate{1961}},
       {"Tsaritsyn", "en", "former", {}, PartialDate{1925}}});
  add("Coventry", "GB");
  add("Springfield", "US");
  add("Springfield", "US");
  add("Saint-Étienne", "FR");
  add("Frankfurt am Main", "DE", {{"Frankfurt", "de", "alternate", {}, {}}});
  add("Frankfurt (Oder)", "DE", {{"Frankfurt", "de", "alternate", {}, {}}});
  add("Port Said", "EG", {{"بورسعيد", "ar", "local", {}, {}}});
  add("Hiroshima", "JP", {{"広島市", "ja", "local", {}, {}}});
  add("Københaven", "DK", {{"Copenhagen", "en", "alternate", {}, {}}});
}

// What the contract says `reference` resolves to: an id, or an error code.
struct Expected {
  CityId id = 0;
  ErrorCode error = ErrorCode::kInvalidInput;
};

Expected expected(std::string_view reference, const std::vector<NameRow>& names,
                  const std::set<CityId>& ids) {
  std::string_view ref = trim(reference);
  if (ref.empty()) return {};
  std::string_view number = ref.substr(ref[0] == '-' ? 1 : 0);
  bool digits = !number.empty();
  for (char c : number) digits &= c >= '0' && c <= '9';
  if (digits) {
    CityId id = 0;
    auto [p, ec] = std::from_chars(ref.data(), ref.data() + ref.size(), id);
    if (ec == std::errc() && ids.count(id)) return {id, {}};
    return {0, ErrorCode::kNotFound};
  }
  auto comma = ref.rfind(',');
  if (comma == std::string_view::npos) return {};
  std::string name(trim(ref.substr(0, comma)));
  std::string cc(trim(ref.substr(comma + 1)));
  for (char& c : cc) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (name.empty() || cc.size() != 2) return {};
  std::string key = name_key(name);
  for (bool official : {true, false}) {
    std::set<CityId> found;
    for (const auto& n : names) {
      if (n.country == cc && n.key == key && (!official || n.kind == "official")) {
        found.insert(n.city);
      }
    }
    if (found.size() == 1) return {*found.begin(), {}};
    if (found.size() > 1) return {0, ErrorCode::kAmbiguous};
  }
  return {0, ErrorCode::kNotFound};
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static fuzz::ScratchRegistry registry(seed);
  static const std::vector<NameRow> names = [] {
    std::vector<NameRow> out;
    for (const auto& r : registry.store().db().query(
             "SELECT city_id, country, city_names.name_key, kind FROM city_names JOIN cities ON "
             "cities.id = city_id")) {
      out.push_back({r.integer(0), r.text(1), r.text(2), r.text(3)});
    }
    return out;
  }();
  static const std::set<CityId> ids = [] {
    std::set<CityId> out;
    for (const auto& n : names) out.insert(n.city);
    return out;
  }();
  std::string_view text = fuzz::as_text(data, size);
  Expected want = expected(text, names, ids);
  try {
    CityId got = registry::resolve_city(registry.store(), text, "partner");
    FUZZ_CHECK(want.id == got, "'" + std::string(text) + "' resolved to #" + std::to_string(got) +
                                   ", expected " +
                                   (want.id ? "#" + std::to_string(want.id)
                                            : std::string(error_code_name(want.error))));
  } catch (const Error& e) {
    FUZZ_CHECK(want.id == 0, "'" + std::string(text) + "' failed (" + e.what() + "), expected #" +
                                 std::to_string(want.id));
    FUZZ_CHECK(e.code() == want.error, "'" + std::string(text) + "' failed with " +
                                           std::string(error_code_name(e.code())) + ", expected " +
                                           std::string(error_code_name(want.error)));
    FUZZ_CHECK(e.field() == "partner", "an error naming '" + e.field() + "'");
  }
  return 0;
}
