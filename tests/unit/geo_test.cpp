#include "model/geo.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

namespace twinning::geo {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;
constexpr double kKmPerDegree = kEarthRadiusKm * kDeg;  // along a great circle

TEST(GeoTest, DistancesAlongMeridiansAndTheEquator) {
  EXPECT_NEAR(distance_km(0, 0, 1, 0), kKmPerDegree, 1e-9);
  EXPECT_NEAR(distance_km(10, 20, 10, 20), 0, 1e-9);
  EXPECT_NEAR(distance_km(0, 0, 0, 90), kEarthRadiusKm * std::numbers::pi / 2, 1e-6);
  EXPECT_NEAR(distance_km(0, 0, 0, 180), kEarthRadiusKm * std::numbers::pi, 1e-6);
  EXPECT_NEAR(distance_km(90, 0, -90, 0), kEarthRadiusKm * std::numbers::pi, 1e-6);
  // Across the antimeridian: 179E to 179W is 2 degrees, not 358.
  EXPECT_NEAR(distance_km(0, 179, 0, -179), 2 * kKmPerDegree, 1e-6);
}

TEST(GeoTest, DistanceMatchesHaversineForCoventryToVolgograd) {
  double lat1 = 52.4081 * kDeg, lng1 = -1.5106 * kDeg, lat2 = 48.7086 * kDeg, lng2 = 44.5147 * kDeg;
  double h = std::pow(std::sin((lat2 - lat1) / 2), 2) +
             std::cos(lat1) * std::cos(lat2) * std::pow(std::sin((lng2 - lng1) / 2), 2);
  double expected = 2 * kEarthRadiusKm * std::asin(std::sqrt(h));
  EXPECT_NEAR(distance_km(52.4081, -1.5106, 48.7086, 44.5147), expected, 1e-6);
  EXPECT_GT(expected, 3000);
  EXPECT_LT(expected, 3300);
}

double km_to_arc(double lat, double lng, double lat1, double lng1, double lat2, double lng2) {
  return kEarthRadiusKm *
         angle_to_arc(unit_vector(lat, lng), unit_vector(lat1, lng1), unit_vector(lat2, lng2));
}

TEST(GeoTest, ArcDistanceIsPerpendicularWhenTheFootLiesOnTheArc) {
  // The equator from 0E to 10E, seen from 3N 5E: 3 degrees along the meridian.
  EXPECT_NEAR(km_to_arc(3, 5, 0, 0, 0, 10), 3 * kKmPerDegree, 1e-6);
  // A meridian arc seen from the side: asin(cos(lat) sin(dlng)).
  EXPECT_NEAR(km_to_arc(5, 5, 0, 3, 10, 3),
              kEarthRadiusKm * std::asin(std::cos(5 * kDeg) * std::sin(2 * kDeg)), 1e-6);
  // Either direction of the arc gives the same distance.
  EXPECT_NEAR(km_to_arc(-4, 7, 0, 10, 0, 0), 4 * kKmPerDegree, 1e-6);
}

TEST(GeoTest, ArcDistanceIsToTheNearerEndBeyondTheArc) {
  EXPECT_NEAR(km_to_arc(0, 20, 0, 0, 0, 10), 10 * kKmPerDegree, 1e-6);
  EXPECT_NEAR(km_to_arc(0, -5, 0, 0, 0, 10), 5 * kKmPerDegree, 1e-6);
  EXPECT_NEAR(km_to_arc(0, 5, 0, 0, 0, 10), 0, 1e-6);
}

TEST(GeoTest, DegenerateArcIsAPoint) {
  EXPECT_NEAR(km_to_arc(1, 0, 0, 0, 0, 0), kKmPerDegree, 1e-6);
}

}  // namespace
}  // namespace twinning::geo
