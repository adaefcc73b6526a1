// Two 64-bit FNV-1a lanes with different offset bases (the second also salted per byte position)
// give a 128-bit key; collisions among millions of trials are then negligible.
#include "search/hash.h"

#include <cstdint>
#include <cstdio>

namespace coda::search {

std::string content_hash(const std::string& text) {
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t a = 0xcbf29ce484222325ULL, b = 0x84222325cbf29ce4ULL;
  std::uint64_t pos = 0;
  for (unsigned char c : text) {
    a = (a ^ c) * kPrime;
    b = (b ^ (c + (pos++ & 0xff))) * kPrime;
  }
  char out[33];
  std::snprintf(out, sizeof out, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return out;
}

}  // namespace coda::search
