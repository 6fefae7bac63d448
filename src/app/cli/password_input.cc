#include "app/cli/password_input.h"

#include <termios.h>
#include <unistd.h>

#include "crypto/constant_time.h"

namespace tars::cli {
namespace {

Status passwordError(std::string message) {
  std::string text = "password: " + message;
  return validationError(std::move(text), {FieldError{"password", std::move(message)}});
}

// Turns terminal echo off for its lifetime (stdin only; a non-terminal is left alone).
class EchoOff {
 public:
  EchoOff() {
    if (::tcgetattr(STDIN_FILENO, &saved_) != 0)
      return;
    termios quiet = saved_;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    active_ = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
  }
  ~EchoOff() {
    if (active_)
      ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved_);
  }
  EchoOff(const EchoOff&) = delete;
  EchoOff& operator=(const EchoOff&) = delete;

 private:
  termios saved_{};
  bool active_ = false;
};

StatusOr<std::string> prompt(std::istream& in, std::ostream& out, std::string_view text) {
  out << text << std::flush;
  StatusOr<std::string> line = [&] {
    EchoOff quiet;
    return readPasswordLine(in);
  }();
  out << "\n" << std::flush;  // the user's Enter was not echoed
  return line;
}

}  // namespace

StatusOr<std::string> readPasswordLine(std::istream& in) {
  std::string line;
  bool any = false;
  char c = 0;
  while (in.get(c)) {
    any = true;
    if (c == '\n')
      break;
    if (line.size() >= kMaxPasswordLineBytes)
      return passwordError("must be 12-1024 characters");
    line.push_back(c);
  }
  if (!any)
    return passwordError("expected on standard input (the first line)");
  if (!line.empty() && line.back() == '\r')
    line.pop_back();
  return line;
}

StatusOr<std::string> readNewPassword(std::istream& in, std::ostream& prompt_out, bool interactive,
                                      std::string_view username) {
  if (!interactive)
    return readPasswordLine(in);
  TARS_ASSIGN_OR_RETURN(std::string first,
                        prompt(in, prompt_out, "New password for " + std::string(username) + ": "));
  TARS_ASSIGN_OR_RETURN(std::string second, prompt(in, prompt_out, "Repeat the password: "));
  if (!crypto::constantTimeEquals(first, second))
    return passwordError("the two entries differ");
  return first;
}

}  // namespace tars::cli
