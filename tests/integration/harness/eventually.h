#pragma once
// eventually(): polls a condition that another process or thread makes true (a replica learning
// a revocation, a breaker opening, an audit event being written) until it holds or a deadline
// passes. Integration tests only: unit tests never sleep (STYLE.md rule 7).

#include <chrono>
#include <thread>

namespace tars::test {

// Calls `pred` every `step` for up to `timeout`; true as soon as it holds (checked once more at
// the deadline).
template <typename Pred>
bool eventually(Pred&& pred, std::chrono::milliseconds timeout,
                std::chrono::milliseconds step = std::chrono::milliseconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (pred())
      return true;
    std::this_thread::sleep_for(step);
  }
  return pred();
}

}  // namespace tars::test
