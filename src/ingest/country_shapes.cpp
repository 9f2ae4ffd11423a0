#include "ingest/country_shapes.h"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "model/error.h"
#include "resources/resources.h"

namespace twinning::ingest {
namespace {

// Parses "x,y" integers at `s`; advances `s` past them.
bool parse_pair(std::string_view& s, long& x, long& y) {
  const char* p = s.data();
  const char* end = s.data() + s.size();
  auto r1 = std::from_chars(p, end, x);
  if (r1.ec != std::errc() || r1.ptr == end || *r1.ptr != ',') return false;
  auto r2 = std::from_chars(r1.ptr + 1, end, y);
  if (r2.ec != std::errc()) return false;
  s.remove_prefix(static_cast<std::size_t>(r2.ptr - p));
  return true;
}

double parse_double(std::string_view s, bool& ok) {
  double v = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), v);
  ok = ok && r.ec == std::errc() && r.ptr == s.data() + s.size();
  return v;
}

}  // namespace

void CountryShapes::Box::add(double lat, double lng) {
  min_lat = std::min(min_lat, lat);
  max_lat = std::max(max_lat, lat);
  min_lng = std::min(min_lng, lng);
  max_lng = std::max(max_lng, lng);
}

void CountryShapes::Box::add(const Box& b) {
  add(b.min_lat, b.min_lng);
  add(b.max_lat, b.max_lng);
}

CountryShapes::CountryShapes(std::string_view text) {
  double sx = 0, sy = 0, tx = 0, ty = 0;
  bool have_transform = false;
  int line_no = 0;
  auto fail = [&](const std::string& why) {
    throw_invalid("country shapes line " + std::to_string(line_no) + ": " + why,
                  "line " + std::to_string(line_no));
  };
  while (!text.empty()) {
    ++line_no;
    std::size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    if (line.empty() || line[0] == '#') continue;
    if (line.starts_with("transform ")) {
      std::vector<std::string_view> parts;
      std::string_view rest = line.substr(10);
      while (!rest.empty()) {
        std::size_t sp = rest.find(' ');
        parts.push_back(rest.substr(0, sp));
        rest.remove_prefix(sp == std::string_view::npos ? rest.size() : sp + 1);
      }
      bool ok = parts.size() == 4;
      if (ok) {
        sx = parse_double(parts[0], ok);
        sy = parse_double(parts[1], ok);
        tx = parse_double(parts[2], ok);
        ty = parse_double(parts[3], ok);
      }
      if (!ok) fail("expected 'transform SX SY TX TY'");
      have_transform = true;
      continue;
    }
    if (!have_transform) fail("a ring before the transform line");
    if (line.size() < 4 || line[2] != ' ') fail("expected 'CC x,y dx,dy ...'");
    std::string code(line.substr(0, 2));
    std::string_view rest = line.substr(3);
    Ring ring;
    long x = 0, y = 0;
    bool first = true;
    while (!rest.empty()) {
      long a = 0, b = 0;
      if (!parse_pair(rest, a, b)) fail("malformed coordinate pair");
      x = first ? a : x + a;
      y = first ? b : y + b;
      first = false;
      double lat = ty + static_cast<double>(y) * sy;
      double lng = tx + static_cast<double>(x) * sx;
      ring.lat.push_back(lat);
      ring.lng.push_back(lng);
      ring.vectors.push_back(geo::unit_vector(lat, lng));
      ring.box.add(lat, lng);
      if (!rest.empty()) {
        if (rest[0] != ' ') fail("expected a space between coordinate pairs");
        rest.remove_prefix(1);
      }
    }
    if (ring.lat.size() < 4) fail("a ring needs at least 4 points");
    if (ring.lat.front() != ring.lat.back() || ring.lng.front() != ring.lng.back()) {
      fail("ring is not closed");
    }
    Shape& shape = shapes_[code];
    shape.box.add(ring.box);
    shape.rings.push_back(std::move(ring));
  }
}

const CountryShapes& CountryShapes::embedded() {
  static const CountryShapes shapes = [] {
    auto text = resources::find("data/country_shapes.txt");
    if (!text) {
      throw Error(ErrorCode::kUnavailable, "data/country_shapes.txt is missing from this build");
    }
    return CountryShapes(*text);
  }();
  return shapes;
}

bool CountryShapes::has(std::string_view iso2) const { return shapes_.contains(std::string(iso2)); }

bool CountryShapes::inside(const Shape& s, double lat, double lng) {
  // Even-odd ray casting towards east in the (lng, lat) plane. Natural Earth
  // cuts outlines at the antimeridian, so no ring wraps around.
  bool in = false;
  for (const Ring& r : s.rings) {
    if (lat < r.box.min_lat || lat > r.box.max_lat || lng > r.box.max_lng) continue;
    for (std::size_t i = 1; i < r.lat.size(); ++i) {
      double lat1 = r.lat[i - 1], lat2 = r.lat[i];
      if ((lat1 > lat) == (lat2 > lat)) continue;
      double cross_lng = r.lng[i - 1] + (lat - lat1) / (lat2 - lat1) * (r.lng[i] - r.lng[i - 1]);
      if (lng < cross_lng) in = !in;
    }
  }
  return in;
}

double CountryShapes::angle_to_outline(const Shape& s, double lat, double lng) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  geo::UnitVector p = geo::unit_vector(lat, lng);
  double best = 4;  // more than pi
  // Rings nearest in latitude first: the latitude gap is a lower bound on
  // the angle to any point of a ring, so far rings are skipped.
  std::vector<std::pair<double, const Ring*>> order;
  for (const Ring& r : s.rings) {
    double gap = std::max({0.0, r.box.min_lat - lat, lat - r.box.max_lat}) * kRad;
    order.emplace_back(gap, &r);
  }
  std::sort(order.begin(), order.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [gap, r] : order) {
    if (gap >= best) break;
    for (std::size_t i = 1; i < r->vectors.size(); ++i) {
      best = std::min(best, geo::angle_to_arc(p, r->vectors[i - 1], r->vectors[i]));
    }
  }
  return best;
}

std::optional<double> CountryShapes::distance_km(std::string_view iso2, double lat,
                                                 double lng) const {
  auto it = shapes_.find(std::string(iso2));
  if (it == shapes_.end()) return std::nullopt;
  if (inside(it->second, lat, lng)) return 0.0;
  return geo::kEarthRadiusKm * angle_to_outline(it->second, lat, lng);
}

std::vector<std::string> CountryShapes::containing(double lat, double lng) const {
  std::vector<std::string> out;
  for (const auto& [code, shape] : shapes_) {
    const Box& b = shape.box;
    if (lat < b.min_lat || lat > b.max_lat || lng < b.min_lng || lng > b.max_lng) continue;
    if (inside(shape, lat, lng)) out.push_back(code);
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> CountryShapes::countries() const {
  std::vector<std::string> out;
  for (const auto& [code, shape] : shapes_) out.push_back(code);
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace twinning::ingest
