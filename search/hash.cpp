// Two 64-bit FNV-1a lanes with different offset bases (the second also salted per byte position)
// give a 128-bit key; collisions among millions of trials are then negligible.
#include "search/hash.h"

#include <cstdio>

namespace coda::search {

ContentHasher& ContentHasher::add(std::string_view text) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  for (unsigned char c : text) {
    m_a = (m_a ^ c) * kPrime;
    m_b = (m_b ^ (c + (m_pos++ & 0xff))) * kPrime;
  }
  return *this;
}

std::string ContentHasher::hex() const {
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(m_a),
                static_cast<unsigned long long>(m_b));
  return out;
}

std::string content_hash(std::string_view text) { return ContentHasher().add(text).hex(); }

}  // namespace coda::search
