#pragma once
// Serialises a Response head into HTTP/1.1 wire text (status line, headers, blank line).
//
// Why not Beast's serializer: it builds a buffers_cat view over every field and walks it with
// variant visitors on each write, which profiled at about a third of the instructions of a small
// request. Our responses are small and fully in memory, so one contiguous head plus the body
// buffer is all a write needs.

#include <string>

#include "http/response.h"

namespace tars::http {

struct WireOptions {
  bool keep_alive = true;          // false adds "Connection: close"
  bool http10_keep_alive = false;  // an HTTP/1.0 client asked for keep-alive: say so explicitly
  bool head_request = false;       // HEAD: Content-Length of the body, no body
};

// Appends the head of `response` to `out`. Header names or values containing CR, LF or NUL are
// dropped (they would let a value inject headers); callers log nothing from here.
void appendResponseHead(const Response& response, std::string_view date, const WireOptions& options,
                        std::string& out);

// Whether a response with this status carries a body (not 1xx, 204, 304).
bool statusHasBody(int status);

}  // namespace tars::http
