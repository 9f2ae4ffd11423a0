#include "ingest/country_shapes.h"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::ingest {
namespace {

constexpr double kDeg = std::numbers::pi / 180.0;

// Identity transform: x = lng, y = lat in whole degrees. "AA" is the square
// 0..10 x 0..10 with the hole 3..7 x 3..7; "BB" two separate unit squares.
const char* kShapes =
    "# test outlines\n"
    "transform 1 1 0 0\n"
    "AA 0,0 10,0 0,10 -10,0 0,-10\n"
    "AA 3,3 0,4 4,0 0,-4 -4,0\n"
    "BB 20,20 1,0 0,1 -1,0 0,-1\n"
    "BB 30,20 1,0 0,1 -1,0 0,-1\n";

TEST(CountryShapesTest, InsideIsZeroAndHolesAreOutside) {
  CountryShapes shapes(kShapes);
  EXPECT_EQ(shapes.distance_km("AA", 1, 1), 0.0);
  EXPECT_EQ(shapes.distance_km("AA", 9.5, 2), 0.0);
  // In the hole, nearest are its meridian edges at lng 3 and 7.
  double to_meridian = geo::kEarthRadiusKm * std::asin(std::cos(5 * kDeg) * std::sin(2 * kDeg));
  EXPECT_NEAR(*shapes.distance_km("AA", 5, 5), to_meridian, 1e-6);
  EXPECT_EQ(shapes.distance_km("BB", 20.5, 30.5), 0.0);
  EXPECT_EQ(shapes.distance_km("BB", 20.5, 20.5), 0.0);
}

TEST(CountryShapesTest, OutsideIsTheDistanceToTheNearestEdge) {
  CountryShapes shapes(kShapes);
  // East of AA at lat 5: the edge lng 10.
  EXPECT_NEAR(*shapes.distance_km("AA", 5, 15),
              geo::kEarthRadiusKm * std::asin(std::cos(5 * kDeg) * std::sin(5 * kDeg)), 1e-6);
  // South of AA on the meridian 5: 2 degrees to the edge on the equator.
  EXPECT_NEAR(*shapes.distance_km("AA", -2, 5), 2 * geo::kEarthRadiusKm * kDeg, 1e-6);
  // Between BB's squares the nearer one counts.
  EXPECT_NEAR(*shapes.distance_km("BB", 20.5, 22), geo::distance_km(20.5, 22, 20.5, 21), 5);
  EXPECT_LT(*shapes.distance_km("BB", 20.5, 22), *shapes.distance_km("BB", 20.5, 28));
}

TEST(CountryShapesTest, UnknownCountriesHaveNoOutline) {
  CountryShapes shapes(kShapes);
  EXPECT_FALSE(shapes.distance_km("ZZ", 0, 0).has_value());
  EXPECT_TRUE(shapes.has("AA"));
  EXPECT_FALSE(shapes.has("ZZ"));
  EXPECT_EQ(shapes.countries(), (std::vector<std::string>{"AA", "BB"}));
}

TEST(CountryShapesTest, ContainingListsTheCountriesOfAPoint) {
  CountryShapes shapes(kShapes);
  EXPECT_EQ(shapes.containing(1, 1), std::vector<std::string>{"AA"});
  EXPECT_TRUE(shapes.containing(5, 5).empty());  // in the hole
  EXPECT_TRUE(shapes.containing(50, 50).empty());
}

TEST(CountryShapesTest, MalformedRecordsNameTheirLine) {
  auto line_of = [](const std::string& text) {
    try {
      CountryShapes s(text);
    } catch (const Error& e) {
      return e.field();
    }
    return std::string("no error");
  };
  EXPECT_EQ(line_of("AA 0,0 1,0 0,1 -1,-1\n"), "line 1");               // no transform yet
  EXPECT_EQ(line_of("transform 1 1 0 0\nAA 0,0 1,0 0,1\n"), "line 2");  // too short
  EXPECT_EQ(line_of("transform 1 1 0 0\n# c\nAA 0,0 1,0 0,1 -1,0\n"), "line 3");  // not closed
  EXPECT_EQ(line_of("transform 1 1 0 0\nAA 0,0 1;0 0,1 -1,-1\n"), "line 2");
  EXPECT_EQ(line_of("transform 1 x 0 0\n"), "line 1");
}

TEST(CountryShapesTest, EmbeddedOutlinesPlaceRealCities) {
  const CountryShapes& shapes = CountryShapes::embedded();
  EXPECT_EQ(shapes.distance_km("RU", 48.7086, 44.5147), 0.0);  // Volgograd
  EXPECT_EQ(shapes.distance_km("GB", 52.4081, -1.5106), 0.0);  // Coventry
  EXPECT_EQ(shapes.containing(52.4081, -1.5106), std::vector<std::string>{"GB"});
  EXPECT_EQ(shapes.containing(50.9364, 6.9528), std::vector<std::string>{"DE"});  // Cologne
  // Lesotho is a hole in South Africa: Maseru is in LS and outside ZA.
  EXPECT_EQ(shapes.containing(-29.31, 27.48), std::vector<std::string>{"LS"});
  EXPECT_GT(*shapes.distance_km("ZA", -29.4, 28.2), 0.0);
  // Moscow's coordinates are thousands of km from the United States.
  EXPECT_GT(*shapes.distance_km("US", 55.7558, 37.6178), 5000.0);
  // Kosovo and northern Cyprus are mapped by name (no ISO numeric id).
  EXPECT_EQ(shapes.containing(42.6629, 21.1655), std::vector<std::string>{"XK"});  // Pristina
  EXPECT_EQ(shapes.containing(35.3387, 33.3182), std::vector<std::string>{"CY"});  // Kyrenia
  EXPECT_FALSE(shapes.has("RE"));  // Réunion is drawn as part of France
  EXPECT_GE(shapes.countries().size(), 230u);
}

}  // namespace
}  // namespace twinning::ingest
