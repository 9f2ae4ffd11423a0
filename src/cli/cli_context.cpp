#include "cli/cli_context.h"

namespace twinning::cli {

store::Store& Context::store() {
  if (!store_) store_ = store::Store::open(db_location);
  return *store_;
}

void Context::print_json(const nlohmann::json& j) const {
  std::cout << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}

void add_json_flag(CLI::App* cmd, Context& ctx) {
  cmd->add_flag("--json", ctx.json, "Print machine-readable JSON");
}

}  // namespace twinning::cli
