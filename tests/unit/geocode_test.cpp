#include "ingest/geocode.h"

#include <gtest/gtest.h>

#include "model/error.h"
#include "store/audit_log.h"
#include "store/city_store.h"
#include "store/geocode_review_store.h"
#include "support/test_database.h"

namespace twinning::ingest {
namespace {

using Outcome = GeocodeDecision::Outcome;
using testing::code_of;

GazetteerPlace place(std::int64_t id, const char* name, double lat, double lng,
                     std::int64_t population = 0, const char* country = "GB") {
  GazetteerPlace p;
  p.geonames_id = id;
  p.name = name;
  p.country = country;
  p.feature_code = "PPL";
  p.population = population;
  p.lat = lat;
  p.lng = lng;
  return p;
}

// ---- The rules, as a pure function ----

TEST(DecideGeocodeTest, TrustedPointTakesItsOnlyPlaceWithinReach) {
  auto near = place(1, "Kiel", 54.32, 10.13, 246601, "DE");
  auto d = decide_geocode(std::make_pair(54.3233, 10.1394), true, {&near});
  EXPECT_EQ(d.outcome, Outcome::kPlace);
  EXPECT_EQ(d.place, &near);
  // 0.4 degrees of latitude (44 km) is still within reach; 0.5 (56 km) is not.
  EXPECT_EQ(decide_geocode(std::make_pair(54.72, 10.13), true, {&near}).outcome, Outcome::kPlace);
  d = decide_geocode(std::make_pair(54.82, 10.13), true, {&near});
  EXPECT_EQ(d.outcome, Outcome::kReview);
  EXPECT_NE(d.reason.find("the only gazetteer place of this name in DE lies 56 km"),
            std::string::npos)
      << d.reason;
}

TEST(DecideGeocodeTest, SuspectPointTakesTheOnlyPlaceWhereverItIs) {
  auto dorset = place(2653075, "Christchurch", 50.73583, -1.78129, 42396);
  auto d = decide_geocode(std::make_pair(-43.53, 172.63), false, {&dorset});
  EXPECT_EQ(d.outcome, Outcome::kPlace);
  EXPECT_EQ(d.place, &dorset);
  EXPECT_EQ(decide_geocode(std::nullopt, false, {&dorset}).outcome, Outcome::kPlace);
}

TEST(DecideGeocodeTest, SeveralPlacesNeedAClearNearestOrALargest) {
  auto a = place(1, "Newport", 51.58, -2.99, 145700);  // Wales
  auto b = place(2, "Newport", 50.70, -1.29, 25000);   // Isle of Wight, 153 km away
  auto c = place(3, "Newport", 51.60, -2.95, 900);     // a hamlet 3 km from a
  // Trusted point at a: nearest 0 km, next 3 km; but a dwarfs c within 30 km.
  auto d = decide_geocode(std::make_pair(51.58, -2.99), true, {&a, &b, &c});
  EXPECT_EQ(d.outcome, Outcome::kPlace);
  EXPECT_EQ(d.place, &a);
  // Without the hamlet: the nearest, 153 km before the next.
  EXPECT_EQ(decide_geocode(std::make_pair(51.59, -2.98), true, {&b, &a}).place, &a);
  // Two similar places 3 km apart near the point: neither singled out.
  auto c2 = place(4, "Newport", 51.60, -2.95, 120000);
  d = decide_geocode(std::make_pair(51.58, -2.99), true, {&a, &c2});
  EXPECT_EQ(d.outcome, Outcome::kReview);
  EXPECT_NE(d.reason.find("2 gazetteer places of this name in GB"), std::string::npos);
  // Trusted point far from all: review, even with a dominant one.
  EXPECT_EQ(decide_geocode(std::make_pair(55.0, -3.0), true, {&a, &c}).outcome, Outcome::kReview);
  // Suspect point: the largest wins only if it dwarfs the others.
  EXPECT_EQ(decide_geocode(std::make_pair(0.0, 0.0), false, {&a, &c}).place, &a);
  d = decide_geocode(std::make_pair(0.0, 0.0), false, {&a, &b});  // 145,700 vs 25,000
  EXPECT_EQ(d.outcome, Outcome::kReview);
  EXPECT_NE(d.reason.find("the recorded point is suspect"), std::string::npos);
  // A dominant place needs some size: 4,000 vs 10 is no town to be sure of.
  auto small = place(5, "Ash", 51.0, -1.0, 4000), tiny = place(6, "Ash", 52.0, -1.0, 10);
  EXPECT_EQ(decide_geocode(std::nullopt, false, {&small, &tiny}).outcome, Outcome::kReview);
}

TEST(DecideGeocodeTest, AnEarlierChoiceStandsAndSimilarNamesHelpOnlyATrustedPoint) {
  auto a = place(1, "Newport", 51.58, -2.99, 145700);
  auto b = place(2, "Newport", 50.70, -1.29, 25000);
  // The city sits at b because an earlier pass (or review) put it there.
  EXPECT_EQ(decide_geocode(std::make_pair(50.70, -1.29), true, {&a, &b}, {}, 2).place, &b);
  // Even where the rules alone would now choose another: the hamlet c, 3 km
  // from a, which dwarfs it, stays the city's place once chosen.
  auto c = place(3, "Newport", 51.60, -2.95, 900);
  EXPECT_EQ(decide_geocode(std::make_pair(51.60, -2.95), true, {&a, &c}).place, &a);
  EXPECT_EQ(decide_geocode(std::make_pair(51.60, -2.95), true, {&a, &c}, {}, 3).place, &c);

  auto zap = place(687700, "Zaporizhia", 47.82, 35.19, 796217, "UA");
  auto d = decide_geocode(std::make_pair(47.84, 35.14), true, {}, {&zap});
  EXPECT_EQ(d.outcome, Outcome::kPlace);
  EXPECT_EQ(d.place, &zap);
  EXPECT_EQ(decide_geocode(std::make_pair(47.84, 35.14), false, {}, {&zap}).outcome,
            Outcome::kNoCandidate);
  auto zap2 = place(2, "Zaporizhya", 47.85, 35.2, 100, "UA");
  EXPECT_EQ(decide_geocode(std::make_pair(47.84, 35.14), true, {}, {&zap, &zap2}).outcome,
            Outcome::kReview);
  EXPECT_EQ(decide_geocode(std::make_pair(47.84, 35.14), true, {}).outcome, Outcome::kNoCandidate);
}

// ---- The pass over a registry, on both backends ----

const char* kGazetteer =
    "geonames_id,name,country,admin_code,feature_code,population,lat,lng\n"
    "2653075,Christchurch,GB,ENG,PPL,42396,50.73583,-1.78129\n"
    "2192362,Christchurch,NZ,E9,PPLA,363926,-43.53333,172.63333\n"
    "2891122,Kiel,DE,10,PPLA,246601,54.32133,10.13489\n"
    "2110959,Sukagawa,JP,08,PPLA2,68790,37.28333,140.38333\n"
    "1851504,Sugito,JP,34,PPL,49817,36.03107,139.72636\n"
    "5,Durham,CA,08,PPL,3000,44.17,-80.82\n"
    "6,Newport,GB,WLS,PPL,145700,51.58,-2.99\n"
    "7,Newport,GB,ENG,PPL,25000,50.70,-1.29\n";

class GeocodeTest : public testing::BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (!store) return;
    gazetteer = Gazetteer::parse(kGazetteer, "test-gazetteer.csv");
    christchurch_gb = add("Christchurch", "GB", -43.5311, 172.6361);  // at Christchurch, NZ
    christchurch_nz = add("Christchurch", "NZ", -43.5311, 172.6361);
    kiel = add("Kiel", "DE", 54.3233, 10.1394);
    yamatsuri = add("Yamatsuri", "JP", 38.322, 142.369);  // the towns at one point
    sukagawa = add("Sukagawa", "JP", 38.322, 142.369);
    sugito = add("Sugito", "JP", 38.322, 142.369);
    durham = add("Durham", "CA", 43.9, -78.9);    // the only Durham is 160 km away
    newport = add("Newport", "GB", 52.5, -2.0);   // between two Newports
    nowhere = add("Nowhere", "GB", 52.0, -1.0);   // no place of that name
  }
  CityId add(const char* name, const char* country, double lat, double lng) {
    City c;
    c.name = name;
    c.country = country;
    c.lat = lat;
    c.lng = lng;
    return store::CityStore(*store).create(c);
  }
  City city(CityId id) { return store::CityStore(*store).require(id); }
  std::optional<store::GeocodeReview> review(CityId id) {
    return store::GeocodeReviewStore(*store).get(id);
  }

