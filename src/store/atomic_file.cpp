#include "store/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "model/error.h"

namespace twinning::store {
namespace {

// Removes the temporary file unless it was published.
struct TempFile {
  std::string path;
  bool published = false;
  ~TempFile() {
    if (!published) unlink(path.c_str());
  }
};

}  // namespace

void replace_file_atomically(const std::string& path,
                             const std::function<void(const std::string& temp_path)>& write,
                             std::string_view field, mode_t new_mode) {
  auto fail = [&](const std::string& what) {
    throw_invalid("cannot " + what + " " + std::string(field) + " file '" + path +
                      "': " + std::strerror(errno),
                  std::string(field));
  };
  TempFile temp{path + ".tmp.XXXXXX"};
  int fd = mkstemp(temp.path.data());
  if (fd < 0) {
    temp.published = true;  // nothing to remove
    fail("create the");
  }
  close(fd);
  write(temp.path);

  // mkstemp creates 0600: keep the mode of the file replaced, else new_mode.
  struct stat old {};
  mode_t mode = stat(path.c_str(), &old) == 0 ? (old.st_mode & 07777) : new_mode;
  fd = open(temp.path.c_str(), O_RDWR);
  if (fd < 0) fail("write the");
  if (fchmod(fd, mode) != 0 || fsync(fd) != 0) {
    int saved = errno;
    close(fd);
    errno = saved;
    fail("write the");
  }
  if (close(fd) != 0) fail("write the");
  if (std::rename(temp.path.c_str(), path.c_str()) != 0) fail("replace the");
  temp.published = true;
  // Make the rename itself durable.
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  int dfd = open(dir.c_str(), O_RDONLY | O_DIRECTORY);
  if (dfd >= 0) {
    fsync(dfd);
    close(dfd);
  }
}

}  // namespace twinning::store
