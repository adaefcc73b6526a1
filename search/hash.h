// Stable content hashes for trial keys: 128-bit FNV-1a as 32 hex digits, identical on every
// platform.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace coda::search {

// The hash fed in pieces: adding texts one after another hashes their concatenation, so a caller
// can hash a long constant prefix once and copy the state for each key.
class ContentHasher {
 public:
  ContentHasher& add(std::string_view text);
  std::string hex() const;  // 32 lower-case hex digits

 private:
  std::uint64_t m_a = 0xcbf29ce484222325ULL, m_b = 0x84222325cbf29ce4ULL;
  std::uint64_t m_pos = 0;
};

std::string content_hash(std::string_view text);

}  // namespace coda::search
