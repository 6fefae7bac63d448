#pragma once
// ScriptedPeer: a plain-TCP peer on 127.0.0.1:0 for tests of tars as a client. It reads each
// connection's request head and answers with `reply` (raw bytes: status line, headers, body), or
// says nothing and holds the connection open when `reply` is empty (a peer that never answers).
//
// Thread safety: runs its own I/O thread; lastRequest() may be called from any thread.

#include <cstdint>
#include <memory>
#include <string>

namespace tars::test {

class ScriptedPeer {
 public:
  explicit ScriptedPeer(std::string reply);
  ~ScriptedPeer();

  std::uint16_t port() const;
  // The head of the last request received ("" before the first).
  std::string lastRequest() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tars::test
