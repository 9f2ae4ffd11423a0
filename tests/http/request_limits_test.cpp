// Bad input over HTTP never causes a 500 or a half-write: malformed JSON,
// wrong media types, too deep nesting, unknown fields, wrong types,
// oversized bodies and headers, malformed HTTP. Both backends.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <chrono>
#include <memory>
#include <thread>

#include "store/city_store.h"
#include "support/api_fixture.h"

namespace twinning::testing {
namespace {

using RequestLimits = ApiTest;

TEST_P(RequestLimits, MalformedJsonAndWrongMediaType) {
  auto& c = as(Role::kCoordinator);
  auto r = c.request("POST", "/api/cities", "{\"name\": \"Gdańsk\",",
                     {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = c.request("POST", "/api/cities", "{\"name\": \"Gda\xff\"}",
                {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = c.request("POST", "/api/cities", "[1, 2]", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  r = c.request("POST", "/api/cities", R"({"name":"X","country":"PL"})",
                {{"Content-Type", "text/plain"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "Content-Type");
  r = c.request("POST", "/api/cities", "", {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(store::CityStore(*store).count(), 4);
}

TEST_P(RequestLimits, UnknownFieldsAndWrongTypesAreNamed) {
  auto& c = as(Role::kCoordinator);
  auto r = c.send_json("POST", "/api/cities", {{"name", "X"}, {"country", "PL"}, {"mayor", "Y"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "mayor");
  EXPECT_NE(r.json()["error"]["message"].get<std::string>().find("unknown field 'mayor'"),
            std::string::npos);
  r = c.send_json("PATCH", "/api/cities/" + std::to_string(kiel), {{"lat", "north"}});
  EXPECT_EQ(r.error_field(), "lat");
  r = c.send_json("PATCH", "/api/cities/" + std::to_string(kiel), {{"languages", "de"}});
  EXPECT_EQ(r.error_field(), "languages");
  r = c.send_json("POST", "/api/cities",
                  {{"name", std::string("nul\0byte", 8)}, {"country", "PL"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "name");
  r = c.send_json("POST", "/api/cities",
                  {{"name", "X"}, {"country", "PL"}, {"population", 18446744073709551615ull}});
  EXPECT_EQ(r.error_field(), "population");
  r = c.send_json("POST", "/api/links", {{"city_a", {{"id", 1}}}, {"city_b", kiel}});
  EXPECT_EQ(r.error_field(), "city_a");
  EXPECT_EQ(store::CityStore(*store).count(), 4);
}

TEST_P(RequestLimits, NestingDepthIsLimited) {
  std::string deep = std::string(40, '[') + std::string(40, ']');
  auto r = as(Role::kCoordinator)
               .request("POST", "/api/cities", "{\"names\": " + deep + "}",
                        {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.error_field(), "body");
  EXPECT_NE(r.body.find("nested deeper than 32"), std::string::npos);
  std::string bomb = std::string(200000, '[');
  r = as(Role::kCoordinator)
          .request("POST", "/api/cities", bomb, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 400);
}

TEST_P(RequestLimits, OversizedBodiesGet413WithoutBeingRead) {
  std::string big = "{\"name\": \"" + std::string(2 << 20, 'x') + "\", \"country\": \"PL\"}";
  auto r = as(Role::kCoordinator)
               .request("POST", "/api/cities", big, {{"Content-Type", "application/json"}});
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_code(), "payload_too_large");
  // Chunked, without a length up front: cut off at the limit.
  auto raw = new_client()->raw_exchange(
      "POST /api/cities HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
      tokens[Role::kCoordinator] +
      "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n200000\r\n" +
      std::string(0x200000, ' ') + "\r\n0\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 413", 0), 0u) << raw.substr(0, 200);
  // The server keeps serving.
  EXPECT_EQ(anonymous().get("/api/health").status, 200);
  EXPECT_EQ(store::CityStore(*store).count(), 4);
}

TEST_P(RequestLimits, MalformedHttpAndHugeHeaders) {
  auto raw = new_client()->raw_exchange("GARBAGE\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  raw = new_client()->raw_exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 431", 0), 0u) << raw.substr(0, 200);
  raw = new_client()->raw_exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: zz\r\n\r\n");
  EXPECT_EQ(raw.rfind("HTTP/1.1 400", 0), 0u) << raw;
  EXPECT_EQ(anonymous().get("/api/health").status, 200);
}

TEST_P(RequestLimits, KeepAliveServesManyRequestsOnOneConnection) {
  auto raw = new_client()->raw_exchange(
      "GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/cities/" +
      std::to_string(kiel) +
      " HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/stats HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t responses = 0, at = 0;
  while ((at = raw.find("HTTP/1.1 200 OK", at)) != std::string::npos) {
    ++responses;
    ++at;
  }
  EXPECT_EQ(responses, 3u) << raw;
  EXPECT_NE(raw.find("\"name\":\"Kiel\""), std::string::npos);
}

// A request body is the caller's to send only once the header shows that
// the route would take it from this caller (issue 14): an anonymous or
// unauthorised 60 MiB upload is answered before a byte of it is sent, and
// no 100 Continue invites it.
TEST_P(RequestLimits, UploadsAreRefusedFromTheirHeaderBeforeTheBody) {
  const std::string head =
      "POST /api/import/wikipedia-csv?name=world.csv HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: text/csv\r\nContent-Length: 62914560\r\nExpect: 100-continue\r\n";
  struct Caller {
    std::string headers;
    int status;
  };
  const Caller callers[] = {
      {"", 401},
      {"Authorization: Bearer not-a-token\r\n", 401},
      {"Authorization: Bearer " + tokens[Role::kViewer] + "\r\n", 403},
      {"Authorization: Bearer " + tokens[Role::kCorrespondent] + "\r\n", 403},
  };
  for (const auto& c : callers) {
    // The header alone, no body byte: the answer comes, and the server
    // closes the connection.
    std::string raw = new_client()->raw_exchange(head + c.headers + "\r\n");
    EXPECT_EQ(raw.rfind("HTTP/1.1 " + std::to_string(c.status), 0), 0u) << raw.substr(0, 300);
    EXPECT_EQ(raw.find("100 Continue"), std::string::npos) << raw.substr(0, 300);
  }
  // A coordinator is invited to send the body, and it is read.
  std::string csv = "city1,country1,city2,country2\nKiel,Germany,Brest,France\n";
  std::string coordinator_head =
      "POST /api/import/wikipedia-csv?name=small.csv HTTP/1.1\r\nHost: x\r\n"
      "Content-Type: text/csv\r\nExpect: 100-continue\r\nConnection: close\r\n"
      "Authorization: Bearer " +
      tokens[Role::kCoordinator] + "\r\nContent-Length: " + std::to_string(csv.size()) + "\r\n\r\n";
  std::string raw = new_client()->raw_exchange(
      coordinator_head, [] { std::this_thread::sleep_for(std::chrono::milliseconds(200)); }, csv);
  EXPECT_EQ(raw.rfind("HTTP/1.1 100 Continue", 0), 0u) << raw.substr(0, 300);
  EXPECT_NE(raw.find("HTTP/1.1 200 OK"), std::string::npos) << raw.substr(0, 300);
  EXPECT_EQ(anonymous().get("/api/health").status, 200);
}

// A connection that sends the header of an upload and then holds it open.
class HeldUpload {
 public:
  HeldUpload(int port, const std::string& from, const std::string& header) : socket_(ioc_) {
    using boost::asio::ip::tcp;
    socket_.open(tcp::v4());
    socket_.bind(tcp::endpoint(boost::asio::ip::make_address(from), 0));
    socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"),
                                  static_cast<unsigned short>(port)));
    boost::asio::write(socket_, boost::asio::buffer(header));
  }
  // What the server answered within `wait` ("" if nothing).
  std::string answer(std::chrono::milliseconds wait) {
    std::string out;
    std::vector<char> buf(4096);
    socket_.async_read_some(
        boost::asio::buffer(buf),
        [&](boost::system::error_code, std::size_t n) { out.assign(buf.data(), n); });
    ioc_.restart();
    ioc_.run_for(wait);
    return out;
  }

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
};

// What one address may hold at once: connections, and bytes of bodies in
// flight; other addresses are not affected, and what is released is free
// again.
class ClientQuotas : public ApiTest {
 protected:
  std::vector<std::string> serve_args() override {
    return {"--connections-per-address", "8", "--upload-bytes-per-address", "1048576"};
  }
};

TEST_P(ClientQuotas, AnAddressMayHoldSoManyConnectionsAndUploadBytes) {
  std::vector<std::unique_ptr<HeldUpload>> idle;
  for (int i = 0; i < 8; ++i) {
    idle.push_back(std::make_unique<HeldUpload>(server->port(), "127.0.0.5", ""));
  }
  auto from = [&](const std::string& address) {
    auto c = new_client();
    c->local_address = address;
    return c;
  };
  std::string health = "GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string raw = from("127.0.0.5")->raw_exchange(health);
  EXPECT_EQ(raw.rfind("HTTP/1.1 429", 0), 0u) << raw.substr(0, 300);
  EXPECT_NE(raw.find("too_many_connections"), std::string::npos) << raw.substr(0, 300);
  EXPECT_EQ(from("127.0.0.6")->raw_exchange(health).rfind("HTTP/1.1 200", 0), 0u);
  idle.clear();
  bool free_again = false;
  for (int i = 0; i < 50 && !free_again; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    free_again = from("127.0.0.5")->raw_exchange(health).rfind("HTTP/1.1 200", 0) == 0;
  }
  EXPECT_TRUE(free_again);

  // 700 KiB of upload under way from 127.0.0.7: another 700 KiB from the
  // same address must wait; from another address it is taken.
  auto upload_header = [&](std::size_t bytes) {
    return "POST /api/import/wikipedia-csv?name=big.csv HTTP/1.1\r\nHost: x\r\n"
           "Content-Type: text/csv\r\nAuthorization: Bearer " +
           tokens[Role::kCoordinator] + "\r\nContent-Length: " + std::to_string(bytes) + "\r\n\r\n";
  };
  auto first = std::make_unique<HeldUpload>(server->port(), "127.0.0.7", upload_header(700 << 10));
  EXPECT_EQ(first->answer(std::chrono::milliseconds(200)), "");  // reading the body
  HeldUpload second(server->port(), "127.0.0.7", upload_header(700 << 10));
  std::string refused = second.answer(std::chrono::seconds(5));
  EXPECT_EQ(refused.rfind("HTTP/1.1 429", 0), 0u) << refused;
  EXPECT_NE(refused.find("too_many_uploads"), std::string::npos) << refused;
  HeldUpload elsewhere(server->port(), "127.0.0.8", upload_header(700 << 10));
  EXPECT_EQ(elsewhere.answer(std::chrono::milliseconds(200)), "");  // reading the body
  first.reset();  // the held upload ends: its bytes are free
  bool taken = false;
  for (int i = 0; i < 50 && !taken; ++i) {
    HeldUpload again(server->port(), "127.0.0.7", upload_header(700 << 10));
    taken = again.answer(std::chrono::milliseconds(50)).empty();
  }
  EXPECT_TRUE(taken);
}

TWINNING_API_ON_EVERY_BACKEND(RequestLimits);
TWINNING_API_ON_EVERY_BACKEND(ClientQuotas);

}  // namespace
}  // namespace twinning::testing
