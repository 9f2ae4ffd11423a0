// JSON forms of the correspondence register's value types (nlohmann::json,
// found by ADL), shared by the audit log, the CLI's --json output and the
// HTTP API. Kept apart from model_json.h so that the letter types stay in
// one place.
#pragma once

#include <nlohmann/json.hpp>

#include "model/letter.h"

namespace twinning {

void to_json(nlohmann::json& j, const Office& o);
void to_json(nlohmann::json& j, const OfficeRequisites& r);
void to_json(nlohmann::json& j, const Addressee& a);
void to_json(nlohmann::json& j, const Attachment& a);
void to_json(nlohmann::json& j, const LetterLink& l);
void to_json(nlohmann::json& j, const LetterSender& s);
// Every field of the letter; attachments as metadata (no bytes).
void to_json(nlohmann::json& j, const Letter& l);

}  // namespace twinning
