#include "server/busy_gate.h"

#include "model/error.h"

namespace twinning::server {

BusyGate::Pass BusyGate::enter() {
  bool expected = false;
  if (!busy_.compare_exchange_strong(expected, true, std::memory_order_acquire)) {
    throw Error(ErrorCode::kUnavailable,
                "the server is computing " + what_ + " for another request; retry shortly");
  }
  return Pass(*this);
}

}  // namespace twinning::server
