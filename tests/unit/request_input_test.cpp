#include "server/request_input.h"

#include <gtest/gtest.h>

#include "model/error.h"

namespace twinning::server {
namespace {

Request json_request(std::string body, std::string type = "application/json; charset=utf-8") {
  Request r;
  r.headers = {{"content-type", std::move(type)}};
  r.body = std::move(body);
  return r;
}

Request query_request(std::string query) {
  Request r;
  r.query_text = std::move(query);
  return r;
}

std::string field_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kInvalidInput);
    return e.field();
  }
  ADD_FAILURE() << "accepted";
  return "(none)";
}

TEST(RequestInput, JsonBodiesMustBeObjectsOfLimitedDepth) {
  EXPECT_EQ(parse_json_object(json_request(R"({"a": 1})"))["a"], 1);
  EXPECT_EQ(field_of([] { parse_json_object(json_request("{}", "text/plain")); }), "Content-Type");
  EXPECT_EQ(field_of([] { parse_json_object(json_request("[]")); }), "body");
  EXPECT_EQ(field_of([] { parse_json_object(json_request("{")); }), "body");
  std::string ok = "{\"a\":" + std::string(30, '[') + std::string(30, ']') + "}";
  EXPECT_NO_THROW(parse_json_object(json_request(ok)));
  std::string deep = "{\"a\":" + std::string(32, '[') + std::string(32, ']') + "}";
  EXPECT_EQ(field_of([&] { parse_json_object(json_request(deep)); }), "body");
}

TEST(RequestInput, FieldsAreTypedAndUnknownOnesRejected) {
  nlohmann::json j = {{"name", "Kiel"}, {"n", 3},          {"x", 2.5},
                      {"ok", true},     {"none", nullptr}, {"list", {"a", "b"}}};
  EXPECT_EQ(field_of([&] { JsonFields(j, {"name"}); }), "list");  // the first, by name
  JsonFields f(j, {"name", "n", "x", "ok", "none", "list", "absent"});
  EXPECT_EQ(f.required_text("name"), "Kiel");
  EXPECT_EQ(f.integer("n"), 3);
  EXPECT_EQ(f.number("n"), 3.0);
  EXPECT_EQ(f.number("x"), 2.5);
  EXPECT_EQ(f.boolean("ok"), true);
  EXPECT_EQ(f.text_list("list"), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(f.text("absent"));
  EXPECT_FALSE(f.nullable_text("absent"));
  ASSERT_TRUE(f.nullable_text("none"));
  EXPECT_FALSE(f.nullable_text("none")->has_value());
  EXPECT_EQ(field_of([&] { f.integer("x"); }), "x");
  EXPECT_EQ(field_of([&] { f.text("n"); }), "n");
  EXPECT_EQ(field_of([&] { f.text("none"); }), "none");
  EXPECT_EQ(field_of([&] { f.required_text("absent"); }), "absent");
  EXPECT_EQ(field_of([&] { f.boolean("name"); }), "name");
}

TEST(RequestInput, QueryParametersAreCheckedAndPaged) {
  QueryParams q(query_request("search=st+etienne&limit=20&offset=40&flag=true"),
                {"search", "limit", "offset", "flag", "sort"});
  EXPECT_EQ(q.text("search"), "st etienne");
  EXPECT_EQ(q.boolean("flag"), true);
  Page p = q.page();
  EXPECT_EQ(p.limit, 20);
  EXPECT_EQ(p.offset, 40);
  EXPECT_EQ(q.choice("sort", {"id", "name"}, "id"), "id");
  EXPECT_EQ(QueryParams(query_request(""), {"limit"}).page().limit, kDefaultPageSize);
  EXPECT_EQ(field_of([] { QueryParams(query_request("x=1"), {"limit"}); }), "x");
  EXPECT_EQ(field_of([] { QueryParams(query_request("a=1&a=2"), {"a"}); }), "a");
  EXPECT_EQ(field_of([] { QueryParams(query_request("limit=501"), {"limit"}).page(); }), "limit");
  EXPECT_EQ(field_of([] { QueryParams(query_request("limit=1x"), {"limit"}).page(); }), "limit");
  EXPECT_EQ(field_of([] {
              QueryParams(query_request("sort=size"), {"sort"}).choice("sort", {"id"}, "id");
            }),
            "sort");
  EXPECT_EQ(field_of([] { QueryParams(query_request("a=%zz"), {"a"}); }), "query");
}

TEST(RequestInput, RepeatableQueryParametersAndNumbers) {
  QueryParams q(query_request("seed=1&p=0.35&seed=Kiel%2C+DE&q=1"), {"seed", "p", "q", "r"},
                {"seed"});
  EXPECT_EQ(q.texts("seed"), (std::vector<std::string>{"1", "Kiel, DE"}));
  EXPECT_EQ(q.text("seed"), "1");
  EXPECT_TRUE(q.texts("r").empty());
  EXPECT_EQ(q.number("p", 0, 1), 0.35);
  EXPECT_EQ(q.number("q", 0, 1), 1.0);
  EXPECT_EQ(q.number("r", 0, 1), std::nullopt);
  EXPECT_EQ(field_of([] { QueryParams(query_request("p=1&p=2"), {"p", "seed"}, {"seed"}); }), "p");
  for (const char* bad : {"p=1.5", "p=-0.1", "p=nan", "p=inf", "p=0.5x", "p=", "p=half"}) {
    EXPECT_EQ(field_of([bad] { QueryParams(query_request(bad), {"p"}).number("p", 0, 1); }), "p")
        << bad;
  }
}

TEST(RequestInput, SliceAndPageJson) {
  std::vector<int> all = {1, 2, 3, 4, 5};
  EXPECT_EQ(slice(all, {2, 1}), (std::vector<int>{2, 3}));
  EXPECT_EQ(slice(all, {10, 3}), (std::vector<int>{4, 5}));
  EXPECT_TRUE(slice(all, {2, 9}).empty());
  auto j = page_json(slice(all, {2, 0}), 5, {2, 0});
  EXPECT_EQ(j["total"], 5);
  EXPECT_EQ(j["items"].size(), 2u);
}

}  // namespace
}  // namespace twinning::server
