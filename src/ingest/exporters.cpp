#include "ingest/exporters.h"

#include <charconv>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include <nlohmann/json.hpp>

#include "ingest/csv_reader.h"
#include "ingest/files.h"
#include "model/error.h"
#include "model/link.h"
#include "store/city_store.h"
#include "store/link_store.h"

namespace twinning::ingest {
namespace {

using nlohmann::json;

// Everything an export needs, read once.
struct Snapshot {
  std::vector<store::CitySummary> cities;  // by id
  std::unordered_map<CityId, std::size_t> index;
  std::vector<Link> links;  // by id
  std::unordered_map<LinkId, std::set<CityId>> listed_by;

  const store::CitySummary& city(CityId id) const { return cities[index.at(id)]; }
};

Snapshot read_snapshot(store::Store& store) {
  Snapshot s;
  store::CityStore(store).for_each([&](const store::CitySummary& c) {
    s.index[c.id] = s.cities.size();
    s.cities.push_back(c);
  });
  store::LinkStore(store).for_each([&](const Link& l) { s.links.push_back(l); });
  store.db().query_each(
      "SELECT link_id, listed_by FROM link_listings", {},
      [&](const store::Row& r) { s.listed_by[r.integer(0)].insert(r.integer(1)); });
  return s;
}

// The shortest decimal text that reads back as the same double.
std::string number(double v) {
  char buf[32];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string optional_number(std::optional<double> v) { return v ? number(*v) : std::string(); }

std::string date_text(const std::optional<PartialDate>& d) { return d ? d->to_string() : ""; }

ExportSummary write_csv(const Snapshot& s, std::ostream& out) {
  ExportSummary sum;
  out << "city1,country1,lat1,lng1,city2,country2,lat2,lng2,kind,since,until,status,source,notes\n";
  std::unordered_set<CityId> seen;
  for (const Link& l : s.links) {
    CityId first = l.city_a;
    auto listers = s.listed_by.find(l.id);
    if (listers != s.listed_by.end() && !listers->second.contains(l.city_a) &&
        listers->second.contains(l.city_b)) {
      first = l.city_b;
    }
    for (CityId id : {first, l.other(first)}) {
      const auto& c = s.city(id);
      seen.insert(id);
      out << csv_escape(c.name) << ',' << c.country << ',' << optional_number(c.lat) << ','
          << optional_number(c.lng) << ',';
    }
    out << link_kind_name(l.kind) << ',' << date_text(l.since) << ',' << date_text(l.until) << ','
        << link_status_name(l.status) << ',' << csv_escape(l.source) << ',' << csv_escape(l.notes)
        << '\n';
    ++sum.links;
  }
  sum.cities = static_cast<std::int64_t>(seen.size());
  return sum;
}

json optional_date(const std::optional<PartialDate>& d) {
  return d ? json(d->to_string()) : json(nullptr);
}

ExportSummary write_geojson(const Snapshot& s, std::ostream& out) {
  ExportSummary sum;
  out << "{\"type\":\"FeatureCollection\",\"features\":[";
  bool first = true;
  auto emit = [&](const json& feature) {
    out << (first ? "\n" : ",\n") << feature.dump(-1, ' ', false, json::error_handler_t::replace);
    first = false;
  };
  for (const auto& c : s.cities) {
    json geometry = nullptr;
    if (c.lat && c.lng) geometry = {{"type", "Point"}, {"coordinates", {*c.lng, *c.lat}}};
    emit({{"type", "Feature"},
          {"geometry", geometry},
          {"properties",
           {{"feature", "city"}, {"id", c.id}, {"name", c.name}, {"country", c.country}}}});
    ++sum.cities;
  }
  for (const Link& l : s.links) {
    const auto& a = s.city(l.city_a);
    const auto& b = s.city(l.city_b);
    json geometry = nullptr;
    if (a.lat && a.lng && b.lat && b.lng) {
      geometry = {{"type", "LineString"}, {"coordinates", {{*a.lng, *a.lat}, {*b.lng, *b.lat}}}};
    }
    emit({{"type", "Feature"},
          {"geometry", geometry},
          {"properties",
           {{"feature", "link"},
            {"id", l.id},
            {"city1", l.city_a},
            {"city2", l.city_b},
            {"kind", link_kind_name(l.kind)},
            {"since", optional_date(l.since)},
            {"until", optional_date(l.until)},
            {"status", link_status_name(l.status)},
            {"source", l.source}}}});
    ++sum.links;
  }
  out << "\n]}\n";
  return sum;
}

// Text for XML content and attribute values.
std::string xml_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;  // not allowed in XML 1.0
        out += ch;
    }
  }
  return out;
}

