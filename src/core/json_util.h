#pragma once
// Small JSON helpers used on hot paths (access log lines, problem bodies) where building a
// boost::json::value would cost more than writing the text directly.

#include <string>
#include <string_view>

namespace tars::json {

// Appends `s` as a JSON string literal (with quotes), escaping per RFC 8259. Bytes that are not
// valid UTF-8 are replaced with U+FFFD so a log line always parses.
void appendQuoted(std::string& out, std::string_view s);

// `s` as a JSON string literal.
std::string quoted(std::string_view s);

}  // namespace tars::json
