// /api/users: user administration for administrators (auth/users.h).
#include "auth/users.h"
#include "model/error.h"
#include "model/model_json.h"
#include "server/api.h"
#include "server/request_input.h"

namespace twinning::server {
namespace {

Response list(RequestContext& ctx) {
  QueryParams q(ctx.request, {"role", "disabled", "limit", "offset"});
  auto role = q.text("role");
  auto disabled = q.boolean("disabled");
  std::optional<Role> wanted;
  if (role) wanted = parse_role(*role, "role");
  std::vector<User> users;
  for (auto& u : auth::list_users(ctx.store)) {
    if (wanted && u.role != *wanted) continue;
    if (disabled && u.disabled != *disabled) continue;
    users.push_back(std::move(u));
  }
  Page page = q.page();
  return json_response(200, page_json(slice(users, page), users.size(), page));
}

Response create(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"name", "role", "city_id", "password"});
  auth::NewUser n;
  n.name = f.required_text("name");
  n.role = parse_role(f.required_text("role"), "role");
  if (auto city = f.nullable_integer("city_id")) n.city = *city;
  if (auto pw = f.nullable_text("password")) n.password = *pw;
  User u = auth::add_user(ctx.store, n);
  Response r = json_response(201, u);
  r.add_header("Location", "/api/users/" + std::to_string(u.id));
  return r;
}

Response get(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  return json_response(200, auth::get_user(ctx.store, ctx.id_param()));
}

Response update(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"role", "city_id", "disabled", "password"});
  auth::UserUpdate u;
  if (auto role = f.text("role")) u.role = parse_role(*role, "role");
  u.city = f.nullable_integer("city_id");
  u.disabled = f.boolean("disabled");
  u.password = f.text("password");
  return json_response(200, auth::update_user(ctx.store, ctx.id_param(), u));
}

Response issue_token(RequestContext& ctx) {
  QueryParams(ctx.request, {});
  JsonFields f(parse_json_object(ctx.request), {"label"});
  auto issued = auth::issue_api_token(ctx.store, ctx.id_param(), f.text("label").value_or(""));
  return json_response(
      201,
      {{"id", issued.id}, {"token", issued.token}, {"label", issued.label}, {"user", issued.user}});
}

}  // namespace

void add_user_routes(RouteTable& routes) {
  routes.add({Method::kGet, "/api/users", administrators(), list});
  routes.add({Method::kPost, "/api/users", administrators(), create});
  routes.add({Method::kGet, "/api/users/{id}", administrators(), get});
  routes.add({Method::kPatch, "/api/users/{id}", administrators(), update});
  routes.add({Method::kPost, "/api/users/{id}/tokens", administrators(), issue_token});
}

}  // namespace twinning::server
