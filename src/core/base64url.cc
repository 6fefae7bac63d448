#include "core/base64url.h"

#include <array>
#include <cstdint>

namespace tars {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr std::uint8_t kInvalid = 0xFF;

constexpr std::array<std::uint8_t, 256> makeDecodeTable() {
  std::array<std::uint8_t, 256> table{};
  for (auto& entry : table) {
    entry = kInvalid;
  }
  for (std::uint8_t i = 0; i < 64; ++i) {
    table[static_cast<unsigned char>(kAlphabet[i])] = i;
  }
  return table;
}

constexpr std::array<std::uint8_t, 256> kDecode = makeDecodeTable();

inline std::uint8_t sextet(char c) {
  return kDecode[static_cast<unsigned char>(c)];
}

}  // namespace

void appendBase64Url(std::string& out, std::string_view bytes) {
  const std::size_t start = out.size();
  out.resize(start + base64UrlEncodedSize(bytes.size()));
  char* dst = out.data() + start;
  const auto* src = reinterpret_cast<const unsigned char*>(bytes.data());
  std::size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t v = (std::uint32_t{src[i]} << 16) | (std::uint32_t{src[i + 1]} << 8) |
                            std::uint32_t{src[i + 2]};
    *dst++ = kAlphabet[(v >> 18) & 63];
    *dst++ = kAlphabet[(v >> 12) & 63];
    *dst++ = kAlphabet[(v >> 6) & 63];
    *dst++ = kAlphabet[v & 63];
  }
  const std::size_t rest = bytes.size() - i;
  if (rest == 1) {
    const std::uint32_t v = std::uint32_t{src[i]} << 16;
    *dst++ = kAlphabet[(v >> 18) & 63];
    *dst++ = kAlphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    const std::uint32_t v = (std::uint32_t{src[i]} << 16) | (std::uint32_t{src[i + 1]} << 8);
    *dst++ = kAlphabet[(v >> 18) & 63];
    *dst++ = kAlphabet[(v >> 12) & 63];
    *dst++ = kAlphabet[(v >> 6) & 63];
  }
}

std::string base64UrlEncode(std::string_view bytes) {
  std::string out;
  appendBase64Url(out, bytes);
  return out;
}

bool base64UrlDecodeTo(std::string_view text, std::string& out) {
  const std::size_t rest = text.size() % 4;
  if (rest == 1) {
    return false;  // 6 bits cannot make a byte
  }
  out.resize((text.size() / 4) * 3 + (rest == 0 ? 0 : rest - 1));
  auto* dst = reinterpret_cast<unsigned char*>(out.data());
  std::size_t i = 0;
  const std::size_t full = text.size() - rest;
  for (; i < full; i += 4) {
    const std::uint8_t a = sextet(text[i]);
    const std::uint8_t b = sextet(text[i + 1]);
    const std::uint8_t c = sextet(text[i + 2]);
    const std::uint8_t d = sextet(text[i + 3]);
    if ((a | b | c | d) & 0xC0) {
      return false;  // kInvalid has the top bits set; every valid sextet is < 64
    }
    const std::uint32_t v = (std::uint32_t{a} << 18) | (std::uint32_t{b} << 12) |
                            (std::uint32_t{c} << 6) | std::uint32_t{d};
    *dst++ = static_cast<unsigned char>(v >> 16);
    *dst++ = static_cast<unsigned char>(v >> 8);
    *dst++ = static_cast<unsigned char>(v);
  }
  if (rest == 2) {
    const std::uint8_t a = sextet(text[i]);
    const std::uint8_t b = sextet(text[i + 1]);
    // The low 4 bits of the second character are unused and must be zero (canonical form).
    if (((a | b) & 0xC0) || (b & 0x0F) != 0) {
      return false;
    }
    *dst++ = static_cast<unsigned char>((a << 2) | (b >> 4));
  } else if (rest == 3) {
    const std::uint8_t a = sextet(text[i]);
    const std::uint8_t b = sextet(text[i + 1]);
    const std::uint8_t c = sextet(text[i + 2]);
    // The low 2 bits of the third character are unused and must be zero.
    if (((a | b | c) & 0xC0) || (c & 0x03) != 0) {
      return false;
    }
    const std::uint32_t v =
        (std::uint32_t{a} << 18) | (std::uint32_t{b} << 12) | (std::uint32_t{c} << 6);
    *dst++ = static_cast<unsigned char>(v >> 16);
    *dst++ = static_cast<unsigned char>(v >> 8);
  }
  return true;
}

std::optional<std::string> base64UrlDecode(std::string_view text) {
  std::string out;
  if (!base64UrlDecodeTo(text, out)) {
    return std::nullopt;
  }
  return out;
}

std::optional<std::string> base64StdDecode(std::string_view text) {
  if (text.size() % 4 != 0)
    return std::nullopt;
  std::size_t pad = 0;
  while (pad < 2 && pad < text.size() && text[text.size() - 1 - pad] == '=')
    ++pad;
  std::string url(text.substr(0, text.size() - pad));
  for (char& c : url) {
    if (c == '+')
      c = '-';
    else if (c == '/')
      c = '_';
    else if (c == '-' || c == '_')
      return std::nullopt;  // not in the standard alphabet
  }
  // base64UrlDecode rejects '=' left inside and non-canonical trailing bits.
  return base64UrlDecode(url);
}

}  // namespace tars
