#include "server/address_budget.h"

#include <algorithm>
#include <cmath>

#include "model/error.h"

namespace twinning::server {

void AddressBudget::take(const std::string& address, double cost, const std::string& what,
                         Clock::time_point now) {
  std::lock_guard lock(mutex_);
  double per_second = 1.0 / static_cast<double>(refill_.count());
  auto full_after = std::chrono::duration<double>(capacity_ / per_second);
  if (buckets_.size() > 10'000) {  // forget addresses whose buckets are full again
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      it = now - it->second.at > full_after ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(address, Bucket{capacity_, now});
  Bucket& b = it->second;
  if (!fresh) {
    double elapsed = std::chrono::duration<double>(now - b.at).count();
    b.units = std::min(capacity_, b.units + elapsed * per_second);
    b.at = now;
  }
  if (b.units >= cost) {
    b.units -= cost;
    return;
  }
  int wait = static_cast<int>(std::ceil((cost - b.units) / per_second));
  throw Error(ErrorCode::kRateLimited,
              "too much costly work from your address without signing in: " + what +
                  " may run again in " + std::to_string(wait) +
                  " s (signed-in users are not limited)")
      .set_retry_after(std::max(1, wait));
}

}  // namespace twinning::server
