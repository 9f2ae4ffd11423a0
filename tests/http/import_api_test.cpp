// POST /api/import/wikipedia-csv: uploads on both backends.
#include <gtest/gtest.h>

#include "store/link_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using ImportApi = ApiTest;

const char* kCsv =
    "city1,country1,lat1,lng1,city2,country2,lat2,lng2\n"
    "Kiel,Germany,54.3,10.1,Coventry,England,52.4,-1.5\n"
    "Kiel,Atlantis,54.3,10.1,Coventry,England,52.4,-1.5\n"
    "Volgograd,Russia,48.7,44.5,Cologne,Germany,50.9,6.9\n";

TEST_P(ImportApi, ImportsAnUploadAndReportsRejects) {
  auto r = as(Role::kCoordinator)
               .request("POST", "/api/import/wikipedia-csv?name=upload-1.csv", kCsv,
                        {{"Content-Type", "text/csv"}});
  ASSERT_EQ(r.status, 200) << r.body;
  auto j = r.json();
  EXPECT_EQ(j["file"], "upload-1.csv");
  EXPECT_EQ(j["rows_read"], 3);
  EXPECT_EQ(j["links_created"], 2);
  EXPECT_EQ(j["rows_rejected"], 1);
  EXPECT_EQ(j["rejects"][0]["line"], 3);
  EXPECT_EQ(store::LinkStore(*store).count(), 4);
  // Again: nothing changes.
  r = as(Role::kCoordinator)
          .request("POST", "/api/import/wikipedia-csv?name=upload-1.csv", kCsv,
                   {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.json()["links_created"], 0);
  EXPECT_EQ(store::LinkStore(*store).count(), 4);
}

TEST_P(ImportApi, StructuralFaultsRejectTheWholeFile) {
  auto r = as(Role::kCoordinator)
               .request("POST", "/api/import/wikipedia-csv", "name,country\nKiel,DE\n",
                        {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "line 1");
  r = as(Role::kCoordinator)
          .request("POST", "/api/import/wikipedia-csv", kCsv,
                   {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.error_field(), "Content-Type");
  r = as(Role::kCoordinator)
          .request("POST", "/api/import/wikipedia-csv?name=../x", kCsv,
                   {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.error_field(), "name");
  EXPECT_EQ(store::LinkStore(*store).count(), 2);
  r = as(Role::kViewer)
          .request("POST", "/api/import/wikipedia-csv", kCsv, {{"Content-Type", "text/csv"}});
  EXPECT_EQ(r.status, 403);
}

TWINNING_API_ON_EVERY_BACKEND(ImportApi);

}  // namespace
}  // namespace twinning::testing
