// What the mail code that uses GMime 3 shares (mail/message_parser.cpp,
// mail/outgoing_message.cpp): initialising the library once per process
// (thread-safe), and owning GObject references.
#pragma once

#include <gmime/gmime.h>

#include <memory>
#include <mutex>

namespace twinning::mail {

// Initialises GMime on first call; later calls return at once.
inline void init_gmime() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

// Releases one GObject reference (nullptr allowed).
struct Unref {
  void operator()(void* p) const {
    if (p) g_object_unref(p);
  }
};

// An owned reference to a GObject (GMimeMessage, GMimeStream, ...).
template <class T>
using GPtr = std::unique_ptr<T, Unref>;

}  // namespace twinning::mail
