// src/model/ — the model layer: plain value types of the domain (City,
// Country, Link, Letter, Campaign, User, Actor, PartialDate, Error) with
// their names, parsing and JSON forms. It owns what a value is and which
// values are valid on their own. It must not do I/O, read a clock, know a
// database, an HTTP request or a command line, or decide who may do what.
//
// JSON forms of the model's value types (nlohmann::json, found by ADL), shared
// by the audit log, the CLI's --json output and the HTTP API so that all
// three speak the same field names.
#pragma once

#include <nlohmann/json.hpp>

#include "model/city.h"
#include "model/country.h"
#include "model/link.h"
#include "model/user.h"

namespace twinning {

void to_json(nlohmann::json& j, const PartialDate& d);
void to_json(nlohmann::json& j, const Country& c);
void to_json(nlohmann::json& j, const CityName& n);
void to_json(nlohmann::json& j, const City& c);
void to_json(nlohmann::json& j, const Link& l);
void to_json(nlohmann::json& j, const LinkEvent& e);
// A user without any secret: id, name, role, city, disabled, has_password.
void to_json(nlohmann::json& j, const User& u);

}  // namespace twinning
