#include "core/utf8.h"

namespace tars::utf8 {
namespace {

unsigned char byteAt(std::string_view s, std::size_t i) {
  return static_cast<unsigned char>(s[i]);
}

}  // namespace

bool isValid(std::string_view s) {
  std::size_t i = 0;
  const std::size_t n = s.size();
  while (i < n) {
    const unsigned char c = byteAt(s, i);
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t len = 0;
    // The allowed range of the second byte narrows for the lead bytes that would otherwise admit
    // overlong forms (E0, F0), surrogates (ED) or code points above U+10FFFF (F4).
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      if (c == 0xE0)
        lo = 0xA0;
      if (c == 0xED)
        hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      if (c == 0xF0)
        lo = 0x90;
      if (c == 0xF4)
        hi = 0x8F;
    } else {
      return false;
    }
    if (n - i < len)
      return false;
    const unsigned char c1 = byteAt(s, i + 1);
    if (c1 < lo || c1 > hi)
      return false;
    for (std::size_t k = 2; k < len; ++k) {
      if ((byteAt(s, i + k) & 0xC0) != 0x80)
        return false;
    }
    i += len;
  }
  return true;
}

std::size_t length(std::string_view s) {
  std::size_t count = 0;
  for (char c : s)
    count += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return count;
}

char32_t decodeNext(std::string_view s, std::size_t& i) {
  const unsigned char c = byteAt(s, i);
  if (c < 0x80) {
    ++i;
    return c;
  }
  const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len && i + k < s.size(); ++k)
    cp = (cp << 6) | (byteAt(s, i + k) & 0x3F);
  i += len;
  return cp;
}

}  // namespace tars::utf8
