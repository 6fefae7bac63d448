#include "core/json_number.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace tars::json {

void appendInteger(std::string& out, std::int64_t value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

void appendInteger(std::string& out, std::uint64_t value) {
  char buf[24];
  const auto result = std::to_chars(buf, buf + sizeof buf, value);
  out.append(buf, result.ptr);
}

bool appendFloat(std::string& out, double value) {
  if (!std::isfinite(value))
    return false;
  if (value == 0.0) {
    out.append(std::signbit(value) ? "-0.0" : "0.0");
    return true;
  }
  if (value < 0) {
    out.push_back('-');
    value = -value;
  }
  // std::to_chars picks the shortest digit string that round-trips; the scientific form
  // "d[.ddd]e±XX" hands us those digits and the exponent, and the layout below is ours (§3.4:
  // to_chars' own layout, "1e+16" without ".0", is not the canonical one).
  char sci[32];
  const auto result = std::to_chars(sci, sci + sizeof sci, value, std::chars_format::scientific);
  const std::string_view text(sci, static_cast<std::size_t>(result.ptr - sci));
  const std::size_t e_pos = text.find('e');
  std::string digits;
  for (char c : text.substr(0, e_pos)) {
    if (c != '.')
      digits.push_back(c);
  }
  int exponent = 0;  // of d1.d2…dn × 10^exponent
  std::string_view exp_text = text.substr(e_pos + 1);
  if (!exp_text.empty() && exp_text.front() == '+')
    exp_text.remove_prefix(1);
  std::from_chars(exp_text.data(), exp_text.data() + exp_text.size(), exponent);

  // §3.4 speaks of 0.d1…dn × 10^kk.
  const int n = static_cast<int>(digits.size());
  const int kk = exponent + 1;
  if (n <= kk && kk <= 16) {
    out.append(digits);
    out.append(static_cast<std::size_t>(kk - n), '0');
    out.append(".0");
  } else if (0 < kk && kk < n && kk <= 16) {
    out.append(digits, 0, static_cast<std::size_t>(kk));
    out.push_back('.');
    out.append(digits, static_cast<std::size_t>(kk));
  } else if (-5 < kk && kk <= 0) {
    out.append("0.");
    out.append(static_cast<std::size_t>(-kk), '0');
    out.append(digits);
  } else {
    out.push_back(digits[0]);
    if (n > 1) {
      out.push_back('.');
      out.append(digits, 1);
    }
    out.push_back('e');
    appendInteger(out, static_cast<std::int64_t>(kk - 1));
  }
  return true;
}

}  // namespace tars::json
