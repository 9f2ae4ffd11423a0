#include "ingest/files.h"

#include <fstream>
#include <sstream>

#include "model/error.h"
#include "store/atomic_file.h"

namespace twinning::ingest {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw_not_found("cannot read file '" + path + "'", "FILE");
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) throw_not_found("cannot read file '" + path + "'", "FILE");
  return ss.str();
}

std::string base_name(std::string_view path) {
  auto slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

void write_file_atomically(const std::string& path, const std::function<void(std::ostream&)>& write,
                           std::string_view field) {
  std::ostringstream content;
  write(content);
  const std::string& bytes = content.str();
  store::replace_file_atomically(
      path,
      [&](const std::string& temp) {
        std::ofstream out(temp, std::ios::binary | std::ios::trunc);
        out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        out.close();
        if (!out) {
          throw_invalid("cannot write the " + std::string(field) + " file '" + path + "'",
                        std::string(field));
        }
      },
      field);
}

}  // namespace twinning::ingest