  Gazetteer gazetteer = Gazetteer::parse("geonames_id,name,country,admin_code,feature_code,"
                                         "population,lat,lng\n",
                                         "empty");
  CityId christchurch_gb = 0, christchurch_nz = 0, kiel = 0, yamatsuri = 0, sukagawa = 0,
         sugito = 0, durham = 0, newport = 0, nowhere = 0;
};

TEST_P(GeocodeTest, PlacesWhatIsUnambiguousAndListsTheRest) {
  auto r = geocode(*store, gazetteer);
  EXPECT_EQ(r.cities, 9);
  // Christchurch, GB leaves New Zealand for Dorset, with id and population.
  City gb = city(christchurch_gb);
  EXPECT_DOUBLE_EQ(*gb.lat, 50.73583);
  EXPECT_DOUBLE_EQ(*gb.lng, -1.78129);
  EXPECT_EQ(gb.geonames_id, 2653075);
  EXPECT_EQ(gb.population, 42396);
  EXPECT_EQ(gb.coordinates_source, CoordinatesSource::kGazetteer);
  EXPECT_EQ(city(christchurch_nz).geonames_id, 2192362);
  EXPECT_EQ(city(kiel).geonames_id, 2891122);
  // The Japanese towns each get their own point; Yamatsuri, not in the
  // gazetteer, stays at the shared point and is listed, its point doubted.
  EXPECT_EQ(city(sukagawa).geonames_id, 2110959);
  EXPECT_EQ(city(sugito).geonames_id, 1851504);
  EXPECT_NE(city(sukagawa).lat, city(sugito).lat);
  EXPECT_EQ(city(yamatsuri).coordinates_source, CoordinatesSource::kImport);
  ASSERT_TRUE(review(yamatsuri));
  EXPECT_TRUE(review(yamatsuri)->point_suspect);
  EXPECT_NE(review(yamatsuri)->reason.find("no place of this name in JP"), std::string::npos);
  // Durham: the only candidate is too far from a trusted point.
  ASSERT_TRUE(review(durham));
  EXPECT_FALSE(review(durham)->point_suspect);
  ASSERT_EQ(review(durham)->candidates.size(), 1u);
  EXPECT_EQ(review(durham)->candidates[0]["geonames_id"], 5);
  EXPECT_DOUBLE_EQ(*city(durham).lat, 43.9);
  // Newport: two candidates, neither near; Nowhere: a trusted point, no place.
  ASSERT_TRUE(review(newport));
  EXPECT_EQ(review(newport)->candidates.size(), 2u);
  EXPECT_FALSE(review(nowhere));
  EXPECT_EQ(r.placed, 5);
  EXPECT_EQ(r.changed, 5);
  EXPECT_EQ(r.populations_set, 5);
  EXPECT_EQ(r.to_review, 3);
  EXPECT_EQ(r.without_candidate, 2);

  // Each change is audited with the old and the new placement.
  store::AuditQuery q;
  q.entity = "city";
  q.entity_id = std::to_string(christchurch_gb);
  auto entries = store::AuditLog(*store).list(q);
  ASSERT_FALSE(entries.empty());
  const auto& last = entries.back();
  EXPECT_EQ(last.action, "geocode");
  EXPECT_DOUBLE_EQ(last.before["lat"].get<double>(), -43.5311);
  EXPECT_EQ(last.before["coordinates_source"], "import");
  EXPECT_DOUBLE_EQ(last.after["lat"].get<double>(), 50.73583);
  EXPECT_EQ(last.after["geonames_id"], 2653075);
}

