#include "model/geo.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace twinning::geo {
namespace {

UnitVector cross(const UnitVector& a, const UnitVector& b) {
  return {a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x};
}
double dot(const UnitVector& a, const UnitVector& b) { return a.x * b.x + a.y * b.y + a.z * b.z; }
double norm(const UnitVector& a) { return std::sqrt(dot(a, a)); }

}  // namespace

UnitVector unit_vector(double lat, double lng) {
  constexpr double kRad = std::numbers::pi / 180.0;
  double phi = lat * kRad, lambda = lng * kRad;
  return {std::cos(phi) * std::cos(lambda), std::cos(phi) * std::sin(lambda), std::sin(phi)};
}

double angle(const UnitVector& a, const UnitVector& b) {
  return std::atan2(norm(cross(a, b)), dot(a, b));
}

double angle_to_arc(const UnitVector& p, const UnitVector& a, const UnitVector& b) {
  UnitVector n = cross(a, b);  // normal of the arc's great circle
  double len = norm(n);
  if (len < 1e-15) return std::min(angle(p, a), angle(p, b));
  n = {n.x / len, n.y / len, n.z / len};
  // The nearest point of the full great circle is p's projection onto its
  // plane; it is on the arc if it lies between a and b (seen along n).
  double h = dot(p, n);
  UnitVector c = {p.x - h * n.x, p.y - h * n.y, p.z - h * n.z};
  if (dot(cross(a, c), n) >= 0 && dot(cross(c, b), n) >= 0) {
    return std::atan2(std::fabs(h), norm(c));
  }
  return std::min(angle(p, a), angle(p, b));
}

double distance_km(double lat1, double lng1, double lat2, double lng2) {
  return kEarthRadiusKm * angle(unit_vector(lat1, lng1), unit_vector(lat2, lng2));
}

}  // namespace twinning::geo
