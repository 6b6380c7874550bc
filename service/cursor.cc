#include "service/cursor.h"

#include <zlib.h>

#include <cstdio>

namespace gazette {
namespace {

constexpr char kVersion[] = "c1";

uint32_t checksum(const std::string& text) {
  return static_cast<uint32_t>(crc32(0L, reinterpret_cast<const Bytef*>(text.data()), static_cast<uInt>(text.size())));
}

std::string hex(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", v);
  return buf;
}

}  // namespace

std::string encode_cursor(size_t offset, const std::string& fingerprint) {
  std::string body = std::string(kVersion) + "." + std::to_string(offset);
  return body + "." + hex(checksum(body + "|" + fingerprint));
}

std::optional<size_t> decode_cursor(const std::string& cursor, const std::string& fingerprint) {
  size_t first = cursor.find('.'), second = cursor.rfind('.');
  if (first == std::string::npos || second == first || cursor.substr(0, first) != kVersion) return std::nullopt;
  std::string body = cursor.substr(0, second);
  if (cursor.substr(second + 1) != hex(checksum(body + "|" + fingerprint))) return std::nullopt;
  std::string digits = cursor.substr(first + 1, second - first - 1);
  if (digits.empty() || digits.size() > 12 || digits.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return static_cast<size_t>(std::stoull(digits));
}

}  // namespace gazette