void data(std::ostream& out, const char* key, std::string_view value) {
  if (value.empty()) return;
  out << "      <data key=\"" << key << "\">" << xml_escape(value) << "</data>\n";
}

ExportSummary write_graphml(const Snapshot& s, std::ostream& out) {
  ExportSummary sum;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n"
         "  <key id=\"name\" for=\"node\" attr.name=\"name\" attr.type=\"string\"/>\n"
         "  <key id=\"country\" for=\"node\" attr.name=\"country\" attr.type=\"string\"/>\n"
         "  <key id=\"lat\" for=\"node\" attr.name=\"lat\" attr.type=\"double\"/>\n"
         "  <key id=\"lng\" for=\"node\" attr.name=\"lng\" attr.type=\"double\"/>\n"
         "  <key id=\"kind\" for=\"edge\" attr.name=\"kind\" attr.type=\"string\"/>\n"
         "  <key id=\"since\" for=\"edge\" attr.name=\"since\" attr.type=\"string\"/>\n"
         "  <key id=\"until\" for=\"edge\" attr.name=\"until\" attr.type=\"string\"/>\n"
         "  <key id=\"status\" for=\"edge\" attr.name=\"status\" attr.type=\"string\"/>\n"
         "  <key id=\"source\" for=\"edge\" attr.name=\"source\" attr.type=\"string\"/>\n"
         "  <graph id=\"twinning\" edgedefault=\"undirected\">\n";
  for (const auto& c : s.cities) {
    out << "    <node id=\"c" << c.id << "\">\n";
    data(out, "name", c.name);
    data(out, "country", c.country);
    data(out, "lat", optional_number(c.lat));
    data(out, "lng", optional_number(c.lng));
    out << "    </node>\n";
    ++sum.cities;
  }
  for (const Link& l : s.links) {
    out << "    <edge id=\"l" << l.id << "\" source=\"c" << l.city_a << "\" target=\"c" << l.city_b
        << "\">\n";
    data(out, "kind", link_kind_name(l.kind));
    data(out, "since", date_text(l.since));
    data(out, "until", date_text(l.until));
    data(out, "status", link_status_name(l.status));
    data(out, "source", l.source);
    out << "    </edge>\n";
    ++sum.links;
  }
  out << "  </graph>\n</graphml>\n";
  return sum;
}

}  // namespace

std::string_view export_format_name(ExportFormat format) {
  switch (format) {
    case ExportFormat::kCsv:
      return "csv";
    case ExportFormat::kGeoJson:
      return "geojson";
    case ExportFormat::kGraphMl:
      return "graphml";
  }
  return "csv";
}

ExportFormat parse_export_format(std::string_view text, std::string_view field) {
  for (auto f : {ExportFormat::kCsv, ExportFormat::kGeoJson, ExportFormat::kGraphMl}) {
    if (text == export_format_name(f)) return f;
  }
  throw_invalid(
      "unknown export format '" + std::string(text) + "': expected csv, geojson or graphml",
      std::string(field));
}

ExportSummary write_export(store::Store& store, ExportFormat format, std::ostream& out) {
  Snapshot s = read_snapshot(store);
  ExportSummary sum;
  switch (format) {
    case ExportFormat::kCsv:
      sum = write_csv(s, out);
      break;
    case ExportFormat::kGeoJson:
      sum = write_geojson(s, out);
      break;
    case ExportFormat::kGraphMl:
      sum = write_graphml(s, out);
      break;
  }
  sum.format = format;
  out.flush();
  if (!out) throw Error(ErrorCode::kUnavailable, "cannot write the export");
  return sum;
}

ExportSummary write_export_file(store::Store& store, ExportFormat format, const std::string& path) {
  ExportSummary sum;
  write_file_atomically(path, [&](std::ostream& out) { sum = write_export(store, format, out); });
  return sum;
}

}  // namespace twinning::ingest
