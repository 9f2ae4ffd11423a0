// src/server/ — the HTTP face: the Beast server, the router with each
// route's access gate, sessions and tokens on the wire, request parsing,
// JSON responses, the OpenAPI document and the static web files. Each route
// parses, calls one use case and encodes its result. It must not hold a
// domain rule (who may, what is valid, what is counted) nor read a store
// directly.
//
// The HTTP API's endpoint groups. Each group lives in its own file,
// server/routes_<group>.cpp, registering its routes (with their access rules)
// on the table, and documents them in its own OpenAPI fragment,
// server/openapi/<group>.yaml. Adding a group: those two files, one
// declaration below and one call in api.cpp.
#pragma once

#include <string>

#include "server/router.h"

namespace twinning::server {

void add_system_routes(RouteTable& routes);    // /api/health, /api/openapi.yaml
void add_session_routes(RouteTable& routes);   // /api/session: login, logout, who am I
void add_user_routes(RouteTable& routes);      // /api/users (administrators)
void add_audit_routes(RouteTable& routes);     // /api/audit
void add_city_routes(RouteTable& routes);      // /api/countries, /api/cities, /api/stats
void add_link_routes(RouteTable& routes);      // /api/links
void add_import_routes(RouteTable& routes);    // /api/import/...
void add_campaign_routes(RouteTable& routes);  // /api/campaigns/...
void add_network_routes(RouteTable& routes);   // /api/reach, chain, network/*, forecast, plan
void add_quality_routes(RouteTable& routes);   // /api/quality
void add_geocode_routes(RouteTable& routes);   // /api/geocode, /api/cities/{id}/geocode
void add_export_routes(RouteTable& routes);    // /api/export/csv|geojson|graphml
void add_map_routes(RouteTable& routes);       // /api/map: the web map's columns, cached
void add_letter_routes(RouteTable& routes);    // /api/letters: the correspondence register
void add_office_routes(RouteTable& routes);    // /api/offices, /api/templates
void add_mail_routes(RouteTable& routes);      // /api/mail/triage: incoming mail to decide
void add_mail_send_routes(RouteTable& routes);  // /api/letters/{id}/send: letters by e-mail

// Every route of the API.
RouteTable api_routes();

// The OpenAPI 3 document of the API (YAML): the fragments of all groups
// joined, as embedded in the binary.
const std::string& openapi_document();

}  // namespace twinning::server
