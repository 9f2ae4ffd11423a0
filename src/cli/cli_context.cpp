#include "cli/cli_context.h"

#include <cstdio>

namespace twinning::cli {

store::Store& Context::store() {
  if (!store_) store_ = store::Store::open(db_location);
  return *store_;
}

const letters::TemplateLibrary& Context::templates() {
  if (!templates_) templates_.emplace(letters::TemplateLibrary::locate(templates_dir));
  return *templates_;
}

void Context::print_json(const nlohmann::json& j) const {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

std::string format_coordinates(std::optional<double> lat, std::optional<double> lng) {
  if (!lat || !lng) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4f, %.4f", *lat, *lng);
  return buf;
}

void add_json_flag(CLI::App* cmd, Context& ctx) {
  cmd->add_flag("--json", ctx.json, "Print machine-readable JSON");
}

Error with_option_name(const Error& e, const std::string& option) {
  std::string message = e.what();
  const std::string& field = e.field();
  bool opens_with_field = !field.empty() && message.rfind(field, 0) == 0 &&
                          message.size() > field.size() &&
                          (message[field.size()] == ' ' || message[field.size()] == ':');
  message = opens_with_field ? option + message.substr(field.size()) : option + ": " + message;
  Error out(e.code(), std::move(message), option);
  out.set_retry_after(e.retry_after());
  return out;
}

void add_templates_option(CLI::App* cmd, Context& ctx) {
  cmd->add_option("--templates", ctx.templates_dir,
                  "Letter template directory (default $TWINNING_TEMPLATES, else the installed "
                  "ones)");
}

}  // namespace twinning::cli
