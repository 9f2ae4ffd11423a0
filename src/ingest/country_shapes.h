// The outlines of the world's countries (Natural Earth 1:50m admin-0 via
// world-atlas, data/country_shapes.txt compiled into the binary), answering
// how far a point lies outside a country and which country contains it.
// Immutable after construction; safe to share across threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/geo.h"

namespace twinning::ingest {

class CountryShapes {
 public:
  // Parses outlines in the format scripts/make-country-shapes writes.
  // Throws Error(kInvalidInput) naming the line for a malformed record.
  explicit CountryShapes(std::string_view text);

  // The outlines compiled into the binary, parsed on first use (thread-safe).
  // Throws Error(kUnavailable) if the build lacks them.
  static const CountryShapes& embedded();

  // True if `iso2` (upper case) has an outline. Some territories have none
  // of their own (Réunion, Gibraltar, Tuvalu...: see data/README.md).
  bool has(std::string_view iso2) const;

  // Great-circle distance in km from the point to the nearest point of the
  // country's territory: 0 inside it. nullopt if the country has no outline.
  // Cost: linear in the country's outline vertices.
  std::optional<double> distance_km(std::string_view iso2, double lat, double lng) const;

  // The countries whose territory contains the point (normally zero or one),
  // in code order. Cost: a bounding-box test per country.
  std::vector<std::string> containing(double lat, double lng) const;

  // Every country with an outline, in code order.
  std::vector<std::string> countries() const;

 private:
  struct Box {
    double min_lat = 90, max_lat = -90, min_lng = 180, max_lng = -180;
    void add(double lat, double lng);
    void add(const Box& b);
  };
  struct Ring {
    std::vector<double> lat, lng;          // closed: last point == first
    std::vector<geo::UnitVector> vectors;  // the same points on the unit sphere
    Box box;
  };
  struct Shape {
    std::vector<Ring> rings;  // outer rings and holes: inside = odd crossings
    Box box;
  };
  static bool inside(const Shape& s, double lat, double lng);
  static double angle_to_outline(const Shape& s, double lat, double lng);

  std::unordered_map<std::string, Shape> shapes_;
};

}  // namespace twinning::ingest