TEST_P(GeocodeTest, ASecondPassChangesNothing) {
  geocode(*store, gazetteer);
  auto audit_before = store::AuditLog(*store).list({}).size();
  auto reviews_before = store::GeocodeReviewStore(*store).list(100, 0);
  auto r = geocode(*store, gazetteer);
  EXPECT_EQ(r.changed, 0);
  EXPECT_EQ(r.review_rows_changed, 0);
  EXPECT_EQ(r.placed, 5);
  EXPECT_EQ(store::AuditLog(*store).list({}).size(), audit_before);
  auto reviews_after = store::GeocodeReviewStore(*store).list(100, 0);
  ASSERT_EQ(reviews_after.size(), reviews_before.size());
  for (std::size_t i = 0; i < reviews_after.size(); ++i) {
    EXPECT_EQ(reviews_after[i].reason, reviews_before[i].reason);
    EXPECT_EQ(reviews_after[i].updated_at, reviews_before[i].updated_at);
  }
}

TEST_P(GeocodeTest, CoordinatesSetByHandSurviveEveryPass) {
  CityDetails d;
  d.lat = 50.7;
  d.lng = -1.8;
  store::CityStore(*store).update(christchurch_gb, d);
  EXPECT_EQ(city(christchurch_gb).coordinates_source, CoordinatesSource::kManual);
  auto r = geocode(*store, gazetteer);
  EXPECT_EQ(r.manual, 1);
  City gb = city(christchurch_gb);
  EXPECT_DOUBLE_EQ(*gb.lat, 50.7);
  EXPECT_DOUBLE_EQ(*gb.lng, -1.8);
  EXPECT_FALSE(gb.geonames_id);
  EXPECT_FALSE(review(christchurch_gb));
  // A placed city edited by hand loses its GeoNames id and is not placed again.
  store::CityStore(*store).update(kiel, d);
  geocode(*store, gazetteer);
  EXPECT_FALSE(city(kiel).geonames_id);
  EXPECT_DOUBLE_EQ(*city(kiel).lat, 50.7);
  // Changing only the population leaves the coordinates' source alone.
  CityDetails pop;
  pop.population = 5;
  store::CityStore(*store).update(sukagawa, pop);
  EXPECT_EQ(city(sukagawa).coordinates_source, CoordinatesSource::kGazetteer);
}

