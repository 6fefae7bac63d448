#pragma once
// Reading a new password for `tars users add|passwd` (tars.md §3.1). A password never comes from
// argv (it would show in `ps` and shell history): it is the first line of standard input, so
// scripts pipe it in (`printf '%s\n' "$PW" | tars users add …`, the `--password-stdin`
// convention). On a terminal the user is prompted twice on stderr with echo turned off.
//
// Failure modes: kValidation naming `password` when no line arrives (EOF), the line is longer
// than the input cap, or the two typed passwords differ. Length and content rules are checked by
// UserService (12–1024 characters). Messages never contain the password.
//
// Thread safety: none; touches the terminal state of standard input while prompting.

#include <cstddef>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>

#include "core/status.h"

namespace tars::cli {

// Bytes read from one line at most (1024 characters of up to 4 UTF-8 bytes each, and the line
// end); a longer line is refused without reading the rest into memory.
inline constexpr std::size_t kMaxPasswordLineBytes = 4 * 1024 + 2;

// The first line of `in` without its line end ("\n" or "\r\n"). kValidation (password) on EOF
// before any byte or a line longer than kMaxPasswordLineBytes.
StatusOr<std::string> readPasswordLine(std::istream& in);

// The password for `username`: on a terminal (`interactive`), prompts on `prompt_out` with echo
// off, twice, and requires both to match; otherwise readPasswordLine(in).
StatusOr<std::string> readNewPassword(std::istream& in, std::ostream& prompt_out, bool interactive,
                                      std::string_view username);

}  // namespace tars::cli
