#include "ingest/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include "model/error.h"

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

  std::string temp = path + ".tmp.XXXXXX";
  int fd = mkstemp(temp.data());
  auto fail = [&](const std::string& what) {
    std::string reason = std::strerror(errno);
    if (fd >= 0) {
      close(fd);
      unlink(temp.c_str());
    }
    throw_invalid("cannot " + what + " " + std::string(field) + " file '" + path + "': " + reason,
                  std::string(field));
  };
  if (fd < 0) fail("create the");
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("write the");
    done += static_cast<std::size_t>(n);
  }
  // mkstemp creates 0600: keep the mode of the file replaced, else 0644.
  struct stat old {};
  mode_t mode = stat(path.c_str(), &old) == 0 ? (old.st_mode & 07777) : 0644;
  if (fchmod(fd, mode) != 0 || fsync(fd) != 0) fail("write the");
  if (close(fd) != 0) {
    fd = -1;
    unlink(temp.c_str());
    throw_invalid(
        "cannot write the " + std::string(field) + " file '" + path + "': " + std::strerror(errno),
        std::string(field));
  }
  fd = -1;
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    std::string reason = std::strerror(errno);
    unlink(temp.c_str());
    throw_invalid("cannot replace the " + std::string(field) + " file '" + path + "': " + reason,
                  std::string(field));
  }
  // Make the rename itself durable.
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

}  // namespace twinning::ingest
