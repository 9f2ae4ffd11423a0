// AddressBudget rations costly work among callers who are not signed in: each
// client address has a bucket of `capacity` units that refills at one unit
// every `refill` seconds; a request takes its cost or is refused with the
// seconds until it could run. Signed-in callers are not rationed here, so a
// crowd of anonymous requests cannot starve an office's own forecast.
//
// Thread-safe. Not copyable. Memory: one small entry per address seen within
// the time a bucket takes to refill (older ones are dropped as it grows).
#pragma once

#include <chrono>
#include <mutex>
#include <string>
#include <unordered_map>

namespace twinning::server {

class AddressBudget {
 public:
  using Clock = std::chrono::steady_clock;

  AddressBudget(double capacity, std::chrono::seconds refill)
      : capacity_(capacity), refill_(refill) {}
  AddressBudget(const AddressBudget&) = delete;
  AddressBudget& operator=(const AddressBudget&) = delete;

  // Takes `cost` units from `address`'s bucket. Throws Error(kRateLimited)
  // with retry_after() (HTTP 429 with Retry-After), naming what was refused
  // (`what`: "a forecast"), when the bucket holds less.
  void take(const std::string& address, double cost, const std::string& what,
            Clock::time_point now = Clock::now());

 private:
  struct Bucket {
    double units = 0;
    Clock::time_point at;
  };
  const double capacity_;
  const std::chrono::seconds refill_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace twinning::server
