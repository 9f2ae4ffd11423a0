#include "server/api.h"

#include "resources/resources.h"

namespace twinning::server {

RouteTable api_routes() {
  RouteTable routes;
  add_system_routes(routes);
  add_session_routes(routes);
  add_user_routes(routes);
  add_audit_routes(routes);
  add_city_routes(routes);
  add_link_routes(routes);
  add_import_routes(routes);
  add_campaign_routes(routes);
  add_network_routes(routes);
  add_quality_routes(routes);
  add_geocode_routes(routes);
  add_export_routes(routes);
  add_map_routes(routes);
  add_letter_routes(routes);
  add_office_routes(routes);
  add_mail_routes(routes);
  add_mail_send_routes(routes);
  return routes;
}

const std::string& openapi_document() {
  // The fragments in file-name order: 000_document.yaml opens the document
  // and ends with "paths:"; each group's fragment lists its paths under it.
  static const std::string document = [] {
    std::string out;
    for (const auto& r : resources::all()) {
      if (r.path.rfind("src/server/openapi/", 0) != 0) continue;
      out += r.content;
      if (!out.empty() && out.back() != '\n') out += '\n';
    }
    return out;
  }();
  return document;
}

}  // namespace twinning::server