TEST_P(GeocodeTest, APopulationAlreadyKnownIsKept) {
  CityDetails pop;
  pop.population = 240000;
  store::CityStore(*store).update(kiel, pop);
  geocode(*store, gazetteer);
  EXPECT_EQ(city(kiel).population, 240000);
  EXPECT_EQ(city(kiel).geonames_id, 2891122);
}

TEST_P(GeocodeTest, TwoCitiesAtOnePlaceAreListed) {
  CityId twice = add("Christchurch (Dorset)", "GB", 50.74, -1.78);
  geocode(*store, gazetteer);
  EXPECT_EQ(city(twice).geonames_id, 2653075);
  EXPECT_FALSE(city(twice).population);  // the population is the other record's
  ASSERT_TRUE(review(twice));
  EXPECT_NE(review(twice)->reason.find("also the place of Christchurch, GB"), std::string::npos)
      << review(twice)->reason;
  EXPECT_FALSE(review(christchurch_gb));
}

TEST_P(GeocodeTest, ACoordinatorSettlesAReview) {
  geocode(*store, gazetteer);
  City taken = resolve_geocode_review(*store, newport, {7, std::nullopt});
  EXPECT_DOUBLE_EQ(*taken.lat, 50.70);
  EXPECT_EQ(taken.geonames_id, 7);
  EXPECT_EQ(taken.population, 25000);
  EXPECT_EQ(taken.coordinates_source, CoordinatesSource::kManual);
  EXPECT_FALSE(review(newport));
  City kept = resolve_geocode_review(*store, durham, {});
  EXPECT_DOUBLE_EQ(*kept.lat, 43.9);
  EXPECT_EQ(kept.coordinates_source, CoordinatesSource::kManual);
  // The next pass leaves both alone.
  auto r = geocode(*store, gazetteer);
  EXPECT_EQ(r.manual, 2);
  EXPECT_EQ(city(newport).geonames_id, 7);
  EXPECT_FALSE(review(durham));

  std::string message, field;
  EXPECT_EQ(code_of([&] { resolve_geocode_review(*store, yamatsuri, {6, std::nullopt}); }, &message, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "geonames_id");
  EXPECT_NE(message.find("not a candidate for Yamatsuri, JP"), std::string::npos);
  EXPECT_EQ(code_of([&] { resolve_geocode_review(*store, kiel, {}); }, &message, &field),
            ErrorCode::kNotFound);
  EXPECT_NE(message.find("Kiel, DE is not on the geocoding review list"), std::string::npos);
  EXPECT_EQ(code_of([&] { resolve_geocode_review(*store, 999999, {}); }),
            ErrorCode::kNotFound);
  EXPECT_TRUE(review(yamatsuri));  // a refused choice changes nothing
  EXPECT_EQ(code_of([&] { resolve_geocode_review(*store, yamatsuri, {std::nullopt, {{95.0, 0.0}}}); },
                    &message, &field),
            ErrorCode::kInvalidInput);
  EXPECT_EQ(field, "lat");
  EXPECT_TRUE(review(yamatsuri));
  // A point set by hand.
  City set = resolve_geocode_review(*store, yamatsuri, {std::nullopt, {{37.06, 140.43}}});
  EXPECT_DOUBLE_EQ(*set.lat, 37.06);
  EXPECT_DOUBLE_EQ(*set.lng, 140.43);
  EXPECT_EQ(set.coordinates_source, CoordinatesSource::kManual);
  EXPECT_FALSE(set.geonames_id);
  EXPECT_FALSE(review(yamatsuri));
}

TEST_P(GeocodeTest, OnlyRegistryWritersGeocode) {
  for (Role role : {Role::kViewer, Role::kCorrespondent}) {
    store->set_actor(Actor{9, "someone", role, kiel, std::nullopt});
    EXPECT_EQ(code_of([&] { geocode(*store, gazetteer); }), ErrorCode::kForbidden);
    EXPECT_EQ(code_of([&] { resolve_geocode_review(*store, durham, {}); }),
              ErrorCode::kForbidden);
  }
  EXPECT_EQ(city(christchurch_gb).coordinates_source, CoordinatesSource::kImport);
  store->set_actor(Actor{9, "coordinator", Role::kCoordinator, std::nullopt, std::nullopt});
  EXPECT_EQ(geocode(*store, gazetteer).changed, 5);
}

TWINNING_ON_EVERY_BACKEND(GeocodeTest);

}  // namespace
}  // namespace twinning::ingest
