// BusyGate admits one holder at a time and refuses the others at once
// rather than queueing them: the server runs its CPU-heavy computations
// (forecast, plan, centrality) through one, so that they never occupy more
// than one worker thread and cheap requests keep being served meanwhile.
//
// Thread-safe. Not copyable.
#pragma once

#include <atomic>
#include <string>

namespace twinning::server {

class BusyGate {
 public:
  // Holds the gate until destroyed.
  class Pass {
   public:
    Pass(const Pass&) = delete;
    Pass& operator=(const Pass&) = delete;
    ~Pass() { gate_.busy_.store(false, std::memory_order_release); }

   private:
    friend class BusyGate;
    explicit Pass(BusyGate& gate) : gate_(gate) {}
    BusyGate& gate_;
  };

  // `what` names the work in the refusal ("a forecast, plan or centrality").
  explicit BusyGate(std::string what) : what_(std::move(what)) {}
  BusyGate(const BusyGate&) = delete;
  BusyGate& operator=(const BusyGate&) = delete;

  // Takes the gate. Throws Error(kUnavailable) (HTTP 503 with Retry-After)
  // while another Pass holds it.
  Pass enter();

 private:
  std::atomic<bool> busy_{false};
  std::string what_;
};

}  // namespace twinning::server
