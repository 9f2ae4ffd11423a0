#include "route_matrix.h"

namespace twinning::testing {
namespace {

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) {
    s.replace(at, from.size(), to);
  }
  return s;
}

}  // namespace

void RouteMatrixTest::SetUp() {
  ApiTest::SetUp();
  if (!store) return;
  add_password_user("matrix-login", Role::kViewer, "matrix password 1");
}

HttpClient& RouteMatrixTest::caller(int index) {
  static constexpr Role kRoles[] = {Role::kViewer, Role::kCorrespondent, Role::kCoordinator,
                                    Role::kAdmin};
  return index == 0 ? anonymous() : as(kRoles[index - 1]);
}

std::string RouteMatrixTest::fill(std::string text, int index) {
  const CityId partners[] = {volgograd, volgograd, volgograd, volgograd, coventry};
  text = replace_all(text, "{coventry}", std::to_string(coventry));
  text = replace_all(text, "{volgograd}", std::to_string(volgograd));
  text = replace_all(text, "{cologne}", std::to_string(cologne));
  text = replace_all(text, "{kiel}", std::to_string(kiel));
  text = replace_all(text, "{link}", std::to_string(coventry_cologne));
  text = replace_all(text, "{viewer_user}", std::to_string(user_ids[Role::kViewer]));
  text = replace_all(text, "{caller}", kCallers[index]);
  text = replace_all(text, "{partner}", std::to_string(partners[index]));
  text = replace_all(text, "{qid}", "Q" + std::to_string(9000000 + index));
  return text;
}

HttpResponse RouteMatrixTest::send(const MatrixRow& row, int index, const std::string* target,
                                   const std::string* body) {
  std::string t = target ? *target : fill(row.target, index);
  std::string b = body ? *body : fill(row.body, index);
  HeaderList headers;
  if (*row.body) headers.emplace_back("Content-Type", row.content_type);
  return caller(index).request(row.method, t, b, headers);
}

}  // namespace twinning::testing
