#pragma once
// ServerOptions: the listener and session limits (ARCHITECTURE.md `server.*`; tars.md §1.2, §1.8).

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>

namespace tars::http {

struct ServerOptions {
  std::string host = "127.0.0.1";                // address to bind
  std::uint16_t port = 8094;                     // 0 = any free port (tests)
  int io_threads = 1;                            // threads running the I/O loop
  int worker_threads = 2;                        // pool for Execution::kBlocking handlers
  std::size_t worker_queue_limit = 64;           // waiting blocking handlers; beyond: 503
  std::size_t max_connections = 10000;           // beyond: stop accepting until below
  std::chrono::seconds idle_timeout{60};         // keep-alive wait for a request's first byte
  std::chrono::seconds header_read_timeout{10};  // the whole head must arrive within this
  std::chrono::seconds body_read_timeout{60};    // the whole body must arrive within this
  std::chrono::seconds write_timeout{60};        // a response must be written within this
  std::size_t max_header_bytes = std::size_t{16} * 1024;  // request line + headers; beyond: 431
  std::chrono::seconds shutdown_grace{25};                // drain deadline after SIGTERM
};

}  // namespace tars::http
