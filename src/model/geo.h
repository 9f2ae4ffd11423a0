// Great-circle geometry on a spherical Earth, for checks on city coordinates
// (how far a point lies from another point or from a country's outline).
// Pure functions on plain values; thread-safe. A sphere of the mean Earth
// radius is within 0.5% of the ellipsoid, plenty for kilometre-scale checks.
#pragma once

namespace twinning::geo {

inline constexpr double kEarthRadiusKm = 6371.0088;  // IUGG mean radius

// A point on the unit sphere (x towards lat 0 lng 0, z towards the north pole).
struct UnitVector {
  double x = 0, y = 0, z = 0;
};

// The unit vector of a point given in decimal degrees.
UnitVector unit_vector(double lat, double lng);

// Angle in radians between two points (0..pi), numerically stable for
// nearby and for antipodal points.
double angle(const UnitVector& a, const UnitVector& b);

// Angle in radians from `p` to the nearest point of the shorter great-circle
// arc from `a` to `b` (the arc is one edge of an outline). If a and b
// coincide or are antipodal, the distance to the nearer of the two.
double angle_to_arc(const UnitVector& p, const UnitVector& a, const UnitVector& b);

// Great-circle distance in km between two points in decimal degrees.
double distance_km(double lat1, double lng1, double lat2, double lng2);

}  // namespace twinning::geo
